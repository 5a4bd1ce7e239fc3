using System;
using Xunit;

namespace LossDsl.Samples.Tests;

/// <summary>samples/LossDsl.Samples.RobustRegression: MSE, Huber and log-cosh fits of one line to data with outliers.</summary>
[Collection(SampleCollection.Name)]
public sealed class RobustRegressionSampleTests
{
    [Fact]
    public void RobustLossesStayNearTheTruthWhereLeastSquaresTilts()
    {
        using var run = SampleRun.Start("LossDsl.Samples.RobustRegression", "plots");
        run.AssertDocumentedOutput("LossDsl.Samples.RobustRegression");
        SampleRun.AssertColumnsFall(run.Table("training loss"), firstColumn: 1);

        var lines = run.Table("fitted lines");
        var (trueW, trueB) = Line(lines, "truth");
        Assert.Equal((0.8, 1.0), (trueW, trueB));

        // Gradient descent on the generated MSE converges to the closed-form least-squares line the sample computes
        // from the normal equations in double.
        var (olsW, olsB) = Line(lines, "least squares, closed form");
        var (mseW, mseB) = Line(lines, "MSE");
        Assert.Equal(olsW, mseW, 3);
        Assert.Equal(olsB, mseB, 3);

        // 16 readings near 0 at x in [8, 10] drag the least-squares slope far below 0.8; Huber and log-cosh cap each
        // outlier's pull, so they stay near the truth (not on it: a capped pull is still a pull).
        Assert.True(mseW < 0.6, $"MSE slope {mseW}");
        foreach (string robust in new[] { "Huber", "log-cosh" })
        {
            var (w, b) = Line(lines, robust);
            Assert.InRange(w, 0.7, 0.9);
            Assert.InRange(b, 0.7, 1.3);
            Assert.True(Math.Abs(w - trueW) < Math.Abs(mseW - trueW) / 3, $"{robust} slope {w} should be far closer to 0.8 than MSE's {mseW}");
        }

        run.AssertPng("robust-fits.png", 800, 500);
        run.AssertPng("robust-loss.png", 800, 500);
    }

    private static (double W, double B) Line(System.Collections.Generic.List<string[]> table, string name)
    {
        string[] row = SampleRun.Row(table, name);
        return (SampleRun.Number(row[1]), SampleRun.Number(row[2]));
    }
}
