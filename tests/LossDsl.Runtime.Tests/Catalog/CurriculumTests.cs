using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using MT = LossDsl.Losses.MultiTask;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(MT.Curriculum))]
public class CurriculumTests
{
    // Seed 003's CurriculumLoss.forward.
    private static double Reference(double[] losses, double[] difficulty, double progress)
    {
        double[] w = difficulty.Select(d => d <= progress ? 1.0 : 0.0).ToArray();
        double total = w.Sum();
        return losses.Select((l, i) => l * (w[i] / (total + 1e-6) * w.Length)).Sum();
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(32, 0.3)]
    [InlineData(100, 0.75)]
    [InlineData(10, 1.0)]
    public void Matches_seed_003_CurriculumLoss(int n, double progress)
    {
        double[] losses = Check.Uniform(n, n, 0, 3), difficulty = Check.Uniform(n, n + 1, 0, 1);
        difficulty[0] = 0; // at least one sample is kept
        ScalarLossSuite.Run(
            (x, g) => g is null ? MT.Curriculum(x[0], x[1], progress) : MT.Curriculum(x[0], x[1], g[0], progress),
            (x, g) => g is null ? MT.Curriculum(x[0], x[1], (float)progress) : MT.Curriculum(x[0], x[1], g[0], (float)progress),
            x => Reference(x[0], x[1], progress), [losses, difficulty], [0], $"n={n}, progress={progress}");
    }

    [Fact]
    public void No_sample_easy_enough_gives_zero()
    {
        var d = new double[3];
        Assert.Equal(0, MT.Curriculum([1.0, 2, 3], [0.5, 0.6, 0.7], d, 0.1));
        Assert.All(d, v => Assert.Equal(0, v));
        // The threshold is inclusive: d = progress counts.
        Check.Close(2 * 3 / (1 + 1e-6), MT.Curriculum([2.0, 5, 7], [0.4, 0.6, 0.7], 0.4), 1e-15, "one sample kept");
        var e = Assert.ThrowsAny<ArgumentException>(() => MT.Curriculum(new double[3], new double[4], 0.5));
        Assert.Contains("'difficulty'", e.Message);
    }
}
