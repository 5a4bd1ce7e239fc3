using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;
using R = LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double SegmentationFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx, double smooth);
public delegate float SegmentationFnF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx, float smooth);
public delegate double ClassWeightFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dx, Span<double> dweight, int ignore_index);
public delegate double NormalisedWeightFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> w, Span<double> dw);

/// <summary>
/// Sums over the samples that keep the class axis (col_sum): per-class Dice over (N, C, H, W) logits, and gradients of
/// per-class vectors (class weights), which are such sums.
/// </summary>
public class ColumnSumTests
{
    private const string MultiClassDice =
        "p = softmax(x); t = onehot(y); inter = col_sum(p * t); union = col_sum(p) + col_sum(t); mean(1 - (2 * inter + smooth) / (union + smooth))";

    private const string Weighted =
        "valid = y != ignore_index; wy = where(valid, weight[y], 0); sum(wy * (logsumexp(x) - x[y])) / sum(wy)";

    private static readonly string Members = $$"""
        [Loss("{{MultiClassDice}}")]
        public static partial double Dice(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx, double smooth);
        [Loss("{{MultiClassDice}}")]
        public static partial float DiceF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx, float smooth);
        [Loss("{{Weighted}}")]
        public static partial double Weighted(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dx, Span<double> dweight, int ignore_index);
        [Loss("sum(w[y] * (logsumexp(x) - x[y])) / sum(w)")]
        public static partial double Normalised(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> w, Span<double> dw);
        """;

    private static Type Losses => ShapedLossCompiler.Compile(Members);

    [Theory]
    [InlineData(2, 3, 2, 2)]
    [InlineData(1, 5, 7, 1)]
    [InlineData(4, 2, 1, 1)]
    [InlineData(3, 17, 1, 1)]
    public void Multi_class_dice_over_logits_and_class_indices_as_seed_003(int n, int c, int h, int w)
    {
        int s = h * w;
        double[] x = Normal(n * c * s, seed: n + c, scale: 2);
        int[] y = Classes(n * s, c, seed: 7);
        nint[] shape = [n, c, h, w];
        var f = Losses.Get<SegmentationFn>("Dice");
        var dx = new double[x.Length];
        double loss = f(new ReadOnlyTensorSpan<double>(x, shape, default), y, new TensorSpan<double>(dx, shape, default), 1);
        Close(R.MultiClassDiceLossFromLogits(x, n, c, s, y, 1), loss, 1e-13, "loss");
        Close(FiniteDifferences(xs => R.MultiClassDiceLossFromLogits(xs, n, c, s, y, 1), x), dx, 1e-7, "dx");

        var ff = Losses.Get<SegmentationFnF>("DiceF");
        float[] xf = As<float>(x);
        float lossF = ff(new ReadOnlyTensorSpan<float>(xf, shape, default), y, new TensorSpan<float>(new float[x.Length], shape, default), 1);
        Close(R.MultiClassDiceLossFromLogits(ToDouble(xf), n, c, s, y, 1), lossF, 2e-6, "float loss");
    }

    [Fact]
    public void Gradient_of_class_weights_is_the_sum_over_their_samples()
    {
        int n = 9, c = 4;
        double[] x = Normal(n * c, seed: 3);
        int[] y = Classes(n, c, seed: 4);
        y[3] = -100;
        double[] weight = { 0.5, 1.5, 2, 1 };
        var f = Losses.Get<ClassWeightFn>("Weighted");
        double[] dx = new double[n * c], dweight = new double[c];
        double loss = f(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, weight, new TensorSpan<double>(dx, [n, c], default), dweight, -100);
        Close(R.CrossEntropy(x, n, c, y, weight), loss, 1e-13, "loss");
        Close(FiniteDifferences(ws => R.CrossEntropy(x, n, c, y, ws), weight), dweight, 1e-7, "dweight");
        Close(FiniteDifferences(xs => R.CrossEntropy(xs, n, c, y, weight), x), dx, 1e-7, "dx");
    }

    [Fact]
    public void A_sum_over_classes_runs_before_the_first_pass()
    {
        int n = 6, c = 5;
        double[] x = Normal(n * c, seed: 13);
        int[] y = Classes(n, c, seed: 14);
        double[] w = { 1, 2, 3, 4, 5 };
        double Reference(double[] ws) =>
            Enumerable.Range(0, n).Sum(i => ws[y[i]] * R.CrossEntropyPerSample(x, n, c, y)[i]) / ws.Sum();
        var f = Losses.Get<NormalisedWeightFn>("Normalised");
        var dw = new double[c];
        Close(Reference(w), f(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, w, dw), 1e-13, "loss");
        Close(FiniteDifferences(Reference, w), dw, 1e-7, "dw");
    }

    [Fact]
    public void Column_sums_allocate_nothing_after_warm_up()
    {
        int n = 2, c = 4, s = 64;
        float[] x = As<float>(Normal(n * c * s, seed: 1));
        int[] y = Classes(n * s, c, seed: 2);
        float[] dx = new float[x.Length];
        nint[] shape = [n, c, s];
        var f = Losses.Get<SegmentationFnF>("DiceF");
        AssertAllocatesNothing(() => f(new ReadOnlyTensorSpan<float>(x, shape, default), y, new TensorSpan<float>(dx, shape, default), 1));
    }
}
