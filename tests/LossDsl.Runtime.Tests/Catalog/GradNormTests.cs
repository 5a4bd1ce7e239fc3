using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using MT = LossDsl.Losses.MultiTask;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(MT.GradNorm))]
public class GradNormTests
{
    // Chen et al. 2018, eq. (2): Σ |Gᵢ − Ḡ·rᵢ^α| with rᵢ = L̃ᵢ / mean(L̃); the target uses Ḡ of the given norms and is a
    // constant, so the finite differences below perturb Gᵢ with Ḡ held at its value (for the float run, Ḡ of the
    // float-rounded norms differs from it by about 1e-8, far inside the float tolerance).
    private static double Reference(double[] g, double[] ratios, double meanNorm, double alpha)
    {
        double meanRatio = ratios.Average();
        return g.Select((gi, i) => Math.Abs(gi - meanNorm * Math.Pow(ratios[i] / meanRatio, alpha))).Sum();
    }

    [Theory]
    [InlineData(2, 1.5)]
    [InlineData(5, 1.5)]
    [InlineData(12, 0.5)]
    public void Matches_Chen_et_al_with_a_constant_target(int k, double alpha)
    {
        double[] norms = Check.Uniform(k, k, 0.1, 3), ratios = Check.Uniform(k, k + 1, 0.3, 1.2);
        double meanNorm = norms.Average();
        ScalarLossSuite.Run(
            (x, g) => g is null ? MT.GradNorm(x[0], x[1], alpha) : MT.GradNorm(x[0], x[1], g[0], alpha),
            (x, g) => g is null ? MT.GradNorm(x[0], x[1], (float)alpha) : MT.GradNorm(x[0], x[1], g[0], (float)alpha),
            x => Reference(x[0], x[1], meanNorm, alpha), [norms, ratios], [0], $"K={k}, α={alpha}", floatTolerance: 5e-5);
    }

    [Fact]
    public void Balanced_tasks_have_loss_zero()
    {
        var d = new double[3];
        Assert.Equal(0, MT.GradNorm([2.0, 2, 2], [0.5, 0.5, 0.5], d), 14);
        var e = Assert.ThrowsAny<ArgumentException>(() => MT.GradNorm(new double[3], new double[2]));
        Assert.Contains("'loss_ratios'", e.Message);
    }
}
