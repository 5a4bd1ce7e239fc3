using System;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // torchvision's sigmoid_focal_loss: ce = BCE with logits, 1 − p_t = σ(x)·(1 − t) + σ(−x)·t, alpha_t weighting unless
        // alpha < 0.
        private const string BinaryFocalFormula =
            "ce = t * softplus(-x) + (1 - t) * softplus(x); q = sigmoid(x) * (1 - t) + sigmoid(-x) * t; fl = ce * q^gamma; " +
            "reduce(where(alpha >= 0, (alpha * t + (1 - alpha) * (1 - t)) * fl, fl))";

        /// <summary>Binary focal loss on logits, torchvision's <c>sigmoid_focal_loss</c>: ℓᵢ = αₜ·(1 − pₜ)^γ·BCEᵢ, with BCEᵢ the binary cross-entropy with logits, pₜ = σ(xᵢ) for tᵢ = 1 and 1 − σ(xᵢ) for tᵢ = 0, and αₜ = α·tᵢ + (1 − α)·(1 − tᵢ) (no αₜ factor when α &lt; 0).</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Binary labels in {0, 1} (torchvision's <c>targets</c>), one per element; values in between are accepted and interpolate as in torchvision's formula.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        /// <param name="alpha">α in [0, 1]: the weight of the positive class, 1 − α that of the negative class; a negative α disables the weighting (torchvision's <c>alpha</c>, default 0.25).</param>
        /// <param name="gamma">γ ≥ 0: the focusing exponent (torchvision's <c>gamma</c>, default 2).</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the same as Mean for a vector). torchvision's default is <c>reduction='none'</c>: that is <see cref="BinaryFocalUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torchvision.ops.sigmoid_focal_loss(x, t, alpha, gamma, reduction=…)</c>, except that torchvision defaults to <c>reduction='none'</c> while this overload defaults to the mean (the catalog's convention: the unreduced form is <see cref="BinaryFocalUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>). The cross-entropy is computed as t·softplus(−x) + (1 − t)·softplus(x) and 1 − pₜ as σ(x)·(1 − t) + σ(−x)·t, finite and accurate for every finite x (±1e4 included); torchvision forms 1 − pₜ by subtraction, which rounds to 0 sooner for confident correct predictions, and otherwise agrees to rounding. Options are not validated (torchvision accepts any).</para></remarks>
        [Loss(BinaryFocalFormula)]
        public static partial float BinaryFocal([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t, Span<float> dx, float alpha = 0.25f, float gamma = 2f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, Reduction)"/>
        [Loss(BinaryFocalFormula)]
        public static partial double BinaryFocal([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [BinaryLabels] ReadOnlySpan<double> t, Span<double> dx, double alpha = 0.25, double gamma = 2, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>
        [Loss(BinaryFocalFormula)]
        public static partial float BinaryFocal([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t, float alpha = 0.25f, float gamma = 2f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="BinaryFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>
        [Loss(BinaryFocalFormula)]
        public static partial double BinaryFocal([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [BinaryLabels] ReadOnlySpan<double> t, double alpha = 0.25, double gamma = 2, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element binary focal loss, torchvision's <c>sigmoid_focal_loss(…, reduction='none')</c> (torchvision's default): lossᵢ = αₜ·(1 − pₜ)^γ·BCEᵢ.</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Binary labels in {0, 1}, one per element.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="alpha">α in [0, 1]: the weight of the positive class; a negative α disables the weighting.</param>
        /// <param name="gamma">γ ≥ 0: the focusing exponent.</param>
        [Loss(BinaryFocalFormula)]
        public static partial void BinaryFocalUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t, Span<float> loss, float alpha = 0.25f, float gamma = 2f);

        /// <inheritdoc cref="BinaryFocalUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>
        [Loss(BinaryFocalFormula)]
        public static partial void BinaryFocalUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [BinaryLabels] ReadOnlySpan<double> t, Span<double> loss, double alpha = 0.25, double gamma = 2);

        /// <summary>The backward pass of <see cref="BinaryFocalUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>: dxᵢ = dlossᵢ·∂lossᵢ/∂xᵢ.</summary>
        /// <param name="x">Logits, one per element.</param>
        /// <param name="t">Binary labels in {0, 1}, one per element.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        /// <param name="alpha">α in [0, 1]: the weight of the positive class; a negative α disables the weighting.</param>
        /// <param name="gamma">γ ≥ 0: the focusing exponent.</param>
        [Loss(BinaryFocalFormula)]
        public static partial void BinaryFocalUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dx, float alpha = 0.25f, float gamma = 2f);

        /// <inheritdoc cref="BinaryFocalUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float)"/>
        [Loss(BinaryFocalFormula)]
        public static partial void BinaryFocalUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> x, [BinaryLabels] ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dx, double alpha = 0.25, double gamma = 2);
    }
}
