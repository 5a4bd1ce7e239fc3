using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

using LossDsl.Generator.Tests.Infrastructure;
using LossDsl.Tests;

namespace LossDsl.Generator.Tests;

/// <summary>
/// Builds and runs samples/LossDsl.Samples.QuickStart, the first program the README tells a new user to run, and checks
/// its claims against closed forms that do not come from the sample: it must exit 0, pass its own gradient check,
/// make every loss fall, and land its fits where the statistics of its data say they should.
/// </summary>
public sealed class QuickStartSampleTests
{
    private static string Configuration => DotnetProcess.Configuration;

    [Fact]
    public void QuickStartSampleRunsAndFitsTheTruth()
    {
        string output = BuildAndRun();

        Assert.Contains("gradient check: ok", output);

        // Part 1. Huber bounds the pull of each outlier, so its line stays near y = 3x + 2 (the bias of about
        // delta * outlier fraction is well inside the tolerance).
        var (huberW, huberB) = FittedLine(output, "Huber");
        Assert.InRange(huberW, 2.9, 3.1);
        Assert.InRange(huberB, 1.85, 2.15);

        // Least squares moves the intercept by the mean of the added errors: +20 on k of the N points.
        var header = Regex.Match(output, @"fit y = w x \+ b to (\d+) points .*?, (\d+) of them gross outliers");
        Assert.True(header.Success, "Part 1 header not found in:\n" + output);
        double n = double.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
        double k = double.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture);
        var (mseW, mseB) = FittedLine(output, "MSE");
        Assert.InRange(mseB, 2 + 20 * k / n - 0.15, 2 + 20 * k / n + 0.15);
        Assert.InRange(mseW, 2.75, 3.25);
        Assert.True(Math.Abs(huberB - 2) < Math.Abs(mseB - 2), $"Huber intercept {huberB} should be closer to 2 than MSE's {mseB}");

        // Part 2. For unit-variance blobs centred at -/+(1.5, 1), the best possible accuracy is Phi(|c1 - c0| / 2)
        // = Phi(sqrt(3.25)) = 96.43 %; a well-fitted logistic regression gets within sampling noise of it.
        var accuracy = Regex.Match(output, @"training accuracy: (\d+\.\d+) %");
        Assert.True(accuracy.Success, "accuracy line not found in:\n" + output);
        Assert.InRange(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture), 94.4, 98.4);

        // Every printed loss column falls (or stays flat once converged), and the first row differs from the last.
        var rows = LossRows(output);
        Assert.True(rows.Count >= 2, "no loss tables found in:\n" + output);
        foreach (var column in rows.GroupBy(r => (r.Table, r.Column)))
        {
            double[] values = column.Select(r => r.Value).ToArray();
            for (int i = 1; i < values.Length; i++) Assert.True(values[i] <= values[i - 1], $"loss rose in {column.Key}: {string.Join(", ", values)}");
            Assert.True(values[^1] < values[0], $"loss did not fall in {column.Key}");
        }
    }

    private static (double W, double B) FittedLine(string output, string name)
    {
        var m = Regex.Match(output, $@"^\s*{name}\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)\s*$", RegexOptions.Multiline);
        Assert.True(m.Success, $"fitted line for {name} not found in:\n{output}");
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    // Rows "  <epoch> <loss> [<loss>]" following an "epoch" header line; Table counts the headers.
    private static List<(int Table, int Column, double Value)> LossRows(string output)
    {
        var rows = new List<(int, int, double)>();
        int table = -1;
        bool inTable = false;
        foreach (string line in output.Split('\n'))
        {
            string[] cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length > 0 && cells[0] == "epoch") { table++; inTable = true; continue; }
            if (!inTable) continue;
            if (cells.Length < 2 || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)) { inTable = false; continue; }
            for (int c = 1; c < cells.Length; c++) rows.Add((table, c, double.Parse(cells[c], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    private static string BuildAndRun()
    {
        string root = Infrastructure.RepositoryRoot.Directory;
        string project = Path.Combine(root, "samples", "LossDsl.Samples.QuickStart", "LossDsl.Samples.QuickStart.csproj");

        // A clean clone has never built the sample, so build it (restoring if needed); when it is up to date this is quick.
        // No node reuse or compiler server: a lingering server process could hold the redirected output open.
        CommandResult build = DotnetProcess.Build(root, project);
        Assert.True(build.ExitCode == 0, "building the sample failed:\n" + build.Describe());

        string dll = Path.Combine(root, "samples", "LossDsl.Samples.QuickStart", "bin", Configuration, "net10.0", "LossDsl.Samples.QuickStart.dll");
        Assert.True(File.Exists(dll), $"built sample not found at {dll}");
        CommandResult run = DotnetProcess.Dotnet(root, dll);
        Assert.True(run.ExitCode == 0, $"the sample exited with {run.ExitCode}:\n{run.Describe()}");
        return run.Output;
    }
}
