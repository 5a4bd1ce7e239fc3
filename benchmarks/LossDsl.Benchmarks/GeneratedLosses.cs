using System;
using System.Numerics.Tensors;
using LossDsl;

namespace LossDsl.Benchmarks;

/// <summary>The three benchmarked losses written as LossDsl formulas; the generator supplies the bodies.</summary>
public static partial class GeneratedLosses
{
    [Loss("mean((p - t)^2)")]
    public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    [Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")]
    public static partial float Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta = 1.0f);

    // PyTorch BCEWithLogitsLoss: x are logits, t targets in [0, 1].
    [Loss("mean(max(x, 0) - x * t + log1p(exp(-abs(x))))")]
    public static partial float BceWithLogits(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx);

    // PyTorch cross_entropy from logits and class indices, mean reduction.
    [Loss("mean(logsumexp(x) - x[y])")]
    public static partial float CrossEntropy(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);
}
