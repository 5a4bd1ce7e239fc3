using System;
using System.Globalization;
using System.IO;
using System.Linq;
using SkiaSharp;
using Xunit;

namespace LossDsl.Cli.Tests;

/// <summary>
/// <c>plot</c> samples what the generated code computes. Each test checks the sampled values (written with --csv)
/// against the loss's closed form evaluated in double, and the gradient against the closed-form derivative and against
/// central differences of the closed-form loss, so a wrong derivative in the test itself would show.
/// </summary>
public class PlotTests
{
    private sealed record Samples(string[] Header, double[] X, double[] Loss, double[] Gradient);

    private static Samples ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        double Parse(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        double[][] rows = lines.Skip(1).Select(l => l.Split(',').Select(Parse).ToArray()).ToArray();
        return new Samples(lines[0].Split(','), rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray());
    }

    private static Samples Plot(TempDirectory dir, params string[] args)
    {
        CliResult r = Cli.RunIn(dir.Path, new[] { "plot" }.Concat(args).Concat(new[] { "--out", "plot.png", "--csv", "values.csv" }).ToArray());
        Assert.True(r.ExitCode == 0, r.Combined);
        Assert.Contains("Wrote plot.png", r.Output);
        Assert.Contains("Wrote values.csv", r.Output);
        AssertPlotImage(dir.File("plot.png"));
        return ReadCsv(dir.File("values.csv"));
    }

    // A PNG that decodes, at the documented size, with the loss line drawn in its colour (ScottPlot's C0, #1F77B4).
    private static void AssertPlotImage(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8).ToArray());
        using SKBitmap bitmap = SKBitmap.Decode(bytes) ?? throw new Xunit.Sdk.XunitException("The PNG does not decode.");
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(500, bitmap.Height);
        int lossPixels = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - 0x1F) < 12 && Math.Abs(c.Green - 0x77) < 12 && Math.Abs(c.Blue - 0xB4) < 12)
                {
                    lossPixels++;
                }
            }
        }

        Assert.True(lossPixels > 200, $"Only {lossPixels} pixels of the loss line's colour.");
    }

    private static double CentralDifference(Func<double, double> f, double x, double h = 1e-5) => (f(x + h) - f(x - h)) / (2 * h);

    private static void AssertClose(double expected, double actual, double absolute, double relative, string what)
    {
        double tolerance = absolute + relative * Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
    }

    private static void AssertMatches(Samples s, Func<double, double> loss, Func<double, double> gradient, double absolute, double relative)
    {
        for (int k = 0; k < s.X.Length; k++)
        {
            double x = s.X[k];
            AssertClose(loss(x), s.Loss[k], absolute, relative, $"loss at {x}");
            AssertClose(gradient(x), s.Gradient[k], absolute, relative, $"gradient at {x}");
            // The closed-form derivative itself agrees with central differences of the closed-form loss.
            AssertClose(CentralDifference(loss, x), gradient(x), 1e-6, 1e-6, $"closed-form derivative at {x}");
        }
    }

    [Fact]
    public void MseInDoubleMatchesTheClosedFormAtEveryPoint()
    {
        using var dir = Cli.TempDirectory();
        Samples s = Plot(dir, "mean((p - t)^2)", "--type", "double", "--along", "p", "--set", "t=0.75", "--from", "-2", "--to", "2", "--points", "9");

        Assert.Equal(new[] { "p", "loss", "dp" }, s.Header);
        Assert.Equal(Enumerable.Range(0, 9).Select(k => -2 + 0.5 * k), s.X);
        AssertMatches(s, x => (x - 0.75) * (x - 0.75), x => 2 * (x - 0.75), 1e-15, 1e-14);
    }

    [Fact]
    public void BceWithLogitsInFloatMatchesSoftplusAndSigmoid()
    {
        using var dir = Cli.TempDirectory();
        const double t = 0.3;
        Samples s = Plot(dir, "mean(max(x, 0) - x * t + log1p(exp(-abs(x))))", "--along", "x", "--set", "t=0.3", "--from", "-6", "--to", "6", "--points", "13");

        AssertMatches(s, x => Math.Log(1 + Math.Exp(x)) - x * t, x => 1 / (1 + Math.Exp(-x)) - t, 1e-6, 1e-6);
    }

    [Fact]
    public void HuberTakesItsOptionFromSetOverTheParamsDefault()
    {
        using var dir = Cli.TempDirectory();
        const double delta = 0.5;
        Samples s = Plot(dir, "e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))",
            "--params", "p:vector,t:vector,dp:grad,delta:scalar=1", "--type", "double", "--along", "p", "--set", "t=0,delta=0.5",
            "--from", "-2.1", "--to", "2.1", "--points", "15");

        AssertMatches(s,
            x => Math.Abs(x) <= delta ? 0.5 * x * x : delta * (Math.Abs(x) - 0.5 * delta),
            x => Math.Abs(x) <= delta ? x : delta * Math.Sign(x),
            1e-15, 1e-14);
    }

    [Fact]
    public void CrossEntropyAlongOneColumnOfTheLogits()
    {
        using var dir = Cli.TempDirectory();
        double[] row = { 0.5, double.NaN, -1 };
        Samples s = Plot(dir, "mean(logsumexp(x) - x[y])", "--along", "x[1]", "--set", "x=0.5 0 -1,y=1", "--from", "-3", "--to", "3", "--points", "7");

        Assert.Equal(new[] { "x[1]", "loss", "dx[1]" }, s.Header);
        double LogSumExp(double x1) => Math.Log(Math.Exp(row[0]) + Math.Exp(x1) + Math.Exp(row[2]));
        AssertMatches(s, x1 => LogSumExp(x1) - x1, x1 => Math.Exp(x1 - LogSumExp(x1)) - 1, 1e-6, 1e-6);
    }

    [Fact]
    public void PerElementLossesArePlottedWithAnUpstreamGradientOfOne()
    {
        using var dir = Cli.TempDirectory();
        Samples s = Plot(dir, "(p - t)^2", "--reduction", "none", "--type", "double", "--along", "p", "--set", "t=1", "--from", "-1", "--to", "3", "--points", "5");

        AssertMatches(s, x => (x - 1) * (x - 1), x => 2 * (x - 1), 1e-15, 1e-14);
    }

    [Fact]
    public void ValuesOutsideTheDomainAreNotFiniteAndLeaveAGap()
    {
        using var dir = Cli.TempDirectory();
        Samples s = Plot(dir, "mean(-log(p))", "--type", "double", "--along", "p", "--from", "-1", "--to", "2", "--points", "7");

        for (int k = 0; k < s.X.Length; k++)
        {
            double x = s.X[k];
            if (x < 0)
            {
                Assert.True(double.IsNaN(s.Loss[k]), $"loss at {x} is {s.Loss[k]}");
            }
            else if (x > 0)
            {
                AssertClose(-Math.Log(x), s.Loss[k], 1e-15, 1e-14, $"loss at {x}");
                AssertClose(-1 / x, s.Gradient[k], 1e-15, 1e-14, $"gradient at {x}");
            }
        }
    }

    [Fact]
    public void AnOptionWithoutAValueIsAUsageError()
    {
        using var dir = Cli.TempDirectory();
        CliResult r = Cli.RunIn(dir.Path, "plot", "mean(abs(p) * delta)", "--params", "p:vector,dp:grad,delta:scalar", "--along", "p");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the option 'delta' has no value", r.Error);
        Assert.False(File.Exists(dir.File("loss.png")));
    }

    [Theory]
    [InlineData("q", "'q' is not a real input")]
    [InlineData("y", "'y' is not a real input")]
    [InlineData("x[5]", "column 5 of 'x' is outside its 3 columns")]
    public void AlongMustNameARealInputElement(string along, string message)
    {
        using var dir = Cli.TempDirectory();
        CliResult r = Cli.RunIn(dir.Path, "plot", "mean(logsumexp(x) - x[y])", "--along", along);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error);
    }

    [Fact]
    public void AClassIndexOutOfRangeIsReportedFromTheGeneratedCode()
    {
        using var dir = Cli.TempDirectory();
        CliResult r = Cli.RunIn(dir.Path, "plot", "mean(logsumexp(x) - x[y])", "--along", "x[0]", "--set", "y=7");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the generated code threw ArgumentOutOfRangeException", r.Error);
    }
}
