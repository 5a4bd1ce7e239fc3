using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.FocalTversky))]
public class FocalTverskyTests
{
    [Theory]
    [InlineData(1, 0.3, 0.7, 0.75, 1.0)]
    [InlineData(17, 0.3, 0.7, 0.75, 1.0)]
    [InlineData(100, 0.5, 0.5, 2.0, 0.5)]
    [InlineData(30, 0.7, 0.3, 1.3, 0.0)]
    public void Matches_Abraham_and_Khan(int n, double alpha, double beta, double gamma, double smooth)
    {
        (double[] p, double[] t) = DiceTests.Mask(n, n + 11);
        ScalarLossSuite.Run(
            (x, g) => g is null ? S.FocalTversky(x[0], x[1], alpha, beta, gamma, smooth) : S.FocalTversky(x[0], x[1], g[0], alpha, beta, gamma, smooth),
            (x, g) => g is null ? S.FocalTversky(x[0], x[1], (float)alpha, (float)beta, (float)gamma, (float)smooth) : S.FocalTversky(x[0], x[1], g[0], (float)alpha, (float)beta, (float)gamma, (float)smooth),
            x => Math.Pow(1 - TverskyTests.Index(x[0], x[1], alpha, beta, smooth), gamma), [p, t], [0], $"n={n}, γ={gamma}");
    }

    [Fact]
    public void Defaults_are_the_papers_and_gamma_one_is_Tversky()
    {
        (double[] p, double[] t) = DiceTests.Mask(50, 9);
        Check.Close(Math.Pow(1 - TverskyTests.Index(p, t, 0.3, 0.7, 1), 0.75), S.FocalTversky(p, t), 1e-13, "defaults α=0.3 (FP), β=0.7 (FN), γ=0.75");
        Check.Close(S.Tversky(p, t, 0.3, 0.7), S.FocalTversky(p, t, gamma: 1), 1e-13, "γ = 1");
    }

    [Fact]
    public void A_perfect_prediction_has_loss_zero()
    {
        double[] t = [1, 0, 1];
        Assert.Equal(0, S.FocalTversky(t, t), 15);
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => S.FocalTversky(new double[2], new double[3], new double[2]));
        Assert.Contains("'t'", e.Message);
    }
}
