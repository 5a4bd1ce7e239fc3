using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.MeanAbsolutePercentageError))]
public class MeanAbsolutePercentageErrorTests
{
    private static VectorEntry Entry(double eps) => new(
        (p, t, r) => R.MeanAbsolutePercentageError(p, t, eps, r), (p, t, dp, r) => R.MeanAbsolutePercentageError(p, t, dp, eps, r),
        (p, t, r) => R.MeanAbsolutePercentageError(p, t, (float)eps, r), (p, t, dp, r) => R.MeanAbsolutePercentageError(p, t, dp, (float)eps, r),
        (p, t, l) => R.MeanAbsolutePercentageErrorUnreduced(p, t, l, eps), (p, t, g, dp) => R.MeanAbsolutePercentageErrorUnreduced(p, t, g, dp, eps),
        (p, t, l) => R.MeanAbsolutePercentageErrorUnreduced(p, t, l, (float)eps), (p, t, g, dp) => R.MeanAbsolutePercentageErrorUnreduced(p, t, g, dp, (float)eps));

    // Keras: 100 · |(y_true − y_pred) / maximum(|y_true|, eps)|.
    private static Func<double, double, double> Reference(double eps) => (p, t) => 100 * Math.Abs(t - p) / Math.Max(Math.Abs(t), eps);

    // Targets of both signs, away from 0 unless eps is large enough to clip some of them.
    private static double[] Targets(int n, int seed) =>
        Check.Uniform(n, seed, 0.5, 3).Select((v, i) => i % 3 == 0 ? -v : v).ToArray();

    [Theory]
    [InlineData(1e-7)]
    [InlineData(1.0)]
    public void Matches_keras_definition(double eps) =>
        ElementwiseSuite.Run(Entry(eps), Reference(eps), (n, seed) => (Check.Normal(n, seed, 2), Targets(n, seed + 1)));

    [Fact]
    public void Zero_target_divides_by_eps()
    {
        double[] p = [0.5, 2], t = [0, 4], dp = new double[2];
        Check.Close((100 * 0.5 / 1e-7 + 100 * 2 / 4.0) / 2, R.MeanAbsolutePercentageError(p, t, dp), 1e-15, "loss");
        Check.Close([100 / 1e-7 / 2, -100 / 4.0 / 2], dp, 1e-15, "dp");
        Check.Close([0], Run([3.0], [3.0]), 0, "dp at p = t");
    }

    private static double[] Run(double[] p, double[] t)
    {
        var dp = new double[p.Length];
        R.MeanAbsolutePercentageError(p, t, dp);
        return dp;
    }
}
