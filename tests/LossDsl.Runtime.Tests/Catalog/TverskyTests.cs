using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.Tversky))]
public class TverskyTests
{
    internal static double Index(double[] p, double[] t, double alpha, double beta, double smooth)
    {
        double tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.Length; i++)
        {
            tp += p[i] * t[i];
            fp += p[i] * (1 - t[i]);
            fn += (1 - p[i]) * t[i];
        }

        return (tp + smooth) / (tp + alpha * fp + beta * fn + smooth);
    }

    [Theory]
    [InlineData(1, 0.5, 0.5, 1.0)]
    [InlineData(9, 0.3, 0.7, 1.0)]
    [InlineData(100, 0.7, 0.3, 0.5)]
    [InlineData(40, 1.0, 2.0, 0.0)]
    public void Matches_the_definition(int n, double alpha, double beta, double smooth)
    {
        (double[] p, double[] t) = DiceTests.Mask(n, n + 5);
        ScalarLossSuite.Run(
            (x, g) => g is null ? S.Tversky(x[0], x[1], alpha, beta, smooth) : S.Tversky(x[0], x[1], g[0], alpha, beta, smooth),
            (x, g) => g is null ? S.Tversky(x[0], x[1], (float)alpha, (float)beta, (float)smooth) : S.Tversky(x[0], x[1], g[0], (float)alpha, (float)beta, (float)smooth),
            x => 1 - Index(x[0], x[1], alpha, beta, smooth), [p, t], [0], $"n={n}, α={alpha}, β={beta}, smooth={smooth}");
    }

    [Fact]
    public void With_equal_halves_it_is_Dice_with_twice_the_smoothing()
    {
        // (TP + s) / (TP + ½FP + ½FN + s) = (2TP + 2s) / (Σp + Σt + 2s).
        (double[] p, double[] t) = DiceTests.Mask(64, 2);
        Check.Close(DiceTests.Reference(p, t, 2), S.Tversky(p, t), 1e-14, "α = β = ½ (defaults), smooth 1");
        Check.Close(S.Dice(p, t, smooth: 0.5), S.Tversky(p, t, smooth: 0.25), 1e-14, "same as the Dice entry");
        Check.Close(S.Dice(p, t, smooth: 0), S.Tversky(p, t, smooth: 0), 1e-14, "without smoothing");
    }

    [Fact]
    public void Beta_weighs_false_negatives()
    {
        // One missed foreground pixel (FN = 1), nothing else: TI = smooth / (β + smooth).
        double[] p = [0, 0], t = [1, 0];
        Check.Close(1 - 1 / (0.7 + 1), S.Tversky(p, t, alpha: 0.3, beta: 0.7), 1e-15, "false negative");
        Check.Close(1 - 1 / (0.3 + 1), S.Tversky(t, p, alpha: 0.3, beta: 0.7), 1e-15, "false positive");
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => S.Tversky(new float[3], new float[2]));
        Assert.Contains("'t'", e.Message);
    }
}
