using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double VectorGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double a);

public delegate double RowBroadcastGradient(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> s, TensorSpan<double> dx, Span<double> ds);

/// <summary>
/// A value used at every element (a sum inside a mean, a per-sample value inside a matrix expression) receives the
/// sum of its contributions from every element. Regression: the gradient of mean(p + sum(p)) is 1/N + 1, not 2/N.
/// </summary>
public class BroadcastGradientTests
{
    private const string Members = """
        [Loss("mean(p * t + sum(p) * a)")]
        public static partial double Vector(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double a);
        [Loss("mean(x * s + row_mean(x) * s^2 + logsumexp(x * 0 + s))")]
        public static partial double Rows(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> s, TensorSpan<double> dx, Span<double> ds);
        """;

    [Fact]
    public void A_global_sum_used_at_every_element_gets_the_whole_gradient()
    {
        double[] p = Normal(7, seed: 1), t = Normal(7, seed: 2);
        const double a = 0.75;
        double Loss(double[] ps) => ps.Select((v, k) => v * t[k] + ps.Sum() * a).Average();
        var f = ShapedLossCompiler.Compile(Members).Get<VectorGradient>("Vector");
        var dp = new double[7];
        Close(Loss(p), f(p, t, dp, a), 1e-14, "loss");
        Close(FiniteDifferences(Loss, p), dp, 1e-8, "dp");
    }

    [Fact]
    public void A_per_sample_value_used_along_a_row_gets_the_row_sum_of_its_gradient()
    {
        int n = 5, c = 4;
        double[] x = Normal(n * c, seed: 3), s = Normal(n, seed: 4);
        // mean over N·C of x·s + row_mean(x)·s² + logsumexp over the row of (s_i repeated C times) = s_i + log C.
        double Loss(double[] xs, double[] ss)
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double rowMean = Enumerable.Range(0, c).Average(j => xs[i * c + j]);
                for (int j = 0; j < c; j++)
                {
                    total += xs[i * c + j] * ss[i] + rowMean * ss[i] * ss[i] + ss[i] + Math.Log(c);
                }
            }

            return total / (n * c);
        }

        var f = ShapedLossCompiler.Compile(Members).Get<RowBroadcastGradient>("Rows");
        double[] dx = new double[n * c], ds = new double[n];
        Close(Loss(x, s), f(new ReadOnlyTensorSpan<double>(x, [n, c], default), s, new TensorSpan<double>(dx, [n, c], default), ds), 1e-14, "loss");
        Close(FiniteDifferences(xs => Loss(xs, s), x), dx, 1e-8, "dx");
        Close(FiniteDifferences(ss => Loss(x, ss), s), ds, 1e-8, "ds");
    }
}
