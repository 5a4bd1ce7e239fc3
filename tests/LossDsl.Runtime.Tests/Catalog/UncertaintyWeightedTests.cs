using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using MT = LossDsl.Losses.MultiTask;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(MT.UncertaintyWeighted))]
public class UncertaintyWeightedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(40)]
    public void Matches_Kendall_et_al(int k)
    {
        double[] losses = Check.Uniform(k, k, 0, 4), logVars = Check.Normal(k, k + 1, 1);
        ScalarLossSuite.Run(
            (x, g) => g is null ? MT.UncertaintyWeighted(x[0], x[1]) : MT.UncertaintyWeighted(x[0], x[1], g[0], g[1]),
            (x, g) => g is null ? MT.UncertaintyWeighted(x[0], x[1]) : MT.UncertaintyWeighted(x[0], x[1], g[0], g[1]),
            x => x[0].Select((l, i) => Math.Exp(-x[1][i]) * l + x[1][i]).Sum(), [losses, logVars], [0, 1], $"K={k}");
    }

    [Fact]
    public void Seed_003_example_has_its_true_value()
    {
        // log_vars start at 0: the total is the plain sum 2.5 + 0.8 + 1.2 = 4.5, each gradient w.r.t. s is 1 − Lₖ.
        double[] dl = new double[3], ds = new double[3];
        Check.Close(4.5, MT.UncertaintyWeighted([2.5, 0.8, 1.2], [0.0, 0, 0], dl, ds), 1e-15, "loss");
        Assert.Equal([1.0, 1, 1], dl);
        Check.Close([-1.5, 0.2, -0.2], ds, 1e-15, "dlog_vars");
        var e = Assert.ThrowsAny<ArgumentException>(() => MT.UncertaintyWeighted(new double[3], new double[2]));
        Assert.Contains("'log_vars'", e.Message);
    }
}
