using System.Collections.Immutable;
using System.Linq;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers;

/// <summary>
/// LD2007: a TorchSharp KL divergence (<c>kl_div</c>, <c>nn.KLDivLoss</c>) whose reduction is Mean, its default.
/// TorchSharp's Reduction has no BatchMean, and Mean divides the summed divergence by batch × classes.
/// </summary>
internal static class KlDivReduction
{
    public static Diagnostic? Check(IInvocationOperation invocation, MethodInfo info)
    {
        bool functional = info.Role == MethodRole.FunctionalLoss && info.Loss!.IsKlDiv;
        if (functional || (info.Role == MethodRole.ModuleFactory && info.Module!.Loss?.IsKlDiv == true))
        {
            SyntaxNode name = invocation.Syntax is InvocationExpressionSyntax { Expression: var callee } ? NameOf(callee) : invocation.Syntax;
            return Check(invocation.Arguments, functional ? "kl_div" : "nn.KLDivLoss", name, functional, invocation.Syntax);
        }

        return null;
    }

    public static Diagnostic? Check(KnownSymbols known, IObjectCreationOperation creation)
    {
        if (creation.Type is INamedTypeSymbol type && known.Modules.TryGetValue(type, out TorchModule? module) && module.Loss?.IsKlDiv == true)
        {
            SyntaxNode name = creation.Syntax is ObjectCreationExpressionSyntax o ? o.Type : creation.Syntax;
            return Check(creation.Arguments, "KLDivLoss", name, functional: false, creation.Syntax);
        }

        return null;
    }

    private static Diagnostic? Check(ImmutableArray<IArgumentOperation> arguments, string display, SyntaxNode name, bool functional, SyntaxNode call)
    {
        IArgumentOperation? reduction = null;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Name == "reduction")
            {
                reduction = argument;
            }
        }

        if (reduction == null || Flow.KindFlowAnalysis.ConstantReduction(reduction) != Flow.Reduction.Mean)
        {
            return null;
        }

        Location location = reduction.ArgumentKind == ArgumentKind.Explicit
            ? (reduction.Syntax is ArgumentSyntax a ? a.Expression : reduction.Value.Syntax).GetLocation()
            : name.GetLocation();

        // Summing and dividing by the batch needs the input twice: only a plain variable can be repeated.
        IArgumentOperation? input = arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        bool fixable = functional && input?.Syntax is ArgumentSyntax { Expression: IdentifierNameSyntax };
        return Diagnostic.Create(DiagnosticDescriptors.KlDivMeanReduction, location,
            fixable ? new[] { call.GetLocation() } : null,
            fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, FixData.KlBatchMean) : null,
            display);
    }

    private static SyntaxNode NameOf(ExpressionSyntax callee) => callee switch
    {
        MemberAccessExpressionSyntax m => m.Name,
        _ => callee,
    };
}
