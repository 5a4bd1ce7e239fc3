using System;
using System.Numerics;
using System.Numerics.Tensors;
using LossDsl.Kernels;

namespace LossDsl.Intrinsics;

/// <summary>
/// The validated inputs of one CTC call and the two recursions over them. Every check happens in the constructor, so
/// the recursions index only memory the checks have bounded.
/// </summary>
internal readonly ref struct CtcProblem<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> logProbs;
    private readonly nint timeStride;
    private readonly nint batchStride;
    private readonly nint classStride;
    private readonly ReadOnlySpan<int> targets;
    private readonly bool concatenated;
    private readonly nint targetRowStride;
    private readonly nint labelStride;
    private readonly ReadOnlySpan<int> inputLengths;
    private readonly ReadOnlySpan<int> targetLengths;
    private readonly int blank;
    private readonly CtcNames names;

    public CtcProblem(
        in ReadOnlyTensorSpan<T> logProbs,
        in ReadOnlyTensorSpan<int> targets,
        ReadOnlySpan<int> inputLengths,
        ReadOnlySpan<int> targetLengths,
        int blank,
        CtcNames names)
    {
        this.names = names;
        if (logProbs.Rank != 3)
        {
            throw new ArgumentException(
                $"'{names.LogProbs}' has rank {logProbs.Rank} but CTC takes log-probabilities of shape (T, N, C).",
                names.LogProbs);
        }

        ReadOnlySpan<nint> lengths = logProbs.Lengths;
        if (lengths[0] > int.MaxValue || lengths[1] > int.MaxValue || lengths[2] > int.MaxValue)
        {
            throw new ArgumentException($"'{names.LogProbs}' has shape {TensorViews.Shape(lengths)}; each length must fit in an int.", names.LogProbs);
        }

        TimeSteps = (int)lengths[0];
        BatchSize = (int)lengths[1];
        Classes = (int)lengths[2];
        if (blank < 0 || blank >= Classes)
        {
            throw new ArgumentOutOfRangeException(names.Blank, blank, $"The blank class must be in [0, {Classes}), the classes of '{names.LogProbs}'.");
        }

        if (inputLengths.Length != BatchSize)
        {
            throw new ArgumentException(
                $"'{names.InputLengths}' has length {inputLengths.Length} but '{names.LogProbs}' has batch size {BatchSize}.",
                names.InputLengths);
        }

        if (targetLengths.Length != BatchSize)
        {
            throw new ArgumentException(
                $"'{names.TargetLengths}' has length {targetLengths.Length} but '{names.LogProbs}' has batch size {BatchSize}.",
                names.TargetLengths);
        }

        long totalTargets = 0;
        int maxTargetLength = 0;
        for (int n = 0; n < BatchSize; n++)
        {
            int length = targetLengths[n];
            if (length < 0)
            {
                throw new ArgumentOutOfRangeException(names.TargetLengths, length, $"Target length {n} is negative; target lengths must be at least 0.");
            }

            totalTargets += length;
            maxTargetLength = Math.Max(maxTargetLength, length);
        }

        if (targets.Rank == 2)
        {
            if (targets.Lengths[0] != BatchSize)
            {
                throw new ArgumentException(
                    $"'{names.Targets}' is padded with {targets.Lengths[0]} rows but '{names.LogProbs}' has batch size {BatchSize}.",
                    names.Targets);
            }

            if (targets.Lengths[1] < maxTargetLength)
            {
                throw new ArgumentException(
                    $"'{names.Targets}' is padded to {targets.Lengths[1]} labels but the longest target length is {maxTargetLength}.",
                    names.Targets);
            }

            concatenated = false;
            targetRowStride = targets.Strides[0];
            labelStride = targets.Strides[1];
        }
        else if (targets.Rank == 1 || (targets.Rank == 0 && targets.IsEmpty))
        {
            long available = targets.Rank == 1 ? targets.Lengths[0] : 0;
            if (available != totalTargets)
            {
                throw new ArgumentException(
                    $"'{names.Targets}' holds {available} concatenated labels but the target lengths add up to {totalTargets}.",
                    names.Targets);
            }

            concatenated = true;
            targetRowStride = 0;
            labelStride = targets.Rank == 1 ? targets.Strides[0] : 0;
        }
        else
        {
            throw new ArgumentException(
                $"'{names.Targets}' has rank {targets.Rank}; targets are padded (N, S) or concatenated (Σ target lengths).",
                names.Targets);
        }

        long alphaLength = 0;
        for (int n = 0; n < BatchSize; n++)
        {
            int length = inputLengths[n];
            if (length < 0 || length > TimeSteps)
            {
                throw new ArgumentOutOfRangeException(
                    names.InputLengths, length, $"Input length {n} must be in [0, {TimeSteps}], the time steps of '{names.LogProbs}'.");
            }

            alphaLength = Math.Max(alphaLength, (long)length * ((2L * targetLengths[n]) + 1));
        }

        if (alphaLength > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The alignment lattice of '{names.LogProbs}' needs {alphaLength} values for one sample, more than an array holds.",
                names.LogProbs);
        }

        this.logProbs = TensorViews.Covering(logProbs, names.LogProbs);
        ReadOnlySpan<nint> strides = logProbs.Strides;
        timeStride = strides[0];
        batchStride = strides[1];
        classStride = strides[2];
        this.targets = TensorViews.Covering(targets, names.Targets);
        this.inputLengths = inputLengths;
        this.targetLengths = targetLengths;
        this.blank = blank;
        AlphaLength = (int)alphaLength;
        ExtendedLength = (2 * maxTargetLength) + 1;

        long consumed = 0;
        for (int n = 0; n < BatchSize; n++)
        {
            nint start = TargetStart(n, ref consumed);
            for (int k = 0; k < targetLengths[n]; k++)
            {
                int label = this.targets[(int)(start + (k * labelStride))];
                if (label < 0 || label >= Classes || label == blank)
                {
                    throw new ArgumentOutOfRangeException(
                        names.Targets,
                        label,
                        $"Label {k} of target {n} must be a class in [0, {Classes}) other than the blank {blank}.");
                }
            }
        }
    }

    /// <summary>T, the time steps of the log-probabilities.</summary>
    public int TimeSteps { get; }

    /// <summary>N, the samples.</summary>
    public int BatchSize { get; }

    /// <summary>C, the classes including blank.</summary>
    public int Classes { get; }

    /// <summary>The largest alpha lattice of one sample: inputLength · (2 · targetLength + 1).</summary>
    public int AlphaLength { get; }

    /// <summary>The longest extended target (blanks around and between labels): 2 · max targetLength + 1.</summary>
    public int ExtendedLength { get; }

    /// <summary>Throws if <paramref name="output"/> shares memory with any input.</summary>
    public void CheckNoOverlap<TOut>(string name, Span<TOut> output)
    {
        ReadOnlySpan<TOut> written = output;
        LossGuard.NoOverlap(name, written, names.LogProbs, logProbs);
        LossGuard.NoOverlap(name, written, names.Targets, targets);
        LossGuard.NoOverlap(name, written, names.InputLengths, inputLengths);
        LossGuard.NoOverlap(name, written, names.TargetLengths, targetLengths);
    }

    /// <summary>Where sample <paramref name="n"/>'s labels start in the targets; samples are visited in order.</summary>
    public nint TargetStart(int n, ref long consumed)
    {
        if (!concatenated)
        {
            return n * targetRowStride;
        }

        nint start = (nint)consumed * labelStride;
        consumed += targetLengths[n];
        return start;
    }

    /// <summary>
    /// Fills <paramref name="extended"/> with sample <paramref name="n"/>'s extended target l' and
    /// <paramref name="alpha"/> (row-major, inputLength × |l'|) with log α_t(s), the log-probability of all path prefixes
    /// that end in state s at frame t, emission at t included. Returns the loss, −log p(target | input).
    /// </summary>
    public double Alpha(int n, nint targetStart, Span<int> extended, Span<double> alpha)
    {
        int frames = inputLengths[n];
        int labels = targetLengths[n];
        int states = (2 * labels) + 1;
        for (int k = 0; k < labels; k++)
        {
            extended[2 * k] = blank;
            extended[(2 * k) + 1] = targets[(int)(targetStart + (k * labelStride))];
        }

        extended[states - 1] = blank;
        if (frames == 0)
        {
            return labels == 0 ? 0 : double.PositiveInfinity;
        }

        nint sample = n * batchStride;
        Span<double> first = alpha.Slice(0, states);
        first.Fill(double.NegativeInfinity);
        first[0] = Read(sample, blank);
        if (states > 1)
        {
            first[1] = Read(sample, extended[1]);
        }

        for (int t = 1; t < frames; t++)
        {
            ReadOnlySpan<double> previous = alpha.Slice((t - 1) * states, states);
            Span<double> current = alpha.Slice(t * states, states);
            nint frame = sample + (t * timeStride);
            for (int s = 0; s < states; s++)
            {
                double stay = previous[s];
                double advance = s > 0 ? previous[s - 1] : double.NegativeInfinity;
                double skip = s > 1 && extended[s] != extended[s - 2] ? previous[s - 2] : double.NegativeInfinity;
                current[s] = LogSumExp(stay, advance, skip) + Read(frame, extended[s]);
            }
        }

        ReadOnlySpan<double> last = alpha.Slice((frames - 1) * states, states);
        double logLikelihood = labels == 0
            ? last[0]
            : LogSumExp(last[states - 1], last[states - 2], double.NegativeInfinity);
        return -logLikelihood;
    }

    /// <summary>
    /// Writes sample <paramref name="n"/>'s gradient rows of the dense (T, N, C) <paramref name="gradient"/>, given its
    /// extended target, alpha lattice and loss from <see cref="Alpha"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="beta"/> holds log β̃_t(s), the suffixes after frame t (emission at t excluded), so the occupancy
    /// exp(α_t(s) + β̃_t(s) + loss) never subtracts a log-probability: a class with log-probability −∞ gets 0, not NaN.
    /// </remarks>
    public void Gradient(
        int n,
        ReadOnlySpan<int> extended,
        ReadOnlySpan<double> alpha,
        double loss,
        double upstream,
        bool zeroInfinity,
        Span<double> beta,
        Span<double> emitted,
        Span<double> occupancy,
        Span<T> gradient)
    {
        int frames = inputLengths[n];
        int labels = targetLengths[n];
        int states = (2 * labels) + 1;
        int row = BatchSize * Classes;
        int column = n * Classes;

        if (!double.IsFinite(loss))
        {
            // PyTorch's exp(lp) - exp(log(0) + inf - lp) is NaN on the frames the sample uses; zero_infinity zeroes it all.
            T fill = zeroInfinity && double.IsPositiveInfinity(loss) ? T.Zero : T.NaN;
            for (int t = 0; t < frames; t++)
            {
                gradient.Slice((t * row) + column, Classes).Fill(fill);
            }
        }
        else if (frames > 0)
        {
            beta = beta.Slice(0, states);
            emitted = emitted.Slice(0, states);
            beta.Fill(double.NegativeInfinity);
            beta[states - 1] = 0;
            if (labels > 0)
            {
                beta[states - 2] = 0;
            }

            WriteFrame(alpha.Slice((frames - 1) * states, states), beta, extended, loss, upstream, occupancy, gradient.Slice(((frames - 1) * row) + column, Classes));
            nint sample = n * batchStride;
            for (int t = frames - 2; t >= 0; t--)
            {
                nint next = sample + ((t + 1) * timeStride);
                for (int s = 0; s < states; s++)
                {
                    emitted[s] = beta[s] + Read(next, extended[s]);
                }

                for (int s = 0; s < states; s++)
                {
                    double stay = emitted[s];
                    double advance = s + 1 < states ? emitted[s + 1] : double.NegativeInfinity;
                    double skip = s + 2 < states && extended[s + 2] != extended[s] ? emitted[s + 2] : double.NegativeInfinity;
                    beta[s] = LogSumExp(stay, advance, skip);
                }

                WriteFrame(alpha.Slice(t * states, states), beta, extended, loss, upstream, occupancy, gradient.Slice((t * row) + column, Classes));
            }
        }

        for (int t = frames; t < TimeSteps; t++)
        {
            gradient.Slice((t * row) + column, Classes).Clear();
        }
    }

    /// <summary>Writes one frame's gradient, −upstream · Σ_{s : l'_s = c} exp(α_t(s) + β̃_t(s) + loss), for every class c.</summary>
    private static void WriteFrame(
        ReadOnlySpan<double> alphaRow,
        ReadOnlySpan<double> betaRow,
        ReadOnlySpan<int> extended,
        double loss,
        double upstream,
        Span<double> occupancy,
        Span<T> frame)
    {
        occupancy.Clear();
        for (int s = 0; s < alphaRow.Length; s++)
        {
            occupancy[extended[s]] += Math.Exp(alphaRow[s] + betaRow[s] + loss);
        }

        for (int c = 0; c < frame.Length; c++)
        {
            frame[c] = occupancy[c] == 0 ? T.Zero : T.CreateTruncating(-upstream * occupancy[c]);
        }
    }

    private double Read(nint frame, int label) => double.CreateTruncating(logProbs[(int)(frame + (label * classStride))]);

    /// <summary>log(e^a + e^b + e^c), shifted by the maximum; −∞ when all three are −∞, NaN when any is NaN.</summary>
    private static double LogSumExp(double a, double b, double c)
    {
        double max = Math.Max(a, Math.Max(b, c));
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max) + Math.Exp(c - max));
    }
}

/// <summary>The parameter names CTC's errors name: the intrinsic's own, or those of the loss method that calls it.</summary>
internal readonly record struct CtcNames(string LogProbs, string Targets, string InputLengths, string TargetLengths, string Blank)
{
    /// <summary>The names of <see cref="Ctc"/>'s own parameters.</summary>
    public static CtcNames Default { get; } = new("logProbs", "targets", "inputLengths", "targetLengths", "blank");
}
