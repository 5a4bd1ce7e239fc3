using System.Collections.Generic;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// LD1001–LD1004: rewrite the formula inside its string literal: the stable form (<c>log_sigmoid(x)</c>,
/// <c>log_softmax(x)</c>, <c>softmax(x)</c>, <c>logsumexp(x)</c>), a clamp before a log, an eps inside a square
/// root. The analyzer computes the edits, as source spans of the literal (through escapes, verbatim quotes and raw
/// string indentation, and into the literal of a constant) and plain replacement texts that need no escaping in any
/// literal form; the fix applies them as they are. No fix is offered where an edit would cut across two literals of
/// a concatenation.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FormulaTextCodeFixProvider)), Shared]
public sealed class FormulaTextCodeFixProvider : LossFixProvider
{
    /// <summary>Creates the provider.</summary>
    public FormulaTextCodeFixProvider()
        : base(new[] { DiagnosticDescriptors.LogOfZero, DiagnosticDescriptors.StableFormRewritten, DiagnosticDescriptors.UnstableFormNotRewritten, DiagnosticDescriptors.SqrtOfZero },
            FixData.FormulaEdit)
    {
    }

    private protected override FixOffer? Offer(FixSite site, CancellationToken cancellationToken)
    {
        IReadOnlyList<Location> locations = site.Diagnostic.AdditionalLocations;
        if (site.Property(FixData.Title) is not { } title || locations.Count < 2)
        {
            return null;
        }

        // Location 0 is the formula characters reported; the edits follow.
        var edits = new List<(SyntaxTree Tree, TextChange Change)>();
        for (int k = 0; k + 1 < locations.Count; k++)
        {
            if (site.Property(FixData.EditPrefix + k.ToString(CultureInfo.InvariantCulture)) is not { } text || locations[k + 1].SourceTree is not { } tree)
            {
                return null;
            }

            edits.Add((tree, new TextChange(locations[k + 1].SourceSpan, text)));
        }

        return new FixOffer(title, site.Diagnostic.Id, async ct =>
        {
            // The edits are in the literal the formula is written in: the attribute's own file, or a constant's.
            Solution solution = site.Document.Project.Solution;
            foreach (IGrouping<SyntaxTree, (SyntaxTree Tree, TextChange Change)> file in edits.GroupBy(e => e.Tree))
            {
                if (solution.GetDocument(file.Key) is not { } document)
                {
                    return site.Document.Project.Solution;
                }

                SourceText text = await document.GetTextAsync(ct).ConfigureAwait(false);
                solution = solution.WithDocumentText(document.Id, text.WithChanges(file.Select(e => e.Change)));
            }

            return solution;
        });
    }
}
