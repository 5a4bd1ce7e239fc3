using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>The diagnostics of one operation block, each reported once even if several graphs reach the same code.</summary>
internal sealed class DiagnosticCollector
{
    private readonly HashSet<(string Id, Location Location)> seen = new();
    private readonly List<Diagnostic> diagnostics = new();

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    public void Add(Diagnostic diagnostic)
    {
        if (seen.Add((diagnostic.Id, diagnostic.Location)))
        {
            diagnostics.Add(diagnostic);
        }
    }
}
