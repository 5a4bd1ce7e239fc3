using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.RootMeanSquaredError))]
public class RootMeanSquaredErrorTests
{
    private static FixedEntry Entry(double eps) => new(
        (p, t) => R.RootMeanSquaredError(p, t, eps), (p, t, dp) => R.RootMeanSquaredError(p, t, dp, eps),
        (p, t) => R.RootMeanSquaredError(p, t, (float)eps), (p, t, dp) => R.RootMeanSquaredError(p, t, dp, (float)eps));

    // Seed 001's RMSELoss: sqrt(mse_loss(x, y) + eps).
    private static double Reference(double[] p, double[] t, double eps) =>
        Math.Sqrt(p.Select((v, i) => (v - t[i]) * (v - t[i])).Sum() / p.Length + eps);

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.5)]
    public void Matches_seed_001_definition(double eps) =>
        RegressionSuite.Run(Entry(eps), (p, t) => Reference(p, t, eps), (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    [Fact]
    public void Default_eps_keeps_the_gradient_finite_at_a_perfect_fit()
    {
        double[] p = [1, 2, 3], t = [1, 2, 3], dp = new double[3];
        Check.Close(Math.Sqrt(1e-6), R.RootMeanSquaredError(p, t, dp), 1e-15, "loss");
        Check.Close([0, 0, 0], dp, 0, "dp");
        double[] q = [2.5, 0.0, 2.1, 7.8], u = [3.0, -0.5, 2.0, 8.0];
        Check.Close(Math.Sqrt(0.1375 + 1e-6), R.RootMeanSquaredError(q, u), 1e-15, "example");
        Assert.True(double.IsNaN(R.RootMeanSquaredError(Array.Empty<double>(), Array.Empty<double>())));
    }
}
