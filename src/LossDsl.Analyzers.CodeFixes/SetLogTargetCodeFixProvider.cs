using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>LD2012: set a KL divergence's <c>log_target</c> to the space its target is in.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetLogTargetCodeFixProvider)), Shared]
public sealed class SetLogTargetCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.KlTargetSpace.Id);

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
            if (!diagnostic.Properties.TryGetValue(FixData.Fix, out string? fix) || fix != FixData.SetLogTarget
                || !diagnostic.Properties.TryGetValue(FixData.LogTarget, out string? value) || value is not ("true" or "false")
                || diagnostic.AdditionalLocations.Count < 1
                || FixSyntax.NodeAt(root, diagnostic.Location) is not { } argument
                || FixSyntax.NodeAt(root, diagnostic.AdditionalLocations[0]) is not { } target
                || FixSyntax.ArgumentsOf(target) is not { } list)
            {
                continue;
            }

            bool module = diagnostic.Properties.TryGetValue(FixData.Target, out string? kind) && kind == FixData.Module;
            if (module && !FixSyntax.ModuleUsedOnlyHere(model, target, argument, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Set log_target: {value}", ct => Set(context.Document, root, model, list, value == "true", ct),
                    equivalenceKey: nameof(SetLogTargetCodeFixProvider) + value),
                diagnostic);
        }
    }

    private static Task<Document> Set(Document document, SyntaxNode root, SemanticModel model, ArgumentListSyntax list, bool value, CancellationToken cancellationToken)
    {
        LiteralExpressionSyntax literal = SyntaxFactory.LiteralExpression(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
        ArgumentSyntax? existing = list.Arguments.FirstOrDefault(a =>
            model.GetOperation(a, cancellationToken) is IArgumentOperation { Parameter.Name: "log_target" });
        ArgumentListSyntax newList = existing != null
            ? list.ReplaceNode(existing, existing.WithExpression(literal.WithTriviaFrom(existing.Expression)))
            : list.AddArguments(SyntaxFactory.Argument(SyntaxFactory.NameColon("log_target"), default, literal));
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(list, newList)));
    }
}
