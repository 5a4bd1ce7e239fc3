using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // Seed 003's LabelSmoothingCrossEntropy: target 1 − ε on the class, ε/(C − 1) on each other class, mean over rows.
        // off marks the other classes; max(·, 1) makes the off-target term empty (0) for C = 1.
        private const string LabelSmoothingCrossEntropyFormula =
            "lp = log_softmax(x); off = where(onehot(y), 0, 1); " +
            "mean(-(1 - epsilon) * lp[y] - epsilon * row_sum(off * lp) / max(row_sum(off), 1))";

        /// <summary>Cross-entropy of logits against label-smoothed class indices, seed 003's <c>LabelSmoothingCrossEntropy</c>: ℓᵢ = −(1 − ε)·log_softmax(xᵢ)[yᵢ] − (ε/(C − 1))·Σ_{j≠yᵢ} log_softmax(xᵢ)ⱼ, averaged over the rows.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each row (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>: (softmax(xᵢ) − t̃ᵢ)/N per row, with t̃ the smoothed target.</param>
        /// <param name="epsilon">ε: the probability mass moved off the target class, spread evenly over the C − 1 other classes (seed 003's <c>epsilon</c>, default 0.1).</param>
        /// <returns>The mean over the rows (the seed's <c>torch.mean</c>; there is no reduction option).</returns>
        /// <remarks><para>The seed's variant of label smoothing, a genuinely different loss from PyTorch's: the smoothed target is 1 − ε on the target class and ε/(C − 1) on each other class, where PyTorch's <c>cross_entropy(label_smoothing=ε)</c> (<see cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>) uses (1 − ε) + ε/C and ε/C. With C = 1 the seed divides by zero (a Python <c>ZeroDivisionError</c>); here the off-target term is then empty and the loss is −(1 − ε)·log_softmax(x)[y] = 0. ε is not validated (the seed accepts any value); a class index outside [0, C) throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>. Stable for logits of any finite magnitude (log_softmax is computed from the row's logsumexp).</para></remarks>
        [Loss(LabelSmoothingCrossEntropyFormula)]
        public static partial float LabelSmoothingCrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, float epsilon = 0.1f);

        /// <inheritdoc cref="LabelSmoothingCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(LabelSmoothingCrossEntropyFormula)]
        public static partial double LabelSmoothingCrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, double epsilon = 0.1);

        /// <inheritdoc cref="LabelSmoothingCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, float)"/>
        [Loss(LabelSmoothingCrossEntropyFormula)]
        public static partial float LabelSmoothingCrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, float epsilon = 0.1f);

        /// <inheritdoc cref="LabelSmoothingCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, float)"/>
        [Loss(LabelSmoothingCrossEntropyFormula)]
        public static partial double LabelSmoothingCrossEntropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, double epsilon = 0.1);
    }
}
