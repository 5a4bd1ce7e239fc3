using System;
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
    public static void Check(IInvocationOperation invocation, MethodInfo info, Action<Diagnostic> report)
    {
        bool functional = info.Role == MethodRole.FunctionalLoss && info.Loss!.IsKlDiv;
        if (functional || (info.Role == MethodRole.ModuleFactory && info.Module!.Loss?.IsKlDiv == true))
        {
            SyntaxNode name = invocation.Syntax is InvocationExpressionSyntax { Expression: var callee } ? NameOf(callee) : invocation.Syntax;
            Report(invocation.Arguments, functional ? "kl_div" : "nn.KLDivLoss", name, functional, invocation.Syntax, report);
        }
    }

    public static void Check(KnownSymbols known, IObjectCreationOperation creation, Action<Diagnostic> report)
    {
        if (creation.Type is INamedTypeSymbol type && known.Modules.TryGetValue(type, out TorchModule? module) && module.Loss?.IsKlDiv == true)
        {
            SyntaxNode name = creation.Syntax is ObjectCreationExpressionSyntax o ? o.Type : creation.Syntax;
            Report(creation.Arguments, "KLDivLoss", name, functional: false, creation.Syntax, report);
        }
    }

    private static void Report(ImmutableArray<IArgumentOperation> arguments, string display, SyntaxNode name, bool functional, SyntaxNode call, Action<Diagnostic> report)
    {
        IArgumentOperation? reduction = arguments.FirstOrDefault(a => a.Parameter?.Name == "reduction");
        if (reduction == null || Flow.KindFlowAnalysis.ConstantReduction(reduction) != Flow.Reduction.Mean)
        {
            return;
        }

        Location location = reduction.ArgumentKind == ArgumentKind.Explicit
            ? (reduction.Syntax is ArgumentSyntax a ? a.Expression : reduction.Value.Syntax).GetLocation()
            : name.GetLocation();

        // Summing and dividing by the batch needs the input twice: only a plain variable can be repeated.
        IArgumentOperation? input = arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        bool fixable = functional && input?.Syntax is ArgumentSyntax { Expression: IdentifierNameSyntax };
        report(Diagnostic.Create(DiagnosticDescriptors.KlDivMeanReduction, location,
            fixable ? new[] { call.GetLocation() } : null,
            fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, FixData.KlBatchMean) : null,
            display));
    }

    private static SyntaxNode NameOf(ExpressionSyntax callee) => callee switch
    {
        MemberAccessExpressionSyntax m => m.Name,
        _ => callee,
    };
}
