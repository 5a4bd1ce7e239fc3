using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.MeanAbsoluteError))]
public class MeanAbsoluteErrorTests
{
    private static readonly VectorEntry Entry = new(
        (p, t, r) => R.MeanAbsoluteError(p, t, r), (p, t, dp, r) => R.MeanAbsoluteError(p, t, dp, r),
        (p, t, r) => R.MeanAbsoluteError(p, t, r), (p, t, dp, r) => R.MeanAbsoluteError(p, t, dp, r),
        (p, t, l) => R.MeanAbsoluteErrorUnreduced(p, t, l), (p, t, g, dp) => R.MeanAbsoluteErrorUnreduced(p, t, g, dp),
        (p, t, l) => R.MeanAbsoluteErrorUnreduced(p, t, l), (p, t, g, dp) => R.MeanAbsoluteErrorUnreduced(p, t, g, dp));

    [Fact]
    public void Matches_l1_loss() =>
        ElementwiseSuite.Run(Entry, (p, t) => Math.Abs(p - t), (n, seed) => (Check.Normal(n, seed, 3), Check.Normal(n, seed + 1)));

    // torch.sign(0) = 0, so PyTorch's l1_loss has gradient 0 where p = t.
    [Fact]
    public void Gradient_is_zero_where_prediction_equals_target()
    {
        double[] p = [1.5, -2, 0.25], t = [1.5, -1, 0.25], dp = new double[3];
        Check.Close((0 + 1 + 0) / 3.0, R.MeanAbsoluteError(p, t, dp), 1e-15, "mae");
        Check.Close([0, -1 / 3.0, 0], dp, 1e-15, "dp");
        float[] pf = [1.5f, 3f], tf = [1.5f, 1f], dpf = new float[2];
        R.MeanAbsoluteError(pf, tf, dpf, Reduction.Sum);
        Check.Close([0, 1], dpf, 0, "float dp");
    }
}
