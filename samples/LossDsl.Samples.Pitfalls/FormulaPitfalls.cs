using System;
using System.Numerics.Tensors;
using LossDsl;

namespace LossDsl.Samples.Pitfalls;

// The formula pitfalls (LD1xxx). Each [Loss] marked "pitfall:" shows the squiggle inside its string; the method after it
// is the formula as the code fix (or the docs page) writes it, and is clean. Every diagnostic id is explained, with the
// numbers behind it, in docs/diagnostics/<id>.md.
public static partial class FormulaPitfalls
{
    // LD1001: log(0) = -inf. A probability reaches 0 or 1 exactly in float, and one such element makes the loss infinite
    // and the gradient NaN.
    [Loss("mean(-(t * log(p) + (1 - t) * log(1 - p)))")] // pitfall: LD1001 LD1001
    public static partial float BinaryCrossEntropy([Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t, Span<float> dp);

    [Loss("mean(-(t * log(max(p, 1e-7)) + (1 - t) * log(max(1 - p, 1e-7))))")]
    public static partial float BinaryCrossEntropyClamped([Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t, Span<float> dp);

    // LD1002 (info): the compiler computes log(sigmoid(x)) as log_sigmoid(x) anyway; write what runs.
    [Loss("mean(-t * log(sigmoid(x)) - (1 - t) * log(1 - sigmoid(x)))")] // pitfall: LD1002 LD1002
    public static partial float BinaryCrossEntropyWithLogits([Logits] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t, Span<float> dx);

    [Loss("mean(-t * log_sigmoid(x) - (1 - t) * log_sigmoid(-x))")]
    public static partial float BinaryCrossEntropyWithLogitsStable([Logits] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t, Span<float> dx);

    // LD1003: exp of raw logits overflows above 88.7 in float, and this form is computed as written.
    [Loss("mean(log(row_sum(exp(x))) - x[y])")] // pitfall: LD1003
    public static partial float CrossEntropyByHand([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx);

    [Loss("mean(logsumexp(x) - x[y])")]
    public static partial float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx);

    // LD1004: the gradient of sqrt at 0 is infinite: a batch fitted exactly gets a NaN gradient.
    [Loss("sqrt(mean((p - t)^2))")] // pitfall: LD1004
    public static partial float RootMeanSquareError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    [Loss("sqrt(mean((p - t)^2) + 1e-12)")]
    public static partial float RootMeanSquareErrorSafe(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    // LD1005: a target of 0 makes the percentage error infinite.
    [Loss("mean(abs(p - t) / abs(t))")] // pitfall: LD1005
    public static partial float MeanAbsolutePercentageError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    [Loss("mean(abs(p - t) / max(abs(t), 1e-7))")]
    public static partial float MeanAbsolutePercentageErrorFloored(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    // LD1006 (info): a sum grows with the batch size, a mean does not.
    [Loss("mean((p - t)^2) + sum(abs(p - t))")] // pitfall: LD1006
    public static partial float MeanPlusSum(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    [Loss("mean((p - t)^2) + mean(abs(p - t))")]
    public static partial float MeanPlusMean(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
}
