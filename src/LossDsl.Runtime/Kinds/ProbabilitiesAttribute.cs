using System;

namespace LossDsl;

/// <summary>The value holds probabilities in [0, 1]: the output of a softmax (rows that sum to 1) or of a sigmoid (independent probabilities).</summary>
/// <remarks>Losses that take probabilities (binary cross-entropy, categorical cross-entropy) must not get logits (LD2003); losses that take logits (LD2001, LD2002) or log-probabilities (LD2005, LD2006) must not get probabilities.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProbabilitiesAttribute : ValueKindAttribute
{
}
