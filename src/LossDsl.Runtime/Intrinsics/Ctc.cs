using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using LossDsl.Kernels;

namespace LossDsl.Intrinsics;

/// <summary>
/// Connectionist temporal classification loss with the semantics of PyTorch's <c>torch.nn.functional.ctc_loss</c>
/// (reduction <c>'none'</c>): the negative log-likelihood of each target sequence under all monotonic alignments of
/// the per-frame class log-probabilities, computed with the forward (alpha) recursion in log space. Formulas call it as
/// <c>ctc(logProbs, targets, inputLengths, targetLengths, blank, zeroInfinity)</c>.
/// </summary>
/// <remarks>
/// <para><b>Shapes.</b> <c>logProbs</c> is (T, N, C): time, batch, classes. <c>targets</c> holds class indices, either
/// padded (rank 2, (N, S) with S ≥ every target length; entries past a sample's length are ignored) or concatenated
/// (rank 1, the N targets one after another, length Σ targetLengths). <c>inputLengths</c> and <c>targetLengths</c>
/// have length N. Inputs may have any strides a tensor span allows; gradient outputs must be dense.</para>
/// <para><b>Checks</b> (as PyTorch's <c>ctc_loss_allocate_outputs</c>, plus label checks PyTorch's CPU kernel does not do):
/// logProbs has rank 3; blank is in [0, C); both length spans have length N; target lengths are ≥ 0; input lengths are
/// in [0, T]; targets have rank 1 with length Σ targetLengths or rank 2 with N rows and at least max(targetLengths)
/// columns; each label of each target (within its length) is in [0, C) and differs from blank (PyTorch documents this
/// requirement but reads out of range instead of checking it).</para>
/// <para><b>Impossible alignments.</b> When the input is too short for the target (T_n &lt; S_n + the number of repeated
/// adjacent labels), the likelihood is 0 and the loss is +∞; an input length of 0 gives 0 for an empty target and +∞
/// otherwise. With <c>zeroInfinity</c> those losses are 0 and their gradients 0.</para>
/// </remarks>
[LossIntrinsic("ctc")]
public static class Ctc
{
    /// <summary>Writes the negative log-likelihood of each sample's target into <paramref name="losses"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the recursion runs in <see cref="double"/> either way.</typeparam>
    /// <param name="logProbs">Log-probabilities, shape (T, N, C).</param>
    /// <param name="targets">Target class indices: rank 2 padded (N, S) or rank 1 concatenated (Σ targetLengths). An empty
    /// rank-0 tensor span (<c>default</c>) is read as an empty concatenated list.</param>
    /// <param name="inputLengths">Frames used by each sample, each in [0, T]; length N.</param>
    /// <param name="targetLengths">Labels in each sample's target, each ≥ 0; length N.</param>
    /// <param name="blank">The blank class, in [0, C). Default 0.</param>
    /// <param name="zeroInfinity">Whether an infinite loss (an impossible alignment) is replaced by 0. Default <see langword="false"/>.</param>
    /// <param name="losses">Receives the N per-sample losses.</param>
    /// <exception cref="ArgumentException">A shape or length does not match, or an output shares memory with an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blank"/>, a length or a label is out of range.</exception>
    public static void Forward<T>(
        ReadOnlyTensorSpan<T> logProbs,
        ReadOnlyTensorSpan<int> targets,
        ReadOnlySpan<int> inputLengths,
        ReadOnlySpan<int> targetLengths,
        [DefaultValue(0)] int blank,
        [DefaultValue(false)] bool zeroInfinity,
        Span<T> losses)
        where T : IFloatingPointIeee754<T> =>
        ForwardCore(logProbs, targets, inputLengths, targetLengths, blank, zeroInfinity, losses, CtcNames.Default);

    /// <summary><see cref="Forward{T}(ReadOnlyTensorSpan{T}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, Span{T})"/>, with errors naming <paramref name="names"/>.</summary>
    internal static void ForwardCore<T>(
        in ReadOnlyTensorSpan<T> logProbs,
        in ReadOnlyTensorSpan<int> targets,
        ReadOnlySpan<int> inputLengths,
        ReadOnlySpan<int> targetLengths,
        int blank,
        bool zeroInfinity,
        Span<T> losses,
        CtcNames names)
        where T : IFloatingPointIeee754<T>
    {
        var problem = new CtcProblem<T>(logProbs, targets, inputLengths, targetLengths, blank, names);
        if (losses.Length != problem.BatchSize)
        {
            throw new ArgumentException(
                $"'{nameof(losses)}' has length {losses.Length} but '{names.LogProbs}' has batch size {problem.BatchSize}; there is one loss per sample.",
                nameof(losses));
        }

        problem.CheckNoOverlap(nameof(losses), losses);

        double[] work = ArrayPool<double>.Shared.Rent(problem.AlphaLength);
        int[] extended = ArrayPool<int>.Shared.Rent(problem.ExtendedLength);
        try
        {
            long consumed = 0;
            for (int n = 0; n < problem.BatchSize; n++)
            {
                double loss = problem.Alpha(n, problem.TargetStart(n, ref consumed), extended, work);
                if (zeroInfinity && double.IsPositiveInfinity(loss))
                {
                    loss = 0;
                }

                losses[n] = T.CreateTruncating(loss);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(extended);
            ArrayPool<double>.Shared.Return(work);
        }
    }

    /// <summary>
    /// Writes <c>upstream[n] · ∂losses[n]/∂logProbs[t, n, c]</c> into <paramref name="dLogProbs"/>: the true gradient with
    /// respect to the log-probabilities as free variables.
    /// </summary>
    /// <remarks>
    /// <para>With the alpha–beta recursions, ∂loss_n/∂lp[t,n,c] = −Σ_{s : l'_s = c} exp(α_t(s) + β_t(s) − lp[t,n,c] + loss_n),
    /// where l' is the target with blanks around and between its labels, and α and β both include the emission at t. The
    /// occupancy Σ_c of that sum is 1 at every frame t &lt; inputLengths[n]. Frames t ≥ inputLengths[n] get 0.</para>
    /// <para><b>Difference from PyTorch.</b> PyTorch's <c>ctc_loss</c> backward returns exp(lp) − occupancy, which is not the
    /// derivative of the loss with respect to <c>log_probs</c> (it would be if log_probs were the output of a log_softmax
    /// whose backward had already been applied). This method returns −occupancy, which matches finite differences of
    /// <see cref="Forward{T}"/>. Composed with a log_softmax backward (g − softmax · Σ_c g) both give softmax − occupancy,
    /// because the occupancy sums to 1 per frame.</para>
    /// <para><b>Infinite losses</b> (as PyTorch): with <paramref name="zeroInfinity"/> the sample's gradient is 0; without it,
    /// its frames t &lt; inputLengths[n] are NaN (PyTorch computes exp(−∞ + ∞) there), frames after are 0. A NaN loss gives
    /// NaN frames too.</para>
    /// </remarks>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the recursions run in <see cref="double"/> either way.</typeparam>
    /// <param name="logProbs">Log-probabilities, shape (T, N, C).</param>
    /// <param name="targets">Target class indices, as for <see cref="Forward{T}"/>.</param>
    /// <param name="inputLengths">Frames used by each sample; length N.</param>
    /// <param name="targetLengths">Labels in each sample's target; length N.</param>
    /// <param name="blank">The blank class, in [0, C). Default 0.</param>
    /// <param name="zeroInfinity">Whether infinite losses (and so their gradients) are replaced by 0. Default <see langword="false"/>.</param>
    /// <param name="upstream">The gradient flowing into each sample's loss; length N.</param>
    /// <param name="dLogProbs">Receives the gradient, shape (T, N, C), dense; every element is overwritten.</param>
    /// <exception cref="ArgumentException">A shape or length does not match, <paramref name="dLogProbs"/> is not dense, or an output shares memory with an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blank"/>, a length or a label is out of range.</exception>
    public static void Backward<T>(
        ReadOnlyTensorSpan<T> logProbs,
        ReadOnlyTensorSpan<int> targets,
        ReadOnlySpan<int> inputLengths,
        ReadOnlySpan<int> targetLengths,
        [DefaultValue(0)] int blank,
        [DefaultValue(false)] bool zeroInfinity,
        ReadOnlySpan<T> upstream,
        TensorSpan<T> dLogProbs)
        where T : IFloatingPointIeee754<T>
    {
        Span<T> gradient = TensorViews.DenseOutput(dLogProbs, logProbs.Lengths, nameof(dLogProbs), nameof(logProbs));
        BackwardCore(logProbs, targets, inputLengths, targetLengths, blank, zeroInfinity, upstream, gradient, CtcNames.Default);
    }

    /// <summary>The backward of <see cref="Backward{T}(ReadOnlyTensorSpan{T}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, ReadOnlySpan{T}, TensorSpan{T})"/>
    /// into a dense gradient of T·N·C elements (row-major, checked by the caller), with errors naming <paramref name="names"/>.</summary>
    internal static void BackwardCore<T>(
        in ReadOnlyTensorSpan<T> logProbs,
        in ReadOnlyTensorSpan<int> targets,
        ReadOnlySpan<int> inputLengths,
        ReadOnlySpan<int> targetLengths,
        int blank,
        bool zeroInfinity,
        ReadOnlySpan<T> upstream,
        Span<T> gradient,
        CtcNames names)
        where T : IFloatingPointIeee754<T>
    {
        var problem = new CtcProblem<T>(logProbs, targets, inputLengths, targetLengths, blank, names);
        if (upstream.Length != problem.BatchSize)
        {
            throw new ArgumentException(
                $"'{nameof(upstream)}' has length {upstream.Length} but '{names.LogProbs}' has batch size {problem.BatchSize}; there is one upstream gradient per sample.",
                nameof(upstream));
        }

        problem.CheckNoOverlap("dLogProbs", gradient);
        LossGuard.NoOverlap("dLogProbs", (ReadOnlySpan<T>)gradient, nameof(upstream), upstream);

        int extendedLength = problem.ExtendedLength;
        double[] work = ArrayPool<double>.Shared.Rent(problem.AlphaLength + (2 * extendedLength) + problem.Classes);
        int[] extended = ArrayPool<int>.Shared.Rent(extendedLength);
        try
        {
            Span<double> alpha = work.AsSpan(0, problem.AlphaLength);
            Span<double> beta = work.AsSpan(problem.AlphaLength, extendedLength);
            Span<double> emitted = work.AsSpan(problem.AlphaLength + extendedLength, extendedLength);
            Span<double> occupancy = work.AsSpan(problem.AlphaLength + (2 * extendedLength), problem.Classes);
            long consumed = 0;
            for (int n = 0; n < problem.BatchSize; n++)
            {
                double loss = problem.Alpha(n, problem.TargetStart(n, ref consumed), extended, alpha);
                problem.Gradient(n, extended, alpha, loss, double.CreateTruncating(upstream[n]), zeroInfinity, beta, emitted, occupancy, gradient);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(extended);
            ArrayPool<double>.Shared.Return(work);
        }
    }

    /// <summary>
    /// PyTorch's <c>reduction='mean'</c> for CTC: each loss divided by its target length (at least 1), then averaged over
    /// the batch. The formula equivalent is <c>mean(ctc(...) / max(targetLengths, 1))</c>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="losses">The per-sample losses from <see cref="Forward{T}"/>.</param>
    /// <param name="targetLengths">The target lengths, each ≥ 0; same length as <paramref name="losses"/>.</param>
    /// <returns>The reduced loss; NaN for an empty batch (as the mean of an empty tensor in PyTorch).</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target length is negative.</exception>
    public static T MeanReduction<T>(ReadOnlySpan<T> losses, ReadOnlySpan<int> targetLengths)
        where T : IFloatingPointIeee754<T>
    {
        CheckReductionLengths(losses.Length, nameof(losses), targetLengths);
        if (losses.IsEmpty)
        {
            return T.NaN;
        }

        double sum = 0;
        for (int n = 0; n < losses.Length; n++)
        {
            sum += double.CreateTruncating(losses[n]) / Math.Max(targetLengths[n], 1);
        }

        return T.CreateTruncating(sum / losses.Length);
    }

    /// <summary>The gradient of <see cref="MeanReduction{T}"/>: <c>dLosses[n] = upstream / (N · max(targetLengths[n], 1))</c>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="targetLengths">The target lengths, each ≥ 0.</param>
    /// <param name="upstream">The gradient flowing into the reduced loss.</param>
    /// <param name="dLosses">Receives the gradient with respect to each per-sample loss; same length as <paramref name="targetLengths"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target length is negative.</exception>
    public static void MeanReductionBackward<T>(ReadOnlySpan<int> targetLengths, T upstream, Span<T> dLosses)
        where T : IFloatingPointIeee754<T>
    {
        CheckReductionLengths(dLosses.Length, nameof(dLosses), targetLengths);
        double scale = double.CreateTruncating(upstream) / dLosses.Length;
        for (int n = 0; n < dLosses.Length; n++)
        {
            dLosses[n] = T.CreateTruncating(scale / Math.Max(targetLengths[n], 1));
        }
    }

    private static void CheckReductionLengths(int length, string name, ReadOnlySpan<int> targetLengths)
    {
        if (targetLengths.Length != length)
        {
            throw new ArgumentException(
                $"'{nameof(targetLengths)}' has length {targetLengths.Length} but '{name}' has length {length}; there is one target length per sample.",
                nameof(targetLengths));
        }

        for (int n = 0; n < targetLengths.Length; n++)
        {
            if (targetLengths[n] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(targetLengths), targetLengths[n], $"Target length {n} is negative.");
            }
        }
    }
}
