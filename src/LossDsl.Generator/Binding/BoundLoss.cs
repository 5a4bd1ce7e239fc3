using System.Collections.Immutable;
using LossDsl.Generator.IR;
using LossDsl.Generator.Parsing;

namespace LossDsl.Generator.Binding;

/// <summary>A formula bound to its method: every name resolved, every node typed and shaped.</summary>
/// <param name="Signature">The method's parameters and their roles.</param>
/// <param name="Factory">The factory that owns the IR; later stages build their nodes with it.</param>
/// <param name="Result">The loss: a scalar for a reduced method, per-element values for a void one.</param>
/// <param name="Inputs">The leaf node of every input parameter, by name (its kind and shape decided by the binder).</param>
/// <param name="ClassIndices">The integer inputs used as class indices (gathers, one-hot masks), each with the integer
/// options it is compared against: an index equal to one of them may lie outside [0, C) (an ignored sample).</param>
internal sealed record BoundLoss(BoundSignature Signature, ExprFactory Factory, Expr Result, ImmutableDictionary<string, Expr> Inputs,
    ImmutableArray<ClassIndexUse> ClassIndices)
{
    /// <summary>The materialized nodes of the formula (pairwise matrices), in order of first use.</summary>
    public ImmutableArray<MaterializedCall> Materialized { get; init; } = ImmutableArray<MaterializedCall>.Empty;

    /// <summary>Label inputs that <c>same(y)</c> also reads along the pair axis (so they hold one value per column too).</summary>
    public ImmutableArray<string> PairLabels { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// The formula's bindings (<c>name = expr;</c>), in order. Every use of a name stands for its value: the bound formula
    /// has no node of its own for a binding, so this is the only record of them.
    /// </summary>
    public ImmutableArray<BoundBinding> Bindings { get; init; } = ImmutableArray<BoundBinding>.Empty;
}

/// <summary>A binding of the formula (<c>name = expr;</c>) and what it was bound to.</summary>
/// <param name="Name">The bound name.</param>
/// <param name="Syntax">The binding as written (its <see cref="BindingSyntax.NameSpan"/> locates the name in the formula).</param>
/// <param name="Value">The node the name stands for wherever the formula uses it (its kind and shape are the binding's).</param>
internal sealed record BoundBinding(string Name, BindingSyntax Syntax, Expr Value);

/// <summary>An integer input used to index classes.</summary>
/// <param name="Input">The input's name.</param>
/// <param name="IgnoredBy">Integer options the formula compares it against (<c>y != ignore_index</c>).</param>
internal sealed record ClassIndexUse(string Input, ImmutableArray<string> IgnoredBy);
