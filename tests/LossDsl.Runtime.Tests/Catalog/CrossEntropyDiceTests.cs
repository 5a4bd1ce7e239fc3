using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.CrossEntropyDice))]
public class CrossEntropyDiceTests
{
    /// <summary>nn.CrossEntropyLoss() (mean over every position) of x (N, C, S), y (N, S).</summary>
    internal static double CrossEntropy(double[] x, int[] y, int n, int c, int s)
    {
        double[] p = ScalarLossSuite.Softmax(x, n, c, s);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                total -= Math.Log(p[(i * c + y[i * s + k]) * s + k]);
            }
        }

        return total / (n * s);
    }

    [Theory]
    [InlineData(2, 3, 2, 2, 0.5, 0.5, 1.0)]
    [InlineData(5, 4, 1, 1, 0.5, 0.5, 1.0)]
    [InlineData(2, 3, 3, 2, 0.2, 1.5, 0.5)]
    public void Matches_seed_003_CombinedLoss(int n, int c, int h, int w, double ce, double dice, double smooth)
    {
        int s = h * w;
        nint[] shape = MultiClassDiceTests.Shape(n, c, h, w);
        double[] x = Check.Normal(n * c * s, seed: 3 * n + c, scale: 1.5);
        int[] y = Check.Classes(n * s, c, seed: 11);
        ScalarLossSuite.Run(
            (a, g) => g is null
                ? S.CrossEntropyDice(new ReadOnlyTensorSpan<double>(a[0], shape, default), y, ce, dice, smooth)
                : S.CrossEntropyDice(new ReadOnlyTensorSpan<double>(a[0], shape, default), y, new TensorSpan<double>(g[0], shape, default), ce, dice, smooth),
            (a, g) => g is null
                ? S.CrossEntropyDice(new ReadOnlyTensorSpan<float>(a[0], shape, default), y, (float)ce, (float)dice, (float)smooth)
                : S.CrossEntropyDice(new ReadOnlyTensorSpan<float>(a[0], shape, default), y, new TensorSpan<float>(g[0], shape, default), (float)ce, (float)dice, (float)smooth),
            a => ce * CrossEntropy(a[0], y, n, c, s) + dice * MultiClassDiceTests.Reference(a[0], y, n, c, s, smooth),
            [x], [0], $"({n}, {c}, {h}, {w}), weights {ce}/{dice}");
    }

    [Fact]
    public void Extreme_logits_give_a_finite_loss_and_gradient()
    {
        // The target logit is −10⁴ below the others: the cross-entropy is 2·10⁴ over 2 samples, not ∞.
        double[] x = [-1e4, 1e4, 0, 1e4, -1e4, 0];
        int[] y = [0, 1];
        var dx = new double[6];
        double loss = S.CrossEntropyDice(new ReadOnlyTensorSpan<double>(x, [2, 3], default), y, new TensorSpan<double>(dx, [2, 3], default));
        Check.Close(0.5 * 2e4 + 0.5 * MultiClassDiceTests.Reference(x, y, 2, 3, 1, 1), loss, 1e-12, "loss");
        Assert.All(dx, v => Assert.True(double.IsFinite(v)));
        var dxf = new float[6];
        float lossF = S.CrossEntropyDice(new ReadOnlyTensorSpan<float>(Check.ToFloat(x), [2, 3], default), y, new TensorSpan<float>(dxf, [2, 3], default));
        Check.Close(loss, lossF, 1e-6, "float loss");
        Assert.All(dxf, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            S.CrossEntropyDice(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), [-1, 0]));
        Assert.Equal("y", e.ParamName);
    }
}
