using System;
using Xunit;

namespace LossDsl.Samples.Tests;

/// <summary>samples/LossDsl.Samples.MLNet: ML.NET trainers with LossDsl losses through LossDsl.MLNet.</summary>
[Collection(SampleCollection.Name)]
public sealed class MLNetSampleTests
{
    [Fact]
    public void MLNetTrainsWithLossDslLosses()
    {
        using var run = SampleRun.Start("LossDsl.Samples.MLNet");
        run.AssertDocumentedOutput("LossDsl.Samples.MLNet");

        // Part 1. Every 10th label is 25 too high. Least squares moves the intercept by 25/10 = 2.5 and is poor on
        // clean data; Huber (delta 1) and log-cosh cap each outlier's pull at 1, so at their optimum
        // 0.9 (b - 1) = 0.1: b = 1.111, and the slopes are unbiased.
        var regression = run.Table("held-out RMSE");
        Assert.True(SampleRun.Number(SampleRun.Row(regression, "ML.NET SquaredLoss")[5]) > 1);
        double[] truth = [2, -3, 0.5];
        foreach (string name in new[] { "LossDsl Huber", "LossDsl log-cosh" })
        {
            string[] row = SampleRun.Row(regression, name);
            for (int j = 0; j < 3; j++) Assert.InRange(SampleRun.Number(row[1 + j]), truth[j] - 0.05, truth[j] + 0.05);
            Assert.InRange(SampleRun.Number(row[4]), 1.111 - 0.03, 1.111 + 0.03);
            // The noise alone gives RMSE 0.058 and an intercept off by 0.111 adds in quadrature: 0.125.
            Assert.InRange(SampleRun.Number(row[5]), 0.10, 0.15);
        }

        // Part 2. Each linear classifier lands within a point of the best possible rule on the same held-out points.
        var classification = run.Table("held-out accuracy");
        double best = SampleRun.Number(SampleRun.Row(classification, "best possible rule")[1]);
        Assert.InRange(best, 95.4, 97.4);   // 96.4 % on the distribution; 20,000 points scatter by 0.13 %
        Assert.Equal(4, classification.Count);
        foreach (string[] row in classification) Assert.InRange(SampleRun.Number(row[1]), best - 1, best + 1);
    }
}
