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
/// samples/LossDsl.Samples.Pitfalls cannot rot: its sources, compiled as its build compiles them (generator, then both
/// analyzers), report exactly the diagnostics its <c>// pitfall: LDxxxx</c> comments announce, on their lines, and
/// nothing else; and every diagnostic the analyzers have is among them.
/// </summary>
public sealed class PitfallsSampleTests
{
    private static readonly Regex Marker = new(@"//\s*pitfall:\s*((?:LD\d{4}\s*)+)$", RegexOptions.Compiled);

    [Fact]
    public async Task Every_marked_pitfall_fires_on_its_line_nothing_else_fires_and_every_id_has_a_pitfall()
    {
        string folder = RepositoryRoot.Resolve("samples/LossDsl.Samples.Pitfalls");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .ToList();
        Assert.NotEmpty(files);

        var expected = new List<string>();
        foreach ((string path, string text) in files)
        {
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            for (int k = 0; k < lines.Length; k++)
            {
                if (Marker.Match(lines[k].TrimEnd()) is { Success: true } m)
                {
                    expected.AddRange(m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => $"{path}:{k + 1}: {id}"));
                }
            }
        }

        AnalyzerHarness.Result result = await AnalyzerHarness.RunAsync(files);
        Assert.Empty(result.Compiler.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("LD", StringComparison.Ordinal)));
        var actual = result.Analyzer
            .Where(d => d.Id.StartsWith("LD", StringComparison.Ordinal))
            .Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}");
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));

        var shown = expected.Select(e => e.Substring(e.LastIndexOf(' ') + 1)).ToHashSet();
        var missing = DiagnosticDescriptors.All.Select(d => d.Id).Where(id => !shown.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "No pitfall in the sample for " + string.Join(", ", missing));
    }
}
