using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Flow;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers;

/// <summary>
/// Reports the loss pitfalls of call sites (LD2001–LD2012) in code that calls LossDsl losses, users' own methods with
/// value-kind attributes, and TorchSharp's losses: what kind of numbers (logits, probabilities, log-probabilities,
/// class indices, one-hot rows, {0, 1} or {-1, +1} labels) reaches which loss parameter, and how losses are reduced.
/// </summary>
/// <remarks>
/// A method body is analysed only if it calls a loss (a cheap check per call, on symbols cached per compilation);
/// only then is its control-flow graph built and the kind-flow analysis run. Nothing is registered for a compilation
/// that references neither TorchSharp nor LossDsl.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LossPitfallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.CallSite;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols? known = KnownSymbols.TryCreate(start.Compilation);
            if (known != null)
            {
                start.RegisterOperationBlockAction(block => AnalyzeBlocks(known, block));
            }
        });
    }

    // One action per body rather than per operation: a walk of the operation tree, already built, finds the calls to
    // look at, which costs less than the driver's per-operation callbacks. Only a body that calls a loss gets a
    // control-flow graph.
    private static void AnalyzeBlocks(KnownSymbols known, OperationBlockAnalysisContext context)
    {
        bool candidate = false;
        foreach (IOperation block in context.OperationBlocks)
        {
            foreach (IOperation op in block.DescendantsAndSelf())
            {
                switch (op)
                {
                    case IInvocationOperation invocation:
                        MethodInfo info = known.InfoOf(invocation.TargetMethod);
                        candidate |= info.IsCandidate;
                        if (info.Role != MethodRole.None && KlDivReduction.Check(invocation, info) is { } kl)
                        {
                            context.ReportDiagnostic(kl);
                        }

                        break;
                    case IObjectCreationOperation creation when known.Torch != null && KlDivReduction.Check(known, creation) is { } klModule:
                        context.ReportDiagnostic(klModule);
                        break;
                }
            }
        }

        if (!candidate)
        {
            return;
        }

        var diagnostics = new DiagnosticCollector();
        var roots = new HashSet<IOperation>();
        foreach (IOperation block in context.OperationBlocks)
        {
            // A method's body block hangs under its IMethodBodyOperation; the context builds the graph of that root.
            IOperation root = block;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            if (root is IMethodBodyBaseOperation or IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation && roots.Add(root))
            {
                ControlFlowGraph graph = context.GetControlFlowGraph(block);
                try
                {
                    KindFlowAnalysis.Run(known, graph, context.OwningSymbol, diagnostics, context.CancellationToken);
                }
                catch (InsufficientExecutionStackException)
                {
                    // An expression nested deeper than the stack allows: no diagnostic for this body (a miss, never a guess).
                    return;
                }
            }
        }

        foreach (Diagnostic d in diagnostics.Diagnostics)
        {
            context.ReportDiagnostic(d);
        }
    }
}
