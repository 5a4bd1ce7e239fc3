using System;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.HingeEmbedding))]
public class HingeEmbeddingTests
{
    private static SampleEntry Entry(double margin) => new(
        [0],
        (c, r) => M.HingeEmbedding(c.X[0], c.X[1], margin, r),
        (c, g, r) => M.HingeEmbedding(c.X[0], c.X[1], g[0], margin, r),
        (c, r) => M.HingeEmbedding(c.X[0], c.X[1], (float)margin, r),
        (c, g, r) => M.HingeEmbedding(c.X[0], c.X[1], g[0], (float)margin, r),
        (c, l) => M.HingeEmbeddingUnreduced(c.X[0], c.X[1], l, margin),
        (c, u, g) => M.HingeEmbeddingUnreduced(c.X[0], c.X[1], u, g[0], margin),
        (c, l) => M.HingeEmbeddingUnreduced(c.X[0], c.X[1], l, (float)margin),
        (c, u, g) => M.HingeEmbeddingUnreduced(c.X[0], c.X[1], u, g[0], (float)margin));

    // PyTorch's hinge_embedding_loss: where(y != 1, clamp_min(margin − x, 0), 0) + where(y != −1, x, 0).
    private static Func<SampleCase, int, double> Reference(double margin) => (c, i) =>
    {
        double x = c.X[0][i], y = c.X[1][i];
        return (y != -1 ? x : 0) + (y != 1 ? Math.Max(0, margin - x) : 0);
    };

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void Matches_hinge_embedding_loss_with_labels_pm1(double margin) =>
        MarginSuite.Run(Entry(margin), Reference(margin), (n, seed) => new(n, 1, [Check.Uniform(n, seed, -0.5, 3.5), MarginSuite.Labels(n, seed + 1, 1, -1)]));

    [Fact]
    public void Labels_other_than_pm1_get_both_terms_as_in_PyTorch() =>
        MarginSuite.Run(Entry(1.5), Reference(1.5), (n, seed) => new(n, 1, [Check.Uniform(n, seed, -0.5, 3.5), MarginSuite.Labels(n, seed + 1, 1, -1, 0, 2)]));

    [Fact]
    public void A_label_of_0_costs_x_plus_the_hinge()
    {
        double[] x = [0.25], y = [0], dx = new double[1];
        Assert.Equal(0.25 + 0.75, M.HingeEmbedding(x, y, dx), 15);
        Assert.Equal(1 - 1, dx[0], 15); // d/dx (x + (1 − x)) = 0
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.HingeEmbedding(new double[3], new double[2]));
        Assert.Equal("y", e.ParamName);
    }
}
