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

/// <summary>LD2012: set a KL divergence's <c>log_target</c> to the space its target is in.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetLogTargetCodeFixProvider)), Shared]
public sealed class SetLogTargetCodeFixProvider : LossFixProvider
{
    /// <summary>Creates the provider.</summary>
    public SetLogTargetCodeFixProvider()
        : base(new[] { DiagnosticDescriptors.KlTargetSpace }, FixData.SetLogTarget)
    {
    }

    private protected override FixOffer? Offer(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Property(FixData.LogTarget) is not ("true" or "false") || site.Node is not { } argument
            || site.Additional(0) is not { } target || FixSyntax.ArgumentsOf(target) is not { } list)
        {
            return null;
        }

        string value = site.Property(FixData.LogTarget)!;
        if (site.Property(FixData.Target) == FixData.Module && !FixSyntax.ModuleUsedOnlyHere(site.Model, target, argument, cancellationToken))
        {
            return null;
        }

        return Rewrite(site, $"Set log_target: {value}", value, ct =>
        {
            LiteralExpressionSyntax literal = SyntaxFactory.LiteralExpression(value == "true" ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
            ArgumentSyntax? existing = list.Arguments.FirstOrDefault(a =>
                site.Model.GetOperation(a, ct) is IArgumentOperation { Parameter.Name: "log_target" });
            ArgumentListSyntax newList = existing != null
                ? list.ReplaceNode(existing, existing.WithExpression(literal.WithTriviaFrom(existing.Expression)))
                : list.AddArguments(SyntaxFactory.Argument(SyntaxFactory.NameColon("log_target"), default, literal));
            return site.Root.ReplaceNode(list, newList);
        });
    }
}
