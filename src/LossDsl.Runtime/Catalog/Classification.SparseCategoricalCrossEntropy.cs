using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // Keras 3's sparse_categorical_crossentropy(from_logits=False) on its JAX/NumPy/PyTorch backends: the row
        // renormalised by its sum, clipped to [1e-7, 1 − 1e-7], and −log of the target's entry.
        private const string SparseCategoricalCrossEntropyFormula =
            "reduce(-log(clamp(p[y] / row_sum(p), 1e-7, 1 - 1e-7)))";

        /// <summary>Categorical cross-entropy of probabilities against class indices, Keras' <c>SparseCategoricalCrossentropy(from_logits=False)</c>: ℓᵢ = −log(clip(pᵢ,yᵢ/Σₖ pᵢₖ, ε, 1 − ε)) with ε = 10⁻⁷.</summary>
        /// <param name="p">Predicted <b>probabilities</b> (for example the output of a softmax) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis. Each row is divided by its sum first. Not logits: use <see cref="CrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/> for those.</param>
        /// <param name="y">The class index of each row (each position of a rank &gt; 2 <paramref name="p"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C).</param>
        /// <param name="dp">Receives ∂loss/∂p, the shape of <paramref name="p"/> (through the row normalisation and the clip).</param>
        /// <param name="reduction">Mean (default: Keras' <c>'sum_over_batch_size'</c>, the mean over the rows), Sum (Keras' <c>'sum'</c>), or BatchMean (the same as Mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>keras.losses.SparseCategoricalCrossentropy(from_logits=False, reduction=…)</c> as Keras 3 computes it on its JAX, NumPy and PyTorch backends: the row is divided by its sum, clipped to [ε, 1 − ε] with Keras' <c>epsilon()</c> = 10⁻⁷, and the log of the target's entry is taken; so it equals <see cref="CategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/> with one-hot targets. Keras' TensorFlow backend clips before it normalises (log of the clipped row, then a softmax cross-entropy), which differs only where an entry of the row is below 10⁻⁷ or above 1 − 10⁻⁷. Keras' class axis is the last one; here it is axis 1, as in PyTorch.</para><para>Keras' <c>ignore_class</c> option is not offered: every index must be a class, and an index outside [0, C) throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/> (Keras' TensorFlow backend raises too). To ignore samples, use <see cref="NegativeLogLikelihood(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, Reduction)"/> on the log of the probabilities, which has PyTorch's <c>ignore_index</c>. Keras' <c>sample_weight</c> is not offered.</para></remarks>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial float SparseCategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<float> p, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dp, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="SparseCategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial double SparseCategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<double> p, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dp, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="SparseCategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Reduction)"/>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial float SparseCategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<float> p, [ClassIndices] ReadOnlySpan<int> y, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="SparseCategoricalCrossEntropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Reduction)"/>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial double SparseCategoricalCrossEntropy([Probabilities] ReadOnlyTensorSpan<double> p, [ClassIndices] ReadOnlySpan<int> y, Reduction reduction = Reduction.Mean);

        /// <summary>Per-row sparse categorical cross-entropy of probabilities (Keras' <c>reduction=None</c>): lossᵢ = −log(clip(pᵢ,yᵢ/Σₖ pᵢₖ, 10⁻⁷, 1 − 10⁻⁷)).</summary>
        /// <param name="p">Predicted <b>probabilities</b> of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each row: values in [0, C).</param>
        /// <param name="loss">Receives one loss per row (sample).</param>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial void SparseCategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<float> p, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss);

        /// <inheritdoc cref="SparseCategoricalCrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float})"/>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial void SparseCategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<double> p, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss);

        /// <summary>The backward pass of <see cref="SparseCategoricalCrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float})"/>: dp = Σᵢ dlossᵢ·∂lossᵢ/∂p.</summary>
        /// <param name="p">Predicted <b>probabilities</b> of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each row: values in [0, C).</param>
        /// <param name="dloss">The upstream gradient, one per row (sample).</param>
        /// <param name="dp">Receives ∂loss/∂p, the shape of <paramref name="p"/>.</param>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial void SparseCategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<float> p, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dp);

        /// <inheritdoc cref="SparseCategoricalCrossEntropyUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(SparseCategoricalCrossEntropyFormula)]
        public static partial void SparseCategoricalCrossEntropyUnreduced([Probabilities] ReadOnlyTensorSpan<double> p, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dp);
    }
}
