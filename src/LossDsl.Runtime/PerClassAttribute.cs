using System;

namespace LossDsl;

/// <summary>
/// Marks a vector input of a <see cref="LossAttribute">[Loss]</see> method as holding one value per class (length C),
/// broadcast along the rows of the loss's matrices, as PyTorch's per-class <c>weight</c> and <c>pos_weight</c> are.
/// </summary>
/// <remarks>
/// Without it a vector input holds one value per sample (length N). A vector that the formula gathers by class indices
/// (<c>weight[y]</c>) is per-class without the attribute.
/// <code>
/// [Loss("mean(pos_weight * t * softplus(-x) + (1 - t) * softplus(x))")]
/// public static partial float MultiLabel(ReadOnlyTensorSpan&lt;float&gt; x, ReadOnlyTensorSpan&lt;float&gt; t, [PerClass] ReadOnlySpan&lt;float&gt; pos_weight);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class PerClassAttribute : Attribute
{
}
