using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using ML = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(ML.SquaredTripletMargin))]
public class SquaredTripletMarginTests
{
    private static SampleEntry Entry(double margin) => new(
        [0, 1, 2],
        (c, _) => ML.SquaredTripletMargin(c.T(0), c.T(1), c.T(2), margin),
        (c, g, _) => ML.SquaredTripletMargin(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), margin),
        (c, _) => ML.SquaredTripletMargin(c.T(0), c.T(1), c.T(2), (float)margin),
        (c, g, _) => ML.SquaredTripletMargin(c.T(0), c.T(1), c.T(2), MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), MarginSuite.G(c, g, 2), (float)margin));

    private static double Squared(SampleCase c, int u, int v, int i)
    {
        double s = 0;
        for (int j = 0; j < c.D; j++)
        {
            s += (c.Row(u, i)[j] - c.Row(v, i)[j]) * (c.Row(u, i)[j] - c.Row(v, i)[j]);
        }

        return s;
    }

    // Seed 003's TripletLoss: relu(|a − p|² − |a − n|² + margin), mean over the samples.
    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Matches_seed_003_triplet_loss(double margin) =>
        MarginSuite.Run(Entry(margin), (c, i) => Math.Max(0, Squared(c, 0, 1, i) - Squared(c, 0, 2, i) + margin),
            (n, seed) => new(n, 3, [Check.Normal(n * 3, seed), Check.Normal(n * 3, seed + 1), Check.Normal(n * 3, seed + 2)]));
}
