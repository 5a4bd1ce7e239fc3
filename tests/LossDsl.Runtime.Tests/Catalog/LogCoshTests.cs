using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.LogCosh))]
public class LogCoshTests
{
    private static readonly VectorEntry Entry = new(
        (p, t, r) => R.LogCosh(p, t, r), (p, t, dp, r) => R.LogCosh(p, t, dp, r),
        (p, t, r) => R.LogCosh(p, t, r), (p, t, dp, r) => R.LogCosh(p, t, dp, r),
        (p, t, l) => R.LogCoshUnreduced(p, t, l), (p, t, g, dp) => R.LogCoshUnreduced(p, t, g, dp),
        (p, t, l) => R.LogCoshUnreduced(p, t, l), (p, t, g, dp) => R.LogCoshUnreduced(p, t, g, dp));

    [Fact]
    public void Matches_log_cosh() =>
        ElementwiseSuite.Run(Entry, (p, t) => Math.Log(Math.Cosh(p - t)), (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    // cosh(1e4) overflows double (and cosh(100) float); log cosh x = |x| − ln 2 + log1p(e^(−2|x|)) stays finite.
    [Fact]
    public void Is_finite_for_huge_differences()
    {
        double[] p = [1e4, -1e4, 0.5], t = [0, 0, 0], dp = new double[3];
        double expected = (2 * (1e4 - Math.Log(2)) + Math.Log(Math.Cosh(0.5))) / 3;
        Check.Close(expected, R.LogCosh(p, t, dp), 1e-15, "loss");
        Check.Close([1 / 3.0, -1 / 3.0, Math.Tanh(0.5) / 3], dp, 1e-15, "dp");
        float[] pf = [1000f, -1000f], tf = [0f, 0f], dpf = new float[2];
        Check.Close(1000 - Math.Log(2), R.LogCosh(pf, tf, dpf), 1e-7, "float loss");
        Check.Close([0.5, -0.5], dpf, 1e-7, "float dp");
    }
}
