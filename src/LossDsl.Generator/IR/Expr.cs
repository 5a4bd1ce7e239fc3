using System.Collections.Immutable;

namespace LossDsl.Generator.IR;

/// <summary>
/// A node of the formula IR: an immutable, typed and shaped operation on other nodes. Nodes are created only by an
/// <see cref="ExprFactory"/>, which interns them, so two structurally equal nodes of one factory are the same object
/// (common-subexpression elimination by construction) and <see cref="Id"/> orders every node after its arguments.
/// </summary>
internal sealed class Expr
{
    internal Expr(int id, Op op, ImmutableArray<Expr> args, double value, string? name, ValueKind kind, Shape shape)
    {
        Id = id;
        Op = op;
        Args = args;
        Value = value;
        Name = name;
        Kind = kind;
        Shape = shape;
    }

    /// <summary>Creation order within the factory; arguments always have smaller ids.</summary>
    public int Id { get; }

    /// <summary>The operation.</summary>
    public Op Op { get; }

    /// <summary>The operands.</summary>
    public ImmutableArray<Expr> Args { get; }

    /// <summary>For <see cref="Op.Constant"/>, the number.</summary>
    public double Value { get; }

    /// <summary>For <see cref="Op.Input"/> and <see cref="Op.Option"/>, the parameter's name.</summary>
    public string? Name { get; }

    /// <summary>Real, integer or mask.</summary>
    public ValueKind Kind { get; }

    /// <summary>The indices the value varies along.</summary>
    public Shape Shape { get; }

    /// <summary>Whether this is the constant <paramref name="value"/>.</summary>
    public bool IsConstant(double value) => Op == Op.Constant && Value.Equals(value);

    /// <summary>The first operand.</summary>
    public Expr A => Args[0];

    /// <summary>The second operand.</summary>
    public Expr B => Args[1];

    /// <summary>The third operand.</summary>
    public Expr C => Args[2];

    /// <inheritdoc/>
    public override string ToString() => ExprPrinter.Print(this);
}
