using System;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using ML = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

public static class TripletDistanceReference
{
    public static double Euclidean(SampleCase c, int u, int v, int i)
    {
        double s = 0;
        for (int j = 0; j < c.D; j++)
        {
            double e = c.Row(u, i)[j] - c.Row(v, i)[j] + 1e-6;
            s += e * e;
        }

        return Math.Sqrt(s);
    }

    // 1 − F.cosine_similarity(u, v) with eps = 1e-8 on each norm.
    public static double Cosine(SampleCase c, int u, int v, int i)
    {
        double dot = 0, a = 0, b = 0;
        for (int j = 0; j < c.D; j++)
        {
            dot += c.Row(u, i)[j] * c.Row(v, i)[j];
            a += c.Row(u, i)[j] * c.Row(u, i)[j];
            b += c.Row(v, i)[j] * c.Row(v, i)[j];
        }

        return 1 - dot / (Math.Max(Math.Sqrt(a), 1e-8) * Math.Max(Math.Sqrt(b), 1e-8));
    }

    // PyTorch's triplet_margin_with_distance_loss: clamp_min(margin + d(a, p) − d(a, n), 0), d(a, n) → min(d(a, n), d(p, n)) with swap.
    public static Func<SampleCase, int, double> Loss(Func<SampleCase, int, int, int, double> d, double margin, bool swap) => (c, i) =>
        Math.Max(0, margin + d(c, 0, 1, i) - (swap ? Math.Min(d(c, 0, 2, i), d(c, 1, 2, i)) : d(c, 0, 2, i)));

    public static ReadOnlyTensorSpan<double> T6(double[] z) => new(z, [2, 3], default);

    public static SampleCase Inputs(int n, int seed) =>
        new(n, 4, [Check.Normal(n * 4, seed), Check.Normal(n * 4, seed + 1), Check.Normal(n * 4, seed + 2)]);
}

[Covers(nameof(ML.TripletMarginWithDistance))]
public class TripletMarginWithDistanceTests
{
    private static SampleEntry Entry(double margin, bool swap) => new(
        [0, 1, 2],
        (c, r) => ML.TripletMarginWithDistance(c.T(0), c.T(1), c.T(2), margin, swap, r),
        (c, g, r) => ML.TripletMarginWithDistance(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin, swap, r),
        (c, r) => ML.TripletMarginWithDistance(c.T(0), c.T(1), c.T(2), (float)margin, swap, r),
        (c, g, r) => ML.TripletMarginWithDistance(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin, swap, r),
        (c, l) => ML.TripletMarginWithDistanceUnreduced(c.T(0), c.T(1), c.T(2), l, margin, swap),
        (c, u, g) => ML.TripletMarginWithDistanceUnreduced(c.T(0), c.T(1), c.T(2), u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin, swap),
        (c, l) => ML.TripletMarginWithDistanceUnreduced(c.T(0), c.T(1), c.T(2), l, (float)margin, swap),
        (c, u, g) => ML.TripletMarginWithDistanceUnreduced(c.T(0), c.T(1), c.T(2), u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin, swap));

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.5, true)]
    public void Matches_the_default_pairwise_distance(double margin, bool swap) =>
        MarginSuite.Run(Entry(margin, swap), TripletDistanceReference.Loss(TripletDistanceReference.Euclidean, margin, swap), TripletDistanceReference.Inputs);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void A_margin_that_is_not_positive_is_refused(double margin)
    {
        double[] z = new double[6];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ML.TripletMarginWithDistance(TripletDistanceReference.T6(z), TripletDistanceReference.T6(z), TripletDistanceReference.T6(z), margin));
        Assert.Equal("margin", e.ParamName);
    }
}

[Covers(nameof(ML.TripletMarginWithCosineDistance))]
public class TripletMarginWithCosineDistanceTests
{
    private static SampleEntry Entry(double margin, bool swap) => new(
        [0, 1, 2],
        (c, r) => ML.TripletMarginWithCosineDistance(c.T(0), c.T(1), c.T(2), margin, swap, r),
        (c, g, r) => ML.TripletMarginWithCosineDistance(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin, swap, r),
        (c, r) => ML.TripletMarginWithCosineDistance(c.T(0), c.T(1), c.T(2), (float)margin, swap, r),
        (c, g, r) => ML.TripletMarginWithCosineDistance(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin, swap, r),
        (c, l) => ML.TripletMarginWithCosineDistanceUnreduced(c.T(0), c.T(1), c.T(2), l, margin, swap),
        (c, u, g) => ML.TripletMarginWithCosineDistanceUnreduced(c.T(0), c.T(1), c.T(2), u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin, swap),
        (c, l) => ML.TripletMarginWithCosineDistanceUnreduced(c.T(0), c.T(1), c.T(2), l, (float)margin, swap),
        (c, u, g) => ML.TripletMarginWithCosineDistanceUnreduced(c.T(0), c.T(1), c.T(2), u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin, swap));

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.3, true)]
    public void Matches_one_minus_cosine_similarity(double margin, bool swap) =>
        MarginSuite.Run(Entry(margin, swap), TripletDistanceReference.Loss(TripletDistanceReference.Cosine, margin, swap), TripletDistanceReference.Inputs);

    [Fact]
    public void A_row_of_zeros_is_at_distance_1()
    {
        var a = new ReadOnlyTensorSpan<double>(new double[] { 0, 0, 0 }, [1, 3], default);
        var p = new ReadOnlyTensorSpan<double>(new double[] { 1, 2, 3 }, [1, 3], default);
        var n = new ReadOnlyTensorSpan<double>(new double[] { 1, 2, 3 }, [1, 3], default);
        Assert.Equal(0.5, ML.TripletMarginWithCosineDistance(a, p, n, 0.5), 15); // 0.5 + 1 − 1
    }

    [Fact]
    public void A_margin_that_is_not_positive_is_refused()
    {
        double[] z = new double[6];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ML.TripletMarginWithCosineDistance(TripletDistanceReference.T6(z), TripletDistanceReference.T6(z), TripletDistanceReference.T6(z), 0.0));
        Assert.Equal("margin", e.ParamName);
    }
}
