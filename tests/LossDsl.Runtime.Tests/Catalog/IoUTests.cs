using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.IoU))]
public class IoUTests
{
    /// <summary>N random boxes (x1, y1, x2, y2) and a second set shifted from them: some pairs overlap, some do not.</summary>
    internal static (double[] A, double[] B) Boxes(int n, int seed, double shift = 2)
    {
        double[] u = Check.Uniform(4 * n, seed, 0, 10), size = Check.Uniform(4 * n, seed + 1, 1, 6), d = Check.Normal(4 * n, seed + 2, shift);
        var a = new double[4 * n];
        var b = new double[4 * n];
        for (int i = 0; i < n; i++)
        {
            a[4 * i] = u[4 * i];
            a[4 * i + 1] = u[4 * i + 1];
            a[4 * i + 2] = u[4 * i] + size[4 * i];
            a[4 * i + 3] = u[4 * i + 1] + size[4 * i + 1];
            b[4 * i] = a[4 * i] + d[4 * i];
            b[4 * i + 1] = a[4 * i + 1] + d[4 * i + 1];
            b[4 * i + 2] = b[4 * i] + size[4 * i + 2];
            b[4 * i + 3] = b[4 * i + 1] + size[4 * i + 3];
        }

        return (a, b);
    }

    internal static (double Inter, double Union) InterUnion(double[] a, double[] b, int i)
    {
        double w = Math.Min(a[4 * i + 2], b[4 * i + 2]) - Math.Max(a[4 * i], b[4 * i]);
        double h = Math.Min(a[4 * i + 3], b[4 * i + 3]) - Math.Max(a[4 * i + 1], b[4 * i + 1]);
        double inter = w > 0 && h > 0 ? w * h : 0;
        double union = (a[4 * i + 2] - a[4 * i]) * (a[4 * i + 3] - a[4 * i + 1]) + (b[4 * i + 2] - b[4 * i]) * (b[4 * i + 3] - b[4 * i + 1]) - inter;
        return (inter, union);
    }

    /// <summary>Seed 003's iou_loss.</summary>
    internal static double Reference(double[] a, double[] b)
    {
        int n = a.Length / 4;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            (double inter, double union) = InterUnion(a, b, i);
            total += inter / (union + 1e-6);
        }

        return 1 - total / n;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(40, 3)]
    public void Matches_seed_003_iou_loss(int n, int seed)
    {
        (double[] a, double[] b) = Boxes(n, seed, shift: n == 1 ? 0.5 : 2);
        nint[] shape = [n, 4];
        ScalarLossSuite.Run(
            (x, g) => g is null
                ? S.IoU(new ReadOnlyTensorSpan<double>(x[0], shape, default), new ReadOnlyTensorSpan<double>(x[1], shape, default))
                : S.IoU(new ReadOnlyTensorSpan<double>(x[0], shape, default), new ReadOnlyTensorSpan<double>(x[1], shape, default), new TensorSpan<double>(g[0], shape, default), new TensorSpan<double>(g[1], shape, default)),
            (x, g) => g is null
                ? S.IoU(new ReadOnlyTensorSpan<float>(x[0], shape, default), new ReadOnlyTensorSpan<float>(x[1], shape, default))
                : S.IoU(new ReadOnlyTensorSpan<float>(x[0], shape, default), new ReadOnlyTensorSpan<float>(x[1], shape, default), new TensorSpan<float>(g[0], shape, default), new TensorSpan<float>(g[1], shape, default)),
            x => Reference(x[0], x[1]), [a, b], [0, 1], $"n={n}", gradientTolerance: 1e-6, floatTolerance: 1e-5);
    }

    [Fact]
    public void Seed_003_example_has_its_true_value()
    {
        // Two 40×40 boxes shifted by (5, 5): intersection 35² = 1225, union 3200 − 1225 = 1975.
        double[] a = [10, 10, 50, 50, 20, 20, 60, 60], b = [15, 15, 55, 55, 25, 25, 65, 65];
        double expected = 1 - 1225 / (1975 + 1e-6);
        Check.Close(expected, S.IoU(new ReadOnlyTensorSpan<double>(a, [2, 4], default), new ReadOnlyTensorSpan<double>(b, [2, 4], default)), 1e-15, "iou loss");
    }

    [Fact]
    public void Disjoint_boxes_give_one_and_no_gradient()
    {
        double[] a = [0, 0, 1, 1], b = [2, 2, 3, 3];
        double[] da = new double[4], db = new double[4];
        double loss = S.IoU(new ReadOnlyTensorSpan<double>(a, [1, 4], default), new ReadOnlyTensorSpan<double>(b, [1, 4], default), new TensorSpan<double>(da, [1, 4], default), new TensorSpan<double>(db, [1, 4], default));
        Assert.Equal(1, loss);
        Assert.All(da.Concat(db), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Boxes_of_other_shapes_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => S.IoU(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default)));
        var e = Assert.ThrowsAny<ArgumentException>(() => S.IoU(new ReadOnlyTensorSpan<double>(new double[8], [2, 4], default), new ReadOnlyTensorSpan<double>(new double[12], [3, 4], default)));
        Assert.Contains("'boxes2'", e.Message);
    }
}
