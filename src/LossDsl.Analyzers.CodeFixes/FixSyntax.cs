using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>Syntax helpers shared by the fixes.</summary>
internal static class FixSyntax
{
    /// <summary>The innermost node spanning <paramref name="location"/> exactly (an identifier rather than the argument around it).</summary>
    public static SyntaxNode? NodeAt(SyntaxNode root, Location location) =>
        location.IsInSource && location.SourceTree == root.SyntaxTree ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) : null;

    /// <summary>True when <paramref name="expression"/> names, at <paramref name="position"/>, the same variable it names where it is.</summary>
    public static bool MeansTheSameAt(SemanticModel model, ExpressionSyntax expression, int position, CancellationToken cancellationToken)
    {
        if (expression is not IdentifierNameSyntax id)
        {
            return false;
        }

        ISymbol? symbol = model.GetSymbolInfo(id, cancellationToken).Symbol;
        return symbol != null && model.LookupSymbols(position, name: id.Identifier.ValueText).Any(s => SymbolEqualityComparer.Default.Equals(s, symbol));
    }

    /// <summary><paramref name="expression"/> as the receiver of a member access, parenthesised if it needs to be.</summary>
    public static ExpressionSyntax AsReceiver(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or ThisExpressionSyntax
            ? expression.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia());

    /// <summary>The name a call or creation is made by: <c>kl_div</c> in <c>functional.kl_div(...)</c>, <c>BCELoss</c> in <c>new BCELoss()</c>.</summary>
    public static SimpleNameSyntax? CalleeName(SyntaxNode callOrCreation) => callOrCreation switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax m } => m.Name,
        InvocationExpressionSyntax { Expression: SimpleNameSyntax s } => s,
        ObjectCreationExpressionSyntax { Type: QualifiedNameSyntax q } => q.Right,
        ObjectCreationExpressionSyntax { Type: SimpleNameSyntax s } => s,
        _ => null,
    };

    public static ArgumentListSyntax? ArgumentsOf(SyntaxNode callOrCreation) => callOrCreation switch
    {
        InvocationExpressionSyntax i => i.ArgumentList,
        ObjectCreationExpressionSyntax o => o.ArgumentList,
        _ => null,
    };

    /// <summary>
    /// True when the module created at <paramref name="creation"/> is used only by the call around <paramref name="argument"/>:
    /// created inline as its receiver, or stored in a local read nowhere else. Renaming the module then changes that call only.
    /// </summary>
    public static bool ModuleUsedOnlyHere(SemanticModel model, SyntaxNode creation, SyntaxNode argument, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? call = argument.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call == null)
        {
            return false;
        }

        if (call.Expression.Span.Contains(creation.Span))
        {
            return true;
        }

        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return false;
        }

        SyntaxNode? scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
        int uses = scope!.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Count(id => id.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, cancellationToken).Symbol, local));
        return uses == 1 && call.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == local.Name);
    }
}
