using System.Composition;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
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
public sealed class KlBatchMeanCodeFixProvider : LossFixProvider
{
    /// <summary>Creates the provider.</summary>
    public KlBatchMeanCodeFixProvider()
        : base(new[] { DiagnosticDescriptors.KlDivMeanReduction }, FixData.KlBatchMean)
    {
    }

    private protected override FixOffer? Offer(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Additional(0) is not InvocationExpressionSyntax call)
        {
            return null;
        }

        ArgumentSyntax? input = null, reduction = null;
        foreach (ArgumentSyntax a in call.ArgumentList.Arguments)
        {
            switch ((site.Model.GetOperation(a, cancellationToken) as IArgumentOperation)?.Parameter)
            {
                case { Ordinal: 0 }:
                    input = a;
                    break;
                case { Name: "reduction" }:
                    reduction = a;
                    break;
            }
        }

        // The input is repeated in the divisor: only a variable reads the same tensor twice.
        if (input?.Expression is not IdentifierNameSyntax inputName)
        {
            return null;
        }

        return Rewrite(site, "Sum and divide by the batch size (batchmean)", "", _ => BatchMean(site.Root, call, inputName, reduction));
    }

    private static SyntaxNode BatchMean(SyntaxNode root, InvocationExpressionSyntax call, IdentifierNameSyntax inputName, ArgumentSyntax? reduction)
    {
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
        return root.ReplaceNode(call, divided);
    }
}
