using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.Huber))]
public class HuberTests
{
    private static VectorEntry Entry(double delta) => new(
        (p, t, r) => R.Huber(p, t, delta, r), (p, t, dp, r) => R.Huber(p, t, dp, delta, r),
        (p, t, r) => R.Huber(p, t, (float)delta, r), (p, t, dp, r) => R.Huber(p, t, dp, (float)delta, r),
        (p, t, l) => R.HuberUnreduced(p, t, l, delta), (p, t, g, dp) => R.HuberUnreduced(p, t, g, dp, delta),
        (p, t, l) => R.HuberUnreduced(p, t, l, (float)delta), (p, t, g, dp) => R.HuberUnreduced(p, t, g, dp, (float)delta));

    // PyTorch's huber_loss: 0.5·e² if |e| < δ, else δ·(|e| − 0.5·δ).
    private static Func<double, double, double> Reference(double delta) => (p, t) =>
    {
        double e = Math.Abs(p - t);
        return e < delta ? 0.5 * e * e : delta * (e - 0.5 * delta);
    };

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    public void Matches_huber_loss(double delta) =>
        ElementwiseSuite.Run(Entry(delta), Reference(delta), (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    [Fact]
    public void Default_delta_is_one()
    {
        double[] p = [0.5, 3, -4], t = [0, 0, 0];
        double expected = (0.125 + 2.5 + 3.5) / 3;
        Check.Close(expected, R.Huber(p, t), 1e-15, "huber");
        Check.Close(expected, R.Huber(Check.ToFloat(p), Check.ToFloat(t)), 1e-7, "float huber");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Non_positive_delta_is_refused(double delta)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => R.Huber(new double[2], new double[2], new double[2], delta));
        Assert.Equal("delta", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => R.HuberUnreduced(new float[2], new float[2], new float[2], (float)delta));
        Assert.Equal("delta", e.ParamName);
    }
}
