using System;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using ML = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(ML.TripletMargin))]
public class TripletMarginTests
{
    private static SampleEntry Entry(double margin, double p, double eps, bool swap) => new(
        [0, 1, 2],
        (c, r) => ML.TripletMargin(c.T(0), c.T(1), c.T(2), margin, p, eps, swap, r),
        (c, g, r) => ML.TripletMargin(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin, p, eps, swap, r),
        (c, r) => ML.TripletMargin(c.T(0), c.T(1), c.T(2), (float)margin, (float)p, (float)eps, swap, r),
        (c, g, r) => ML.TripletMargin(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin, (float)p, (float)eps, swap, r),
        (c, l) => ML.TripletMarginUnreduced(c.T(0), c.T(1), c.T(2), l, margin, p, eps, swap),
        (c, u, g) => ML.TripletMarginUnreduced(c.T(0), c.T(1), c.T(2), u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin, p, eps, swap),
        (c, l) => ML.TripletMarginUnreduced(c.T(0), c.T(1), c.T(2), l, (float)margin, (float)p, (float)eps, swap),
        (c, u, g) => ML.TripletMarginUnreduced(c.T(0), c.T(1), c.T(2), u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin, (float)p, (float)eps, swap));

    // PyTorch: pairwise_distance(u, v, p, eps) = ‖u − v + eps‖_p; max(0, margin + d(a, p) − d(a, n)), with
    // d(a, n) replaced by min(d(a, n), d(p, n)) under swap.
    private static double Distance(SampleCase c, int u, int v, int i, double p, double eps)
    {
        double s = 0;
        for (int j = 0; j < c.D; j++)
        {
            s += Math.Pow(Math.Abs(c.Row(u, i)[j] - c.Row(v, i)[j] + eps), p);
        }

        return Math.Pow(s, 1 / p);
    }

    private static Func<SampleCase, int, double> Reference(double margin, double p, double eps, bool swap) => (c, i) =>
    {
        double dn = Distance(c, 0, 2, i, p, eps);
        if (swap)
        {
            dn = Math.Min(dn, Distance(c, 1, 2, i, p, eps));
        }

        return Math.Max(0, margin + Distance(c, 0, 1, i, p, eps) - dn);
    };

    private static SampleCase Inputs(int n, int seed) =>
        new(n, 4, [Check.Normal(n * 4, seed), Check.Normal(n * 4, seed + 1), Check.Normal(n * 4, seed + 2)]);

    [Theory]
    [InlineData(1.0, 2.0, 1e-6, false)]
    [InlineData(0.5, 2.0, 1e-3, true)]
    [InlineData(1.5, 1.0, 1e-6, false)]
    [InlineData(1.0, 3.0, 1e-6, true)]
    public void Matches_triplet_margin_loss(double margin, double p, double eps, bool swap) =>
        MarginSuite.Run(Entry(margin, p, eps, swap), Reference(margin, p, eps, swap), Inputs, gradientTolerance: 2e-6);

    [Fact]
    public void Equal_rows_are_eps_apart_so_the_loss_is_the_margin()
    {
        double[] x = [1, 2, 3, -1, 0.5, 4];
        ReadOnlyTensorSpan<double> t = new(x, [2, 3], default);
        Assert.Equal(1.0, ML.TripletMargin(t, t, t), 15);
        Assert.Equal(0.25, ML.TripletMargin(t, t, t, margin: 0.25), 15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_norm_degree_that_is_not_finite_and_positive_is_refused(double p)
    {
        double[] x = new double[6];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ML.TripletMargin(new ReadOnlyTensorSpan<double>(x, [2, 3], default), new ReadOnlyTensorSpan<double>(x, [2, 3], default), new ReadOnlyTensorSpan<double>(x, [2, 3], default), p: p));
        Assert.Equal("p", e.ParamName);
    }

    [Fact]
    public void Shapes_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            ML.TripletMargin(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new ReadOnlyTensorSpan<double>(new double[8], [2, 4], default)));
        Assert.Equal("negative", e.ParamName);
    }
}
