using System;
using System.Linq;
using LossDsl.Generator.Tests.Shapes;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests;

public delegate double GaussianFn(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> v, Span<double> dp, Span<double> dv, double eps);

/// <summary>detach(x): the value of x, no gradient through it (PyTorch's detach / no_grad).</summary>
public class DetachTests
{
    // PyTorch's gaussian_nll_loss clamps var under no_grad: the value uses max(var, eps), the gradient is that of the
    // unclamped expression evaluated at the clamped value (it does not vanish below eps, unlike clamp's own gradient).
    private const string Gaussian = "c = v + detach(max(v, eps) - v); mean(0.5 * (log(c) + (p - t)^2 / c))";

    private static Type Losses => ShapedLossCompiler.Compile($$"""
        [Loss("{{Gaussian}}")]
        public static partial double G(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> v, Span<double> dp, Span<double> dv, double eps);
        """);

    [Fact]
    public void Value_is_clamped_and_the_gradient_flows_as_if_it_were_not()
    {
        double[] p = [0.5, -1, 2, 0.1], t = [0, 0.5, 1.5, 0.1];
        double[] v = [1e-9, 2, 0.5, -3];   // two below eps
        const double eps = 1e-3;
        var dp = new double[4];
        var dv = new double[4];
        double loss = Losses.Get<GaussianFn>("G")(p, t, v, dp, dv, eps);

        double[] c = v.Select(x => Math.Max(x, eps)).ToArray();
        double expected = Enumerable.Range(0, 4).Select(i => 0.5 * (Math.Log(c[i]) + (p[i] - t[i]) * (p[i] - t[i]) / c[i])).Average();
        Close(expected, loss, 1e-14, "loss");
        for (int i = 0; i < 4; i++)
        {
            double e = p[i] - t[i];
            Close(0.5 * (1 / c[i] - e * e / (c[i] * c[i])) / 4, dv[i], 1e-12, $"dv[{i}]");
            Close(e / c[i] / 4, dp[i], 1e-12, $"dp[{i}]");
        }

        Assert.NotEqual(0.0, dv[0]);
    }
}
