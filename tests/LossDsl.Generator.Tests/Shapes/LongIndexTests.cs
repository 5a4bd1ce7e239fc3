using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;
using R = LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.Shapes;

public delegate float LongCrossEntropyF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<long> y, TensorSpan<float> dx, int ignore_index);
public delegate double LongCrossEntropyD(ReadOnlyTensorSpan<double> x, ReadOnlySpan<long> y, TensorSpan<double> dx, int ignore_index);
public delegate float LongWeightsF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<long> w);
public delegate double LongWeightsD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<long> w);

/// <summary>Class indices as PyTorch stores them (int64): gathers, range checks, ignore_index and vector loads.</summary>
public class LongIndexTests
{
    private const string Ce = "valid = y != ignore_index; sum(where(valid, logsumexp(x) - x[y], 0)) / sum(where(valid, 1, 0))";

    private static readonly string Members = $$"""
        [Loss("{{Ce}}")]
        public static partial float CeF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<long> y, TensorSpan<float> dx, int ignore_index);
        [Loss("{{Ce}}")]
        public static partial double CeD(ReadOnlyTensorSpan<double> x, ReadOnlySpan<long> y, TensorSpan<double> dx, int ignore_index);
        [Loss("mean(w * abs(p - t))")]
        public static partial float WeightsF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<long> w);
        [Loss("mean(w * abs(p - t))")]
        public static partial double WeightsD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<long> w);
        """;

    private static Type Losses => ShapedLossCompiler.Compile(Members);

    [Theory]
    [InlineData(9, 3)]
    [InlineData(5, 40)]
    public void Cross_entropy_with_long_class_indices_and_ignore_index(int n, int c)
    {
        double[] x = Normal(n * c, seed: c);
        int[] y = Classes(n, c, seed: n);
        y[1] = -100;
        long[] y64 = y.Select(v => (long)v).ToArray();
        double expected = R.CrossEntropy(x, n, c, y);
        var dx = new double[n * c];
        double loss = Losses.Get<LongCrossEntropyD>("CeD")(new ReadOnlyTensorSpan<double>(x, [n, c], default), y64, new TensorSpan<double>(dx, [n, c], default), -100);
        Close(expected, loss, 1e-13, "double");
        Close(FiniteDifferences(xs => R.CrossEntropy(xs, n, c, y), x), dx, 1e-7, "dx");
        float lossF = Losses.Get<LongCrossEntropyF>("CeF")(new ReadOnlyTensorSpan<float>(As<float>(x), [n, c], default), y64, new TensorSpan<float>(new float[n * c], [n, c], default), -100);
        Close(R.CrossEntropy(ToDouble(As<float>(x)), n, c, y), lossF, 2e-6, "float");
    }

    [Fact]
    public void A_long_index_beyond_int_range_is_out_of_range_not_truncated()
    {
        var f = Losses.Get<LongCrossEntropyF>("CeF");
        // 2^32 + 1 would read column 1 if truncated to int.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            f(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), new[] { 0L, (1L << 32) + 1 }, new TensorSpan<float>(new float[6], [2, 3], default), -100));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("4294967297", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1001)]
    public void Long_weights_load_correctly_at_every_vector_width(int n)
    {
        double[] p = Normal(n, seed: 1), t = Normal(n, seed: 2);
        long[] w = Enumerable.Range(0, n).Select(k => (long)(k % 7) - 3).ToArray();
        double expected = Enumerable.Range(0, n).Sum(k => w[k] * Math.Abs(p[k] - t[k])) / n;
        Close(expected, Losses.Get<LongWeightsD>("WeightsD")(p, t, w), 1e-13, "double");
        float[] pf = As<float>(p), tf = As<float>(t);
        double expectedF = Enumerable.Range(0, n).Sum(k => w[k] * Math.Abs((double)pf[k] - tf[k])) / n;
        Close(expectedF, Losses.Get<LongWeightsF>("WeightsF")(pf, tf, w), 1e-6, "float");
    }
}
