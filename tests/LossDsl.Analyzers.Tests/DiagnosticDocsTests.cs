using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>
/// Keeps docs/diagnostics and the release tracking honest for LD1xxx and LD2xxx: every descriptor has a page titled as it is, a help
/// link to it, a row in the README and in AnalyzerReleases.Unshipped.md, and the page's examples do what they claim (the
/// invalid one reports the id, the fixed one compiles without any LossDsl warning).
/// </summary>
public sealed class DiagnosticDocsTests
{
    private const string InvalidMarker = "<!-- invalid -->";
    private const string ValidMarker = "<!-- valid -->";

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor d in DiagnosticDescriptors.All)
        {
            data.Add(d.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_title_and_help_link_match_the_descriptor(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        string path = PagePath(id);
        Assert.True(File.Exists(path), $"Missing docs page {path}.");
        Assert.Equal($"# {id}: {descriptor.Title} ({descriptor.DefaultSeverity})", File.ReadLines(path).First());
        Assert.Equal("https://github.com/lossdsl/lossdsl/blob/main/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);
        Assert.Contains($"| {id} | {descriptor.DefaultSeverity} | `{descriptor.Category}` | `{descriptor.MessageFormat}` |", File.ReadAllText(path));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Invalid_example_reports_the_id(string id)
    {
        IReadOnlyList<string> examples = Examples(id, InvalidMarker);
        Assert.NotEmpty(examples);
        foreach (string source in examples)
        {
            AnalyzerHarness.Result result = await AnalyzerHarness.RunAsync(source);
            Assert.Empty(result.Compiler.Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Contains(result.Analyzer, d => d.Id == id && d.Severity == DiagnosticDescriptors.ById(id).DefaultSeverity);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Fixed_example_is_clean(string id)
    {
        IReadOnlyList<string> examples = Examples(id, ValidMarker);
        Assert.NotEmpty(examples);
        foreach (string source in examples)
        {
            AnalyzerHarness.Result result = await AnalyzerHarness.RunAsync(source);
            Assert.Empty(result.Compiler.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("LD", StringComparison.Ordinal)));
            Assert.Empty(result.Analyzer);
        }
    }

    [Fact]
    public void Readme_and_release_tracking_list_every_id_with_its_title_severity_and_category()
    {
        string readme = File.ReadAllText(RepositoryRoot.Resolve("docs/diagnostics/README.md"));
        string unshipped = File.ReadAllText(RepositoryRoot.Resolve("src/LossDsl.Analyzers/AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor d in DiagnosticDescriptors.All)
        {
            Assert.Contains($"| [{d.Id}]({d.Id}.md) | {d.Title} | {d.DefaultSeverity} | `{d.Category}` |", readme);
            Assert.Contains($"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}", unshipped);
        }

        var documented = Regex.Matches(readme, @"\| \[(LD[12]\d{3})\]").Select(m => m.Groups[1].Value).ToHashSet();
        var pages = Directory.GetFiles(RepositoryRoot.Resolve("docs/diagnostics"), "LD*.md").Select(Path.GetFileNameWithoutExtension)
            .Where(id => id!.StartsWith("LD1", StringComparison.Ordinal) || id.StartsWith("LD2", StringComparison.Ordinal)).ToHashSet();
        var known = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        Assert.Equal(known.OrderBy(x => x), documented.OrderBy(x => x));
        Assert.Equal(known.OrderBy(x => x), pages.OrderBy(x => x));
    }

    private static string PagePath(string id) => RepositoryRoot.Resolve($"docs/diagnostics/{id}.md");

    // Each marker line is followed at once by a ```csharp fence; the example is everything up to the closing fence.
    private static IReadOnlyList<string> Examples(string id, string marker)
    {
        string[] lines = File.ReadAllText(PagePath(id)).Replace("\r\n", "\n").Split('\n');
        var examples = new List<string>();
        for (int k = 0; k < lines.Length; k++)
        {
            if (lines[k].Trim() != marker)
            {
                continue;
            }

            Assert.True(k + 1 < lines.Length && lines[k + 1].Trim() == "```csharp", $"{id}.md: '{marker}' on line {k + 1} is not followed by a ```csharp block.");
            int end = Array.FindIndex(lines, k + 2, l => l.Trim() == "```");
            Assert.True(end > 0, $"{id}.md: the block after line {k + 1} is not closed.");
            examples.Add(string.Join("\n", lines, k + 2, end - (k + 2)));
            k = end;
        }

        return examples;
    }
}
