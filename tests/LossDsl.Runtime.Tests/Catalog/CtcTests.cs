using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Tests.Intrinsics;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using K = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

/// <summary>
/// Row 33, PyTorch's ctc_loss: values against every alignment path enumerated (<see cref="CtcBruteForce"/>), with
/// PyTorch's reductions written here from its documentation ('mean': each loss over its target length, at least 1, then
/// the batch mean; 'sum'; 'none'), gradients against central finite differences of that enumeration.
/// </summary>
[Covers(nameof(K.Ctc))]
public class CtcTests
{
    private const int T = 5, C = 4;

    // Log-softmax over the classes of random logits, (T, N, C) row-major; `scale` stretches the logits.
    private static double[] LogProbs(int n, int seed, double scale = 1.5) => IntrinsicTestKit.LogSoftmax(Check.Normal(T * n * C, seed, scale), C);

    private sealed record Batch(int[][] Targets, int[] InputLengths, int Blank)
    {
        public int N => Targets.Length;

        public int[] TargetLengths => Targets.Select(t => t.Length).ToArray();

        public int[] Padded(out nint[] shape)
        {
            int width = Math.Max(1, Targets.Max(t => t.Length));
            shape = [N, width];
            return Targets.SelectMany(t => t.Concat(Enumerable.Repeat(-1, width - t.Length))).ToArray();
        }

        public double[] Losses(double[] lp, bool zeroInfinity) => Enumerable.Range(0, N).Select(n =>
        {
            double loss = CtcBruteForce.Sample(lp, T, N, C, n, InputLengths[n], Targets[n], Blank).Loss;
            return zeroInfinity && double.IsPositiveInfinity(loss) ? 0 : loss;
        }).ToArray();

        public double Reduced(double[] lp, Reduction reduction, bool zeroInfinity)
        {
            double[] losses = Losses(lp, zeroInfinity);
            return reduction == Reduction.Sum ? losses.Sum() : losses.Select((l, n) => l / Math.Max(Targets[n].Length, 1)).Average();
        }
    }

    private static readonly Batch Mixed = new([[1, 2], [3], [2, 2], []], [5, 4, 5, 3], Blank: 0);

    private static readonly Batch BlankLast = new([[0, 1], [2], [1, 1, 0]], [5, 3, 5], Blank: 3);

    public static TheoryData<Reduction, bool, bool> Settings() => new()
    {
        { Reduction.Mean, false, true },
        { Reduction.Sum, false, true },
        { Reduction.Mean, true, false },
        { Reduction.Sum, true, false },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Reduced_loss_and_gradient_match_the_definition(Reduction reduction, bool blankLast, bool padded)
    {
        Batch b = blankLast ? BlankLast : Mixed;
        double[] lp = LogProbs(b.N, seed: 5 + (blankLast ? 1 : 0));
        int[] flat = b.Targets.SelectMany(t => t).ToArray();
        nint[] targetShape = [flat.Length];
        int[] targets = padded ? b.Padded(out targetShape) : flat;
        var tg = new ReadOnlyTensorSpan<int>(targets, targetShape, default);
        double[] dlp = new double[lp.Length];

        double loss = K.Ctc(new ReadOnlyTensorSpan<double>(lp, [T, b.N, C], default), tg, b.InputLengths, b.TargetLengths,
            new TensorSpan<double>(dlp, [T, b.N, C], default), b.Blank, reduction);
        double expected = b.Reduced(lp, reduction, false);
        Check.Close(expected, loss, 1e-12, "loss");
        Check.Close(expected, K.Ctc(new ReadOnlyTensorSpan<double>(lp, [T, b.N, C], default), tg, b.InputLengths, b.TargetLengths, b.Blank, reduction), 1e-12, "forward-only loss");
        Check.Close(Check.FiniteDifferences(x => b.Reduced(x, reduction, false), lp), dlp, 1e-7, "dlp");

        float[] lpf = Check.ToFloat(lp), dlpf = new float[lp.Length];
        double[] rounded = Check.ToDouble(lpf);
        float lossF = K.Ctc(new ReadOnlyTensorSpan<float>(lpf, [T, b.N, C], default), tg, b.InputLengths, b.TargetLengths,
            new TensorSpan<float>(dlpf, [T, b.N, C], default), b.Blank, reduction);
        Check.Close(b.Reduced(rounded, reduction, false), lossF, 1e-5, "float loss");
        Check.Close(b.Reduced(rounded, reduction, false), K.Ctc(new ReadOnlyTensorSpan<float>(lpf, [T, b.N, C], default), tg, b.InputLengths, b.TargetLengths, b.Blank, reduction), 1e-5, "float forward-only loss");
        Check.Close(Check.FiniteDifferences(x => b.Reduced(x, reduction, false), rounded), dlpf, 1e-5, "float dlp");
    }

    [Fact]
    public void Unreduced_losses_and_their_vector_jacobian_product()
    {
        Batch b = Mixed;
        double[] lp = LogProbs(b.N, seed: 9), upstream = [0.5, -2, 1, 3];
        int[] targets = b.Padded(out nint[] shape);
        var tg = new ReadOnlyTensorSpan<int>(targets, shape, default);
        var lpSpan = new ReadOnlyTensorSpan<double>(lp, [T, b.N, C], default);

        double[] loss = new double[b.N];
        K.CtcUnreduced(lpSpan, tg, b.InputLengths, b.TargetLengths, loss);
        Check.Close(b.Losses(lp, false), loss, 1e-12, "loss");

        double[] dlp = new double[lp.Length];
        K.CtcUnreduced(lpSpan, tg, b.InputLengths, b.TargetLengths, upstream, new TensorSpan<double>(dlp, [T, b.N, C], default));
        Check.Close(Check.FiniteDifferences(x => b.Losses(x, false).Select((l, n) => upstream[n] * l).Sum(), lp), dlp, 1e-7, "dlp");

        float[] lpf = Check.ToFloat(lp), lossF = new float[b.N], dlpf = new float[lp.Length];
        double[] rounded = Check.ToDouble(lpf);
        var lpfSpan = new ReadOnlyTensorSpan<float>(lpf, [T, b.N, C], default);
        K.CtcUnreduced(lpfSpan, tg, b.InputLengths, b.TargetLengths, lossF);
        Check.Close(b.Losses(rounded, false), lossF, 1e-5, "float loss");
        K.CtcUnreduced(lpfSpan, tg, b.InputLengths, b.TargetLengths, Check.ToFloat(upstream), new TensorSpan<float>(dlpf, [T, b.N, C], default));
        Check.Close(Check.FiniteDifferences(x => b.Losses(x, false).Select((l, n) => upstream[n] * l).Sum(), rounded), dlpf, 1e-5, "float dlp");
    }

    [Fact]
    public void An_impossible_alignment_is_infinite_or_zero_with_zero_infinity_as_pytorch()
    {
        // Sample 1's target [3, 3] needs 3 frames (a blank between the repeats) but has 2.
        var b = new Batch([[1, 2], [3, 3]], [5, 2], Blank: 0);
        double[] lp = LogProbs(2, seed: 13);
        int[] targets = b.Padded(out nint[] shape);
        var tg = new ReadOnlyTensorSpan<int>(targets, shape, default);
        var lpSpan = new ReadOnlyTensorSpan<double>(lp, [T, 2, C], default);

        Assert.Equal(double.PositiveInfinity, K.Ctc(lpSpan, tg, b.InputLengths, b.TargetLengths));
        double[] loss = new double[2];
        K.CtcUnreduced(lpSpan, tg, b.InputLengths, b.TargetLengths, loss);
        Assert.Equal(double.PositiveInfinity, loss[1]);

        double[] dlp = new double[lp.Length];
        double zeroed = K.Ctc(lpSpan, tg, b.InputLengths, b.TargetLengths, new TensorSpan<double>(dlp, [T, 2, C], default), zero_infinity: true);
        Check.Close(b.Reduced(lp, Reduction.Mean, zeroInfinity: true), zeroed, 1e-12, "zero_infinity loss");
        Check.Close(Check.FiniteDifferences(x => b.Reduced(x, Reduction.Mean, zeroInfinity: true), lp), dlp, 1e-7, "zero_infinity dlp");
        K.CtcUnreduced(lpSpan, tg, b.InputLengths, b.TargetLengths, loss, zero_infinity: true);
        Assert.Equal(0, loss[1]);

        // No frames: an empty target has loss 0, a non-empty one +∞.
        var none = new Batch([[], [2]], [0, 0], Blank: 0);
        int[] noneTargets = none.Padded(out nint[] noneShape);
        K.CtcUnreduced(lpSpan, new ReadOnlyTensorSpan<int>(noneTargets, noneShape, default), none.InputLengths, none.TargetLengths, loss);
        Assert.Equal([0, double.PositiveInfinity], loss);
    }

    [Fact]
    public void Peaked_log_probabilities_of_extreme_magnitude_stay_finite()
    {
        // Every frame puts (almost) all its mass on one class: log-probabilities of 0 and −1e4. The path 1, 0, 2, 2, 0
        // collapses to [1, 2], so the loss is about 0 and the gradient is −1 on the path, 0 elsewhere.
        int[] path = [1, 0, 2, 2, 0];
        double[] lp = new double[T * C];
        for (int t = 0; t < T; t++)
        {
            for (int c = 0; c < C; c++)
            {
                lp[t * C + c] = c == path[t] ? 0 : -1e4;
            }
        }

        foreach (bool isFloat in new[] { false, true })
        {
            double loss;
            double[] gradient;
            if (isFloat)
            {
                float[] lpf = Check.ToFloat(lp), dlpf = new float[lp.Length];
                loss = K.Ctc(new ReadOnlyTensorSpan<float>(lpf, [T, 1, C], default), new ReadOnlyTensorSpan<int>(new[] { 1, 2 }, [1, 2], default), [T], [2],
                    new TensorSpan<float>(dlpf, [T, 1, C], default));
                gradient = Check.ToDouble(dlpf);
            }
            else
            {
                gradient = new double[lp.Length];
                loss = K.Ctc(new ReadOnlyTensorSpan<double>(lp, [T, 1, C], default), new ReadOnlyTensorSpan<int>(new[] { 1, 2 }, [1, 2], default), [T], [2],
                    new TensorSpan<double>(gradient, [T, 1, C], default));
            }

            Assert.Equal(0, loss, 1e-12);
            for (int t = 0; t < T; t++)
            {
                for (int c = 0; c < C; c++)
                {
                    Assert.Equal(c == path[t] ? -0.5 : 0, gradient[t * C + c], 1e-12); // mean: divided by the target length 2
                }
            }
        }
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        double[] lp = LogProbs(2, seed: 17), dlp = new double[lp.Length];
        int[] padded = [1, 2, 3, -1];
        var tg = () => new ReadOnlyTensorSpan<int>(padded, [2, 2], default);
        ArgumentException Refused(Func<double> call) => Assert.ThrowsAny<ArgumentException>(() => call());
        var lpSpan = () => new ReadOnlyTensorSpan<double>(lp, [T, 2, C], default);

        Assert.Equal("reduction", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [2, 1], reduction: Reduction.BatchMean)).ParamName);
        Assert.Equal("reduction", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [2, 1], reduction: (Reduction)9)).ParamName);
        Assert.Equal("inputLengths", Refused(() => K.Ctc(lpSpan(), tg(), [5], [2, 1])).ParamName);
        Assert.Equal("inputLengths", Refused(() => K.Ctc(lpSpan(), tg(), [6, 4], [2, 1])).ParamName);
        Assert.Equal("targetLengths", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [2, -1])).ParamName);
        Assert.Equal("targets", Refused(() => K.Ctc(lpSpan(), new ReadOnlyTensorSpan<int>(new[] { 1, 0, 3, -1 }, [2, 2], default), [5, 4], [2, 1])).ParamName);
        Assert.Equal("targets", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [3, 1])).ParamName);
        Assert.Equal("blank", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [2, 1], blank: C)).ParamName);
        Assert.Equal("logProbs", Refused(() => K.Ctc(new ReadOnlyTensorSpan<double>(lp, [T * 2, C], default), tg(), [5, 4], [2, 1])).ParamName);
        Assert.Equal("dLogProbs", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [2, 1], new TensorSpan<double>(dlp, [2, T, C], default))).ParamName);
        Assert.Equal("dLogProbs", Refused(() => K.Ctc(lpSpan(), tg(), [5, 4], [2, 1], new TensorSpan<double>(lp, [T, 2, C], default))).ParamName);
    }
}
