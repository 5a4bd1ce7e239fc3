using System.Collections.Immutable;
using LossDsl.Generator.IR;

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
}

/// <summary>An integer input used to index classes.</summary>
/// <param name="Input">The input's name.</param>
/// <param name="IgnoredBy">Integer options the formula compares it against (<c>y != ignore_index</c>).</param>
internal sealed record ClassIndexUse(string Input, ImmutableArray<string> IgnoredBy);
