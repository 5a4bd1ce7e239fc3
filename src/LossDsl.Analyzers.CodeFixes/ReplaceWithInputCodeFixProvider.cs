using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// LD2001, LD2002, LD2004: pass the producer's input instead of its output: the logits instead of their softmax or
/// sigmoid, the class indices instead of their one_hot. Other uses of the output are left as they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceWithInputCodeFixProvider)), Shared]
public sealed class ReplaceWithInputCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DoubleSoftmax.Id, DiagnosticDescriptors.DoubleSigmoid.Id, DiagnosticDescriptors.OneHotAsClassIndices.Id);

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
            if (!diagnostic.Properties.TryGetValue(FixData.Fix, out string? fix) || fix != FixData.ReplaceWithInput || diagnostic.AdditionalLocations.Count < 1
                || FixSyntax.NodeAt(root, diagnostic.Location) is not ExpressionSyntax argument
                || FixSyntax.NodeAt(root, diagnostic.AdditionalLocations[0]) is not ExpressionSyntax input)
            {
                continue;
            }

            // The input is moved when the argument is the producer call itself, and repeated (so must mean the same there) otherwise.
            if (!argument.Span.Contains(input.Span) && !FixSyntax.MeansTheSameAt(model, input, argument.SpanStart, context.CancellationToken))
            {
                continue;
            }

            string title = diagnostic.Id == DiagnosticDescriptors.OneHotAsClassIndices.Id
                ? $"Pass the class indices '{input}' instead of one-hot rows"
                : $"Pass the logits '{input}' instead ({(diagnostic.Id == DiagnosticDescriptors.DoubleSoftmax.Id ? "the loss applies softmax" : "the loss applies sigmoid")})";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Replace(context.Document, root, argument, input, ct), equivalenceKey: nameof(ReplaceWithInputCodeFixProvider) + diagnostic.Id),
                diagnostic);
        }
    }

    private static Task<Document> Replace(Document document, SyntaxNode root, ExpressionSyntax argument, ExpressionSyntax input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(argument, input.WithoutTrivia().WithTriviaFrom(argument))));
    }
}
