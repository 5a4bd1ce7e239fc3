using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // PyTorch's kl_div, pointwise: log_target ? exp(t)·(t − x) : xlogy(t, t) − t·x, where xlogy(0, ·) = 0.
        private const string KullbackLeiblerDivergenceFormula =
            "reduce(where(log_target, exp(t) * (t - x), where(t == 0, 0, t * log(t)) - t * x))";

        // PyTorch's 'batchmean' divides the sum by input.size(0); the kernels divide BatchMean by the number of rows, which
        // for a tensor (N, C, d₁, …, dₖ) is N·d₁·…·dₖ. The loss is pointwise, so the same dense memory seen as
        // (N, C·d₁·…·dₖ) gives the same elements with N rows. Tensors that are not dense or disagree in shape are passed
        // unchanged, so the kernel's own checks report them.
        private static bool KlFlatten<T>(in ReadOnlyTensorSpan<T> x, in ReadOnlyTensorSpan<T> t, Reduction reduction) =>
            reduction == Reduction.BatchMean && x.Rank > 2 && x.IsDense && t.IsDense && x.FlattenedLength > 0 &&
            x.FlattenedLength <= int.MaxValue && x.Lengths.SequenceEqual(t.Lengths);

        private static ReadOnlyTensorSpan<T> KlRows<T>(in ReadOnlyTensorSpan<T> x)
        {
            nint n = x.Lengths[0];
            ReadOnlySpan<T> flat = MemoryMarshal.CreateReadOnlySpan(in TensorMarshal.GetReference(x), (int)x.FlattenedLength);
            return new ReadOnlyTensorSpan<T>(flat, [n, x.FlattenedLength / n], []);
        }

        private static TensorSpan<T> KlRows<T>(in TensorSpan<T> dx, in ReadOnlyTensorSpan<T> x)
        {
            if (!dx.IsDense || !dx.Lengths.SequenceEqual(x.Lengths))
            {
                return dx;
            }

            nint n = dx.Lengths[0];
            Span<T> flat = MemoryMarshal.CreateSpan(ref TensorMarshal.GetReference(dx), (int)dx.FlattenedLength);
            return new TensorSpan<T>(flat, [n, dx.FlattenedLength / n], []);
        }

        /// <summary>Kullback–Leibler divergence of log-probabilities from a target distribution, PyTorch's <c>kl_div</c>: ℓᵢⱼ = tᵢⱼ·(log tᵢⱼ − xᵢⱼ) (0 where tᵢⱼ = 0), or with <paramref name="log_target"/> ℓᵢⱼ = exp(tᵢⱼ)·(tᵢⱼ − xᵢⱼ).</summary>
        /// <param name="x">The input: <b>log-probabilities</b> (for example log_softmax of logits), of shape (N, C) or (N, C, d₁, …, dₖ). Not probabilities: passing probabilities computes a different, wrong quantity without any error (analyzer LD2006).</param>
        /// <param name="t">The target, the shape of <paramref name="x"/>: probabilities, or log-probabilities when <paramref name="log_target"/> is true.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="log_target">Whether <paramref name="t"/> holds log-probabilities (PyTorch's <c>log_target</c>, default false).</param>
        /// <param name="reduction"><see cref="Reduction.Mean"/> (default, as PyTorch: the mean over all N·C·… elements, which is not the divergence per sample), <see cref="Reduction.Sum"/>, or <see cref="Reduction.BatchMean"/> (PyTorch's <c>'batchmean'</c>: the sum divided by N = x.Lengths[0], the mathematically correct KL divergence per sample).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.kl_div(x, t, reduction=…, log_target=log_target)</c>, pointwise as PyTorch computes it: <c>xlogy(t, t) − t·x</c> (so a target of 0 contributes 0·(−x), which is 0 for finite x and NaN for x = −∞, as in PyTorch; a negative target gives NaN), or <c>exp(t)·(t − x)</c> with <paramref name="log_target"/>. <see cref="Reduction.BatchMean"/> divides by the first dimension only, also for a tensor of rank &gt; 2, as PyTorch does. A 1-D PyTorch input corresponds to shape (n, 1) here.</para><para>The gradient is ∂ℓ/∂x = −t (−exp(t) with <paramref name="log_target"/>), divided by what the reduction divides by. The target gets no gradient (PyTorch can differentiate kl_div with respect to the target; this entry, like the rest of the catalog, differentiates the prediction only). <paramref name="t"/> carries no kind attribute because its kind depends on <paramref name="log_target"/>. Nothing is validated beyond shapes: PyTorch refuses nothing here either.</para></remarks>
        public static float KullbackLeiblerDivergence([LogProbabilities] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, bool log_target = false, Reduction reduction = Reduction.Mean) =>
            KlFlatten(x, t, reduction)
                ? KullbackLeiblerDivergenceCore(KlRows(x), KlRows(t), KlRows(dx, x), log_target, reduction)
                : KullbackLeiblerDivergenceCore(x, t, dx, log_target, reduction);

        [Loss(KullbackLeiblerDivergenceFormula)]
        private static partial float KullbackLeiblerDivergenceCore([LogProbabilities] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, bool log_target, Reduction reduction);

        /// <inheritdoc cref="KullbackLeiblerDivergence(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, bool, Reduction)"/>
        public static double KullbackLeiblerDivergence([LogProbabilities] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, bool log_target = false, Reduction reduction = Reduction.Mean) =>
            KlFlatten(x, t, reduction)
                ? KullbackLeiblerDivergenceCore(KlRows(x), KlRows(t), KlRows(dx, x), log_target, reduction)
                : KullbackLeiblerDivergenceCore(x, t, dx, log_target, reduction);

        [Loss(KullbackLeiblerDivergenceFormula)]
        private static partial double KullbackLeiblerDivergenceCore([LogProbabilities] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, bool log_target, Reduction reduction);

        /// <inheritdoc cref="KullbackLeiblerDivergence(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, bool, Reduction)"/>
        public static float KullbackLeiblerDivergence([LogProbabilities] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, bool log_target = false, Reduction reduction = Reduction.Mean) =>
            KlFlatten(x, t, reduction)
                ? KullbackLeiblerDivergenceCore(KlRows(x), KlRows(t), log_target, reduction)
                : KullbackLeiblerDivergenceCore(x, t, log_target, reduction);

        [Loss(KullbackLeiblerDivergenceFormula)]
        private static partial float KullbackLeiblerDivergenceCore([LogProbabilities] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, bool log_target, Reduction reduction);

        /// <inheritdoc cref="KullbackLeiblerDivergence(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, bool, Reduction)"/>
        public static double KullbackLeiblerDivergence([LogProbabilities] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, bool log_target = false, Reduction reduction = Reduction.Mean) =>
            KlFlatten(x, t, reduction)
                ? KullbackLeiblerDivergenceCore(KlRows(x), KlRows(t), log_target, reduction)
                : KullbackLeiblerDivergenceCore(x, t, log_target, reduction);

        [Loss(KullbackLeiblerDivergenceFormula)]
        private static partial double KullbackLeiblerDivergenceCore([LogProbabilities] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, bool log_target, Reduction reduction);

        /// <summary>Pointwise Kullback–Leibler divergence (PyTorch's <c>kl_div(…, reduction='none')</c>): lossᵢⱼ = tᵢⱼ·(log tᵢⱼ − xᵢⱼ) (0 where tᵢⱼ = 0), or exp(tᵢⱼ)·(tᵢⱼ − xᵢⱼ) with <paramref name="log_target"/>.</summary>
        /// <param name="x">The input: <b>log-probabilities</b>, of shape (N, C) or (N, C, d₁, …, dₖ).</param>
        /// <param name="t">The target, the shape of <paramref name="x"/>: probabilities, or log-probabilities when <paramref name="log_target"/> is true.</param>
        /// <param name="loss">Receives one loss per element, the shape of <paramref name="x"/>.</param>
        /// <param name="log_target">Whether <paramref name="t"/> holds log-probabilities.</param>
        [Loss(KullbackLeiblerDivergenceFormula)]
        public static partial void KullbackLeiblerDivergenceUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, TensorSpan<float> loss, bool log_target = false);

        /// <inheritdoc cref="KullbackLeiblerDivergenceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, bool)"/>
        [Loss(KullbackLeiblerDivergenceFormula)]
        public static partial void KullbackLeiblerDivergenceUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> loss, bool log_target = false);

        /// <summary>The backward pass of <see cref="KullbackLeiblerDivergenceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, bool)"/>: dxᵢⱼ = −dlossᵢⱼ·tᵢⱼ (−dlossᵢⱼ·exp(tᵢⱼ) with <paramref name="log_target"/>).</summary>
        /// <param name="x">The input: <b>log-probabilities</b>, of shape (N, C) or (N, C, d₁, …, dₖ).</param>
        /// <param name="t">The target, the shape of <paramref name="x"/>: probabilities, or log-probabilities when <paramref name="log_target"/> is true.</param>
        /// <param name="dloss">The upstream gradient, the shape of <paramref name="x"/>.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="log_target">Whether <paramref name="t"/> holds log-probabilities.</param>
        [Loss(KullbackLeiblerDivergenceFormula)]
        public static partial void KullbackLeiblerDivergenceUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, ReadOnlyTensorSpan<float> dloss, TensorSpan<float> dx, bool log_target = false);

        /// <inheritdoc cref="KullbackLeiblerDivergenceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, bool)"/>
        [Loss(KullbackLeiblerDivergenceFormula)]
        public static partial void KullbackLeiblerDivergenceUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, ReadOnlyTensorSpan<double> dloss, TensorSpan<double> dx, bool log_target = false);
    }
}
