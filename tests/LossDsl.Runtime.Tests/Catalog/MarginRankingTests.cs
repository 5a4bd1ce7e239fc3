using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.MarginRanking))]
public class MarginRankingTests
{
    private static SampleEntry Entry(double margin) => new(
        [0, 1],
        (c, r) => M.MarginRanking(c.X[0], c.X[1], c.X[2], margin, r),
        (c, g, r) => M.MarginRanking(c.X[0], c.X[1], c.X[2], g[0], g[1], margin, r),
        (c, r) => M.MarginRanking(c.X[0], c.X[1], c.X[2], (float)margin, r),
        (c, g, r) => M.MarginRanking(c.X[0], c.X[1], c.X[2], g[0], g[1], (float)margin, r),
        (c, l) => M.MarginRankingUnreduced(c.X[0], c.X[1], c.X[2], l, margin),
        (c, u, g) => M.MarginRankingUnreduced(c.X[0], c.X[1], c.X[2], u, g[0], g[1], margin),
        (c, l) => M.MarginRankingUnreduced(c.X[0], c.X[1], c.X[2], l, (float)margin),
        (c, u, g) => M.MarginRankingUnreduced(c.X[0], c.X[1], c.X[2], u, g[0], g[1], (float)margin));

    // PyTorch: max(0, −y·(x1 − x2) + margin).
    private static Func<SampleCase, int, double> Reference(double margin) =>
        (c, i) => Math.Max(0, -c.X[2][i] * (c.X[0][i] - c.X[1][i]) + margin);

    private static SampleCase Inputs(int n, int seed) =>
        new(n, 1, [Check.Normal(n, seed, 2), Check.Normal(n, seed + 1, 2), MarginSuite.Labels(n, seed + 2, 1, -1)]);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void Matches_margin_ranking_loss(double margin) => MarginSuite.Run(Entry(margin), Reference(margin), Inputs);

    [Fact]
    public void Gradient_passes_at_the_hinge_point_as_clamp_min()
    {
        // x1 = x2 with margin 0: the clamp's argument is exactly 0; PyTorch's clamp_min backward passes the gradient.
        double[] x1 = [1.0, 2.0], x2 = [1.0, 2.0], y = [1, -1], dx1 = new double[2], dx2 = new double[2];
        Assert.Equal(0, M.MarginRanking(x1, x2, y, dx1, dx2));
        Assert.Equal([-0.5, 0.5], dx1);
        Assert.Equal([0.5, -0.5], dx2);
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.MarginRanking(new double[3], new double[4], new double[3]));
        Assert.Equal("x2", e.ParamName);
    }
}
