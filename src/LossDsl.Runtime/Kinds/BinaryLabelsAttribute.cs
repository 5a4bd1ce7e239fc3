using System;

namespace LossDsl;

/// <summary>The value holds binary labels in {0, 1} (or soft targets in [0, 1]), one per sample or per output: the targets of binary cross-entropy and of multi-label losses.</summary>
/// <remarks>Margin and embedding losses (hinge, soft-margin, margin-ranking, hinge-embedding, cosine-embedding) expect {−1, +1} labels instead; a {0, 1} label there is LD2008: a 0 sample is not a negative sample there (depending on the loss it adds nothing, a constant without gradient, or both branches of the loss).</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BinaryLabelsAttribute : ValueKindAttribute
{
}
