using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.MultiClassDice))]
public class MultiClassDiceTests
{
    /// <summary>Seed 003's MultiClassDiceLoss over x of shape (N, C, S) flattened and y of shape (N, S).</summary>
    internal static double Reference(double[] x, int[] y, int n, int c, int s, double smooth)
    {
        double[] p = ScalarLossSuite.Softmax(x, n, c, s);
        double total = 0;
        for (int j = 0; j < c; j++)
        {
            double inter = 0, sp = 0, st = 0;
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < s; k++)
                {
                    double pj = p[(i * c + j) * s + k], tj = y[i * s + k] == j ? 1 : 0;
                    inter += pj * tj;
                    sp += pj;
                    st += tj;
                }
            }

            total += 1 - (2 * inter + smooth) / (sp + st + smooth);
        }

        return total / c;
    }

    internal static nint[] Shape(int n, int c, int h, int w) => h * w == 1 ? [n, c] : [n, c, h, w];

    [Theory]
    [InlineData(2, 3, 2, 2, 1.0)]
    [InlineData(1, 5, 3, 1, 1.0)]
    [InlineData(6, 4, 1, 1, 1.0)]
    [InlineData(3, 17, 1, 1, 0.5)]
    [InlineData(2, 2, 4, 3, 0.0)]
    public void Matches_seed_003_MultiClassDiceLoss(int n, int c, int h, int w, double smooth)
    {
        int s = h * w;
        nint[] shape = Shape(n, c, h, w);
        double[] x = Check.Normal(n * c * s, seed: n + c, scale: 2);
        int[] y = Check.Classes(n * s, c, seed: 7 + s);
        ScalarLossSuite.Run(
            (a, g) => g is null
                ? S.MultiClassDice(new ReadOnlyTensorSpan<double>(a[0], shape, default), y, smooth)
                : S.MultiClassDice(new ReadOnlyTensorSpan<double>(a[0], shape, default), y, new TensorSpan<double>(g[0], shape, default), smooth),
            (a, g) => g is null
                ? S.MultiClassDice(new ReadOnlyTensorSpan<float>(a[0], shape, default), y, (float)smooth)
                : S.MultiClassDice(new ReadOnlyTensorSpan<float>(a[0], shape, default), y, new TensorSpan<float>(g[0], shape, default), (float)smooth),
            a => Reference(a[0], y, n, c, s, smooth), [x], [0], $"({n}, {c}, {h}, {w}), smooth={smooth}");
    }

    [Fact]
    public void Extreme_logits_give_a_finite_loss_and_gradient()
    {
        double[] x = [1e4, -1e4, 0, -1e4, 1e4, 3, 5, -5, -1e4];
        int[] y = [0, 2, 1];
        var dx = new double[9];
        double loss = S.MultiClassDice(new ReadOnlyTensorSpan<double>(x, [3, 3], default), y, new TensorSpan<double>(dx, [3, 3], default));
        Check.Close(Reference(x, y, 3, 3, 1, 1), loss, 1e-12, "loss");
        Assert.All(dx, v => Assert.True(double.IsFinite(v)));
        var dxf = new float[9];
        float lossF = S.MultiClassDice(new ReadOnlyTensorSpan<float>(Check.ToFloat(x), [3, 3], default), y, new TensorSpan<float>(dxf, [3, 3], default));
        Assert.True(float.IsFinite(lossF));
        Assert.All(dxf, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            S.MultiClassDice(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), [0, 3]));
        Assert.Equal("y", e.ParamName);
    }
}
