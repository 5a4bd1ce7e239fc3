using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double ReducedVectorFn(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction);
public delegate float ReducedVectorFnF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction);
public delegate void UnreducedVectorFn(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);
public delegate double ReducedCeFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index, Reduction reduction);
public delegate void UnreducedCeFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, Span<double> loss, int ignore_index);
public delegate void UnreducedCeBackwardFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index);

/// <summary>
/// reduce(x[, w]): PyTorch's reduction argument as a run-time option (mean, sum, batch mean), and the per-element
/// values in a void method. Expected values are written from PyTorch's definitions in double.
/// </summary>
public class ReduceTests
{
    private const string Squared = "reduce((p - t)^2)";
    private const string WeightedCe = "valid = y != ignore_index; w = where(valid, weight[y], 0); reduce(w * (logsumexp(x) - x[y]), w)";

    private static readonly string Members = $$"""
        [Loss("{{Squared}}")]
        public static partial double Sq(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction = Reduction.Mean);
        [Loss("{{Squared}}")]
        public static partial float SqF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction = Reduction.Mean);
        [Loss("{{Squared}}")]
        public static partial void SqNone(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);
        [Loss("{{WeightedCe}}")]
        public static partial double Ce(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index, Reduction reduction);
        [Loss("{{WeightedCe}}")]
        public static partial void CeNone(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, Span<double> loss, int ignore_index);
        [Loss("{{WeightedCe}}")]
        public static partial void CeBackward(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int ignore_index);
        [Loss("reduce(x)")]
        public static partial double Plain(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);
        """;

    private static Type Losses => ShapedLossCompiler.Compile(Members);

    private static double ReduceReference(double[] values, double[] weights, Reduction reduction, int samples) => reduction switch
    {
        Reduction.Sum => values.Zip(weights, (v, w) => v * w).Sum(),
        Reduction.BatchMean => values.Zip(weights, (v, w) => v * w).Sum() / samples,
        _ => values.Zip(weights, (v, w) => v * w).Sum() / weights.Sum(),
    };

    [Theory]
    [InlineData(Reduction.Mean, 1)]
    [InlineData(Reduction.Sum, 1)]
    [InlineData(Reduction.BatchMean, 1)]
    [InlineData(Reduction.Mean, 37)]
    [InlineData(Reduction.Sum, 37)]
    [InlineData(Reduction.BatchMean, 37)]
    public void Vector_reduction_follows_the_option(Reduction reduction, int n)
    {
        double[] p = Normal(n, seed: n), t = Normal(n, seed: n + 1);
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double Reference(double[] ps) => ReduceReference(ps.Zip(t, (a, b) => (a - b) * (a - b)).ToArray(), ones, reduction, n);

        var dp = new double[n];
        double loss = Losses.Get<ReducedVectorFn>("Sq")(p, t, dp, reduction);
        Close(Reference(p), loss, 1e-13, "loss");
        Close(FiniteDifferences(Reference, p), dp, 1e-7, "dp");

        var dpf = new float[n];
        float lossF = Losses.Get<ReducedVectorFnF>("SqF")(As<float>(p), As<float>(t), dpf, reduction);
        Close(Reference(ToDouble(As<float>(p))), lossF, 1e-5, "float loss");
    }

    [Fact]
    public void Void_method_writes_the_values_themselves()
    {
        double[] p = Normal(9, seed: 1), t = Normal(9, seed: 2);
        var loss = new double[9];
        Losses.Get<UnreducedVectorFn>("SqNone")(p, t, loss);
        Close(p.Zip(t, (a, b) => (a - b) * (a - b)).ToArray(), loss, 1e-15, "loss");
    }

    [Fact]
    public void An_undefined_reduction_is_refused_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.Get<ReducedVectorFn>("Sq")(new double[2], new double[2], new double[2], (Reduction)7));
        Assert.Equal("reduction", e.ParamName);
    }

    // PyTorch's weighted cross-entropy: 'mean' divides by the summed weights of the non-ignored targets, 'sum' does
    // not divide, 'none' writes w[y]·ℓ (0 where ignored).
    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.BatchMean)]
    public void Weighted_cross_entropy_with_ignore_index_follows_pytorch(Reduction reduction)
    {
        const int n = 6, c = 4, ignore = 2;
        double[] x = Normal(n * c, seed: 5, scale: 3);
        int[] y = [0, 2, 3, 1, 2, 3];
        double[] weight = [0.5, 2, 1.5, 0.25];
        nint[] shape = [n, c];
        double[] PerSample(double[] xs) => Enumerable.Range(0, n).Select(i =>
        {
            double m = xs.Skip(i * c).Take(c).Max();
            return m + Math.Log(xs.Skip(i * c).Take(c).Sum(v => Math.Exp(v - m))) - xs[i * c + y[i]];
        }).ToArray();
        double[] w = y.Select(k => k == ignore ? 0 : weight[k]).ToArray();
        double Reference(double[] xs) => ReduceReference(PerSample(xs), w, reduction, n);

        var dx = new double[n * c];
        double loss = Losses.Get<ReducedCeFn>("Ce")(new ReadOnlyTensorSpan<double>(x, shape, default), y, weight, new TensorSpan<double>(dx, shape, default), ignore, reduction);
        Close(Reference(x), loss, 1e-13, "loss");
        Close(FiniteDifferences(Reference, x), dx, 1e-7, "dx");

        var perSample = new double[n];
        Losses.Get<UnreducedCeFn>("CeNone")(new ReadOnlyTensorSpan<double>(x, shape, default), y, weight, perSample, ignore);
        Close(PerSample(x).Zip(w, (l, wi) => l * wi).ToArray(), perSample, 1e-13, "per-sample loss");

        double[] upstream = Normal(n, seed: 9);
        var vjp = new double[n * c];
        Losses.Get<UnreducedCeBackwardFn>("CeBackward")(new ReadOnlyTensorSpan<double>(x, shape, default), y, weight, upstream, new TensorSpan<double>(vjp, shape, default), ignore);
        Close(FiniteDifferences(xs => PerSample(xs).Select((l, i) => l * w[i] * upstream[i]).Sum(), x), vjp, 1e-7, "vjp");
    }

    [Fact]
    public void Mean_over_only_ignored_targets_is_nan_as_pytorch()
    {
        double[] x = Normal(6, seed: 3);
        nint[] shape = [2, 3];
        var dx = new double[6];
        double mean = Losses.Get<ReducedCeFn>("Ce")(new ReadOnlyTensorSpan<double>(x, shape, default), [1, 1], [1, 1, 1], new TensorSpan<double>(dx, shape, default), 1, Reduction.Mean);
        Assert.True(double.IsNaN(mean));
        double sum = Losses.Get<ReducedCeFn>("Ce")(new ReadOnlyTensorSpan<double>(x, shape, default), [1, 1], [1, 1, 1], new TensorSpan<double>(dx, shape, default), 1, Reduction.Sum);
        Assert.Equal(0.0, sum);
        Assert.All(dx, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Without_a_reduction_option_reduce_is_the_mean_over_every_element()
    {
        double[] x = Normal(12, seed: 4);
        nint[] shape = [3, 4];
        var dx = new double[12];
        double loss = Losses.GetMethod("Plain")!.CreateDelegate<PlainFn>()(new ReadOnlyTensorSpan<double>(x, shape, default), new TensorSpan<double>(dx, shape, default));
        Close(x.Average(), loss, 1e-14, "loss");
        Assert.All(dx, g => Assert.Equal(1.0 / 12, g, 15));
    }

    public delegate double PlainFn(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);

    [Theory]
    [InlineData("reduce(p, q)", "ReadOnlySpan<double> p, [PerClass] ReadOnlySpan<double> q", "LD0018")]
    [InlineData("reduce(sum(p))", "ReadOnlySpan<double> p", "LD0018")]
    [InlineData("reduce(p, p, p)", "ReadOnlySpan<double> p", "LD0004")]
    [InlineData("reduce(p)", "ReadOnlySpan<double> p, Reduction a, Reduction b", "LD0012")]
    public void Misuse_is_a_diagnostic(string formula, string parameters, string id)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using LossDsl;
            public static partial class L
            {
                [Loss("{{formula}}")]
                public static partial double F({{parameters}});
            }
            """);
        Assert.Contains(run.All, d => d.Id == id);
    }
}
