using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.SoftMargin))]
public class SoftMarginTests
{
    private static readonly SampleEntry Entry = new(
        [0],
        (c, r) => M.SoftMargin(c.X[0], c.X[1], r),
        (c, g, r) => M.SoftMargin(c.X[0], c.X[1], g[0], r),
        (c, r) => M.SoftMargin(c.X[0], c.X[1], r),
        (c, g, r) => M.SoftMargin(c.X[0], c.X[1], g[0], r),
        (c, l) => M.SoftMarginUnreduced(c.X[0], c.X[1], l),
        (c, u, g) => M.SoftMarginUnreduced(c.X[0], c.X[1], u, g[0]),
        (c, l) => M.SoftMarginUnreduced(c.X[0], c.X[1], l),
        (c, u, g) => M.SoftMarginUnreduced(c.X[0], c.X[1], u, g[0]));

    // log(1 + exp(z)), z = −y·x, in a form that is exact in double for any z.
    private static double Log1pExp(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    [Fact]
    public void Matches_soft_margin_loss() =>
        MarginSuite.Run(Entry, (c, i) => Log1pExp(-c.X[1][i] * c.X[0][i]),
            (n, seed) => new(n, 1, [Check.Normal(n, seed, 3), MarginSuite.Labels(n, seed + 1, 1, -1)]));

    [Fact]
    public void Scores_of_extreme_magnitude_give_finite_values_and_gradients()
    {
        float[] x = [1e4f, -1e4f, 1e4f, -1e4f], y = [1, 1, -1, -1], dx = new float[4];
        float loss = M.SoftMargin(x, y, dx, Reduction.Sum);
        Assert.Equal(2e4f, loss);
        Assert.Equal([0f, -1f, 1f, 0f], dx);
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.SoftMargin(new double[3], new double[2]));
        Assert.Equal("y", e.ParamName);
    }
}
