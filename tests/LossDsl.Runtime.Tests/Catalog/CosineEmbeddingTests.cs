using System;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.CosineEmbedding))]
public class CosineEmbeddingTests
{
    private static SampleEntry Entry(double margin) => new(
        [0, 1],
        (c, r) => M.CosineEmbedding(c.T(0), c.T(1), c.X[2], margin, r),
        (c, g, r) => M.CosineEmbedding(c.T(0), c.T(1), c.X[2], MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), margin, r),
        (c, r) => M.CosineEmbedding(c.T(0), c.T(1), c.X[2], (float)margin, r),
        (c, g, r) => M.CosineEmbedding(c.T(0), c.T(1), c.X[2], MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), (float)margin, r),
        (c, l) => M.CosineEmbeddingUnreduced(c.T(0), c.T(1), c.X[2], l, margin),
        (c, u, g) => M.CosineEmbeddingUnreduced(c.T(0), c.T(1), c.X[2], u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), margin),
        (c, l) => M.CosineEmbeddingUnreduced(c.T(0), c.T(1), c.X[2], l, (float)margin),
        (c, u, g) => M.CosineEmbeddingUnreduced(c.T(0), c.T(1), c.X[2], u, MarginSuite.G(c, g, 0), MarginSuite.G(c, g, 1), (float)margin));

    // PyTorch's cosine_embedding_loss: cos = x1·x2 / sqrt((|x1|² + 1e-12)(|x2|² + 1e-12)); 1 − cos for y = 1,
    // clamp_min(cos − margin, 0) for y = −1, 0 for any other label.
    private static double Cos(SampleCase c, int i)
    {
        double dot = 0, a = 0, b = 0;
        for (int j = 0; j < c.D; j++)
        {
            dot += c.Row(0, i)[j] * c.Row(1, i)[j];
            a += c.Row(0, i)[j] * c.Row(0, i)[j];
            b += c.Row(1, i)[j] * c.Row(1, i)[j];
        }

        return dot / Math.Sqrt((a + 1e-12) * (b + 1e-12));
    }

    private static Func<SampleCase, int, double> Reference(double margin) => (c, i) =>
        c.X[2][i] == 1 ? 1 - Cos(c, i) : c.X[2][i] == -1 ? Math.Max(0, Cos(c, i) - margin) : 0;

    private static SampleCase Inputs(int n, int seed) =>
        new(n, 5, [Check.Normal(n * 5, seed), Check.Normal(n * 5, seed + 1), MarginSuite.Labels(n, seed + 2, 1, -1, 0)]);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.3)]
    [InlineData(0.4)]
    public void Matches_cosine_embedding_loss(double margin) => MarginSuite.Run(Entry(margin), Reference(margin), Inputs);

    [Fact]
    public void A_row_of_zeros_has_cosine_0_and_a_finite_gradient()
    {
        double[] x1 = [0, 0, 0, 1, 2, 3], x2 = [1, 2, 3, 1, 2, 3], y = [1, 1];
        double[] dx1 = new double[6], dx2 = new double[6];
        double loss = M.CosineEmbedding(new ReadOnlyTensorSpan<double>(x1, [2, 3], default), new ReadOnlyTensorSpan<double>(x2, [2, 3], default), y,
            new TensorSpan<double>(dx1, [2, 3], default), new TensorSpan<double>(dx2, [2, 3], default), 0.0);
        Assert.Equal((1 - 0 + (1 - 14 / Math.Sqrt((14 + 1e-12) * (14 + 1e-12)))) / 2, loss, 14);
        Assert.All(dx1, v => Assert.True(double.IsFinite(v)));
        Assert.All(dx2, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Shapes_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.CosineEmbedding(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new double[3], 0.0));
        Assert.Equal("y", e.ParamName);
    }
}
