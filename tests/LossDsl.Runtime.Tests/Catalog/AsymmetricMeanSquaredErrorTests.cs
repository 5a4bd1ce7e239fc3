using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.AsymmetricMeanSquaredError))]
public class AsymmetricMeanSquaredErrorTests
{
    private static VectorEntry Entry(double c) => new(
        (p, t, r) => R.AsymmetricMeanSquaredError(p, t, c, r), (p, t, dp, r) => R.AsymmetricMeanSquaredError(p, t, dp, c, r),
        (p, t, r) => R.AsymmetricMeanSquaredError(p, t, (float)c, r), (p, t, dp, r) => R.AsymmetricMeanSquaredError(p, t, dp, (float)c, r),
        (p, t, l) => R.AsymmetricMeanSquaredErrorUnreduced(p, t, l, c), (p, t, g, dp) => R.AsymmetricMeanSquaredErrorUnreduced(p, t, g, dp, c),
        (p, t, l) => R.AsymmetricMeanSquaredErrorUnreduced(p, t, l, (float)c), (p, t, g, dp) => R.AsymmetricMeanSquaredErrorUnreduced(p, t, g, dp, (float)c));

    // Seed 003: where(error > 0, over_penalty · error², error²), error = pred − target.
    private static Func<double, double, double> Reference(double c) => (p, t) => (p - t) > 0 ? c * (p - t) * (p - t) : (p - t) * (p - t);

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.25)]
    public void Matches_seed_003_definition(double c) =>
        ElementwiseSuite.Run(Entry(c), Reference(c), (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    // Seed 003's usage example: errors 0.5, −1, 1 → (2·0.25 + 1 + 2·1) / 3 (derived, not copied from the seed).
    [Fact]
    public void Seed_003_example()
    {
        double[] p = [2.5, 1.0, 3.0], t = [2.0, 2.0, 2.0], dp = new double[3];
        Check.Close(3.5 / 3, R.AsymmetricMeanSquaredError(p, t, dp), 1e-15, "loss");
        Check.Close([2 * 2 * 0.5 / 3, 2 * -1.0 / 3, 2 * 2 * 1.0 / 3], dp, 1e-15, "dp");
    }
}
