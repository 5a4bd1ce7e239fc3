using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LossDsl.Package.Tests.Infrastructure;
using LossDsl.Tests;
using Xunit;

namespace LossDsl.Package.Tests;

/// <summary>
/// docs/getting-started.md, run as a reader would: its install commands (the package from this test's feed), its files,
/// <c>dotnet run</c> with the output the page prints, and its two mistakes with the build output the page prints.
/// The printed numbers are also checked against the closed forms the page gives for them, so the page is right, not
/// only consistent.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class GettingStartedTests
{
    private const string Page = "docs/getting-started.md";

    private readonly PackageFixture fixture;
    private readonly string markdown;

    public GettingStartedTests(PackageFixture fixture)
    {
        this.fixture = fixture;
        markdown = File.ReadAllText(Path.Combine(fixture.RepositoryRoot, Page)).Replace("\r\n", "\n");
    }

    [Fact]
    public void The_page_runs_as_written()
    {
        string project = Install();
        File.WriteAllText(Path.Combine(project, "Losses.cs"), Block("file: Losses.cs"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), Block("file: Program.cs"));

        CommandResult build = DotnetProcess.Dotnet(project, "build", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.DoesNotMatch(new Regex(@"warning [A-Z]+\d+"), build.Output);

        // Invariant culture, so that the decimal separator is the page's whatever the machine's locale.
        CommandResult run = DotnetProcess.Dotnet(project, new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true" }, "run", "--no-build");
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Block("output").TrimEnd(), run.Output.Replace("\r\n", "\n").TrimEnd());
    }

    [Fact]
    public void The_printed_numbers_are_the_closed_forms()
    {
        string output = Block("output");

        // Huber, delta = 1: errors 0.5 and 3 give 0.5 * 0.5^2 and 3 - 0.5; the gradient is clamp(e, -1, 1) / 2.
        Assert.Contains($"Huber = {(0.5 * 0.25 + (3 - 0.5)) / 2}, dp = [{0.5 / 2}, {1.0 / 2}]", output);

        // Cross-entropy: mean of logsumexp(row) - row[class]; its gradient at [0, 0] is (softmax - 1) / N.
        double e = Math.E;
        double ce = (Math.Log(e * e + e + 1) - 2 + Math.Log(3)) / 2;
        double d00 = (e * e / (e * e + e + 1) - 1) / 2;
        Assert.Contains(FormattableString.Invariant($"CrossEntropy = {ce:F4}, dlogits[0] = {d00:F4}"), output);
    }

    [Fact]
    public void The_mistakes_are_reported_as_the_page_shows()
    {
        string project = Install();
        File.WriteAllText(Path.Combine(project, "Losses.cs"), Block("broken: Losses.cs"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), Block("file: Program.cs") + Block("broken: Program.cs (appended)"));

        CommandResult build = DotnetProcess.Dotnet(project, "build", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.NotEqual(0, build.ExitCode);
        string[] expected = Block("build output").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, expected.Length);
        foreach (string line in expected)
        {
            // The page shortens the lines: the build's read ".../FirstLoss/Losses.cs(6,86): error ... (https://...LD0002.md) [.../FirstLoss.csproj]".
            Assert.True(build.Output.Contains("/" + line + " (https://", StringComparison.Ordinal), $"the build does not report\n{line}\n{build.Describe()}");
        }

        // Nothing else: one error (the formula's) and one warning (the analyzer's), each once.
        string[] ids = Regex.Matches(build.Output, @": (error|warning) ([A-Z]+\d+):").Select(m => m.Groups[2].Value).Distinct().Order().ToArray();
        Assert.Equal(["LD0002", "LD2002"], ids);
    }

    // Runs the page's install commands in a new folder (cd becomes the working directory); `dotnet add package LossDsl`
    // gets the version this test run packed, which the folder's nuget.config finds in the test feed.
    private string Install()
    {
        string folder = Path.Combine(fixture.ConsumerFolder(), "getting-started-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        string[] commands = Block("commands").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["dotnet new console -n FirstLoss", "cd FirstLoss", "dotnet add package LossDsl"], commands);

        string directory = folder;
        foreach (string command in commands)
        {
            string[] words = command.Split(' ');
            if (words[0] == "cd")
            {
                directory = Path.Combine(directory, words[1]);
                continue;
            }

            string[] arguments = words[1..];
            if (command == "dotnet add package LossDsl")
            {
                arguments = [.. arguments, "--version", fixture.Version];
            }

            CommandResult result = DotnetProcess.Dotnet(directory, arguments);
            Assert.True(result.ExitCode == 0, result.Describe());
        }

        // The folder is under the fixture's work folder, whose nuget.config and Directory.Build.* files apply to it.
        return directory;
    }

    // The fenced block right after "<!-- marker -->".
    private string Block(string marker)
    {
        Match m = Regex.Match(markdown, $@"<!-- {Regex.Escape(marker)} -->\n```[a-z]*\n(.*?)```", RegexOptions.Singleline);
        Assert.True(m.Success, $"{Page} has no block marked <!-- {marker} -->");
        return m.Groups[1].Value;
    }
}
