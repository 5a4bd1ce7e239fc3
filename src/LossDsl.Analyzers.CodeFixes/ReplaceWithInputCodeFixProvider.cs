using System.Composition;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// LD2001, LD2002, LD2004: pass the producer's input instead of its output: the logits instead of their softmax or
/// sigmoid, the class indices instead of their one_hot. Other uses of the output are left as they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceWithInputCodeFixProvider)), Shared]
public sealed class ReplaceWithInputCodeFixProvider : LossFixProvider
{
    /// <summary>Creates the provider.</summary>
    public ReplaceWithInputCodeFixProvider()
        : base(new[] { DiagnosticDescriptors.DoubleSoftmax, DiagnosticDescriptors.DoubleSigmoid, DiagnosticDescriptors.OneHotAsClassIndices }, FixData.ReplaceWithInput)
    {
    }

    private protected override FixOffer? Offer(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Node is not ExpressionSyntax argument || site.Additional(0) is not ExpressionSyntax input)
        {
            return null;
        }

        // The input is moved when the argument is the producer call itself, and repeated (so must mean the same there) otherwise.
        if (!argument.Span.Contains(input.Span) && !FixSyntax.MeansTheSameAt(site.Model, input, argument.SpanStart, cancellationToken))
        {
            return null;
        }

        string id = site.Diagnostic.Id;
        string title = id == DiagnosticDescriptors.OneHotAsClassIndices.Id
            ? $"Pass the class indices '{input}' instead of one-hot rows"
            : $"Pass the logits '{input}' instead ({(id == DiagnosticDescriptors.DoubleSoftmax.Id ? "the loss applies softmax" : "the loss applies sigmoid")})";
        return Replace(site, title, id, argument, input.WithoutTrivia().WithTriviaFrom(argument));
    }
}
