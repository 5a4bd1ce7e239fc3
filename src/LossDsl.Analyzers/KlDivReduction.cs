using System.Collections.Immutable;
using System.Linq;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers;

/// <summary>
/// LD2007: a TorchSharp KL divergence (<c>kl_div</c>, <c>nn.KLDivLoss</c>) whose reduction is Mean, its default.
/// TorchSharp's Reduction has no BatchMean, and Mean divides the summed divergence by batch × classes.
/// </summary>
internal static class KlDivReduction
{
    public static void Analyze(KnownSymbols known, OperationAnalysisContext context)
    {
        ImmutableArray<IArgumentOperation> arguments;
        string display;
        SyntaxNode nameSyntax;
        bool functional = false;
        switch (context.Operation)
        {
            case IInvocationOperation invocation when known.InfoOf(invocation.TargetMethod) is { } info
                && ((info.Role == MethodRole.FunctionalLoss && info.Loss!.IsKlDiv) || (info.Role == MethodRole.ModuleFactory && info.Module!.Loss?.IsKlDiv == true)):
                arguments = invocation.Arguments;
                functional = info.Role == MethodRole.FunctionalLoss;
                display = functional ? "kl_div" : "nn.KLDivLoss";
                nameSyntax = invocation.Syntax is InvocationExpressionSyntax { Expression: var callee } ? NameOf(callee) : invocation.Syntax;
                break;
            case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol type && known.Modules.TryGetValue(type, out TorchModule? module)
                && module.Loss?.IsKlDiv == true:
                arguments = creation.Arguments;
                display = "KLDivLoss";
                nameSyntax = creation.Syntax is ObjectCreationExpressionSyntax o ? o.Type : creation.Syntax;
                break;
            default:
                return;
        }

        IArgumentOperation? reduction = arguments.FirstOrDefault(a => a.Parameter?.Name == "reduction");
        if (reduction == null || Flow.KindFlowAnalysis.ConstantReduction(reduction) != Flow.Reduction.Mean)
        {
            return;
        }

        Location location = reduction.ArgumentKind == ArgumentKind.Explicit
            ? (reduction.Syntax is ArgumentSyntax a ? a.Expression : reduction.Value.Syntax).GetLocation()
            : nameSyntax.GetLocation();

        // Summing and dividing by the batch needs the input twice: only a plain variable can be repeated.
        IArgumentOperation? input = arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        bool fixable = functional && input?.Syntax is ArgumentSyntax { Expression: IdentifierNameSyntax };
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KlDivMeanReduction, location,
            fixable ? new[] { context.Operation.Syntax.GetLocation() } : null,
            fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, FixData.KlBatchMean) : null,
            display));
    }

    private static SyntaxNode NameOf(ExpressionSyntax callee) => callee switch
    {
        MemberAccessExpressionSyntax m => m.Name,
        _ => callee,
    };
}
