using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Samples.Tests;

/// <summary>The commands and images the documentation shows exist, and every sample is both documented and run by a test.</summary>
public sealed class DocumentationTests
{
    // The samples a test builds and runs: the four in this project, and QuickStart in LossDsl.Generator.Tests.
    private static readonly string[] TestedSamples =
    [
        "LossDsl.Samples.Iris", "LossDsl.Samples.Classification", "LossDsl.Samples.RobustRegression", "LossDsl.Samples.MLNet",
        "LossDsl.Samples.QuickStart",
    ];

    private static readonly string[] Documents = ["README.md", "samples/README.md", "docs/samples.md"];

    // Samples that are opened in an IDE rather than run: the pitfalls sample shows every analyzer squiggle, and
    // tests/LossDsl.Analyzers.Tests/PitfallsSampleTests.cs compiles it and checks each marked diagnostic fires.
    private static readonly string[] BuildOnlySamples = ["LossDsl.Samples.Pitfalls"];

    [Fact]
    public void EverySampleIsTestedAndDocumented()
    {
        string[] samples = Directory.GetDirectories(RepositoryRoot.Resolve("samples"))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
            .Select(Path.GetFileName).OfType<string>().Order().ToArray();
        Assert.Equal(TestedSamples.Concat(BuildOnlySamples).Order(), samples);
        string guide = File.ReadAllText(RepositoryRoot.Resolve("docs/samples.md"));
        string index = File.ReadAllText(RepositoryRoot.Resolve("samples/README.md"));
        foreach (string sample in BuildOnlySamples)
        {
            Assert.Contains($"dotnet build samples/{sample}", index);
        }

        foreach (string sample in samples.Except(BuildOnlySamples))
        {
            Assert.Contains($"dotnet run --project samples/{sample}", guide);
            Assert.Contains($"dotnet run --project samples/{sample}", index);
        }
    }

    [Fact]
    public void EveryDocumentedRunCommandNamesATestedSample()
    {
        foreach (string document in Documents)
        {
            string text = File.ReadAllText(RepositoryRoot.Resolve(document));
            var commands = Regex.Matches(text, @"dotnet run --project samples/([A-Za-z.]+)");
            Assert.NotEmpty(commands);
            foreach (Match command in commands) Assert.Contains(command.Groups[1].Value, TestedSamples);
        }
    }

    [Fact]
    public void ReadmeTwoCommandsAreTheIrisSampleAndDotnetTest()
    {
        string readme = File.ReadAllText(RepositoryRoot.Resolve("README.md")).Replace("\r\n", "\n");
        int start = readme.IndexOf("## Two commands", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Two commands' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..(end < 0 ? readme.Length : end)];
        string[] blocks = Regex.Matches(section, "```[a-z]*\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim()).ToArray();
        Assert.Equal(["dotnet run --project samples/LossDsl.Samples.Iris", "dotnet test"], blocks);
    }

    [Fact]
    public void EveryImageInTheSamplesGuideIsCommitted()
    {
        string guide = File.ReadAllText(RepositoryRoot.Resolve("docs/samples.md"));
        var images = Regex.Matches(guide, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(5, images.Length);
        foreach (string image in images) Assert.True(File.Exists(RepositoryRoot.Resolve("docs/" + image)), $"docs/{image} is missing");
    }
}
