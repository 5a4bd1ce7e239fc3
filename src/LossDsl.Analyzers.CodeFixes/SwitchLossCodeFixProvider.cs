using System.Collections.Generic;
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

/// <summary>
/// LD2003: switch <c>binary_cross_entropy</c> / <c>nn.BCELoss</c> to the with-logits form, which takes the logits
/// as they are. LD2011: switch <c>nll_loss</c> / <c>nn.NLLLoss</c> to cross-entropy, which applies log_softmax to
/// the logits itself. Arguments passed by position keep their meaning: those whose position differs between the two
/// signatures are named.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwitchLossCodeFixProvider)), Shared]
public sealed class SwitchLossCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ScoresAsProbabilities.Id, DiagnosticDescriptors.LogitsAsLogProbabilities.Id);

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
            if (!diagnostic.Properties.TryGetValue(FixData.Fix, out string? fix) || fix is not (FixData.UseWithLogits or FixData.UseCrossEntropy)
                || diagnostic.AdditionalLocations.Count < 1
                || FixSyntax.NodeAt(root, diagnostic.Location) is not { } argument
                || FixSyntax.NodeAt(root, diagnostic.AdditionalLocations[0]) is not { } target
                || FixSyntax.CalleeName(target) is not { } name)
            {
                continue;
            }

            bool module = diagnostic.Properties.TryGetValue(FixData.Target, out string? kind) && kind == FixData.Module;
            if (module && !FixSyntax.ModuleUsedOnlyHere(model, target, argument, context.CancellationToken))
            {
                continue;
            }

            (string newName, string title) = (fix, module) switch
            {
                (FixData.UseWithLogits, false) => ("binary_cross_entropy_with_logits", "Use binary_cross_entropy_with_logits"),
                (FixData.UseWithLogits, true) => ("BCEWithLogitsLoss", "Use BCEWithLogitsLoss"),
                (_, false) => ("cross_entropy", "Use cross_entropy (it applies log_softmax to the logits)"),
                _ => ("CrossEntropyLoss", "Use CrossEntropyLoss (it applies log_softmax to the logits)"),
            };
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Switch(context.Document, root, model, target, name, newName, ct), equivalenceKey: nameof(SwitchLossCodeFixProvider) + fix),
                diagnostic);
        }
    }

    private static Task<Document> Switch(Document document, SyntaxNode root, SemanticModel model, SyntaxNode target, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
    {
        // nll_loss(input, target, weight, reduction) and cross_entropy(input, target, weight, ignore_index, reduction ...),
        // NLLLoss(weight, reduction) and CrossEntropyLoss(weight, ignore_index, reduction): the same parameters, except
        // that reduction moves; the with-logits forms only add parameters at the end. Naming every argument after the
        // first parameters both share keeps each at its parameter.
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>
        {
            [name] = SyntaxFactory.IdentifierName(newName).WithTriviaFrom(name),
        };
        if (FixSyntax.ArgumentsOf(target) is { } list)
        {
            foreach (ArgumentSyntax a in list.Arguments.Where(a => a.NameColon == null))
            {
                if (model.GetOperation(a, cancellationToken) is IArgumentOperation { Parameter.Name: "reduction" or "ignore_index" } op)
                {
                    replacements[a] = a.WithNameColon(SyntaxFactory.NameColon(op.Parameter!.Name));
                }
            }
        }

        SyntaxNode newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }
}
