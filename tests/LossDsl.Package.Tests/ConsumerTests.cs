using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using LossDsl.Package.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LossDsl.Package.Tests;

/// <summary>
/// A user's first five minutes, end to end: a new console project that references only the packed LossDsl package
/// builds (the generator runs from the package), runs and computes the right loss and gradient; the analyzers and the
/// generator report their warnings from the package; and a native AOT publish (trimmed, where no native toolchain is
/// at hand) has no trimming or AOT warning and still computes the same numbers.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests
{
    private readonly PackageFixture fixture;
    private readonly ITestOutputHelper output;

    public ConsumerTests(PackageFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    [Fact]
    public void The_consumer_references_only_the_LossDsl_package()
    {
        string[] references = Regex.Matches(fixture.Consumer.ProjectFile, "<(PackageReference|ProjectReference|Reference|Analyzer) [^>]*Include=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value)
            .ToArray();
        Assert.Equal(new[] { "PackageReference LossDsl" }, references);
    }

    [Fact]
    public void The_built_consumer_computes_the_loss_and_gradient_of_the_closed_form()
    {
        CheckAgainstClosedForm(fixture.Consumer);
        output.WriteLine(string.Join("\n", fixture.Timings));
    }

    [Fact]
    public void The_package_readme_example_computes_what_it_says()
    {
        // mean((p - t)^2) for p = { 1, 2, 3 }, t = { 1, 2, 5 }: the errors are 0, 0, -2, so the loss is 4/3 and
        // dp = 2 (p - t) / 3 = { 0, 0, -4/3 }.
        var printed = Regex.Match(fixture.Consumer.Run.Output, @"^readme=(\S+)$", RegexOptions.Multiline);
        Assert.True(printed.Success, "the consumer did not print the readme example's result:\n" + fixture.Consumer.Run.Describe());
        float[] values = printed.Groups[1].Value.Split(';').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4f / 3, values[0], 6);
        Assert.Equal(new[] { 0f, 0f, -4f / 3 }, values[1..], new FloatTolerance(1e-6f));
    }

    [Fact]
    public void The_generator_and_the_analyzers_report_from_the_package()
    {
        string build = fixture.Consumer.Build.Output;

        // Both warnings point into the consumer's Program.cs, so they come from the plug-ins the package put in the build;
        // the readme's declarations, in Readme.cs, must compile without any.
        Assert.True(Regex.IsMatch(build, $@"Program\.cs\(\d+,\d+\): warning {ConsumerProgram.GeneratorWarning}: Parameter 'delta' is not used"),
            $"no {ConsumerProgram.GeneratorWarning} from the generator:\n{fixture.Consumer.Build.Describe()}");
        Assert.True(Regex.IsMatch(build, $@"Program\.cs\(\d+,\d+\): warning {ConsumerProgram.AnalyzerWarning}: 'labels' holds \{{-1, \+1\}} labels"),
            $"no {ConsumerProgram.AnalyzerWarning} from the analyzers:\n{fixture.Consumer.Build.Describe()}");

        // CS8032: a plug-in could not be loaded (the code fixes' Workspaces reference, say); AD0001: an analyzer threw;
        // CS8784/CS8785: the generator failed to initialize or to run; CS9057: a plug-in needs a newer compiler.
        foreach (string id in new[] { "CS8032", "AD0001", "CS8784", "CS8785", "CS9057" })
        {
            Assert.False(build.Contains(id, StringComparison.Ordinal), $"{id} in the consumer build:\n{fixture.Consumer.Build.Describe()}");
        }

        // Nothing else: the only warnings are the two the program asks for.
        var warnings = Regex.Matches(build, @"warning ([A-Z]+\d+):").Select(m => m.Groups[1].Value).Distinct().OrderBy(id => id).ToArray();
        Assert.Equal(new[] { ConsumerProgram.GeneratorWarning, ConsumerProgram.AnalyzerWarning }.OrderBy(id => id), warnings);
    }

    [Fact]
    public void A_native_AOT_publish_has_no_trimming_or_AOT_warning_and_computes_the_same()
    {
        ConsumerRun published = fixture.Published;
        output.WriteLine($"published: {published.Mode}");

        // IL2xxx: trimming; IL3xxx: native AOT and single-file. The whole runtime assembly is rooted, so these cover every
        // member of LossDsl.Runtime; the analyzers cover the code the generator wrote into the program.
        var problems = Regex.Matches(published.Build.Output, @"\b(IL[23]\d{3})\b").Select(m => m.Value).Distinct().ToArray();
        Assert.True(problems.Length == 0, $"trimming/AOT warnings {string.Join(", ", problems)}:\n{published.Build.Describe()}");
        Assert.Contains("<TrimmerRootAssembly Include=\"LossDsl.Runtime\" />", published.ProjectFile);
        CheckAgainstClosedForm(published);
        output.WriteLine(string.Join("\n", fixture.Timings));
    }

    // Binary cross-entropy on logits, written here in its textbook form (not the stable form the formula uses):
    // loss = mean(log(1 + e^x) - x t), d loss / d x_i = (sigmoid(x_i) - t_i) / N. In double, with |x| <= 6, the textbook
    // form loses nothing that matters at the tolerance below.
    private static void CheckAgainstClosedForm(ConsumerRun run)
    {
        double[] x = ConsumerProgram.Logits, t = ConsumerProgram.Targets;
        int n = x.Length;
        double expectedLoss = Enumerable.Range(0, n).Sum(i => Math.Log(1 + Math.Exp(x[i])) - x[i] * t[i]) / n;
        double[] expectedGradient = Enumerable.Range(0, n).Select(i => (1 / (1 + Math.Exp(-x[i])) - t[i]) / n).ToArray();

        string printed = run.Run.Output;
        var loss = Regex.Match(printed, @"^loss=(\S+)$", RegexOptions.Multiline);
        var gradient = Regex.Match(printed, @"^dx=(\S+)$", RegexOptions.Multiline);
        Assert.True(loss.Success && gradient.Success, "the consumer did not print loss= and dx= lines:\n" + run.Run.Describe());

        double actualLoss = double.Parse(loss.Groups[1].Value, CultureInfo.InvariantCulture);
        double[] actualGradient = gradient.Groups[1].Value.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(Math.Abs(actualLoss - expectedLoss) <= 1e-12 * Math.Abs(expectedLoss), $"loss {actualLoss:R}, closed form {expectedLoss:R}");
        Assert.Equal(n, actualGradient.Length);
        double scale = expectedGradient.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(actualGradient[i] - expectedGradient[i]) <= 1e-12 * scale,
                $"dx[{i}] = {actualGradient[i]:R}, closed form {expectedGradient[i]:R} (x = {x[i]}, t = {t[i]})");
        }
    }
}

/// <summary>Compares floats to within an absolute tolerance.</summary>
internal sealed class FloatTolerance : System.Collections.Generic.IEqualityComparer<float>
{
    private readonly float tolerance;

    public FloatTolerance(float tolerance) => this.tolerance = tolerance;

    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float value) => 0;
}
