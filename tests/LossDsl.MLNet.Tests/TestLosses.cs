using System;

namespace LossDsl.MLNet.Tests;

/// <summary>Elementwise losses declared the way a user of the adapter declares them.</summary>
internal static partial class TestLosses
{
    [Loss("(p - t)^2")]
    public static partial void Squared(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

    [Loss("(p - t)^2")]
    public static partial void SquaredBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

    [Loss("e = p - t; where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta))")]
    public static partial void Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float delta = 1);

    [Loss("e = p - t; where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta))")]
    public static partial void HuberBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float delta = 1);

    [Loss("log_cosh(p - t)")]
    public static partial void LogCosh(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, ReadOnlySpan<float> dloss, Span<float> dp);

    [Loss("log_cosh(p - t)")]
    public static partial void LogCoshForward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

    [Loss("log_cosh(p - t)")]
    public static partial void LogCoshBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

    // Hinge on labels t in {-1, +1}. relu'(0) = 0, as ML.NET's HingeLoss makes no update at the margin.
    [Loss("relu(1 - t * p)")]
    public static partial void Hinge(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

    [Loss("relu(1 - t * p)")]
    public static partial void HingeBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

    // Logistic loss on labels t in {0, 1}: -log(sigmoid(p)) for t = 1, -log(1 - sigmoid(p)) for t = 0.
    [Loss("softplus(p) - t * p")]
    public static partial void Logistic(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

    [Loss("softplus(p) - t * p")]
    public static partial void LogisticBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);
}
