using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.SmoothL1))]
public class SmoothL1Tests
{
    private static VectorEntry Entry(double beta) => new(
        (p, t, r) => R.SmoothL1(p, t, beta, r), (p, t, dp, r) => R.SmoothL1(p, t, dp, beta, r),
        (p, t, r) => R.SmoothL1(p, t, (float)beta, r), (p, t, dp, r) => R.SmoothL1(p, t, dp, (float)beta, r),
        (p, t, l) => R.SmoothL1Unreduced(p, t, l, beta), (p, t, g, dp) => R.SmoothL1Unreduced(p, t, g, dp, beta),
        (p, t, l) => R.SmoothL1Unreduced(p, t, l, (float)beta), (p, t, g, dp) => R.SmoothL1Unreduced(p, t, g, dp, (float)beta));

    // PyTorch's smooth_l1_loss: 0.5·e²/β if |e| < β, else |e| − 0.5·β; β = 0 is l1_loss.
    private static Func<double, double, double> Reference(double beta) => (p, t) =>
    {
        double e = Math.Abs(p - t);
        return beta == 0 ? e : e < beta ? 0.5 * e * e / beta : e - 0.5 * beta;
    };

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    [InlineData(0.0)]
    public void Matches_smooth_l1_loss(double beta) =>
        ElementwiseSuite.Run(Entry(beta), Reference(beta), (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    // β = 0: the quadratic branch divides by β; neither the loss nor the gradient may pick up a NaN from it, also
    // where p = t (PyTorch's l1_loss gradient there is sign(0) = 0).
    [Fact]
    public void Beta_zero_is_l1_with_finite_gradients()
    {
        double[] p = [1.5, -2, 0.25, 0], t = [1.5, -1, 0.5, 0], dp = new double[4];
        Check.Close((0 + 1 + 0.25 + 0) / 4, R.SmoothL1(p, t, dp, 0.0), 1e-15, "loss");
        Check.Close([0, -0.25, -0.25, 0], dp, 1e-15, "dp");
        float[] pf = Check.ToFloat(p), tf = Check.ToFloat(t), dpf = new float[4], lf = new float[4];
        R.SmoothL1Unreduced(pf, tf, [1f, 1f, 1f, 1f], dpf, 0f);
        Check.Close([0, -1, -1, 0], dpf, 0, "float vjp");
        R.SmoothL1Unreduced(pf, tf, lf, 0f);
        Check.Close([0, 1, 0.25, 0], lf, 0, "float unreduced");
    }

    // Huber(δ) = δ · SmoothL1(β = δ).
    [Fact]
    public void Huber_is_delta_times_smooth_l1()
    {
        double[] p = Check.Normal(20, 3, 3), t = Check.Normal(20, 4);
        Check.Close(R.Huber(p, t, 0.7), 0.7 * R.SmoothL1(p, t, 0.7), 1e-14, "huber vs smooth l1");
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Negative_beta_is_refused(double beta)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => R.SmoothL1(new double[2], new double[2], beta));
        Assert.Equal("beta", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => R.SmoothL1Unreduced(new float[2], new float[2], new float[2], new float[2], (float)beta));
        Assert.Equal("beta", e.ParamName);
    }
}
