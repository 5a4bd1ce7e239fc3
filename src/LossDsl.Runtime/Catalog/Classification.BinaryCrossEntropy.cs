using System;
using System.Numerics;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // PyTorch's binary_cross_entropy: the value with each log clamped at −100, and PyTorch's backward formula
        // g = (p − t)/max(p·(1 − p), 1e-12) as the gradient. detach(ℓ) + detach(g)·(p − detach(p)) has the value ℓ
        // exactly (the product is g·0) and the derivative g.
        private const string BinaryCrossEntropyFormula =
            "l = -(t * max(log(p), -100) + (1 - t) * max(log1p(-p), -100)); g = (p - t) / max(p * (1 - p), 1e-12); " +
            "reduce(detach(l) + detach(g) * (p - detach(p)))";

        private const string WeightedBinaryCrossEntropyFormula =
            "l = -(t * max(log(p), -100) + (1 - t) * max(log1p(-p), -100)); g = (p - t) / max(p * (1 - p), 1e-12); " +
            "reduce(weight * (detach(l) + detach(g) * (p - detach(p))))";

        // PyTorch refuses an input or a target outside [0, 1] (NaN included).
        private static void ValidateBinaryCrossEntropyInputs<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t)
            where T : INumber<T>
        {
            RequireProbabilities(p, nameof(p), "input");
            RequireProbabilities(t, nameof(t), "target");
        }

        private static void RequireProbabilities<T>(ReadOnlySpan<T> values, string name, string torchName)
            where T : INumber<T>
        {
            for (int i = 0; i < values.Length; i++)
            {
                T v = values[i];
                if (!(v >= T.Zero && v <= T.One))
                {
                    throw new ArgumentOutOfRangeException(name, v,
                        $"'{name}[{i}]' is {v}; binary cross-entropy takes values in [0, 1] (PyTorch: all elements of {torchName} should be between 0 and 1).");
                }
            }
        }

        /// <summary>Binary cross-entropy of probabilities, PyTorch's <c>binary_cross_entropy</c>: ℓᵢ = −(tᵢ·max(log pᵢ, −100) + (1 − tᵢ)·max(log(1 − pᵢ), −100)).</summary>
        /// <param name="p">Predicted <b>probabilities</b> in [0, 1] (for example the output of a sigmoid), one per element. Not logits: use <see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/> for those (it is also the numerically stable choice).</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="dp">Receives ∂loss/∂p as PyTorch computes it: (pᵢ − tᵢ)/max(pᵢ·(1 − pᵢ), 10⁻¹²), divided by what the reduction divides by.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of elements, the same as Mean for a vector).</param>
        /// <returns>The reduced loss.</returns>
        /// <exception cref="ArgumentOutOfRangeException">An element of <paramref name="p"/> or of <paramref name="t"/> is outside [0, 1] or NaN (PyTorch raises "all elements of input (target) should be between 0 and 1").</exception>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.binary_cross_entropy(p, t, reduction=…)</c>, including its clamp of each log term at −100, so a confident wrong prediction (p = 0 with t = 1) costs 100, not ∞. The value is computed with log1p(−p) for log(1 − p), as PyTorch does.</para><para>The gradient is PyTorch's backward formula, (p − t)/max(p·(1 − p), 10⁻¹²), not the derivative of the clamped value. The two agree wherever 10⁻¹² ≤ p ≤ 1 − 10⁻¹² (there the derivative of −t·log p − (1 − t)·log(1 − p) is exactly (p − t)/(p·(1 − p))), and differ only at the edges: at p = 0 with t = 1 the clamped value is flat (derivative 0) while the gradient here is −10¹², which keeps pushing p up as PyTorch does; for 0 &lt; p &lt; 10⁻¹² the exact derivative −t/p would reach 10⁴⁴ (+∞ in float for a subnormal p) while the gradient here is bounded by 10¹². The formula gets this with a <c>detach</c> construction, <c>detach(ℓ) + detach(g)·(p − detach(p))</c>: its value is ℓ exactly (the second term is g·0) and its derivative is g.</para></remarks>
        public static float BinaryCrossEntropy([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, Span<float> dp, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, dp, reduction);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial float BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, Span<float> dp, Reduction reduction);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        public static double BinaryCrossEntropy([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, Span<double> dp, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, dp, reduction);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial double BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, Span<double> dp, Reduction reduction);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        public static float BinaryCrossEntropy([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, reduction);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial float BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, Reduction reduction);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        public static double BinaryCrossEntropy([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, reduction);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial double BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, Reduction reduction);

        /// <summary>Per-element binary cross-entropy of probabilities (PyTorch's <c>reduction='none'</c>): lossᵢ = −(tᵢ·max(log pᵢ, −100) + (1 − tᵢ)·max(log(1 − pᵢ), −100)).</summary>
        /// <param name="p">Predicted <b>probabilities</b> in [0, 1], one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <exception cref="ArgumentOutOfRangeException">An element of <paramref name="p"/> or of <paramref name="t"/> is outside [0, 1] or NaN.</exception>
        /// <remarks>With PyTorch's per-element <c>weight</c> and <c>reduction='none'</c>, the loss is weightᵢ·lossᵢ and the backward pass is this one with dlossᵢ·weightᵢ: the weighted overloads have no unreduced pair of their own, because (p, t, weight, loss) would have the signature of the backward pass (p, t, dloss, dp).</remarks>
        public static void BinaryCrossEntropyUnreduced([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, Span<float> loss)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            BinaryCrossEntropyUnreducedCore(p, t, loss);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial void BinaryCrossEntropyUnreducedCore([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, Span<float> loss);

        /// <inheritdoc cref="BinaryCrossEntropyUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        public static void BinaryCrossEntropyUnreduced([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, Span<double> loss)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            BinaryCrossEntropyUnreducedCore(p, t, loss);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial void BinaryCrossEntropyUnreducedCore([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, Span<double> loss);

        /// <summary>The backward pass of <see cref="BinaryCrossEntropyUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>: dpᵢ = dlossᵢ·(pᵢ − tᵢ)/max(pᵢ·(1 − pᵢ), 10⁻¹²), PyTorch's backward formula (see <see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>).</summary>
        /// <param name="p">Predicted <b>probabilities</b> in [0, 1], one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException">An element of <paramref name="p"/> or of <paramref name="t"/> is outside [0, 1] or NaN.</exception>
        public static void BinaryCrossEntropyUnreduced([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            BinaryCrossEntropyUnreducedCore(p, t, dloss, dp);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial void BinaryCrossEntropyUnreducedCore([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

        /// <inheritdoc cref="BinaryCrossEntropyUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        public static void BinaryCrossEntropyUnreduced([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            BinaryCrossEntropyUnreducedCore(p, t, dloss, dp);
        }

        [Loss(BinaryCrossEntropyFormula)]
        private static partial void BinaryCrossEntropyUnreducedCore([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);

        /// <summary>Weighted binary cross-entropy of probabilities, PyTorch's <c>binary_cross_entropy(weight=…)</c>: ℓᵢ = −wᵢ·(tᵢ·max(log pᵢ, −100) + (1 − tᵢ)·max(log(1 − pᵢ), −100)).</summary>
        /// <param name="p">Predicted <b>probabilities</b> in [0, 1] (for example the output of a sigmoid), one per element.</param>
        /// <param name="t">Targets in [0, 1] (binary labels or probabilities), one per element.</param>
        /// <param name="weight">A weight per element, PyTorch's <c>weight</c> (broadcast to the input's shape there).</param>
        /// <param name="dp">Receives ∂loss/∂p as PyTorch computes it: wᵢ·(pᵢ − tᵢ)/max(pᵢ·(1 − pᵢ), 10⁻¹²), divided by what the reduction divides by.</param>
        /// <param name="reduction">Mean (default), Sum, or BatchMean (the sum over the number of elements, the same as Mean for a vector).</param>
        /// <returns>The reduced loss.</returns>
        /// <exception cref="ArgumentOutOfRangeException">An element of <paramref name="p"/> or of <paramref name="t"/> is outside [0, 1] or NaN (PyTorch raises "all elements of input (target) should be between 0 and 1").</exception>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.binary_cross_entropy(p, t, weight, reduction=…)</c>: <see cref="Reduction.Mean"/> divides by the number of elements, not by the sum of the weights (as PyTorch). The weights are not validated and get no gradient.</para><para>The value and the gradient follow the unweighted overload <see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/> (the log clamp at −100, and PyTorch's backward formula, which differs from the derivative of the clamped value only for p &lt; 10⁻¹² or p &gt; 1 − 10⁻¹²), times wᵢ. For <c>reduction='none'</c> with weights, multiply the output of <see cref="BinaryCrossEntropyUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> by the weights.</para></remarks>
        public static float BinaryCrossEntropy([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, Span<float> dp, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, weight, dp, reduction);
        }

        [Loss(WeightedBinaryCrossEntropyFormula)]
        private static partial float BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, Span<float> dp, Reduction reduction);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        public static double BinaryCrossEntropy([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, Span<double> dp, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, weight, dp, reduction);
        }

        [Loss(WeightedBinaryCrossEntropyFormula)]
        private static partial double BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, Span<double> dp, Reduction reduction);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        public static float BinaryCrossEntropy([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, weight, reduction);
        }

        [Loss(WeightedBinaryCrossEntropyFormula)]
        private static partial float BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<float> p, [Probabilities] ReadOnlySpan<float> t, ReadOnlySpan<float> weight, Reduction reduction);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        public static double BinaryCrossEntropy([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, Reduction reduction = Reduction.Mean)
        {
            ValidateBinaryCrossEntropyInputs(p, t);
            return BinaryCrossEntropyCore(p, t, weight, reduction);
        }

        [Loss(WeightedBinaryCrossEntropyFormula)]
        private static partial double BinaryCrossEntropyCore([Probabilities] ReadOnlySpan<double> p, [Probabilities] ReadOnlySpan<double> t, ReadOnlySpan<double> weight, Reduction reduction);

        // An array converts to both Span<T> and ReadOnlySpan<T>, and C# 14 prefers ReadOnlySpan<T>: without these, a call
        // with three arrays BinaryCrossEntropy(p, t, dp) binds to the weighted overload, takes the gradient buffer for
        // weights and writes no gradient. An array in third position binds here instead (an identity conversion beats
        // both span conversions), and the call does not compile.
        internal const string ArrayGradientOrWeight =
            "BinaryCrossEntropy(p, t, array): is the array the gradient output or the weights? Pass dp.AsSpan() for the gradient, or (ReadOnlySpan<float>)weight (ReadOnlySpan<double>) for the weights.";

        /// <summary>Does not compile: an array in third position could be the gradient or the weights (see the message).</summary>
        /// <param name="p">Predicted probabilities.</param>
        /// <param name="t">Target probabilities.</param>
        /// <param name="gradientOrWeight">An array, which C# would otherwise pass as the weights.</param>
        /// <param name="reduction">The reduction.</param>
        /// <returns>Never returns.</returns>
        [Obsolete(ArrayGradientOrWeight, error: true)]
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public static float BinaryCrossEntropy(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float[] gradientOrWeight, Reduction reduction = Reduction.Mean) =>
            throw new NotSupportedException(ArrayGradientOrWeight);

        /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, float[], Reduction)"/>
        [Obsolete(ArrayGradientOrWeight, error: true)]
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public static double BinaryCrossEntropy(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double[] gradientOrWeight, Reduction reduction = Reduction.Mean) =>
            throw new NotSupportedException(ArrayGradientOrWeight);
    }
}
