using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // Seed 003's FocalLoss: alpha·(1 − p)^gamma·ce with ce PyTorch's per-sample cross-entropy and 1 − p = 1 − exp(−ce)
        // computed as −expm1(−ce).
        private const string FocalFormula =
            "ce = logsumexp(x) - x[y]; reduce(alpha * (-expm1(-ce))^gamma * ce)";

        /// <summary>Focal loss of logits against class indices, seed 003's <c>FocalLoss</c>: ℓᵢ = α·(1 − pᵢ)^γ·CEᵢ, with CEᵢ = logsumexp(xᵢ) − xᵢ,yᵢ PyTorch's per-sample cross-entropy and pᵢ = exp(−CEᵢ) the probability of the target class.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each row (each position of a rank &gt; 2 <paramref name="x"/>, in row-major order of (N, d₁, …, dₖ)): values in [0, C).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="alpha">α: a constant factor on every sample (the seed's <c>alpha</c>, default 0.25; one scalar, not a weight per class).</param>
        /// <param name="gamma">γ ≥ 0: the focusing exponent that down-weights easy samples (the seed's <c>gamma</c>, default 2; γ = 0 gives α·CE).</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the same as Mean here: one value per row), as the seed's <c>reduction</c>.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to seed 003's <c>FocalLoss(alpha, gamma, reduction)</c>, which computes <c>ce = cross_entropy(x, y, reduction='none')</c>, <c>p = exp(−ce)</c> and <c>alpha·(1 − p)**gamma·ce</c>. Here 1 − p is computed as −expm1(−CE), which keeps its relative precision for confident correct predictions where 1 − exp(−CE) cancels (the seed's value there is rounded to 0 in float sooner); the values otherwise agree to rounding. The seed's cross-entropy has PyTorch's default <c>ignore_index=-100</c>, which the seed never uses on purpose: here every index must be a class, and one outside [0, C) throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>. Options are not validated (the seed accepts any). Stable for logits of any finite magnitude. For γ &lt; 1 the gradient at a perfectly classified sample (1 − p = 0) is 0·∞ = NaN, as in PyTorch.</para></remarks>
        [Loss(FocalFormula)]
        public static partial float Focal([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, float alpha = 0.25f, float gamma = 2f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="Focal(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float, float, Reduction)"/>
        [Loss(FocalFormula)]
        public static partial double Focal([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, double alpha = 0.25, double gamma = 2, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="Focal(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, float, float, Reduction)"/>
        [Loss(FocalFormula)]
        public static partial float Focal([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, float alpha = 0.25f, float gamma = 2f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="Focal(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, float, float, Reduction)"/>
        [Loss(FocalFormula)]
        public static partial double Focal([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, double alpha = 0.25, double gamma = 2, Reduction reduction = Reduction.Mean);

        /// <summary>Per-row focal loss (the seed's <c>reduction='none'</c>): lossᵢ = α·(1 − pᵢ)^γ·CEᵢ, CEᵢ = logsumexp(xᵢ) − xᵢ,yᵢ, pᵢ = exp(−CEᵢ).</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each row: values in [0, C).</param>
        /// <param name="loss">Receives one loss per row (sample).</param>
        /// <param name="alpha">α: a constant factor on every sample.</param>
        /// <param name="gamma">γ ≥ 0: the focusing exponent.</param>
        [Loss(FocalFormula)]
        public static partial void FocalUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, float alpha = 0.25f, float gamma = 2f);

        /// <inheritdoc cref="FocalUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, float, float)"/>
        [Loss(FocalFormula)]
        public static partial void FocalUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, double alpha = 0.25, double gamma = 2);

        /// <summary>The backward pass of <see cref="FocalUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, float, float)"/>: dx = Σᵢ dlossᵢ·∂lossᵢ/∂x.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis.</param>
        /// <param name="y">The class index of each row: values in [0, C).</param>
        /// <param name="dloss">The upstream gradient, one per row (sample).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="alpha">α: a constant factor on every sample.</param>
        /// <param name="gamma">γ ≥ 0: the focusing exponent.</param>
        [Loss(FocalFormula)]
        public static partial void FocalUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, float alpha = 0.25f, float gamma = 2f);

        /// <inheritdoc cref="FocalUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float)"/>
        [Loss(FocalFormula)]
        public static partial void FocalUnreduced([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, double alpha = 0.25, double gamma = 2);
    }
}
