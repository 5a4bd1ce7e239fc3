using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.MultiLabelSoftMargin))]
public class MultiLabelSoftMarginTests
{
    private static readonly SampleEntry Plain = new(
        [0],
        (c, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), r),
        (c, g, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), MarginSuite.G(c, g, 0), r),
        (c, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), r),
        (c, g, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), MarginSuite.G(c, g, 0), r),
        (c, l) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), l.AsSpan()),
        (c, u, g) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), u.AsSpan(), MarginSuite.G(c, g, 0)),
        (c, l) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), l.AsSpan()),
        (c, u, g) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), u.AsSpan(), MarginSuite.G(c, g, 0)));

    private static readonly SampleEntry Weighted = new(
        [0],
        (c, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), c.X[2], r),
        (c, g, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), c.X[2], MarginSuite.G(c, g, 0), r),
        (c, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), c.X[2], r),
        (c, g, r) => M.MultiLabelSoftMargin(c.T(0), c.T(1), c.X[2], MarginSuite.G(c, g, 0), r),
        (c, l) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), c.X[2].AsSpan(), l.AsSpan()),
        (c, u, g) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), c.X[2].AsSpan(), u.AsSpan(), MarginSuite.G(c, g, 0)),
        (c, l) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), c.X[2].AsSpan(), l.AsSpan()),
        (c, u, g) => M.MultiLabelSoftMarginUnreduced(c.T(0), c.T(1), c.X[2].AsSpan(), u.AsSpan(), MarginSuite.G(c, g, 0)));

    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    // PyTorch: −(y·logσ(x) + (1 − y)·logσ(−x)) · weight, summed over the classes and divided by C.
    private static double Reference(SampleCase c, int i)
    {
        double s = 0;
        for (int j = 0; j < c.D; j++)
        {
            double x = c.Row(0, i)[j], y = c.Row(1, i)[j], w = c.X.Length > 2 ? c.X[2][j] : 1;
            s += w * (y * Softplus(-x) + (1 - y) * Softplus(x));
        }

        return s / c.D;
    }

    private static SampleCase Inputs(int n, int seed) =>
        new(n, 5, [Check.Normal(n * 5, seed, 3), MarginSuite.Labels(n * 5, seed + 1, 0, 1), Check.Uniform(5, seed + 2, 0.2, 2)]);

    [Fact]
    public void Matches_multilabel_soft_margin_loss() => MarginSuite.Run(Plain, Reference, (n, seed) =>
    {
        SampleCase c = Inputs(n, seed);
        return new(n, 5, [c.X[0], c.X[1]]);
    });

    [Fact]
    public void Matches_multilabel_soft_margin_loss_with_weights() => MarginSuite.Run(Weighted, Reference, Inputs);

    [Fact]
    public void Logits_of_extreme_magnitude_give_finite_values_and_gradients()
    {
        float[] x = [1e4f, -1e4f, 1e4f, -1e4f], y = [1, 1, 0, 0], dx = new float[4];
        float loss = M.MultiLabelSoftMargin(new ReadOnlyTensorSpan<float>(x, [2, 2], default), new ReadOnlyTensorSpan<float>(y, [2, 2], default),
            new TensorSpan<float>(dx, [2, 2], default), Reduction.Sum);
        Assert.Equal(1e4f, loss); // (0 + 1e4) / 2 + (1e4 + 0) / 2
        Assert.True(dx.All(float.IsFinite));
        Assert.Equal([0f, -0.5f, 0.5f, 0f], dx);
    }

    [Fact]
    public void A_weight_per_class_is_required()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.MultiLabelSoftMargin(
            new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new double[2]));
        Assert.Equal("weight", e.ParamName);
    }
}
