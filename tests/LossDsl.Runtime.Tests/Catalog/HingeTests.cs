using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.Hinge))]
public class HingeTests
{
    private static readonly SampleEntry Entry = new(
        [0],
        (c, _) => M.Hinge(c.X[0], c.X[1]),
        (c, g, _) => M.Hinge(c.X[0], c.X[1], g[0]),
        (c, _) => M.Hinge(c.X[0], c.X[1]),
        (c, g, _) => M.Hinge(c.X[0], c.X[1], g[0]));

    [Fact]
    public void Matches_the_svm_hinge_loss() =>
        MarginSuite.Run(Entry, (c, i) => Math.Max(0, 1 - c.X[1][i] * c.X[0][i]),
            (n, seed) => new(n, 1, [Check.Normal(n, seed, 1.5), MarginSuite.Labels(n, seed + 1, 1, -1)]));

    [Fact]
    public void A_worked_example()
    {
        double[] p = [2, 0.5, -0.3, -2], t = [1, 1, 1, -1], dp = new double[4];
        // max(0, 1 − 2) + max(0, 0.5) + max(0, 1.3) + max(0, 1 − 2) = 1.8, mean 0.45.
        Assert.Equal(0.45, M.Hinge(p, t, dp), 15);
        Assert.Equal([0, -0.25, -0.25, 0], dp);
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.Hinge(new double[3], new double[2]));
        Assert.Equal("t", e.ParamName);
    }
}
