using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// Keeps docs/diagnostics honest: every descriptor has a page whose help link resolves, and the page's examples compile
/// with the generator to exactly the behaviour they claim (the invalid one reports the id, the valid one is clean).
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
    public void Page_exists_and_its_title_matches_the_descriptor(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        string path = PagePath(id);
        Assert.True(File.Exists(path), $"Missing docs page {path}.");

        string firstLine = File.ReadLines(path).First();
        Assert.Equal($"# {id}: {descriptor.Title} ({descriptor.DefaultSeverity})", firstLine);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_the_page(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Invalid_example_reports_the_id_in_the_example(string id)
    {
        IReadOnlyList<(string Source, CSharpParseOptions Options)> examples = Examples(id, InvalidMarker);
        Assert.NotEmpty(examples);
        foreach ((string source, CSharpParseOptions options) in examples)
        {
            GeneratorRun run = GeneratorHarness.Run(options, source);
            List<Diagnostic> reported = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
            Assert.True(reported.Count > 0, $"{id}'s invalid example reports {Describe(run.All)} instead of {id}:\n{source}");

            // Reported on the user's code (the harness names the first source File0.cs), not on nothing or on generated code.
            Assert.All(reported, d => Assert.Equal("File0.cs", d.Location.GetLineSpan().Path));
            Assert.All(reported, d => Assert.Equal(DiagnosticDescriptors.ById(id).DefaultSeverity, d.Severity));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Valid_example_compiles_cleanly(string id)
    {
        IReadOnlyList<(string Source, CSharpParseOptions Options)> examples = Examples(id, ValidMarker);
        Assert.NotEmpty(examples);
        foreach ((string source, CSharpParseOptions options) in examples)
        {
            GeneratorRun run = GeneratorHarness.Run(options, source);
            var problems = run.GeneratorDiagnostics
                .Where(d => d.Id.StartsWith("LD", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning)
                .Concat(run.All.Where(d => d.Severity == DiagnosticSeverity.Error))
                .Distinct()
                .ToList();
            Assert.True(problems.Count == 0, $"{id}'s valid example reports {Describe(problems)}:\n{source}");

            // Emitting proves the generated code is complete, not just free of reported errors.
            Assert.NotNull(run.Load());
        }
    }

    [Fact]
    public void Readme_table_lists_every_id_with_its_title_and_severity()
    {
        string readme = File.ReadAllText(RepositoryRoot.Resolve("docs/diagnostics/README.md"));
        Dictionary<string, string[]> rows = readme.Split('\n')
            .Where(l => l.StartsWith("| [LD", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(cells => cells[0].Substring(1, cells[0].IndexOf(']') - 1));

        foreach (DiagnosticDescriptor d in DiagnosticDescriptors.All)
        {
            Assert.True(rows.TryGetValue(d.Id, out string[]? cells), $"README.md has no row for {d.Id}.");
            Assert.Equal($"[{d.Id}]({d.Id}.md)", cells![0]);
            Assert.Equal(d.Title.ToString(), cells[1]);
            Assert.Equal(d.DefaultSeverity.ToString(), cells[2]);
        }

        // A row or a page for an id that no longer exists would document a diagnostic the generator cannot report.
        // The generator owns LD0xxx; the analyzers' LD1xxx/LD2xxx rows and pages are checked by their own tests.
        var known = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        static bool IsGenerators(string id) => id.StartsWith("LD0", StringComparison.Ordinal);
        Assert.DoesNotContain(rows.Keys.Where(IsGenerators), id => !known.Contains(id));
        string[] pages = Directory.GetFiles(RepositoryRoot.Resolve("docs/diagnostics"), "LD*.md").Select(Path.GetFileNameWithoutExtension).ToArray()!;
        Assert.DoesNotContain(pages.Where(IsGenerators), id => !known.Contains(id));
    }

    private static string PagePath(string id) => RepositoryRoot.Resolve($"docs/diagnostics/{id}.md");

    // Each marker line is followed at once by a ```csharp fence; the example is everything up to the closing fence.
    // A marker may name the C# version the example is compiled with: <!-- invalid LangVersion=10 -->.
    private static IReadOnlyList<(string Source, CSharpParseOptions Options)> Examples(string id, string marker)
    {
        string[] lines = File.ReadAllText(PagePath(id)).Replace("\r\n", "\n").Split('\n');
        string open = marker.Substring(0, marker.Length - "-->".Length).TrimEnd();
        var examples = new List<(string, CSharpParseOptions)>();
        for (int k = 0; k < lines.Length; k++)
        {
            string line = lines[k].Trim();
            CSharpParseOptions options = GeneratorHarness.ParseOptions;
            if (line != marker)
            {
                if (!line.StartsWith(open + " LangVersion=", StringComparison.Ordinal) || !line.EndsWith("-->", StringComparison.Ordinal))
                {
                    continue;
                }

                options = GeneratorHarness.ParseOptionsFor(line.Substring(open.Length + " LangVersion=".Length).TrimEnd('-', '>', ' '));
            }

            Assert.True(k + 1 < lines.Length && lines[k + 1].Trim() == "```csharp", $"{id}.md: '{marker}' on line {k + 1} is not followed by a ```csharp block.");
            int end = Array.FindIndex(lines, k + 2, l => l.Trim() == "```");
            Assert.True(end > 0, $"{id}.md: the block after line {k + 1} is not closed.");
            examples.Add((string.Join("\n", lines, k + 2, end - (k + 2)), options));
            k = end;
        }

        return examples;
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        string text = string.Join("\n  ", diagnostics.Select(d => d.ToString()));
        return text.Length == 0 ? "nothing" : "\n  " + text + "\n";
    }
}
