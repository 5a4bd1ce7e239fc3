using System;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.MultiMargin))]
public class MultiMarginTests
{
    private static SampleEntry Plain(int p, double margin) => new(
        [0],
        (c, r) => M.MultiMargin(c.T(0), c.Y, p, margin, r),
        (c, g, r) => M.MultiMargin(c.T(0), c.Y, MarginSuite.G(c, g, 0), p, margin, r),
        (c, r) => M.MultiMargin(c.T(0), c.Y, p, (float)margin, r),
        (c, g, r) => M.MultiMargin(c.T(0), c.Y, MarginSuite.G(c, g, 0), p, (float)margin, r),
        (c, l) => M.MultiMarginUnreduced(c.T(0), c.Y, l.AsSpan(), p, margin),
        (c, u, g) => M.MultiMarginUnreduced(c.T(0), c.Y, u.AsSpan(), MarginSuite.G(c, g, 0), p, margin),
        (c, l) => M.MultiMarginUnreduced(c.T(0), c.Y, l.AsSpan(), p, (float)margin),
        (c, u, g) => M.MultiMarginUnreduced(c.T(0), c.Y, u.AsSpan(), MarginSuite.G(c, g, 0), p, (float)margin));

    private static SampleEntry Weighted(int p, double margin) => new(
        [0],
        (c, r) => M.MultiMargin(c.T(0), c.Y, c.X[1], p, margin, r),
        (c, g, r) => M.MultiMargin(c.T(0), c.Y, c.X[1], MarginSuite.G(c, g, 0), p, margin, r),
        (c, r) => M.MultiMargin(c.T(0), c.Y, c.X[1], p, (float)margin, r),
        (c, g, r) => M.MultiMargin(c.T(0), c.Y, c.X[1], MarginSuite.G(c, g, 0), p, (float)margin, r),
        (c, l) => M.MultiMarginUnreduced(c.T(0), c.Y, c.X[1].AsSpan(), l.AsSpan(), p, margin),
        (c, u, g) => M.MultiMarginUnreduced(c.T(0), c.Y, c.X[1].AsSpan(), u.AsSpan(), MarginSuite.G(c, g, 0), p, margin),
        (c, l) => M.MultiMarginUnreduced(c.T(0), c.Y, c.X[1].AsSpan(), l.AsSpan(), p, (float)margin),
        (c, u, g) => M.MultiMarginUnreduced(c.T(0), c.Y, c.X[1].AsSpan(), u.AsSpan(), MarginSuite.G(c, g, 0), p, (float)margin));

    // PyTorch's kernel: Σ_{j≠y} [z > 0]·zᵖ·w[y] / C with z = margin − x[y] + x[j].
    private static Func<SampleCase, int, double> Reference(int p, double margin) => (c, i) =>
    {
        int y = c.Y[i];
        double s = 0;
        for (int j = 0; j < c.D; j++)
        {
            double z = margin - c.Row(0, i)[y] + c.Row(0, i)[j];
            if (j != y && z > 0)
            {
                s += Math.Pow(z, p) * (c.X.Length > 1 ? c.X[1][y] : 1);
            }
        }

        return s / c.D;
    };

    private static SampleCase Inputs(int n, int seed) =>
        new(n, 4, [Check.Normal(n * 4, seed), Check.Uniform(4, seed + 1, 0.2, 2)], Check.Classes(n, 4, seed + 2));

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(1, 0.3)]
    public void Matches_multi_margin_loss(int p, double margin) => MarginSuite.Run(Plain(p, margin), Reference(p, margin), (n, seed) =>
    {
        SampleCase c = Inputs(n, seed);
        return new(n, 4, [c.X[0]], c.Y);
    });

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.5)]
    public void Matches_multi_margin_loss_with_weights(int p, double margin) => MarginSuite.Run(Weighted(p, margin), Reference(p, margin), Inputs);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_power_other_than_1_or_2_is_refused(int p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => M.MultiMargin(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), [0, 1], p: p));
        Assert.Equal("p", e.ParamName);
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => M.MultiMargin(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), [0, 3]));
        Assert.Equal("y", e.ParamName);
    }
    // With arrays, (x, y, weight, loss) could also bind to the unweighted backward (x, y, dloss, dx: arrays convert to
    // TensorSpan too); C#'s span conversion is better, so the weighted per-sample form is chosen. This pins it.
    [Fact]
    public void Arrays_bind_to_the_weighted_per_sample_form()
    {
        double[] x = [0, 0.5, -0.2, 1, 0.3, 0.9], w = [1, 2, 3], loss = new double[2];
        M.MultiMarginUnreduced(new ReadOnlyTensorSpan<double>(x, [2, 3], default), [0, 2], w, loss);
        Assert.Equal((1.5 + 0.8) * 1 / 3, loss[0], 14);
        Assert.Equal((1.1 + 0.4) * 3 / 3, loss[1], 14);
    }
}
