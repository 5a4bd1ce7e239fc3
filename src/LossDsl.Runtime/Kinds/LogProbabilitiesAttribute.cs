using System;

namespace LossDsl;

/// <summary>The value holds log-probabilities, values in (−∞, 0]: the output of a log-softmax (rows whose exponentials sum to 1) or of a log-sigmoid.</summary>
/// <remarks>Negative log-likelihood, CTC and the input of KL divergence expect log-probabilities; passing them probabilities (LD2005, LD2006) or logits (LD2011) computes a different, wrong loss without any error.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LogProbabilitiesAttribute : ValueKindAttribute
{
}
