using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.PoissonNll))]
public class PoissonNllTests
{
    private static VectorEntry Entry(bool logInput, bool full, double eps) => new(
        (p, t, r) => R.PoissonNll(p, t, logInput, full, eps, r), (p, t, dp, r) => R.PoissonNll(p, t, dp, logInput, full, eps, r),
        (p, t, r) => R.PoissonNll(p, t, logInput, full, (float)eps, r), (p, t, dp, r) => R.PoissonNll(p, t, dp, logInput, full, (float)eps, r),
        (p, t, l) => R.PoissonNllUnreduced(p, t, l, logInput, full, eps), (p, t, g, dp) => R.PoissonNllUnreduced(p, t, g, dp, logInput, full, eps),
        (p, t, l) => R.PoissonNllUnreduced(p, t, l, logInput, full, (float)eps), (p, t, g, dp) => R.PoissonNllUnreduced(p, t, g, dp, logInput, full, (float)eps));

    // PyTorch's poisson_nll_loss: exp(x) − t·x (log_input) or x − t·log(x + eps); with full, Stirling's
    // t·log t − t + ½·log(2πt) is added where t > 1.
    private static Func<double, double, double> Reference(bool logInput, bool full, double eps) => (p, t) =>
    {
        double loss = logInput ? Math.Exp(p) - t * p : p - t * Math.Log(p + eps);
        return full && t > 1 ? loss + t * Math.Log(t) - t + 0.5 * Math.Log(2 * Math.PI * t) : loss;
    };

    // Counts 0..5 and non-integer rates, so both sides of t > 1 (and t = 1 exactly) occur.
    private static double[] Targets(int n, int seed) =>
        Check.Uniform(n, seed, 0, 6).Select((v, i) => i % 2 == 0 ? Math.Floor(v) : v).ToArray();

    [Theory]
    [InlineData(true, false, 1e-8)]
    [InlineData(true, true, 1e-8)]
    [InlineData(false, false, 1e-8)]
    [InlineData(false, true, 1e-8)]
    [InlineData(false, false, 0.5)]
    public void Matches_poisson_nll_loss(bool logInput, bool full, double eps) =>
        ElementwiseSuite.Run(Entry(logInput, full, eps), Reference(logInput, full, eps),
            (n, seed) => (logInput ? Check.Normal(n, seed) : Check.Uniform(n, seed, 0.05, 5), Targets(n, seed + 1)));

    [Fact]
    public void Defaults_are_log_input_without_stirling()
    {
        double[] p = [0.5, -1, 2], t = [3, 0, 1.5];
        double expected = p.Select((x, i) => Math.Exp(x) - t[i] * x).Average();
        Check.Close(expected, R.PoissonNll(p, t), 1e-15, "default");
        // Stirling's term only where t > 1: t = 1 and t = 0 add nothing.
        double[] ones = [1, 0];
        Check.Close(R.PoissonNll([0.3, 0.7], ones, full: false), R.PoissonNll([0.3, 0.7], ones, full: true), 1e-15, "t <= 1");
    }

    // A zero rate with log_input = false: log(0 + eps) keeps loss and gradient finite.
    [Fact]
    public void Zero_rate_is_finite_through_eps()
    {
        double[] p = [0], t = [2], dp = new double[1];
        Check.Close(-2 * Math.Log(1e-8), R.PoissonNll(p, t, dp, log_input: false), 1e-15, "loss");
        Check.Close([1 - 2 / 1e-8], dp, 1e-15, "dp");
    }
}
