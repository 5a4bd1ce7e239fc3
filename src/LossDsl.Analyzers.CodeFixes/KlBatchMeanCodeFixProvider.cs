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
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// LD2007: <c>kl_div(input, target, reduction: Sum) / input.size(0)</c>, PyTorch's <c>batchmean</c> (TorchSharp's
/// Reduction has no BatchMean). Offered for the functional form when the input is a variable, so that repeating it
/// reads the same tensor.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KlBatchMeanCodeFixProvider)), Shared]
public sealed class KlBatchMeanCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.KlDivMeanReduction.Id);

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
            if (!diagnostic.Properties.TryGetValue(FixData.Fix, out string? fix) || fix != FixData.KlBatchMean || diagnostic.AdditionalLocations.Count < 1
                || FixSyntax.NodeAt(root, diagnostic.AdditionalLocations[0]) is not InvocationExpressionSyntax call
                || call.ArgumentList.Arguments.Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Sum and divide by the batch size (batchmean)", ct => Rewrite(context.Document, root, model, call, ct),
                    equivalenceKey: nameof(KlBatchMeanCodeFixProvider)),
                diagnostic);
        }
    }

    private static Task<Document> Rewrite(Document document, SyntaxNode root, SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        ArgumentSyntax? input = null, reduction = null;
        foreach (ArgumentSyntax a in call.ArgumentList.Arguments)
        {
            switch ((model.GetOperation(a, cancellationToken) as IArgumentOperation)?.Parameter)
            {
                case { Ordinal: 0 }:
                    input = a;
                    break;
                case { Name: "reduction" }:
                    reduction = a;
                    break;
            }
        }

        if (input?.Expression is not IdentifierNameSyntax inputName)
        {
            return Task.FromResult(document);
        }

        ExpressionSyntax sum = SyntaxFactory.ParseExpression("TorchSharp.torch.nn.Reduction.Sum").WithAdditionalAnnotations(Simplifier.Annotation);
        ArgumentListSyntax arguments = reduction == null
            ? call.ArgumentList.AddArguments(SyntaxFactory.Argument(SyntaxFactory.NameColon("reduction"), default, sum))
            : call.ArgumentList.ReplaceNode(reduction, reduction.WithExpression(
                reduction.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Mean" } m
                    ? m.WithName(SyntaxFactory.IdentifierName("Sum"))
                    : sum.WithTriviaFrom(reduction.Expression)));

        // (kl_div(...) / input.size(0)); the simplifier drops the parentheses where the context does not need them.
        ExpressionSyntax batch = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, inputName.WithoutTrivia(), SyntaxFactory.IdentifierName("size")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0))))));
        ExpressionSyntax divided = SyntaxFactory.ParenthesizedExpression(
                SyntaxFactory.BinaryExpression(SyntaxKind.DivideExpression, call.WithArgumentList(arguments).WithoutTrivia(), batch))
            .WithTriviaFrom(call)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(call, divided)));
    }
}
