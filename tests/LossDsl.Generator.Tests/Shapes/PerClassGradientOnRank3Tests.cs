using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double PerClassWeightFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> weight, Span<double> dweight);

/// <summary>
/// A per-class gradient written by the loop over the classes with a rank > 2 tensor (columns strided by the trailing
/// size): the scalar tail once addressed element j at j·inner, leaving dweight wrong and writing past its end.
/// </summary>
public class PerClassGradientOnRank3Tests
{
    private static Type Losses => ShapedLossCompiler.Compile("""
        [Loss("sum(weight * x)")]
        public static partial double PerClass(ReadOnlyTensorSpan<double> x, [PerClass] ReadOnlySpan<double> weight, Span<double> dweight);
        """);

    [Theory]
    [InlineData(2, 3, 4)]
    [InlineData(3, 5, 7)]
    [InlineData(1, 17, 2)]
    public void Per_class_gradient_sums_each_class_over_samples_and_positions(int n, int c, int s)
    {
        double[] x = Normal(n * c * s, seed: c);
        double[] weight = Normal(c, seed: 2);
        // A guard after dweight's end: the kernel must not write it.
        double[] buffer = new double[c + 8];
        Array.Fill(buffer, 12345.0);
        double loss = Losses.Get<PerClassWeightFn>("PerClass")(new ReadOnlyTensorSpan<double>(x, [n, c, s], default), weight, buffer.AsSpan(0, c));
        double[] expected = Enumerable.Range(0, c).Select(j => Enumerable.Range(0, n).Sum(i => Enumerable.Range(0, s).Sum(k => x[(i * c + j) * s + k]))).ToArray();
        Close(expected, buffer.Take(c).ToArray(), 1e-13, "dweight");
        Close(expected.Select((v, j) => v * weight[j]).Sum(), loss, 1e-13, "loss");
        Assert.All(buffer.Skip(c), v => Assert.Equal(12345.0, v));
    }
}
