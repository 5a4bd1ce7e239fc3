using System.Composition;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// LD2005, LD2006: pass <c>logits.log_softmax(dim)</c> where the softmax's probabilities were passed: the stable
/// log-probabilities of the same logits. Other uses of the probabilities are left as they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseLogSoftmaxCodeFixProvider)), Shared]
public sealed class UseLogSoftmaxCodeFixProvider : LossFixProvider
{
    /// <summary>Creates the provider.</summary>
    public UseLogSoftmaxCodeFixProvider()
        : base(new[] { DiagnosticDescriptors.ProbabilitiesAsLogProbabilities, DiagnosticDescriptors.ProbabilitiesAsKlInput }, FixData.UseLogSoftmax)
    {
    }

    private protected override FixOffer? Offer(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Node is not ExpressionSyntax argument || site.Additional(0) is not ExpressionSyntax input || site.Additional(1) is not ExpressionSyntax dim)
        {
            return null;
        }

        if (!argument.Span.Contains(input.Span) && !FixSyntax.MeansTheSameAt(site.Model, input, argument.SpanStart, cancellationToken))
        {
            return null;
        }

        InvocationExpressionSyntax logSoftmax = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.AsReceiver(input), SyntaxFactory.IdentifierName("log_softmax")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(dim.WithoutTrivia()))));
        return Replace(site, $"Pass '{input}.log_softmax({dim})'", "", argument, logSoftmax.WithTriviaFrom(argument));
    }
}
