using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.Dice))]
public class DiceTests
{
    internal static double Reference(double[] p, double[] t, double smooth) =>
        1 - (2 * p.Zip(t, (a, b) => a * b).Sum() + smooth) / (p.Sum() + t.Sum() + smooth);

    internal static (double[] P, double[] T) Mask(int n, int seed) =>
        (Check.Uniform(n, seed, 0, 1), Check.Uniform(n, seed + 1, 0, 1).Select(v => v < 0.4 ? 1.0 : 0.0).ToArray());

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(7, 1.0)]
    [InlineData(100, 1.0)]
    [InlineData(33, 0.25)]
    [InlineData(50, 0.0)]
    public void Matches_seed_003_DiceLoss(int n, double smooth)
    {
        (double[] p, double[] t) = Mask(n, n);
        ScalarLossSuite.Run(
            (x, g) => g is null ? S.Dice(x[0], x[1], smooth) : S.Dice(x[0], x[1], g[0], smooth),
            (x, g) => g is null ? S.Dice(x[0], x[1], (float)smooth) : S.Dice(x[0], x[1], g[0], (float)smooth),
            x => Reference(x[0], x[1], smooth), [p, t], [0], $"n={n}, smooth={smooth}");
    }

    [Fact]
    public void Soft_targets_are_accepted()
    {
        double[] p = Check.Uniform(20, 3, 0, 1), t = Check.Uniform(20, 4, 0, 1);
        ScalarLossSuite.Run((x, g) => g is null ? S.Dice(x[0], x[1]) : S.Dice(x[0], x[1], g[0]),
            (x, g) => g is null ? S.Dice(x[0], x[1]) : S.Dice(x[0], x[1], g[0]),
            x => Reference(x[0], x[1], 1), [p, t], [0], "soft targets");
    }

    [Fact]
    public void Perfect_and_empty_masks()
    {
        double[] t = [1, 0, 1, 1, 0];
        Check.Close(0, S.Dice(t, t), 1e-15, "perfect prediction");
        Check.Close(0, S.Dice(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty), 0, "empty mask: 1 - smooth/smooth");
        Check.Close(0, S.Dice(new double[4], new double[4]), 0, "nothing predicted of nothing");
        // Everything wrong: 1 − 1/(2 + 3 + 1).
        Check.Close(1 - 1.0 / 6, S.Dice([1.0, 1, 0, 0, 0], [0.0, 0, 1, 1, 1]), 1e-15, "disjoint");
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => S.Dice(new double[3], new double[4], new double[3]));
        Assert.Contains("'t'", e.Message);
    }
}
