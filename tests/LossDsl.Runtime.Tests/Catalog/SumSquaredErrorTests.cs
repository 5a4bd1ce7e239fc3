using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.SumSquaredError))]
public class SumSquaredErrorTests
{
    private static readonly FixedEntry Entry = new(
        (p, t) => R.SumSquaredError(p, t), (p, t, dp) => R.SumSquaredError(p, t, dp),
        (p, t) => R.SumSquaredError(p, t), (p, t, dp) => R.SumSquaredError(p, t, dp));

    // Seed 001: SSE = 0.5 · Σ (real − pred)².
    [Fact]
    public void Matches_seed_001_definition() =>
        RegressionSuite.Run(Entry, (p, t) => 0.5 * p.Select((v, i) => (v - t[i]) * (v - t[i])).Sum(),
            (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    [Fact]
    public void Small_example()
    {
        double[] p = [2.5, 0.0, 2.1, 7.8], t = [3.0, -0.5, 2.0, 8.0], dp = new double[4];
        Check.Close(0.5 * (0.25 + 0.25 + 0.01 + 0.04), R.SumSquaredError(p, t, dp), 1e-15, "sse");
        Check.Close([-0.5, 0.5, 0.1, -0.2], dp, 1e-15, "dp");
        Assert.Equal(0, R.SumSquaredError(System.Array.Empty<double>(), System.Array.Empty<double>()));
    }
}
