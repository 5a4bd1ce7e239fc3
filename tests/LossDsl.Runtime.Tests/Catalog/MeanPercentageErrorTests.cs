using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.MeanPercentageError))]
public class MeanPercentageErrorTests
{
    private static readonly VectorEntry Entry = new(
        (p, t, r) => R.MeanPercentageError(p, t, r), (p, t, dp, r) => R.MeanPercentageError(p, t, dp, r),
        (p, t, r) => R.MeanPercentageError(p, t, r), (p, t, dp, r) => R.MeanPercentageError(p, t, dp, r),
        (p, t, l) => R.MeanPercentageErrorUnreduced(p, t, l), (p, t, g, dp) => R.MeanPercentageErrorUnreduced(p, t, g, dp),
        (p, t, l) => R.MeanPercentageErrorUnreduced(p, t, l), (p, t, g, dp) => R.MeanPercentageErrorUnreduced(p, t, g, dp));

    [Fact]
    public void Matches_definition() =>
        ElementwiseSuite.Run(Entry, (p, t) => 100 * (t - p) / t,
            (n, seed) => (Check.Normal(n, seed, 2), Check.Uniform(n, seed + 1, 0.5, 3).Select((v, i) => i % 3 == 0 ? -v : v).ToArray()));

    [Fact]
    public void Over_and_under_estimates_cancel()
    {
        double[] p = [11, 9], t = [10, 10], dp = new double[2];
        Check.Close(0, R.MeanPercentageError(p, t, dp), 1e-15, "loss");
        Check.Close([-5, -5], dp, 1e-15, "dp");
        Assert.True(double.IsInfinity(R.MeanPercentageError([1.0], [0.0])));
    }
}
