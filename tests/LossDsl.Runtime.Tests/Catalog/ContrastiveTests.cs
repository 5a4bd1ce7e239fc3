using System;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using ML = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(ML.Contrastive))]
public class ContrastiveTests
{
    private static SampleEntry Entry(double margin) => new(
        [0, 1],
        (c, _) => ML.Contrastive(c.T(0), c.T(1), c.X[2], margin),
        (c, g, _) => ML.Contrastive(c.T(0), c.T(1), c.X[2], MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), margin),
        (c, _) => ML.Contrastive(c.T(0), c.T(1), c.X[2], (float)margin),
        (c, g, _) => ML.Contrastive(c.T(0), c.T(1), c.X[2], MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), (float)margin));

    // Seed 003's ContrastiveLoss: d = pairwise_distance(x1, x2) = ‖x1 − x2 + 1e-6‖; y·d² + (1 − y)·max(0, m − d)², mean.
    private static Func<SampleCase, int, double> Reference(double margin) => (c, i) =>
    {
        double s = 0;
        for (int j = 0; j < c.D; j++)
        {
            s += (c.Row(0, i)[j] - c.Row(1, i)[j] + 1e-6) * (c.Row(0, i)[j] - c.Row(1, i)[j] + 1e-6);
        }

        double d = Math.Sqrt(s), y = c.X[2][i];
        return y * d * d + (1 - y) * Math.Pow(Math.Max(0, margin - d), 2);
    };

    // Small distances so that both sides of the margin occur.
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Matches_seed_003_contrastive_loss(double margin) =>
        MarginSuite.Run(Entry(margin), Reference(margin),
            (n, seed) => new(n, 3, [Check.Normal(n * 3, seed, 0.6), Check.Normal(n * 3, seed + 1, 0.6), MarginSuite.Labels(n, seed + 2, 0, 1)]));

    [Fact]
    public void Label_1_means_similar()
    {
        double[] x1 = [3, 4], x2 = [0, 0];
        var a = new ReadOnlyTensorSpan<double>(x1, [1, 2], default);
        var b = new ReadOnlyTensorSpan<double>(x2, [1, 2], default);
        double d = Math.Sqrt((3 + 1e-6) * (3 + 1e-6) + (4 + 1e-6) * (4 + 1e-6));
        Assert.Equal(d * d, ML.Contrastive(a, b, [1.0]), 12);  // similar pair far apart: pulled together
        Assert.Equal(0, ML.Contrastive(a, b, [0.0]), 15);      // dissimilar pair beyond the margin: free
    }
}
