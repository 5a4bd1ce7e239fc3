using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // Keras 3's categorical_crossentropy(from_logits=False): rows renormalised by their sum, clipped to
        // [epsilon, 1 − epsilon] with epsilon = 1e-7, then −Σ t̃·log; label smoothing t̃ = (1 − s)·t + s/C.
        private const string CategoricalCrossEntropyFormula =
            "lq = log(clamp(p / row_sum(p), 1e-7, 1 - 1e-7)); reduce(-(1 - label_smoothing) * row_sum(t * lq) - label_smoothing * row_mean(lq))";

        /// <summary>Categorical cross-entropy of probabilities against one-hot or soft targets, Keras' <c>CategoricalCrossentropy(from_logits=False)</c>: ℓᵢ = −Σⱼ t̃ᵢⱼ·log(clip(pᵢⱼ/Σₖ pᵢₖ, ε, 1 − ε)) with ε = 10⁻⁷ and t̃ = (1 − s)·t + s/C.</summary>
        /// <param name="p">Predicted <b>probabilities</b> (for example the output of a softmax) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis. Each row is divided by its sum first, as Keras does, so rows that do not sum to 1 are renormalised. Not logits: use <see cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/> for those.</param>
        /// <param name="t">Targets, the shape of <paramref name="p"/>: one-hot rows or probability rows (Keras' <c>y_true</c>).</param>
        /// <param name="dp">Receives ∂loss/∂p, the shape of <paramref name="p"/> (through the row normalisation and the clip, as Keras' gradient).</param>
        /// <param name="label_smoothing">s: the targets are mixed with the uniform distribution, (1 − s)·t + s/C (Keras' <c>label_smoothing</c>, default 0).</param>
        /// <param name="reduction">Mean (default: Keras' <c>'sum_over_batch_size'</c>, the mean over the rows), Sum (Keras' <c>'sum'</c>), or BatchMean (the same as Mean here: the loss has one value per row).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>keras.losses.CategoricalCrossentropy(from_logits=False, label_smoothing=s, reduction=…)</c> (Keras 3, every backend): each row of probabilities is divided by its sum, then clipped to [ε, 1 − ε] with Keras' <c>epsilon()</c> = 10⁻⁷ (1 − 10⁻⁷ rounds to 0.99999988 in float, as in Keras' float32), so a zero probability costs −log 10⁻⁷ ≈ 16.1, not ∞. The clip passes the gradient on its closed interval and none outside, as TensorFlow's <c>clip_by_value</c>. Keras' class axis is the last one (<c>axis=-1</c>); here it is axis 1, as in PyTorch: for channels-last data move the class axis to position 1 first. Keras' <c>sample_weight</c> is not offered. Keras refuses nothing here, and neither does this entry (negative probabilities give NaN through the log).</para></remarks>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial float CategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<float> p, [Probabilities] ReadOnlyTensorSpan<float> t, TensorSpan<float> dp, float label_smoothing = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="CategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial double CategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<double> p, [Probabilities] ReadOnlyTensorSpan<double> t, TensorSpan<double> dp, double label_smoothing = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="CategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, float, Reduction)"/>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial float CategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<float> p, [Probabilities] ReadOnlyTensorSpan<float> t, float label_smoothing = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="CategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, float, Reduction)"/>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial double CategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<double> p, [Probabilities] ReadOnlyTensorSpan<double> t, double label_smoothing = 0, Reduction reduction = Reduction.Mean);

        /// <summary>Per-row categorical cross-entropy of probabilities (Keras' <c>reduction=None</c>): lossᵢ = −Σⱼ t̃ᵢⱼ·log(clip(pᵢⱼ/Σₖ pᵢₖ, 10⁻⁷, 1 − 10⁻⁷)), t̃ = (1 − s)·t + s/C.</summary>
        /// <param name="p">Predicted <b>probabilities</b> of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Targets, the shape of <paramref name="p"/>: one-hot rows or probability rows.</param>
        /// <param name="loss">Receives one loss per row (sample).</param>
        /// <param name="label_smoothing">s: the targets are mixed with the uniform distribution, (1 − s)·t + s/C.</param>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial void CategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<float> p, [Probabilities] ReadOnlyTensorSpan<float> t, Span<float> loss, float label_smoothing = 0);

        /// <inheritdoc cref="CategoricalCrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float)"/>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial void CategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<double> p, [Probabilities] ReadOnlyTensorSpan<double> t, Span<double> loss, double label_smoothing = 0);

        /// <summary>The backward pass of <see cref="CategoricalCrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float)"/>: dp = Σᵢ dlossᵢ·∂lossᵢ/∂p.</summary>
        /// <param name="p">Predicted <b>probabilities</b> of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="t">Targets, the shape of <paramref name="p"/>: one-hot rows or probability rows.</param>
        /// <param name="dloss">The upstream gradient, one per row (sample).</param>
        /// <param name="dp">Receives ∂loss/∂p, the shape of <paramref name="p"/>.</param>
        /// <param name="label_smoothing">s: the targets are mixed with the uniform distribution, (1 − s)·t + s/C.</param>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial void CategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<float> p, [Probabilities] ReadOnlyTensorSpan<float> t, ReadOnlySpan<float> dloss, TensorSpan<float> dp, float label_smoothing = 0);

        /// <inheritdoc cref="CategoricalCrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(CategoricalCrossEntropyFormula)]
        public static partial void CategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<double> p, [Probabilities] ReadOnlyTensorSpan<double> t, ReadOnlySpan<double> dloss, TensorSpan<double> dp, double label_smoothing = 0);
    }
}
