using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double NormPFn(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx, double p);

/// <summary>
/// norm_p of a row of zeros: norm 0 and gradient 0, as PyTorch's vector_norm backward gives (through pow, the
/// derivative of s^(1/p) at s = 0 is infinite and 0 · ∞ was NaN); a NaN row still gives NaN.
/// </summary>
public class NormPZeroRowTests
{
    private static Type Losses => ShapedLossCompiler.Compile("""
        [Loss("sum(norm_p(x, p))")]
        public static partial double SumNormP(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx, double p);
        """);

    // Σ_i (Σ_j |x_ij|^p)^(1/p), in double from the definition.
    private static double Reference(double[] x, int n, int c, double p) =>
        Enumerable.Range(0, n).Sum(i => Math.Pow(Enumerable.Range(0, c).Sum(j => Math.Pow(Math.Abs(x[i * c + j]), p)), 1 / p));

    [Theory]
    [InlineData(1.5, 5)]
    [InlineData(3.0, 5)]
    [InlineData(3.0, 37)]
    [InlineData(1.0, 7)]
    public void A_zero_row_has_norm_0_and_gradient_0_and_other_rows_are_exact(double p, int c)
    {
        const int n = 4;
        double[] x = Normal(n * c, seed: c);
        Array.Clear(x, 2 * c, c); // row 2 is all zeros
        double[] dx = new double[n * c];
        Array.Fill(dx, 99.0);

        double loss = Losses.Get<NormPFn>("SumNormP")(new ReadOnlyTensorSpan<double>(x, [n, c], default), new TensorSpan<double>(dx, [n, c], default), p);

        Close(Reference(x, n, c, p), loss, 1e-13, "loss");
        Assert.All(dx.Skip(2 * c).Take(c), g => Assert.Equal(0.0, g));
        // Central differences away from the zero row (where |x|^(1/p) is not differentiable for p = 1).
        double[] fd = FiniteDifferences(xs => Reference(xs, n, c, p), x);
        int[] others = Enumerable.Range(0, n * c).Where(k => k / c != 2).ToArray();
        Close(others.Select(k => fd[k]).ToArray(), others.Select(k => dx[k]).ToArray(), 1e-7, "dx");
    }

    [Fact]
    public void A_NaN_row_stays_NaN()
    {
        double[] x = [1, 2, double.NaN, 0, 0, 0];
        double[] dx = new double[6];
        double loss = Losses.Get<NormPFn>("SumNormP")(new ReadOnlyTensorSpan<double>(x, [2, 3], default), new TensorSpan<double>(dx, [2, 3], default), 3);
        Assert.True(double.IsNaN(loss));
        Assert.Equal([0.0, 0.0, 0.0], dx[3..]);
    }
}
