using System;

namespace LossDsl;

/// <summary>The value holds logits: unnormalized scores, any real number, that a softmax (one label among classes) or a sigmoid (independent binary labels) turns into probabilities.</summary>
/// <remarks>Losses that take logits (cross-entropy, binary cross-entropy with logits) apply the softmax or sigmoid themselves, in a stable form. Passing them probabilities applies it twice (LD2001, LD2002); a loss that expects probabilities must not get logits (LD2003). Put it on a model's output: <c>[return: Logits] public Tensor Forward(Tensor x)</c>.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LogitsAttribute : ValueKindAttribute
{
}
