using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using LossDsl.Intrinsics;
using Xunit;
using static LossDsl.Generator.Tests.Intrinsics.IntrinsicTestKit;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary>
/// <see cref="Ctc"/> against the definition (every alignment path enumerated), central finite differences, PyTorch's
/// documented behaviour, long sequences, bad arguments and the heap.
/// </summary>
public sealed class CtcTests
{
    /// <summary>A CTC batch with dense (T, N, C) log-probabilities in double.</summary>
    private sealed record Batch(string Name, double[] LogProbs, int TimeSteps, int Classes, int[][] Targets, int[] InputLengths, int Blank)
    {
        public int Size => Targets.Length;

        public int[] TargetLengths => Targets.Select(t => t.Length).ToArray();

        public int MaxTarget => Targets.Length == 0 ? 0 : Targets.Max(t => t.Length);

        /// <summary>Targets padded to (N, S); padding holds -7, an invalid class, which must be ignored.</summary>
        public int[] Padded()
        {
            var padded = Enumerable.Repeat(-7, Size * MaxTarget).ToArray();
            for (int n = 0; n < Size; n++)
            {
                Targets[n].CopyTo(padded, n * MaxTarget);
            }

            return padded;
        }

        public int[] Concatenated() => Targets.SelectMany(t => t).ToArray();

        public Batch With(double[] logProbs) => this with { LogProbs = logProbs };
    }

    private static Batch Random(string name, int seed, int timeSteps, int classes, int blank, int[] inputLengths, int[][] targets)
    {
        var rng = new Random(seed);
        double[] logits = Normal(rng, timeSteps * targets.Length * classes, 1.5);
        return new Batch(name, LogSoftmax(logits, classes), timeSteps, classes, targets, inputLengths, blank);
    }

    /// <summary>Runs Forward and Backward in <typeparamref name="T"/> and returns both in double.</summary>
    private static (double[] Losses, double[] Gradient) Run<T>(Batch batch, bool zeroInfinity, double[] upstream, bool padded = true)
        where T : IFloatingPointIeee754<T>
    {
        T[] logProbs = As<T>(batch.LogProbs);
        nint[] shape = [batch.TimeSteps, batch.Size, batch.Classes];
        int[] targets = padded ? batch.Padded() : batch.Concatenated();
        nint[] targetShape = padded ? [batch.Size, batch.MaxTarget] : [targets.Length];
        var losses = new T[batch.Size];
        var gradient = new T[logProbs.Length];
        var lp = new ReadOnlyTensorSpan<T>(logProbs, shape);
        var tg = new ReadOnlyTensorSpan<int>(targets, targetShape);
        Ctc.Forward(lp, tg, batch.InputLengths, batch.TargetLengths, batch.Blank, zeroInfinity, losses);
        Ctc.Backward(lp, tg, batch.InputLengths, batch.TargetLengths, batch.Blank, zeroInfinity, As<T>(upstream), new TensorSpan<T>(gradient, shape));
        return (ToDouble(losses), ToDouble(gradient));
    }

    private static Batch[] SmallCases() =>
    [
        Random("two labels", 1, 4, 3, 0, [4], [[1, 2]]),
        Random("repeat at its minimum length", 2, 3, 3, 0, [3], [[1, 1]]),
        Random("repeat with room", 3, 5, 3, 0, [5], [[1, 1]]),
        Random("empty target", 4, 4, 3, 0, [4], [[]]),
        Random("blank 2", 5, 5, 3, 2, [5], [[0, 1, 0]]),
        Random("blank 1 of 4, repeat", 6, 5, 4, 1, [5], [[3, 3, 0]]),
        Random("alternating, exact length", 7, 3, 3, 0, [3], [[2, 1, 2]]),
        Random("one frame", 8, 1, 3, 0, [1], [[2]]),
        Random("too short for the repeat", 9, 2, 3, 0, [2], [[1, 1]]),
        Random("too short", 10, 3, 3, 0, [2], [[1, 2, 1]]),
        Random("no frames, empty target", 11, 2, 3, 0, [0], [[]]),
        Random("no frames, one label", 12, 2, 3, 0, [0], [[1]]),
        Random("varying input lengths", 13, 5, 3, 0, [5, 3, 4, 0], [[1, 2], [2], [], []]),
        Random("varying lengths, blank last", 14, 5, 4, 3, [4, 5, 2], [[0, 0], [1, 2, 0], [2]]),
    ];

    private static void CheckAgainstBruteForce<T>()
        where T : IFloatingPointIeee754<T>
    {
        double tolerance = Tolerance<T>() * 10;
        foreach (Batch original in SmallCases())
        {
            Batch batch = original.With(RoundTrip<T>(original.LogProbs));
            double[] upstream = Normal(new Random(99), batch.Size);
            (double[] losses, double[] gradient) = Run<T>(batch, zeroInfinity: false, upstream);
            for (int n = 0; n < batch.Size; n++)
            {
                (double loss, double[] sampleGradient) = CtcBruteForce.Sample(
                    batch.LogProbs, batch.TimeSteps, batch.Size, batch.Classes, n, batch.InputLengths[n], batch.Targets[n], batch.Blank);
                Close(loss, losses[n], tolerance, $"{batch.Name}, loss {n}");
                if (double.IsInfinity(loss))
                {
                    continue;
                }

                for (int t = 0; t < batch.TimeSteps; t++)
                {
                    for (int c = 0; c < batch.Classes; c++)
                    {
                        double expected = upstream[n] * sampleGradient[(t * batch.Classes) + c];
                        double actual = gradient[(((t * batch.Size) + n) * batch.Classes) + c];
                        Close(expected, actual, tolerance, $"{batch.Name}, gradient [{t}, {n}, {c}]");
                    }
                }
            }
        }
    }

    [Fact]
    public void Losses_and_gradients_match_the_sum_over_all_alignment_paths_in_double() => CheckAgainstBruteForce<double>();

    [Fact]
    public void Losses_and_gradients_match_the_sum_over_all_alignment_paths_in_float() => CheckAgainstBruteForce<float>();

    [Fact]
    public void An_empty_target_costs_the_blank_path_and_no_frames_cost_nothing()
    {
        // Closed forms: the only path for an empty target is all blanks; zero frames give likelihood 1 (empty target) or 0.
        Batch batch = Random("closed forms", 21, 4, 3, 1, [4, 0, 0], [[], [], [2]]);
        (double[] losses, _) = Run<double>(batch, false, [1, 1, 1]);
        double blankPath = -Enumerable.Range(0, 4).Sum(t => batch.LogProbs[(t * 3 * 3) + 1]);
        Close(blankPath, losses[0], 1e-14, "all-blank path");
        Assert.Equal(0.0, losses[1]);
        Assert.Equal(double.PositiveInfinity, losses[2]);
    }

    [Fact]
    public void Empty_time_and_batch_dimensions_are_handled()
    {
        // T = 0: every input length is 0, so an empty target costs 0 and a non-empty one is impossible.
        var losses = new double[2];
        var noFrames = new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [0, 2, 3]);
        Ctc.Forward(noFrames, new ReadOnlyTensorSpan<int>([2], [1]), [0, 0], [0, 1], 0, false, losses);
        Assert.Equal([0.0, double.PositiveInfinity], losses);
        Ctc.Backward(noFrames, new ReadOnlyTensorSpan<int>([2], [1]), [0, 0], [0, 1], 0, false, [1.0, 1.0], new TensorSpan<double>(Array.Empty<double>(), [0, 2, 3]));

        // N = 0: nothing to compute; targets may be the empty default tensor span.
        var noSamples = new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [4, 0, 3]);
        Ctc.Forward(noSamples, default, [], [], 0, false, Span<double>.Empty);
        Ctc.Backward(noSamples, default, [], [], 0, false, [], new TensorSpan<double>(Array.Empty<double>(), [4, 0, 3]));
        Assert.Equal("blank", Assert.Throws<ArgumentOutOfRangeException>(() => Ctc.Forward(new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [4, 0, 0]), default, [], [], 0, false, Span<double>.Empty)).ParamName);
    }

    [Fact]
    public void Concatenated_and_padded_targets_give_identical_results()
    {
        foreach (Batch batch in SmallCases())
        {
            double[] upstream = Normal(new Random(5), batch.Size);
            (double[] paddedLosses, double[] paddedGradient) = Run<double>(batch, false, upstream, padded: true);
            (double[] concatenatedLosses, double[] concatenatedGradient) = Run<double>(batch, false, upstream, padded: false);
            Assert.Equal(paddedLosses, concatenatedLosses);
            Assert.Equal(paddedGradient, concatenatedGradient);
        }
    }

    [Fact]
    public void Strided_inputs_read_the_same_elements_as_dense_ones()
    {
        Batch batch = Random("strided", 31, 5, 4, 0, [5, 4], [[1, 2], [3]]);
        double[] upstream = [0.7, -1.3];
        (double[] denseLosses, double[] denseGradient) = Run<double>(batch, false, upstream);

        // The same log-probabilities stored batch-major (N, T, C) and viewed as (T, N, C) through strides; targets stored
        // transposed (S, N) and viewed as (N, S).
        int t = batch.TimeSteps, n = batch.Size, c = batch.Classes;
        var batchMajor = new double[batch.LogProbs.Length];
        for (int i = 0; i < t; i++)
        {
            for (int b = 0; b < n; b++)
            {
                for (int k = 0; k < c; k++)
                {
                    batchMajor[(((b * t) + i) * c) + k] = batch.LogProbs[(((i * n) + b) * c) + k];
                }
            }
        }

        int[] padded = batch.Padded();
        int s = batch.MaxTarget;
        var transposed = new int[padded.Length];
        for (int b = 0; b < n; b++)
        {
            for (int k = 0; k < s; k++)
            {
                transposed[(k * n) + b] = padded[(b * s) + k];
            }
        }

        var lp = new ReadOnlyTensorSpan<double>(batchMajor, [t, n, c], [c, t * c, 1]);
        var tg = new ReadOnlyTensorSpan<int>(transposed, [n, s], [1, n]);
        Assert.False(lp.IsDense);
        var losses = new double[n];
        var gradient = new double[batch.LogProbs.Length];
        Ctc.Forward(lp, tg, batch.InputLengths, batch.TargetLengths, 0, false, losses);
        Ctc.Backward(lp, tg, batch.InputLengths, batch.TargetLengths, 0, false, upstream, new TensorSpan<double>(gradient, [t, n, c]));
        Assert.Equal(denseLosses, losses);
        Assert.Equal(denseGradient, gradient);
    }

    [Fact]
    public void Impossible_alignments_are_infinite_with_nan_gradients_unless_zero_infinity()
    {
        // Sample 0 needs 3 frames for [1, 1] but has 2; sample 1 is possible; sample 2 has no frames and one label.
        Batch batch = Random("mixed", 41, 4, 3, 0, [2, 4, 0], [[1, 1], [2], [1]]);
        double[] upstream = [1, 1, 1];
        (double[] losses, double[] gradient) = Run<double>(batch, zeroInfinity: false, upstream);
        (double[] zeroedLosses, double[] zeroedGradient) = Run<double>(batch, zeroInfinity: true, upstream);

        Assert.Equal(double.PositiveInfinity, losses[0]);
        Assert.Equal(double.PositiveInfinity, losses[2]);
        Assert.True(double.IsFinite(losses[1]));
        Assert.Equal([0.0, losses[1], 0.0], zeroedLosses);
        for (int t = 0; t < 4; t++)
        {
            for (int c = 0; c < 3; c++)
            {
                // PyTorch: frames the impossible sample uses are exp(lp) - exp(-inf + inf - lp) = NaN; later frames 0.
                double sample0 = gradient[(((t * 3) + 0) * 3) + c];
                Assert.True(t < 2 ? double.IsNaN(sample0) : sample0 == 0, $"sample 0 [{t}, {c}] = {sample0}");
                Assert.Equal(0.0, gradient[(((t * 3) + 2) * 3) + c]);
                Assert.Equal(0.0, zeroedGradient[(((t * 3) + 0) * 3) + c]);
                Assert.Equal(0.0, zeroedGradient[(((t * 3) + 2) * 3) + c]);
                Assert.Equal(gradient[(((t * 3) + 1) * 3) + c], zeroedGradient[(((t * 3) + 1) * 3) + c]);
            }
        }
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_of_the_loss()
    {
        // Unnormalised log-probabilities: the gradient is with respect to free variables, not a simplex.
        var rng = new Random(51);
        Batch batch = Random("fd", 51, 6, 4, 0, [6, 5, 3], [[1, 2, 1], [3, 3], []]);
        batch = batch.With(Normal(rng, batch.LogProbs.Length).Select(x => x - 1.5).ToArray());
        double[] upstream = [0.8, -1.7, 0.6];
        (_, double[] gradient) = Run<double>(batch, false, upstream);

        double Objective(double[] lp)
        {
            (double[] losses, _) = Run<double>(batch.With(lp), false, upstream);
            return losses.Select((l, n) => upstream[n] * l).Sum();
        }

        const double H = 1e-5;
        for (int k = 0; k < batch.LogProbs.Length; k++)
        {
            double[] plus = (double[])batch.LogProbs.Clone();
            double[] minus = (double[])batch.LogProbs.Clone();
            plus[k] += H;
            minus[k] -= H;
            double numeric = (Objective(plus) - Objective(minus)) / (2 * H);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"element {k}: finite difference {numeric}, gradient {gradient[k]}");
        }
    }

    [Fact]
    public void Through_log_softmax_our_gradient_and_pytorchs_agree_with_finite_differences()
    {
        // PyTorch's ctc backward returns (exp(lp) - occupancy) · upstream; ours returns -occupancy · upstream. Both pushed
        // through log_softmax's backward (g - softmax · Σ_c g) must give the derivative with respect to the logits.
        const int T = 5, N = 2, C = 4;
        double[] logits = Normal(new Random(61), T * N * C, 2);
        Batch batch = new("logits", LogSoftmax(logits, C), T, C, [[1, 3], [2, 2]], [5, 4], 0);
        double[] upstream = [1.3, 0.4];
        (_, double[] ours) = Run<double>(batch, false, upstream);
        double[] pytorch = ours.Select((g, k) => g + (Math.Exp(batch.LogProbs[k]) * upstream[(k / C) % N])).ToArray();
        pytorch = pytorch.Select((g, k) => (k / C) / N < batch.InputLengths[(k / C) % N] ? g : 0).ToArray();

        double[] ThroughLogSoftmax(double[] g)
        {
            var result = new double[g.Length];
            for (int row = 0; row < g.Length; row += C)
            {
                double sum = 0;
                for (int c = 0; c < C; c++)
                {
                    sum += g[row + c];
                }

                for (int c = 0; c < C; c++)
                {
                    result[row + c] = g[row + c] - (Math.Exp(batch.LogProbs[row + c]) * sum);
                }
            }

            return result;
        }

        double[] oursLogits = ThroughLogSoftmax(ours);
        double[] pytorchLogits = ThroughLogSoftmax(pytorch);
        const double H = 1e-5;
        for (int k = 0; k < logits.Length; k++)
        {
            double[] plus = (double[])logits.Clone();
            double[] minus = (double[])logits.Clone();
            plus[k] += H;
            minus[k] -= H;
            double Objective(double[] z) => Run<double>(batch.With(LogSoftmax(z, C)), false, upstream).Losses.Select((l, n) => upstream[n] * l).Sum();
            double numeric = (Objective(plus) - Objective(minus)) / (2 * H);
            Close(numeric, oursLogits[k], 1e-7, $"ours through log_softmax, logit {k}");
            Close(numeric, pytorchLogits[k], 1e-7, $"PyTorch's through log_softmax, logit {k}");
        }
    }

    private static double[] CheckLongSequence<T>(int timeSteps, int classes, int targetLength, double scale, double tolerance)
        where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(timeSteps + classes);
        int[] Target() => Enumerable.Range(0, targetLength).Select(_ => rng.Next(1, classes)).ToArray();
        int[] first = Target();
        first[3] = first[2];
        int[] second = Target();
        double[] logits = Normal(rng, timeSteps * 2 * classes, scale);
        var batch = new Batch("long", RoundTrip<T>(LogSoftmax(logits, classes)), timeSteps, classes, [first, second], [timeSteps, (timeSteps * 3) / 4], 0);
        (double[] losses, double[] gradient) = Run<T>(batch, false, [1, 1]);

        (double[] reference, _) = Run<double>(batch, false, [1, 1]);
        for (int n = 0; n < 2; n++)
        {
            Assert.True(double.IsFinite(losses[n]) && losses[n] > 0, $"loss {n} = {losses[n]}");
            Close(reference[n], losses[n], Tolerance<T>() * 10, $"loss {n} against double");
            for (int t = 0; t < timeSteps; t++)
            {
                double occupancy = 0;
                for (int c = 0; c < classes; c++)
                {
                    double g = gradient[(((t * 2) + n) * classes) + c];
                    Assert.False(double.IsNaN(g), $"NaN at [{t}, {n}, {c}]");
                    occupancy -= g;
                }

                // Every path is in exactly one state at each frame it uses, so the occupancy there sums to 1.
                double expected = t < batch.InputLengths[n] ? 1 : 0;
                Assert.True(Math.Abs(occupancy - expected) <= tolerance, $"frame {t} of sample {n}: occupancy {occupancy}");
            }
        }

        return losses;
    }

    [Fact]
    public void Long_sequences_stay_finite_and_each_frames_occupancy_sums_to_one()
    {
        CheckLongSequence<double>(50, 20, 10, 1.5, 1e-12);
        CheckLongSequence<float>(50, 20, 10, 1.5, 1e-5);
    }

    [Fact]
    public void Likelihoods_far_below_double_range_stay_finite_in_log_space()
    {
        // Peaked logits over 400 frames: the likelihood is around e^-3000, which no probability-space recursion survives.
        double[] losses = CheckLongSequence<double>(400, 20, 30, 12, 1e-9);
        Assert.True(losses.Min() > 1000, $"losses {losses[0]}, {losses[1]}: e^-loss must underflow double for this test to mean anything");
        CheckLongSequence<float>(400, 20, 30, 12, 1e-4);
    }

    [Fact]
    public void Mean_reduction_divides_by_clamped_target_lengths_and_averages()
    {
        // PyTorch: (res / target_lengths.clamp_min(1)).mean().
        double[] losses = [3.0, 5.0, 2.0];
        int[] lengths = [2, 0, 4];
        Assert.Equal(((3.0 / 2) + (5.0 / 1) + (2.0 / 4)) / 3, Ctc.MeanReduction<double>(losses, lengths), 15);
        Assert.Equal(((3.0f / 2) + 5.0f + 0.5f) / 3, Ctc.MeanReduction<float>([3f, 5f, 2f], lengths), 6);
        Assert.True(double.IsNaN(Ctc.MeanReduction<double>([], [])));

        var gradient = new double[3];
        Ctc.MeanReductionBackward<double>(lengths, 2.0, gradient);
        Assert.Equal([2.0 / (3 * 2), 2.0 / 3, 2.0 / (3 * 4)], gradient);
        Assert.Equal("targetLengths", Assert.Throws<ArgumentOutOfRangeException>(() => Ctc.MeanReduction<double>([1.0], [-1])).ParamName);
        Assert.Equal("targetLengths", Assert.Throws<ArgumentException>(() => Ctc.MeanReduction<double>([1.0], [1, 2])).ParamName);
    }

    private static readonly double[] Lp = LogSoftmax(Normal(new Random(71), 4 * 2 * 3), 3);

    private static void Forward(
        double[]? logProbs = null,
        nint[]? shape = null,
        int[]? targets = null,
        nint[]? targetShape = null,
        int[]? inputLengths = null,
        int[]? targetLengths = null,
        int blank = 0,
        double[]? losses = null)
    {
        Ctc.Forward(
            new ReadOnlyTensorSpan<double>(logProbs ?? Lp, shape ?? [4, 2, 3]),
            new ReadOnlyTensorSpan<int>(targets ?? [1, 2, 2, 0], targetShape ?? [2, 2]),
            inputLengths ?? [4, 3],
            targetLengths ?? [2, 1],
            blank,
            false,
            losses ?? new double[2]);
    }

    private static void Backward(double[]? upstream = null, double[]? gradient = null, nint[]? gradientShape = null, nint[]? gradientStrides = null)
    {
        Ctc.Backward(
            new ReadOnlyTensorSpan<double>(Lp, [4, 2, 3]),
            new ReadOnlyTensorSpan<int>([1, 2, 2, 0], [2, 2]),
            [4, 3],
            [2, 1],
            0,
            false,
            upstream ?? [1.0, 1.0],
            new TensorSpan<double>(gradient ?? new double[24], gradientShape ?? [4, 2, 3], gradientStrides ?? []));
    }

    public static TheoryData<string, Type, string> BadArguments() => new()
    {
        { "logProbs of rank 2", typeof(ArgumentException), "logProbs" },
        { "blank = C", typeof(ArgumentOutOfRangeException), "blank" },
        { "blank < 0", typeof(ArgumentOutOfRangeException), "blank" },
        { "inputLengths too short", typeof(ArgumentException), "inputLengths" },
        { "targetLengths too long", typeof(ArgumentException), "targetLengths" },
        { "negative target length", typeof(ArgumentOutOfRangeException), "targetLengths" },
        { "input length > T", typeof(ArgumentOutOfRangeException), "inputLengths" },
        { "negative input length", typeof(ArgumentOutOfRangeException), "inputLengths" },
        { "concatenated length != sum", typeof(ArgumentException), "targets" },
        { "padded rows != N", typeof(ArgumentException), "targets" },
        { "padded columns < max length", typeof(ArgumentException), "targets" },
        { "targets of rank 3", typeof(ArgumentException), "targets" },
        { "label = blank", typeof(ArgumentOutOfRangeException), "targets" },
        { "label = C", typeof(ArgumentOutOfRangeException), "targets" },
        { "negative label", typeof(ArgumentOutOfRangeException), "targets" },
        { "losses too short", typeof(ArgumentException), "losses" },
        { "losses inside logProbs", typeof(ArgumentException), "losses" },
        { "upstream too long", typeof(ArgumentException), "upstream" },
        { "gradient of another shape", typeof(ArgumentException), "dLogProbs" },
        { "gradient not dense", typeof(ArgumentException), "dLogProbs" },
        { "gradient over logProbs", typeof(ArgumentException), "dLogProbs" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_throw_naming_the_argument(string situation, Type exception, string parameter)
    {
        Action call = situation switch
        {
            "logProbs of rank 2" => () => Forward(shape: [8, 3]),
            "blank = C" => () => Forward(blank: 3),
            "blank < 0" => () => Forward(blank: -1),
            "inputLengths too short" => () => Forward(inputLengths: [4]),
            "targetLengths too long" => () => Forward(targetLengths: [2, 1, 0]),
            "negative target length" => () => Forward(targetLengths: [2, -1]),
            "input length > T" => () => Forward(inputLengths: [5, 3]),
            "negative input length" => () => Forward(inputLengths: [4, -1]),
            "concatenated length != sum" => () => Forward(targets: [1, 2, 2, 1], targetShape: [4]),
            "padded rows != N" => () => Forward(targets: [1, 2, 2, 0, 1, 1], targetShape: [3, 2]),
            "padded columns < max length" => () => Forward(targets: [1, 2], targetShape: [2, 1]),
            "targets of rank 3" => () => Forward(targetShape: [2, 2, 1]),
            "label = blank" => () => Forward(targets: [1, 0, 2, 0]),
            "label = C" => () => Forward(targets: [1, 3, 2, 0]),
            "negative label" => () => Forward(targets: [1, 2, -2, 0]),
            "losses too short" => () => Forward(losses: new double[1]),
            "losses inside logProbs" => () => OverlappingLosses(),
            "upstream too long" => () => Backward(upstream: [1.0, 1.0, 1.0]),
            "gradient of another shape" => () => Backward(gradient: new double[24], gradientShape: [4, 3, 2]),
            "gradient not dense" => () => Backward(gradient: new double[48], gradientStrides: [12, 6, 2]),
            "gradient over logProbs" => () => GradientOverLogProbs(),
            _ => throw new InvalidOperationException(situation),
        };

        ArgumentException thrown = (ArgumentException)Assert.Throws(exception, call);
        Assert.Equal(parameter, thrown.ParamName);
        Assert.Contains(parameter, thrown.Message, StringComparison.Ordinal);
    }

    private static void OverlappingLosses()
    {
        double[] lp = (double[])Lp.Clone();
        Ctc.Forward(new ReadOnlyTensorSpan<double>(lp, [4, 2, 3]), new ReadOnlyTensorSpan<int>([1, 2, 2, 0], [2, 2]), [4, 3], [2, 1], 0, false, lp.AsSpan(10, 2));
    }

    private static void GradientOverLogProbs()
    {
        double[] lp = (double[])Lp.Clone();
        Ctc.Backward(new ReadOnlyTensorSpan<double>(lp, [4, 2, 3]), new ReadOnlyTensorSpan<int>([1, 2, 2, 0], [2, 2]), [4, 3], [2, 1], 0, false, [1.0, 1.0], new TensorSpan<double>(lp, [4, 2, 3]));
    }

    private static long Allocations<T>()
        where T : IFloatingPointIeee754<T>
    {
        Batch batch = Random("heap", 81, 30, 6, 0, [30, 25, 12], [[1, 2, 2, 3], [5], []]);
        T[] lp = As<T>(batch.LogProbs);
        int[] targets = batch.Padded();
        int[] inputLengths = batch.InputLengths;
        int[] targetLengths = batch.TargetLengths;
        var losses = new T[3];
        T[] upstream = As<T>([1, 0.5, 2]);
        var gradient = new T[lp.Length];
        nint[] shape = [30, 3, 6];
        nint[] targetShape = [3, 4];
        return AllocatedAfterWarmUp(() =>
        {
            var logProbs = new ReadOnlyTensorSpan<T>(lp, shape);
            var tg = new ReadOnlyTensorSpan<int>(targets, targetShape);
            Ctc.Forward(logProbs, tg, inputLengths, targetLengths, 0, false, losses);
            Ctc.Backward(logProbs, tg, inputLengths, targetLengths, 0, false, upstream, new TensorSpan<T>(gradient, shape));
        });
    }

    [Fact]
    public void Forward_and_backward_allocate_nothing_after_warm_up()
    {
        Assert.Equal(0, Allocations<double>());
        Assert.Equal(0, Allocations<float>());
    }
}
