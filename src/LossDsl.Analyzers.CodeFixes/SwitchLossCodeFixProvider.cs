using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
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
public sealed class SwitchLossCodeFixProvider : LossFixProvider
{
    /// <summary>Creates the provider.</summary>
    public SwitchLossCodeFixProvider()
        : base(new[] { DiagnosticDescriptors.ScoresAsProbabilities, DiagnosticDescriptors.LogitsAsLogProbabilities }, FixData.UseWithLogits, FixData.UseCrossEntropy)
    {
    }

    private protected override FixOffer? Offer(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Node is not { } argument || site.Additional(0) is not { } target || FixSyntax.CalleeName(target) is not { } name)
        {
            return null;
        }

        bool module = site.Property(FixData.Target) == FixData.Module;
        if (module && !FixSyntax.ModuleUsedOnlyHere(site.Model, target, argument, cancellationToken))
        {
            return null;
        }

        (string newName, string title) = (site.Fix, module) switch
        {
            (FixData.UseWithLogits, false) => ("binary_cross_entropy_with_logits", "Use binary_cross_entropy_with_logits"),
            (FixData.UseWithLogits, true) => ("BCEWithLogitsLoss", "Use BCEWithLogitsLoss"),
            (_, false) => ("cross_entropy", "Use cross_entropy (it applies log_softmax to the logits)"),
            _ => ("CrossEntropyLoss", "Use CrossEntropyLoss (it applies log_softmax to the logits)"),
        };
        return Rewrite(site, title, site.Fix, ct => Switch(site.Root, site.Model, target, name, newName, ct));
    }

    private static SyntaxNode Switch(SyntaxNode root, SemanticModel model, SyntaxNode target, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
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

        return root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }
}
