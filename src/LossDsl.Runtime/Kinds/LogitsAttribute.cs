using System;

namespace LossDsl;

/// <summary>The value holds logits: unnormalized scores, any real number, that a softmax (one label among classes) or a sigmoid (independent binary labels) turns into probabilities.</summary>
/// <remarks>Losses that take logits (cross-entropy, binary cross-entropy with logits) apply the softmax or sigmoid themselves, in a stable form. Passing them probabilities applies it twice (LD2001, LD2002); a loss that expects probabilities must not get logits (LD2003). Put it on a model's output: <c>[return: Logits] public Tensor Forward(Tensor x)</c>. On a loss parameter, <see cref="Activation"/> says which of the two the loss applies, when its other parameters do not tell (a loss with class indices applies softmax, one with {0, 1} or {−1, +1} labels sigmoid; one with probability targets could be either).</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LogitsAttribute : ValueKindAttribute
{
    /// <summary>What the loss taking this parameter turns the logits into probabilities with; <see cref="LogitsActivation.Unspecified"/> by default.</summary>
    public LogitsActivation Activation { get; set; }
}

/// <summary>The function a loss applies to its logits (<see cref="LogitsAttribute.Activation"/>).</summary>
public enum LogitsActivation
{
    /// <summary>Not stated: the analyzers infer it from the loss's other parameters, or from where a wrong value came from.</summary>
    Unspecified = 0,

    /// <summary>Softmax along the class axis: one label among classes (cross-entropy, focal loss).</summary>
    Softmax = 1,

    /// <summary>Sigmoid per element: independent binary labels (binary cross-entropy with logits, multi-label soft margin).</summary>
    Sigmoid = 2,
}
