using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Flow;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols? known = KnownSymbols.TryCreate(start.Compilation);
            if (known == null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var candidate = new CandidateFlag();
                block.RegisterOperationAction(
                    op =>
                    {
                        if (!candidate.Found && known.InfoOf(((IInvocationOperation)op.Operation).TargetMethod).IsCandidate)
                        {
                            candidate.Found = true;
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    if (candidate.Found)
                    {
                        AnalyzeBlocks(known, end);
                    }
                });
            });

            if (known.Torch != null)
            {
                start.RegisterOperationAction(op => KlDivReduction.Analyze(known, op), OperationKind.Invocation, OperationKind.ObjectCreation);
            }
        });
    }

    private static void AnalyzeBlocks(KnownSymbols known, OperationBlockAnalysisContext context)
    {
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
                KindFlowAnalysis.Run(known, graph, context.OwningSymbol, diagnostics, context.CancellationToken);
            }
        }

        foreach (Diagnostic d in diagnostics.Diagnostics)
        {
            context.ReportDiagnostic(d);
        }
    }

    // Set from operation callbacks of one block; only ever goes from false to true.
    private sealed class CandidateFlag
    {
        private int found;

        public bool Found
        {
            get => Volatile.Read(ref found) != 0;
            set => Volatile.Write(ref found, value ? 1 : 0);
        }
    }
}
