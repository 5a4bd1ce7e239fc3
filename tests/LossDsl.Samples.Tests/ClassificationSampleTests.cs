using System;
using Xunit;

namespace LossDsl.Samples.Tests;

/// <summary>samples/LossDsl.Samples.Classification: cross-entropy over a matrix of logits, softmax regression.</summary>
[Collection(SampleCollection.Name)]
public sealed class ClassificationSampleTests
{
    [Fact]
    public void CrossEntropyImplementationsAgreeAndSoftmaxRegressionReachesTheBestRule()
    {
        using var run = SampleRun.Start("LossDsl.Samples.Classification", "plots");
        run.AssertDocumentedOutput("LossDsl.Samples.Classification");

        // The catalog entry and the two hand-declared formulas against the sample's plain C# double reference: float
        // rounding only.
        Assert.Contains("implementations agree: yes", run.Output);
        var comparison = run.Table("gradient diff.");
        Assert.Equal(["plain C# in double", "catalog Losses.Classification", "[Loss] logsumexp(x) - x[y]", "[Loss] -log_softmax(x)[y]"], comparison.ConvertAll(r => r[0]));
        foreach (string[] row in comparison[1..])
        {
            Assert.True(SampleRun.Number(row[2]) < 1e-6, $"{row[0]}: loss differs by {row[2]}");
            Assert.True(SampleRun.Number(row[3]) < 1e-5, $"{row[0]}: gradient differs by {row[3]}");
        }

        // All logits start at 0, so the first loss is ln 4; then it falls, the same with the catalog entry and with
        // the hand-declared formula.
        var losses = run.Table("training loss");
        Assert.Equal(Math.Log(4), SampleRun.Number(SampleRun.Row(losses, "0")[1]), 4);
        SampleRun.AssertColumnsFall(losses, firstColumn: 1);
        foreach (string[] row in losses) Assert.Equal(row[1], row[2]);
        var gap = System.Text.RegularExpressions.Regex.Match(run.Output, @"largest difference between the two curves over 201 epochs: (\S+)");
        Assert.True(gap.Success, run.Output);
        Assert.True(SampleRun.Number(gap.Groups[1].Value) < 1e-5, $"curves differ by {gap.Groups[1].Value}");

        // The best rule (the quadrant) is right with probability Phi(1.5 / 0.8)^2 = 0.969604^2 = 94.0 %; 10,000
        // held-out points scatter by 0.24 %. A linear softmax model can represent that rule, so it must come close.
        var accuracy = run.Table("held-out accuracy");
        double best = SampleRun.Number(SampleRun.Row(accuracy, "best possible rule (nearest centre)")[1]);
        Assert.InRange(best, 93.0, 95.0);
        foreach (string model in new[] { "softmax regression (catalog loss)", "softmax regression (hand-declared)" })
        {
            Assert.InRange(SampleRun.Number(SampleRun.Row(accuracy, model)[1]), best - 1, best + 0.5);
        }

        run.AssertPng("classification-regions.png", 700, 600);
        run.AssertPng("classification-loss.png", 800, 400);
    }
}
