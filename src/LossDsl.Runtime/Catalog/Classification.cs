using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Classification losses: logits, probabilities or log-probabilities against class indices, one-hot or
    /// soft targets, or binary labels.</summary>
    public static partial class Classification
    {
        private const string CrossEntropyFormula =
            "valid = y != ignore_index; lse = logsumexp(x); " +
            "reduce(where(valid, (1 - label_smoothing) * (lse - x[y]) + label_smoothing * row_mean(lse - x), 0), where(valid, 1, 0))";

        private const string WeightedCrossEntropyFormula =
            "valid = y != ignore_index; wy = where(valid, weight[y], 0); lse = logsumexp(x); " +
            "reduce(wy * (1 - label_smoothing) * (lse - x[y]) + where(valid, label_smoothing * row_mean(weight * (lse - x)), 0), wy)";

        private const string ProbabilityCrossEntropyFormula =
            "lp = log_softmax(x); reduce(-(1 - label_smoothing) * row_sum(t * lp) - label_smoothing * row_mean(lp))";

        private const string WeightedProbabilityCrossEntropyFormula =
            "lp = log_softmax(x); reduce(-(1 - label_smoothing) * row_sum(weight * t * lp) - label_smoothing * row_mean(weight * lp))";

        private static void ValidateLabelSmoothing(double label_smoothing)
        {
            if (!(label_smoothing >= 0 && label_smoothing <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(label_smoothing), label_smoothing, "label_smoothing must be in [0, 1].");
            }
        }

        /// <summary>Cross-entropy of logits against class indices, PyTorch's <c>cross_entropy</c>: ℓᵢ = (1 − ε)·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ (logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, y, weight, ignore_index=ignore_index, reduction=…, label_smoothing=label_smoothing)</c>, including PyTorch's weighted mean: <see cref="Reduction.Mean"/> divides by Σ w[yᵢ] over the samples not ignored (NaN when every sample is ignored), and with label smoothing the smoothing term of a sample is weighted by the class weights of every class, not by w[yᵢ]. <see cref="Reduction.BatchMean"/> (not in PyTorch) divides the sum by the number of rows.</para><para>The gradient (with respect to the logits; not the class weights) is (softmax(x) − target)·weights/denominator per row; stable for logits of any finite magnitude. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>; <paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, int, float, Reduction)"/>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index, double label_smoothing, Reduction reduction);

        /// <summary>Per-sample cross-entropy (PyTorch's <c>reduction='none'</c>): lossᵢ = (1 − ε)·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ (logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, loss, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, loss, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int ignore_index, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, TensorSpan{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index, double label_smoothing);

        /// <summary>Class-weighted cross-entropy of logits against class indices, PyTorch's <c>cross_entropy(weight=…)</c>: ℓᵢ = (1 − ε)·w[yᵢ]·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ wⱼ·(logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample; the mean divides by Σ w[yᵢ] over the samples kept.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, y, weight, ignore_index=ignore_index, reduction=…, label_smoothing=label_smoothing)</c>, including PyTorch's weighted mean: <see cref="Reduction.Mean"/> divides by Σ w[yᵢ] over the samples not ignored (NaN when every sample is ignored), and with label smoothing the smoothing term of a sample is weighted by the class weights of every class, not by w[yᵢ]. <see cref="Reduction.BatchMean"/> (not in PyTorch) divides the sum by the number of rows.</para><para>The gradient (with respect to the logits; not the class weights) is (softmax(x) − target)·weights/denominator per row; stable for logits of any finite magnitude. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>; <paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, TensorSpan{float}, int, float, Reduction)"/>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int ignore_index, double label_smoothing, Reduction reduction);

        /// <summary>Per-sample class-weighted cross-entropy (PyTorch's <c>reduction='none'</c>): lossᵢ = (1 − ε)·w[yᵢ]·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ wⱼ·(logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, loss, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, loss, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int ignore_index, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float}, TensorSpan{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index, double label_smoothing);

        /// <summary>Cross-entropy of logits against class probabilities, PyTorch's <c>cross_entropy</c> with a probability target: ℓᵢ = −Σⱼ ((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, t, reduction=…, label_smoothing=label_smoothing)</c> with a floating-point target of the shape of the input (class probabilities): the target becomes (1 − ε)·t + ε/C, and the mean divides by the number of rows N (N·d₁·…·dₖ), also with class weights. There is no <c>ignore_index</c> for probability targets, as in PyTorch. Gradients with respect to <paramref name="t"/> and the class weights are not computed.</para><para><paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, dx, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, dx, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, TensorSpan{float}, float, Reduction)"/>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, double label_smoothing, Reduction reduction);

        /// <summary>Per-row cross-entropy against class probabilities (PyTorch's <c>reduction='none'</c>): lossᵢ = −Σⱼ ((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, Span<float> loss, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, loss, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, Span<float> loss, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, Span{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, Span<double> loss, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, loss, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, Span<double> loss, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, Span{float}, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, dloss, dx, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, TensorSpan{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, dloss, dx, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing);

        /// <summary>Class-weighted cross-entropy of logits against class probabilities, PyTorch's <c>cross_entropy(weight=…)</c> with a probability target: ℓᵢ = −Σⱼ wⱼ·((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ; the mean divides by N, not by the weights.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, t, reduction=…, label_smoothing=label_smoothing)</c> with a floating-point target of the shape of the input (class probabilities): the target becomes (1 − ε)·t + ε/C, and the mean divides by the number of rows N (N·d₁·…·dₖ), also with class weights. There is no <c>ignore_index</c> for probability targets, as in PyTorch. Gradients with respect to <paramref name="t"/> and the class weights are not computed.</para><para><paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, dx, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, dx, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, TensorSpan{float}, float, Reduction)"/>
        public static float CrossEntropy([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, double label_smoothing, Reduction reduction);

        /// <summary>Per-row class-weighted cross-entropy against class probabilities (PyTorch's <c>reduction='none'</c>): lossᵢ = −Σⱼ wⱼ·((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, loss, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, loss, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, dloss, dx, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, TensorSpan{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, dloss, dx, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing);

    }
}
