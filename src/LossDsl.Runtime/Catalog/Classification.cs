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

        private const string BinaryCrossEntropyWithLogitsFormula = "reduce(t * softplus(-x) + (1 - t) * softplus(x))";

        private const string WeightedBinaryCrossEntropyWithLogitsFormula =
            "reduce(weight * (pos_weight * t * softplus(-x) + (1 - t) * softplus(x)))";

        private const string MultiLabelBinaryCrossEntropyWithLogitsFormula = "reduce(pos_weight * t * softplus(-x) + (1 - t) * softplus(x))";

        private const string NegativeLogLikelihoodFormula =
            "valid = y != ignore_index; reduce(where(valid, -x[y], 0), where(valid, 1, 0))";

        private const string WeightedNegativeLogLikelihoodFormula =
            "valid = y != ignore_index; wy = where(valid, weight[y], 0); reduce(-wy * x[y], wy)";

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
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, y, weight, ignore_index=ignore_index, reduction=…, label_smoothing=label_smoothing)</c>, including PyTorch's weighted mean: <see cref="Reduction.Mean"/> divides by Σ w[yᵢ] over the samples not ignored (NaN when every sample is ignored), and with label smoothing the smoothing term of a sample is weighted by the class weights of every class, not by w[yᵢ]. <see cref="Reduction.BatchMean"/> (not in PyTorch) divides the sum by the number of rows.</para><para>The gradient with respect to the logits is (softmax(x) − target)·weights/denominator per row (the overloads with <c>dweight</c> also differentiate the class weights); stable for logits of any finite magnitude. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>; <paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, ignore_index, label_smoothing, reduction);
        }

        [Loss(CrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index, double label_smoothing, Reduction reduction);

        /// <summary>Per-sample cross-entropy (PyTorch's <c>reduction='none'</c>): lossᵢ = (1 − ε)·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ (logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, loss, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, loss, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int ignore_index, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(CrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index, double label_smoothing);

        /// <summary>Class-weighted cross-entropy of logits against class indices, PyTorch's <c>cross_entropy(weight=…)</c>: ℓᵢ = (1 − ε)·w[yᵢ]·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ wⱼ·(logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample; the mean divides by Σ w[yᵢ] over the samples kept.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, y, weight, ignore_index=ignore_index, reduction=…, label_smoothing=label_smoothing)</c>, including PyTorch's weighted mean: <see cref="Reduction.Mean"/> divides by Σ w[yᵢ] over the samples not ignored (NaN when every sample is ignored), and with label smoothing the smoothing term of a sample is weighted by the class weights of every class, not by w[yᵢ]. <see cref="Reduction.BatchMean"/> (not in PyTorch) divides the sum by the number of rows.</para><para>The gradient with respect to the logits is (softmax(x) − target)·weights/denominator per row (the overloads with <c>dweight</c> also differentiate the class weights); stable for logits of any finite magnitude. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>; <paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, dx, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int ignore_index, double label_smoothing, Reduction reduction);

        /// <summary>Per-sample class-weighted cross-entropy (PyTorch's <c>reduction='none'</c>): lossᵢ = (1 − ε)·w[yᵢ]·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ wⱼ·(logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, loss, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, loss, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int ignore_index, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, dloss, dx, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index, double label_smoothing);

        /// <summary>Class-weighted cross-entropy of logits against class indices with the gradient with respect to the class weights as well, PyTorch's <c>cross_entropy(weight=…)</c>: ℓᵢ = (1 − ε)·w[yᵢ]·(logsumexp(xᵢ) − xᵢ,yᵢ) + (ε/C)·Σⱼ wⱼ·(logsumexp(xᵢ) − xᵢⱼ), 0 for an ignored sample; the mean divides by Σ w[yᵢ] over the samples kept.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="dweight">Receives ∂loss/∂weight, one value per class (C values): for class c, the contributions of the samples whose class is c (and, with label smoothing, of every sample's smoothing term), including, for <see cref="Reduction.Mean"/>, the derivative of the divisor Σ w[yᵢ].</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>The loss and ∂loss/∂x are those of <see cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>. The class weights are differentiated too, for learning them (PyTorch itself does not differentiate <c>cross_entropy</c> with respect to <c>weight</c>: there autograd reports the derivative as not implemented). For <see cref="Reduction.Mean"/>, with S = Σᵢ ℓᵢ and W = Σᵢ w[yᵢ] over the samples kept, ∂(S/W)/∂w_c = (∂S/∂w_c − (S/W)·nᶜ)/W, with nᶜ the number of kept samples of class c. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>; <paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, Span<float> dweight, int ignore_index = -100, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, dx, dweight, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, Span<float> dweight, int ignore_index, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Span{float}, int, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, Span<double> dweight, int ignore_index = -100, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, y, weight, dx, dweight, ignore_index, label_smoothing, reduction);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, Span<double> dweight, int ignore_index, double label_smoothing, Reduction reduction);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/> with respect to the logits and the class weights: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x, dweight = Σᵢ dlossᵢ·∂lossᵢ/∂weight.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="dweight">Receives the vector-Jacobian product with respect to the class weights, one value per class (C values).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss, nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, Span<float> dweight, int ignore_index = -100, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, dloss, dx, dweight, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, Span<float> dweight, int ignore_index, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Span{float}, int, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, Span<double> dweight, int ignore_index = -100, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, y, weight, dloss, dx, dweight, ignore_index, label_smoothing);
        }

        [Loss(WeightedCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, Span<double> dweight, int ignore_index, double label_smoothing);

        /// <summary>Cross-entropy of logits against class probabilities, PyTorch's <c>cross_entropy</c> with a probability target: ℓᵢ = −Σⱼ ((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, t, reduction=…, label_smoothing=label_smoothing)</c> with a floating-point target of the shape of the input (class probabilities): the target becomes (1 − ε)·t + ε/C, and the mean divides by the number of rows N (N·d₁·…·dₖ), also with class weights. There is no <c>ignore_index</c> for probability targets, as in PyTorch. Gradients with respect to <paramref name="t"/> are not computed; the weighted overloads with <c>dweight</c> also differentiate the class weights.</para><para><paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, dx, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, dx, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, label_smoothing, reduction);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, double label_smoothing, Reduction reduction);

        /// <summary>Per-row cross-entropy against class probabilities (PyTorch's <c>reduction='none'</c>): lossᵢ = −Σⱼ ((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, Span<float> loss, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, loss, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, Span<float> loss, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, Span<double> loss, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, loss, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, Span<double> loss, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, dloss, dx, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, dloss, dx, label_smoothing);
        }

        [Loss(ProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing);

        /// <summary>Class-weighted cross-entropy of logits against class probabilities, PyTorch's <c>cross_entropy(weight=…)</c> with a probability target: ℓᵢ = −Σⱼ wⱼ·((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ; the mean divides by N, not by the weights.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.cross_entropy(x, t, reduction=…, label_smoothing=label_smoothing)</c> with a floating-point target of the shape of the input (class probabilities): the target becomes (1 − ε)·t + ε/C, and the mean divides by the number of rows N (N·d₁·…·dₖ), also with class weights. There is no <c>ignore_index</c> for probability targets, as in PyTorch. Gradients with respect to <paramref name="t"/> are not computed; the weighted overloads with <c>dweight</c> also differentiate the class weights.</para><para><paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, dx, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, dx, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, double label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, double label_smoothing, Reduction reduction);

        /// <summary>Per-row class-weighted cross-entropy against class probabilities (PyTorch's <c>reduction='none'</c>): lossᵢ = −Σⱼ wⱼ·((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, loss, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, loss, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, double label_smoothing);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, dloss, dx, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, dloss, dx, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double label_smoothing);

        /// <summary>Class-weighted cross-entropy of logits against class probabilities with the gradient with respect to the class weights as well, PyTorch's <c>cross_entropy(weight=…)</c> with a probability target: ℓᵢ = −Σⱼ wⱼ·((1 − ε)·tᵢⱼ + ε/C)·log_softmax(xᵢ)ⱼ; the mean divides by N, not by the weights.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/> (each row usually sums to 1; not checked, as in PyTorch).</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="dweight">Receives ∂loss/∂weight, one value per class (C values): for class c, −Σᵢ ((1 − ε)·t[i, c] + ε/C)·log_softmax(xᵢ)[c] divided by what the reduction divides by.</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>The loss and ∂loss/∂x are those of <see cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>. The class weights are differentiated too, for learning them (PyTorch itself does not differentiate <c>cross_entropy</c> with respect to <c>weight</c>). The target gets no gradient. <paramref name="label_smoothing"/> outside [0, 1] throws <see cref="ArgumentOutOfRangeException"/>.</para></remarks>
        public static float CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, Span<float> dweight, float label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, dx, dweight, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial float CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, Span<float> dweight, float label_smoothing, Reduction reduction);

        /// <inheritdoc cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Span{float}, float, Reduction)"/>
        public static double CrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, Span<double> dweight, double label_smoothing = 0, Reduction reduction = Reduction.Mean)
        {
            ValidateLabelSmoothing(label_smoothing);
            return CrossEntropyCore(x, t, weight, dx, dweight, label_smoothing, reduction);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial double CrossEntropyCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, Span<double> dweight, double label_smoothing, Reduction reduction);

        /// <summary>The backward pass of <see cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/> with respect to the logits and the class weights: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x, dweight = Σᵢ dlossᵢ·∂lossᵢ/∂weight.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Target class probabilities, the shape of <paramref name="x"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per row.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="dweight">Receives the vector-Jacobian product with respect to the class weights, one value per class (C values).</param>
        /// <param name="label_smoothing">ε in [0, 1]: the target is mixed with the uniform distribution, (1 − ε)·onehot + ε/C.</param>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, Span<float> dweight, float label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, dloss, dx, dweight, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, Span<float> dweight, float label_smoothing);

        /// <inheritdoc cref="CrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Span{float}, float)"/>
        public static void CrossEntropyUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, Span<double> dweight, double label_smoothing = 0)
        {
            ValidateLabelSmoothing(label_smoothing);
            CrossEntropyUnreducedCore(x, t, weight, dloss, dx, dweight, label_smoothing);
        }

        [Loss(WeightedProbabilityCrossEntropyFormula)]
        private static partial void CrossEntropyUnreducedCore([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, Span<double> dweight, double label_smoothing);

        /// <summary>Binary cross-entropy on logits, PyTorch's <c>binary_cross_entropy_with_logits</c>: ℓᵢ = tᵢ·softplus(−xᵢ) + (1 − tᵢ)·softplus(xᵢ) = −tᵢ·log σ(xᵢ) − (1 − tᵢ)·log(1 − σ(xᵢ)).</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.binary_cross_entropy_with_logits(x, t, reduction=…)</c>: −log σ(x) is computed as softplus(−x) and −log(1 − σ(x)) as softplus(x), finite for every finite x (±1e4 included), with the gradient σ(x) − t. <see cref="Reduction.Mean"/> divides by the number of elements, also with weights (PyTorch's weights do not change the divisor). Gradients with respect to the weights are not computed.</para></remarks>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial float BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, Span<float> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial double BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, Span<double> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial float BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial double BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element binary cross-entropy on logits (PyTorch's <c>reduction='none'</c>): lossᵢ = tᵢ·softplus(−xᵢ) + (1 − tᵢ)·softplus(xᵢ).</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="loss">Receives one loss per element.</param>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, Span<float> loss);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, Span<double> loss);

        /// <summary>The backward pass of <see cref="BinaryCrossEntropyWithLogitsUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>: dxᵢ = dlossᵢ·(σ(xᵢ) − tᵢ).</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dx);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(BinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dx);

        /// <summary>Weighted binary cross-entropy on logits, PyTorch's <c>binary_cross_entropy_with_logits(weight=…, pos_weight=…)</c>: ℓᵢ = wᵢ·(pᵢ·tᵢ·softplus(−xᵢ) + (1 − tᵢ)·softplus(xᵢ)), with pᵢ the positive weight.</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="weight">A weight per element, PyTorch's <c>weight</c> (broadcast to the input's shape there).</param>
        /// <param name="pos_weight">A weight of the positive term per element, PyTorch's <c>pos_weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.binary_cross_entropy_with_logits(x, t, weight, pos_weight=pos_weight, reduction=…)</c>: −log σ(x) is computed as softplus(−x) and −log(1 − σ(x)) as softplus(x), finite for every finite x (±1e4 included), with the gradient w·((p·t + 1 − t)·σ(x) − p·t). <see cref="Reduction.Mean"/> divides by the number of elements, also with weights (PyTorch's weights do not change the divisor). Gradients with respect to the weights are not computed.</para></remarks>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial float BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, ReadOnlySpan<float> pos_weight, Span<float> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial double BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, ReadOnlySpan<double> pos_weight, Span<double> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial float BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, ReadOnlySpan<float> pos_weight, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial double BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, ReadOnlySpan<double> pos_weight, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element weighted binary cross-entropy on logits (PyTorch's <c>reduction='none'</c>): lossᵢ = wᵢ·(pᵢ·tᵢ·softplus(−xᵢ) + (1 − tᵢ)·softplus(xᵢ)).</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="weight">A weight per element, PyTorch's <c>weight</c> (broadcast to the input's shape there).</param>
        /// <param name="pos_weight">A weight of the positive term per element, PyTorch's <c>pos_weight</c>.</param>
        /// <param name="loss">Receives one loss per element.</param>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, ReadOnlySpan<float> pos_weight, Span<float> loss);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, ReadOnlySpan<double> pos_weight, Span<double> loss);

        /// <summary>The backward pass of <see cref="BinaryCrossEntropyWithLogitsUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>: dxᵢ = dlossᵢ·∂lossᵢ/∂xᵢ.</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="weight">A weight per element, PyTorch's <c>weight</c> (broadcast to the input's shape there).</param>
        /// <param name="pos_weight">A weight of the positive term per element, PyTorch's <c>pos_weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, ReadOnlySpan<float> pos_weight, ReadOnlySpan<float> dloss, Span<float> dx);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(WeightedBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, ReadOnlySpan<double> pos_weight, ReadOnlySpan<double> dloss, Span<double> dx);

        /// <summary>Multi-label binary cross-entropy on logits with a positive weight per class, PyTorch's <c>binary_cross_entropy_with_logits(pos_weight=…)</c> on (N, C) input: ℓᵢⱼ = pⱼ·tᵢⱼ·softplus(−xᵢⱼ) + (1 − tᵢⱼ)·softplus(xᵢⱼ).</summary>
        /// <param name="x">Logits of shape (N, C) (or (N, C, d₁, …, dₖ)): one independent binary problem per element (multi-label).</param>
        /// <param name="t">Targets in [0, 1], the shape of <paramref name="x"/>.</param>
        /// <param name="pos_weight">A weight of the positive term per class (C values), PyTorch's <c>pos_weight</c> of shape (C,), broadcast along axis 1.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.binary_cross_entropy_with_logits(x, t, pos_weight=pos_weight, reduction=…)</c>: −log σ(x) is computed as softplus(−x) and −log(1 − σ(x)) as softplus(x), finite for every finite x (±1e4 included), with the gradient (pⱼ·t + 1 − t)·σ(x) − pⱼ·t. <see cref="Reduction.Mean"/> divides by the number of elements, also with weights (PyTorch's weights do not change the divisor). Gradients with respect to the weights are not computed.</para></remarks>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial float BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> pos_weight, TensorSpan<float> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial double BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> pos_weight, TensorSpan<double> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial float BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> pos_weight, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogits(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial double BinaryCrossEntropyWithLogits([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> pos_weight, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element multi-label binary cross-entropy on logits (PyTorch's <c>reduction='none'</c>): lossᵢⱼ = pⱼ·tᵢⱼ·softplus(−xᵢⱼ) + (1 − tᵢⱼ)·softplus(xᵢⱼ).</summary>
        /// <param name="x">Logits of shape (N, C) (or (N, C, d₁, …, dₖ)): one independent binary problem per element (multi-label).</param>
        /// <param name="t">Targets in [0, 1], the shape of <paramref name="x"/>.</param>
        /// <param name="pos_weight">A weight of the positive term per class (C values), PyTorch's <c>pos_weight</c> of shape (C,), broadcast along axis 1.</param>
        /// <param name="loss">Receives one loss per element, the shape of <paramref name="x"/>.</param>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> pos_weight, TensorSpan<float> loss);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> pos_weight, TensorSpan<double> loss);

        /// <summary>The backward pass of <see cref="BinaryCrossEntropyWithLogitsUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>: dxᵢⱼ = dlossᵢⱼ·∂lossᵢⱼ/∂xᵢⱼ.</summary>
        /// <param name="x">Logits of shape (N, C) (or (N, C, d₁, …, dₖ)): one independent binary problem per element (multi-label).</param>
        /// <param name="t">Targets in [0, 1], the shape of <paramref name="x"/>.</param>
        /// <param name="pos_weight">A weight of the positive term per class (C values), PyTorch's <c>pos_weight</c> of shape (C,), broadcast along axis 1.</param>
        /// <param name="dloss">The upstream gradient, the shape of <paramref name="x"/>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [Probabilities] ReadOnlyTensorSpan<float> t, [PerClass] ReadOnlySpan<float> pos_weight, ReadOnlyTensorSpan<float> dloss, TensorSpan<float> dx);

        /// <inheritdoc cref="BinaryCrossEntropyWithLogitsUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(MultiLabelBinaryCrossEntropyWithLogitsFormula)]
        public static partial void BinaryCrossEntropyWithLogitsUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [Probabilities] ReadOnlyTensorSpan<double> t, [PerClass] ReadOnlySpan<double> pos_weight, ReadOnlyTensorSpan<double> dloss, TensorSpan<double> dx);

        /// <summary>Negative log-likelihood of log-probabilities against class indices, PyTorch's <c>nll_loss</c>: ℓᵢ = −xᵢ,yᵢ, 0 for an ignored sample.</summary>
        /// <param name="x">Log-probabilities (for example log_softmax of logits) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.nll_loss(x, y, ignore_index=ignore_index, reduction=…)</c>: <see cref="Reduction.Mean"/> divides by the number of samples over the samples not ignored (NaN when every sample is ignored); <see cref="Reduction.BatchMean"/> (not in PyTorch) divides the sum by the number of rows. The input is not checked to be log-probabilities. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>.</para></remarks>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial float NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial double NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial float NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial double NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample negative log-likelihood (PyTorch's <c>reduction='none'</c>): lossᵢ = −xᵢ,yᵢ, 0 for an ignored sample.</summary>
        /// <param name="x">Log-probabilities (for example log_softmax of logits) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss nor to the weights a mean divides by, and receive a zero gradient.</param>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int ignore_index = -100);

        /// <inheritdoc cref="NegativeLogLikelihoodUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int)"/>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int ignore_index = -100);

        /// <summary>The backward pass of <see cref="NegativeLogLikelihoodUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x (−dlossᵢ at column yᵢ of row i).</summary>
        /// <param name="x">Log-probabilities (for example log_softmax of logits) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss nor to the weights a mean divides by, and receive a zero gradient.</param>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index = -100);

        /// <inheritdoc cref="NegativeLogLikelihoodUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int)"/>
        [Loss(NegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index = -100);

        /// <summary>Class-weighted negative log-likelihood, PyTorch's <c>nll_loss(weight=…)</c>: ℓᵢ = −w[yᵢ]·xᵢ,yᵢ, 0 for an ignored sample; the mean divides by Σ w[yᵢ] over the samples kept.</summary>
        /// <param name="x">Log-probabilities (for example log_softmax of logits) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss nor to the weights a mean divides by, and receive a zero gradient.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of rows).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.nll_loss(x, y, weight, ignore_index=ignore_index, reduction=…)</c>: <see cref="Reduction.Mean"/> divides by Σ w[yᵢ] over the samples not ignored (NaN when every sample is ignored); <see cref="Reduction.BatchMean"/> (not in PyTorch) divides the sum by the number of rows. The input is not checked to be log-probabilities. A class index outside [0, C) other than <paramref name="ignore_index"/> throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>.</para></remarks>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial float NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial double NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial float NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial double NegativeLogLikelihood([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int ignore_index = -100, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample class-weighted negative log-likelihood (PyTorch's <c>reduction='none'</c>): lossᵢ = −w[yᵢ]·xᵢ,yᵢ, 0 for an ignored sample.</summary>
        /// <param name="x">Log-probabilities (for example log_softmax of logits) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample (per row).</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss nor to the weights a mean divides by, and receive a zero gradient.</param>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int ignore_index = -100);

        /// <inheritdoc cref="NegativeLogLikelihoodUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int)"/>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int ignore_index = -100);

        /// <summary>The backward pass of <see cref="NegativeLogLikelihoodUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x (−dlossᵢ at column yᵢ of row i).</summary>
        /// <param name="x">Log-probabilities (for example log_softmax of logits) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each sample (each position of a rank &gt; 2 <paramref name="x"/>): values in [0, C), or <paramref name="ignore_index"/>.</param>
        /// <param name="weight">A weight per class (C values), PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample (per row).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ignore_index">A class index whose samples are ignored: they add nothing to the loss nor to the weights a mean divides by, and receive a zero gradient.</param>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int ignore_index = -100);

        /// <inheritdoc cref="NegativeLogLikelihoodUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int)"/>
        [Loss(WeightedNegativeLogLikelihoodFormula)]
        public static partial void NegativeLogLikelihoodUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index = -100);

    }
}
