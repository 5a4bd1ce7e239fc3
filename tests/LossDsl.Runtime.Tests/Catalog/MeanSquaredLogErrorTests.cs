using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.MeanSquaredLogError))]
public class MeanSquaredLogErrorTests
{
    private static VectorEntry Entry(double eps) => new(
        (p, t, r) => R.MeanSquaredLogError(p, t, eps, r), (p, t, dp, r) => R.MeanSquaredLogError(p, t, dp, eps, r),
        (p, t, r) => R.MeanSquaredLogError(p, t, (float)eps, r), (p, t, dp, r) => R.MeanSquaredLogError(p, t, dp, (float)eps, r),
        (p, t, l) => R.MeanSquaredLogErrorUnreduced(p, t, l, eps), (p, t, g, dp) => R.MeanSquaredLogErrorUnreduced(p, t, g, dp, eps),
        (p, t, l) => R.MeanSquaredLogErrorUnreduced(p, t, l, (float)eps), (p, t, g, dp) => R.MeanSquaredLogErrorUnreduced(p, t, g, dp, (float)eps));

    // Keras: square(log(maximum(y_pred, eps) + 1) − log(maximum(y_true, eps) + 1)).
    private static Func<double, double, double> Reference(double eps) => (p, t) =>
    {
        double d = Math.Log(Math.Max(p, eps) + 1) - Math.Log(Math.Max(t, eps) + 1);
        return d * d;
    };

    [Theory]
    [InlineData(1e-7)]
    [InlineData(0.2)]
    public void Matches_keras_definition(double eps) =>
        ElementwiseSuite.Run(Entry(eps), Reference(eps), (n, seed) => (Check.Uniform(n, seed, -0.5, 4), Check.Uniform(n, seed + 1, -0.5, 4)));

    // Keras's docstring example (y_true [[0, 1], [0, 0]], y_pred [[1, 1], [1, 0]], printed as 0.240), re-derived:
    // two elements (t = 0, p = 1) each contribute (log(1 + 1e-7) − log 2)², the other two 0.
    [Fact]
    public void Keras_docstring_example()
    {
        double d = Math.Log(1 + 1e-7) - Math.Log(2);
        Check.Close(d * d / 2, R.MeanSquaredLogError([1.0, 1, 1, 0], [0.0, 1, 0, 0]), 1e-15, "msle");
        Check.Close(0.240, R.MeanSquaredLogError([1f, 1, 1, 0], [0f, 1, 0, 0]), 5e-4, "float msle vs Keras's printed value");
    }

    // Negative values are clipped at eps: the loss does not see them and they get no gradient.
    [Fact]
    public void Negative_values_are_clipped()
    {
        double[] p = [-3, 1], t = [0, 0], dp = new double[2];
        double d0 = Math.Log(1e-7 + 1) - Math.Log(1e-7 + 1), d1 = Math.Log(2) - Math.Log(1e-7 + 1);
        Check.Close((d0 * d0 + d1 * d1) / 2, R.MeanSquaredLogError(p, t, dp), 1e-15, "loss");
        Check.Close([0, d1 / 2], dp, 1e-15, "dp");
    }
}
