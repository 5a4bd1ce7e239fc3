using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>What the analysis knows about a value at one point of a method body.</summary>
internal abstract class Fact
{
    /// <summary>Nothing is known; the variable's name may still hint at its kind.</summary>
    public static readonly Fact Opaque = new Marker("opaque");

    /// <summary>Paths disagree (reassigned on one branch only, captured by a lambda ...): nothing may be guessed, not even from a name.</summary>
    public static readonly Fact Ambiguous = new Marker("ambiguous");

    /// <summary>The fact after two paths join.</summary>
    public static Fact Merge(Fact a, Fact b)
    {
        if (ReferenceEquals(a, b) || a.Equals(b))
        {
            return a;
        }

        switch (a)
        {
            case ValueFact va when b is ValueFact vb && va.Kind == vb.Kind:
                // Same kind on every path: still worth reporting, but no single producer to fix. Keep the first
                // origin in source order so the result does not depend on the order the paths were visited.
                Origin first = va.Origin.Position <= vb.Origin.Position ? va.Origin : vb.Origin;
                return new ValueFact(va.Kind, first, singleOrigin: false);
            case LossFact la when b is LossFact lb && la.Reduction == lb.Reduction:
                return la.Position <= lb.Position ? la : lb;
            default:
                return Ambiguous;
        }
    }

    private sealed class Marker : Fact
    {
        private readonly string name;

        public Marker(string name) => this.name = name;

        public override string ToString() => name;
    }
}

/// <summary>The value holds numbers of a known kind.</summary>
internal sealed class ValueFact : Fact
{
    public ValueFact(ValueKind kind, Origin origin, bool singleOrigin = true)
    {
        Kind = kind;
        Origin = origin;
        SingleOrigin = singleOrigin;
    }

    public ValueKind Kind { get; }

    public Origin Origin { get; }

    /// <summary>False when paths with different producers joined: the kind is certain, the producer is not.</summary>
    public bool SingleOrigin { get; }

    public override bool Equals(object? obj) => obj is ValueFact v && v.Kind == Kind && v.SingleOrigin == SingleOrigin && v.Origin.Equals(Origin);

    public override int GetHashCode() => ((int)Kind * 397) ^ Origin.GetHashCode();

    public override string ToString() => $"{Kind} ({Origin.Template})";
}

/// <summary>The value is a TorchSharp module created in this body (a loss or an activation), with its options where they are constants.</summary>
internal sealed class ModuleFact : Fact
{
    public ModuleFact(TorchModule module, SyntaxNode creation, Reduction? reduction, bool? logTarget, bool logTargetExplicit, SyntaxNode? dimSyntax)
    {
        LogTargetExplicit = logTargetExplicit;
        Module = module;
        Creation = creation;
        Reduction = reduction;
        LogTarget = logTarget;
        DimSyntax = dimSyntax;
    }

    public TorchModule Module { get; }

    public SyntaxNode Creation { get; }

    public Reduction? Reduction { get; }

    public bool? LogTarget { get; }

    public bool LogTargetExplicit { get; }

    public SyntaxNode? DimSyntax { get; }

    public override bool Equals(object? obj) => obj is ModuleFact m && ReferenceEquals(m.Module, Module) && ReferenceEquals(m.Creation, Creation);

    public override int GetHashCode() => Creation.GetHashCode();
}

/// <summary>The value is the result of a known loss, reduced over the batch as <see cref="Reduction"/> says.</summary>
internal sealed class LossFact : Fact
{
    public LossFact(Reduction reduction, string template, SyntaxNode syntax)
    {
        Reduction = reduction;
        Template = template;
        Syntax = syntax;
    }

    public Reduction Reduction { get; }

    /// <summary>The description with a line placeholder, see <see cref="Origin.Template"/>.</summary>
    public string Template { get; }

    /// <summary>For example <c>kl_div with reduction Sum at line 14</c>.</summary>
    public string Description => Origin.DescriptionOf(Template, Syntax);

    public SyntaxNode Syntax { get; }

    public int Position => Syntax.SpanStart;

    public override bool Equals(object? obj) => obj is LossFact l && l.Reduction == Reduction && ReferenceEquals(l.Syntax, Syntax) && l.Template == Template;

    public override int GetHashCode() => Syntax.GetHashCode();
}
