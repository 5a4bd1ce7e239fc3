using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // PyTorch's ctc_loss: 'mean' divides each sample's loss by its target length (at least 1) and then averages over
        // the batch; 'sum' adds the losses as they are; 'none' is the per-sample losses. ctc(...) is the runtime intrinsic
        // LossDsl.Intrinsics.Ctc (forward–backward in log space), called from the formula like any other function.
        private const string CtcMeanFormula = "mean(ctc(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity) / max(targetLengths, 1))";
        private const string CtcSumFormula = "sum(ctc(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity))";
        private const string CtcUnreducedFormula = "ctc(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity)";

        // PyTorch's ctc_loss takes 'none', 'mean' or 'sum'; 'batchmean' is kl_div's alone.
        private static void CheckCtcReduction(Reduction reduction)
        {
            if (reduction is not (Reduction.Mean or Reduction.Sum))
            {
                throw new ArgumentOutOfRangeException(nameof(reduction), reduction,
                    "CTC reduces with Reduction.Mean (each loss divided by its target length, then the mean, as PyTorch) or Reduction.Sum; the per-sample losses are CtcUnreduced.");
            }
        }

        /// <summary>Connectionist temporal classification loss, PyTorch's <c>ctc_loss</c>: the negative log-likelihood −log Σ_π Πₜ p(πₜ) of each target sequence over every alignment π of the T frames that collapses to it (repeats merged, then blanks removed), reduced as PyTorch reduces it.</summary>
        /// <param name="logProbs">The input: <b>log-probabilities</b> of shape (T, N, C), time steps × samples × classes (blank included), for example log_softmax of a model's outputs over the class axis. The samples are axis 1, as in PyTorch.</param>
        /// <param name="targets">The target class indices: padded, shape (N, S) with S ≥ every target length (entries past a sample's length are ignored), or concatenated, shape (Σ targetLengths). Each label lies in [0, C) and is not <paramref name="blank"/>.</param>
        /// <param name="inputLengths">The frames each sample uses, each in [0, T]; length N.</param>
        /// <param name="targetLengths">The labels in each sample's target, each ≥ 0; length N.</param>
        /// <param name="dLogProbs">Receives ∂loss/∂logProbs, shape (T, N, C), dense. Frames past a sample's input length get 0.</param>
        /// <param name="blank">The blank class, in [0, C) (PyTorch's <c>blank</c>).</param>
        /// <param name="reduction"><see cref="Reduction.Mean"/> (default, as PyTorch: each loss divided by its target length, at least 1, then the mean over the batch) or <see cref="Reduction.Sum"/> (the sum of the losses, not divided). <see cref="Reduction.BatchMean"/> is refused, as PyTorch refuses it.</param>
        /// <param name="zero_infinity">Whether an infinite loss, from a target the input is too short to align (fewer frames than labels plus repeated neighbours), and its gradient are replaced by 0 (PyTorch's <c>zero_infinity</c>).</param>
        /// <returns>The reduced loss: +∞ when a sample cannot be aligned and <paramref name="zero_infinity"/> is false.</returns>
        /// <exception cref="ArgumentException">A shape or length disagrees (rank of <paramref name="logProbs"/>, length of a per-sample span, the gradient's shape, padded targets narrower than the longest target, concatenated targets whose count is not Σ targetLengths), or an output overlaps an input.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="blank"/> is outside [0, C); an input length is outside [0, T]; a target length is negative; a label is outside [0, C) or is the blank; <paramref name="reduction"/> is neither Mean nor Sum.</exception>
        /// <remarks><para>Equivalent to <c>torch.nn.functional.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity)</c>. The recursion (the alpha–beta forward–backward algorithm in log space) runs in double for float inputs too.</para><para><b>Gradient.</b> This entry returns the true derivative of the loss with respect to <paramref name="logProbs"/> taken as free variables: −(the posterior occupancy of class c at frame t), scaled by the reduction. PyTorch's CPU and CUDA backward return exp(logProbs) − occupancy instead, which is the gradient with respect to the logits when logProbs came from a log_softmax and its backward has been folded in. Composed with a log_softmax backward, both give softmax − occupancy, because the occupancy of a used frame sums to 1 over the classes. With an impossible alignment and <paramref name="zero_infinity"/> false, the sample's used frames get NaN, as in PyTorch.</para><para><b>Checks.</b> PyTorch documents that labels must not be the blank but reads out of range when they are; this entry throws. An input length of 0 gives 0 for an empty target and +∞ otherwise.</para></remarks>
        public static float Ctc([LogProbabilities] ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            TensorSpan<float> dLogProbs, int blank = 0, Reduction reduction = Reduction.Mean, bool zero_infinity = false)
        {
            CheckCtcReduction(reduction);
            return reduction == Reduction.Sum
                ? CtcSumCore(logProbs, targets, inputLengths, targetLengths, dLogProbs, blank, zero_infinity)
                : CtcMeanCore(logProbs, targets, inputLengths, targetLengths, dLogProbs, blank, zero_infinity);
        }

        /// <inheritdoc cref="Ctc(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, TensorSpan{float}, int, Reduction, bool)"/>
        public static double Ctc([LogProbabilities] ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            TensorSpan<double> dLogProbs, int blank = 0, Reduction reduction = Reduction.Mean, bool zero_infinity = false)
        {
            CheckCtcReduction(reduction);
            return reduction == Reduction.Sum
                ? CtcSumCore(logProbs, targets, inputLengths, targetLengths, dLogProbs, blank, zero_infinity)
                : CtcMeanCore(logProbs, targets, inputLengths, targetLengths, dLogProbs, blank, zero_infinity);
        }

        /// <inheritdoc cref="Ctc(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, TensorSpan{float}, int, Reduction, bool)"/>
        public static float Ctc([LogProbabilities] ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            int blank = 0, Reduction reduction = Reduction.Mean, bool zero_infinity = false)
        {
            CheckCtcReduction(reduction);
            return reduction == Reduction.Sum
                ? CtcSumCore(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity)
                : CtcMeanCore(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity);
        }

        /// <inheritdoc cref="Ctc(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, TensorSpan{float}, int, Reduction, bool)"/>
        public static double Ctc([LogProbabilities] ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            int blank = 0, Reduction reduction = Reduction.Mean, bool zero_infinity = false)
        {
            CheckCtcReduction(reduction);
            return reduction == Reduction.Sum
                ? CtcSumCore(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity)
                : CtcMeanCore(logProbs, targets, inputLengths, targetLengths, blank, zero_infinity);
        }

        /// <summary>The per-sample CTC losses, PyTorch's <c>ctc_loss(…, reduction='none')</c>: <c>loss[n]</c> = −log Σ_π Πₜ p(πₜ) over the alignments π of sample n's target.</summary>
        /// <param name="logProbs">Log-probabilities (T, N, C), as for <see cref="Ctc(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, TensorSpan{float}, int, Reduction, bool)"/>.</param>
        /// <param name="targets">Target class indices, padded (N, S) or concatenated.</param>
        /// <param name="inputLengths">The frames each sample uses; length N.</param>
        /// <param name="targetLengths">The labels in each sample's target; length N.</param>
        /// <param name="loss">Receives the N losses (+∞ for a sample that cannot be aligned, unless <paramref name="zero_infinity"/>).</param>
        /// <param name="blank">The blank class, default 0.</param>
        /// <param name="zero_infinity">Whether infinite losses become 0, default false.</param>
        /// <exception cref="ArgumentException">A shape or length disagrees, or an output overlaps an input.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The blank, a length or a label is out of range.</exception>
        [Loss(CtcUnreducedFormula)]
        public static partial void CtcUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            Span<float> loss, int blank = 0, bool zero_infinity = false);

        /// <inheritdoc cref="CtcUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float}, int, bool)"/>
        [Loss(CtcUnreducedFormula)]
        public static partial void CtcUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            Span<double> loss, int blank = 0, bool zero_infinity = false);

        /// <summary>The backward of <see cref="CtcUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float}, int, bool)"/>: writes Σₙ dloss[n]·∂loss[n]/∂logProbs into <paramref name="dLogProbs"/>.</summary>
        /// <param name="logProbs">Log-probabilities (T, N, C).</param>
        /// <param name="targets">Target class indices, padded (N, S) or concatenated.</param>
        /// <param name="inputLengths">The frames each sample uses; length N.</param>
        /// <param name="targetLengths">The labels in each sample's target; length N.</param>
        /// <param name="dloss">The upstream gradient, one value per sample.</param>
        /// <param name="dLogProbs">Receives the vector–Jacobian product, shape (T, N, C), dense.</param>
        /// <param name="blank">The blank class, default 0.</param>
        /// <param name="zero_infinity">Whether infinite losses (and their gradients) become 0, default false.</param>
        /// <exception cref="ArgumentException">A shape or length disagrees, or an output overlaps an input.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The blank, a length or a label is out of range.</exception>
        [Loss(CtcUnreducedFormula)]
        public static partial void CtcUnreduced([LogProbabilities] ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            ReadOnlySpan<float> dloss, TensorSpan<float> dLogProbs, int blank = 0, bool zero_infinity = false);

        /// <inheritdoc cref="CtcUnreduced(ReadOnlyTensorSpan{float}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{float}, TensorSpan{float}, int, bool)"/>
        [Loss(CtcUnreducedFormula)]
        public static partial void CtcUnreduced([LogProbabilities] ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
            ReadOnlySpan<double> dloss, TensorSpan<double> dLogProbs, int blank = 0, bool zero_infinity = false);

        [Loss(CtcMeanFormula)]
        private static partial float CtcMeanCore(ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, TensorSpan<float> dLogProbs, int blank, bool zero_infinity);

        [Loss(CtcMeanFormula)]
        private static partial double CtcMeanCore(ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, TensorSpan<double> dLogProbs, int blank, bool zero_infinity);

        [Loss(CtcMeanFormula)]
        private static partial float CtcMeanCore(ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank, bool zero_infinity);

        [Loss(CtcMeanFormula)]
        private static partial double CtcMeanCore(ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank, bool zero_infinity);

        [Loss(CtcSumFormula)]
        private static partial float CtcSumCore(ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, TensorSpan<float> dLogProbs, int blank, bool zero_infinity);

        [Loss(CtcSumFormula)]
        private static partial double CtcSumCore(ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, TensorSpan<double> dLogProbs, int blank, bool zero_infinity);

        [Loss(CtcSumFormula)]
        private static partial float CtcSumCore(ReadOnlyTensorSpan<float> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank, bool zero_infinity);

        [Loss(CtcSumFormula)]
        private static partial double CtcSumCore(ReadOnlyTensorSpan<double> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank, bool zero_infinity);
    }
}
