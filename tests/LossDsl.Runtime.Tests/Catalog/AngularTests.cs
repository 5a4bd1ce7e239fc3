using System;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using ML = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(ML.Angular))]
public class AngularTests
{
    private static SampleEntry Entry(double alpha) => new(
        [0, 1, 2],
        (c, _) => ML.Angular(c.T(0), c.T(1), c.T(2), alpha),
        (c, g, _) => ML.Angular(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), alpha),
        (c, _) => ML.Angular(c.T(0), c.T(1), c.T(2), (float)alpha),
        (c, g, _) => ML.Angular(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)alpha));

    // Wang et al. 2017: [‖a − p‖² − 4 tan²α ‖n − (a + p)/2‖²]₊, mean over the triplets.
    private static Func<SampleCase, int, double> Reference(double alpha) => (c, i) =>
    {
        double tan = Math.Tan(alpha * Math.PI / 180), ap = 0, nc = 0;
        for (int j = 0; j < c.D; j++)
        {
            double a = c.Row(0, i)[j], p = c.Row(1, i)[j], n = c.Row(2, i)[j];
            ap += (a - p) * (a - p);
            nc += (n - (a + p) / 2) * (n - (a + p) / 2);
        }

        return Math.Max(0, ap - 4 * tan * tan * nc);
    };

    // Negatives near the anchors, so that the hinge is active for some triplets and not for others.
    [Theory]
    [InlineData(40.0)]
    [InlineData(25.0)]
    public void Matches_the_triplet_angular_loss(double alpha) =>
        MarginSuite.Run(Entry(alpha), Reference(alpha),
            (n, seed) => new(n, 3, [Check.Normal(n * 3, seed), Check.Normal(n * 3, seed + 1), Check.Normal(n * 3, seed + 2, 0.7)]));

    [Fact]
    public void The_loss_is_scale_invariant()
    {
        double[] a = [1, 0.2, -0.4, 0.3, 2, 1], p = [0.5, 1, 0.1, -1, 0.4, 0.9], n = [0.8, 0.5, -0.2, 0.1, 1, 1.2];
        double L(double s) => ML.Angular(T(a, s), T(p, s), T(n, s));
        Assert.True(L(1) > 0);
        Assert.Equal(L(1) * 9, L(3), 12); // every term is quadratic in the scale
    }

    private static ReadOnlyTensorSpan<double> T(double[] x, double s) => new(Array.ConvertAll(x, v => v * s), [2, 3], default);

    [Theory]
    [InlineData(0.0)]
    [InlineData(90.0)]
    [InlineData(double.NaN)]
    public void An_angle_outside_0_90_is_refused(double alpha)
    {
        double[] z = new double[6];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ML.Angular(TripletDistanceReference.T6(z), TripletDistanceReference.T6(z), TripletDistanceReference.T6(z), alpha));
        Assert.Equal("alpha", e.ParamName);
    }
}
