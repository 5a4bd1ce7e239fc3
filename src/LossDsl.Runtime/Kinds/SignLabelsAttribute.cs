using System;

namespace LossDsl;

/// <summary>The value holds sign labels in {−1, +1}, one per sample: the targets of hinge, soft-margin, margin-ranking, hinge-embedding and cosine-embedding losses.</summary>
/// <remarks>Binary cross-entropy expects {0, 1} labels instead; a −1 label there is LD2009: it gives a loss that is unbounded below.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SignLabelsAttribute : ValueKindAttribute
{
}
