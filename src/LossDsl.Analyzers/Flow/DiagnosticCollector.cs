using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>The diagnostics of one operation block, each reported once even if several graphs reach the same code.</summary>
internal sealed class DiagnosticCollector
{
    private HashSet<(string Id, Location Location)>? seen;
    private List<Diagnostic>? diagnostics;

    public IReadOnlyList<Diagnostic> Diagnostics => (IReadOnlyList<Diagnostic>?)diagnostics ?? System.Array.Empty<Diagnostic>();

    public void Add(Diagnostic diagnostic)
    {
        if ((seen ??= new HashSet<(string, Location)>()).Add((diagnostic.Id, diagnostic.Location)))
        {
            (diagnostics ??= new List<Diagnostic>()).Add(diagnostic);
        }
    }
}
