using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// LD2005, LD2006: pass <c>logits.log_softmax(dim)</c> where the softmax's probabilities were passed: the stable
/// log-probabilities of the same logits. Other uses of the probabilities are left as they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseLogSoftmaxCodeFixProvider)), Shared]
public sealed class UseLogSoftmaxCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ProbabilitiesAsLogProbabilities.Id, DiagnosticDescriptors.ProbabilitiesAsKlInput.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null || model == null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixData.Fix, out string? fix) || fix != FixData.UseLogSoftmax || diagnostic.AdditionalLocations.Count < 2
                || FixSyntax.NodeAt(root, diagnostic.Location) is not ExpressionSyntax argument
                || FixSyntax.NodeAt(root, diagnostic.AdditionalLocations[0]) is not ExpressionSyntax input
                || FixSyntax.NodeAt(root, diagnostic.AdditionalLocations[1]) is not ExpressionSyntax dim)
            {
                continue;
            }

            if (!argument.Span.Contains(input.Span) && !FixSyntax.MeansTheSameAt(model, input, argument.SpanStart, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Pass '{input}.log_softmax({dim})'", ct => Replace(context.Document, root, argument, input, dim, ct),
                    equivalenceKey: nameof(UseLogSoftmaxCodeFixProvider)),
                diagnostic);
        }
    }

    private static Task<Document> Replace(Document document, SyntaxNode root, ExpressionSyntax argument, ExpressionSyntax input, ExpressionSyntax dim, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        InvocationExpressionSyntax logSoftmax = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.AsReceiver(input), SyntaxFactory.IdentifierName("log_softmax")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(dim.WithoutTrivia()))));
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(argument, logSoftmax.WithTriviaFrom(argument))));
    }
}
