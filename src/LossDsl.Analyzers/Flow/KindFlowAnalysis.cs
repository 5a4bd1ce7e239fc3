using System;
using System.Collections.Generic;
using System.Threading;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers.Flow;

/// <summary>
/// Follows value kinds through one control-flow graph (a method body, a local function or a lambda): a forward
/// data-flow analysis to a fixed point, then one more pass that checks every sink with the facts that hold there.
/// </summary>
/// <remarks>
/// A fact is lost rather than guessed whenever the analysis cannot see every write: a variable captured by a lambda
/// or local function, one assigned in a catch or finally block, a buffer passed to a method that may write into it.
/// Paths that disagree make a variable ambiguous (no diagnostic, and no name hint either).
/// </remarks>
internal sealed partial class KindFlowAnalysis
{
    private readonly KnownSymbols known;
    private readonly ControlFlowGraph graph;
    private readonly ISymbol owner;
    private readonly DiagnosticCollector diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly HashSet<ISymbol> untrackedSymbols = new(SymbolEqualityComparer.Default);
    private readonly VariableTable variables = new();
    private readonly List<IFlowAnonymousFunctionOperation> lambdas = new();
    private readonly Func<int, Fact> initial;
    private bool[] untracked = Array.Empty<bool>();
    private Fact?[] initialFacts = Array.Empty<Fact?>();
    private FlowState state = FlowState.Entry(0);
    private DiagnosticCollector passDiagnostics = new();
    private bool reporting;
    private bool moveStates;

    private KindFlowAnalysis(KnownSymbols known, ControlFlowGraph graph, ISymbol owner, DiagnosticCollector diagnostics, CancellationToken cancellationToken)
    {
        this.known = known;
        this.graph = graph;
        this.owner = owner;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
        initial = Initial;
    }

    /// <summary>Analyses <paramref name="graph"/> and every lambda and local function in it.</summary>
    public static void Run(KnownSymbols known, ControlFlowGraph graph, ISymbol owner, DiagnosticCollector diagnostics, CancellationToken cancellationToken)
    {
        var analysis = new KindFlowAnalysis(known, graph, owner, diagnostics, cancellationToken);
        analysis.Prescan();
        analysis.Solve();
        foreach (IMethodSymbol localFunction in graph.LocalFunctions)
        {
            Run(known, graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), localFunction, diagnostics, cancellationToken);
        }

        foreach (IFlowAnonymousFunctionOperation lambda in analysis.lambdas)
        {
            Run(known, graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), lambda.Symbol, diagnostics, cancellationToken);
        }
    }

    // Variables captured by a nested function, or assigned where exceptions lead, are not followed.
    private void Prescan()
    {
        foreach (BasicBlock block in graph.Blocks)
        {
            bool handler = InHandler(block.EnclosingRegion);
            foreach (IOperation root in RootsOf(block))
            {
                foreach (IOperation op in root.DescendantsAndSelf())
                {
                    if (Variable(op) is { } variable)
                    {
                        variables.Add(variable);
                    }

                    if (op is IFlowAnonymousFunctionOperation lambda)
                    {
                        lambdas.Add(lambda);
                        CollectCaptured(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), lambda.Symbol);
                    }
                    else if (handler && Variable(op) is { } written && IsWrite(op))
                    {
                        untrackedSymbols.Add(written);
                    }
                }
            }
        }

        foreach (IMethodSymbol localFunction in graph.LocalFunctions)
        {
            CollectCaptured(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), localFunction);
        }

        untracked = new bool[variables.Count];
        initialFacts = new Fact?[variables.Count];
        for (int v = 0; v < variables.Count; v++)
        {
            untracked[v] = untrackedSymbols.Contains(variables[v]);
        }
    }

    private void CollectCaptured(ControlFlowGraph nested, ISymbol nestedOwner)
    {
        foreach (BasicBlock block in nested.Blocks)
        {
            foreach (IOperation root in RootsOf(block))
            {
                foreach (IOperation op in root.DescendantsAndSelf())
                {
                    switch (op)
                    {
                        case ILocalReferenceOperation l when !SymbolEqualityComparer.Default.Equals(l.Local.ContainingSymbol, nestedOwner):
                            untrackedSymbols.Add(l.Local);
                            break;
                        case IParameterReferenceOperation p when !SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol, nestedOwner):
                            untrackedSymbols.Add(p.Parameter);
                            break;
                        case IFlowAnonymousFunctionOperation inner:
                            CollectCaptured(nested.GetAnonymousFunctionControlFlowGraph(inner, cancellationToken), nestedOwner);
                            break;
                    }
                }
            }
        }

        foreach (IMethodSymbol inner in nested.LocalFunctions)
        {
            CollectCaptured(nested.GetLocalFunctionControlFlowGraph(inner, cancellationToken), nestedOwner);
        }
    }

    private static bool InHandler(ControlFlowRegion? region)
    {
        for (; region != null; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrite(IOperation reference) => reference.Parent switch
    {
        ISimpleAssignmentOperation a => a.Target == reference,
        ICompoundAssignmentOperation c => c.Target == reference,
        IIncrementOrDecrementOperation => true,
        IArgumentOperation arg => arg.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
        _ => reference.Parent is ITupleOperation or IDeclarationExpressionOperation,
    };

    private static IEnumerable<IOperation> RootsOf(BasicBlock block)
    {
        foreach (IOperation op in block.Operations)
        {
            yield return op;
        }

        if (block.BranchValue != null)
        {
            yield return block.BranchValue;
        }
    }

    private void Solve()
    {
        ImmutableBlocks blocks = new(graph);
        var outStates = new FlowState?[blocks.Count];

        // Blocks are visited in order. Without a back edge every block's predecessors are done before it, so one pass
        // is the fixed point; with loops, passes repeat until nothing changes, and the diagnostics of the last pass
        // (the one that changed nothing, so saw the fixed point everywhere) are the ones kept.
        for (int pass = 0; ; pass++)
        {
            // The lattice is shallow (a fact only moves towards Ambiguous); this bound is a guard, not a tuning knob.
            if (pass > 50)
            {
                return;
            }

            bool changed = false;
            reporting = !blocks.HasBackEdge || pass > 0;
            moveStates = !blocks.HasBackEdge;
            var found = new DiagnosticCollector();
            passDiagnostics = found;
            foreach (BasicBlock block in blocks.Reachable)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FlowState? input = InputOf(block, outStates);
                if (input == null)
                {
                    continue;
                }

                state = input;
                Walk(block);
                if (blocks.HasBackEdge && (outStates[block.Ordinal] is not { } previous || !previous.SameAs(state)))
                {
                    changed = true;
                }

                outStates[block.Ordinal] = state;
            }

            if (!changed && reporting)
            {
                foreach (Diagnostic d in found.Diagnostics)
                {
                    diagnostics.Add(d);
                }

                return;
            }
        }
    }

    private FlowState? InputOf(BasicBlock block, FlowState?[] outStates)
    {
        if (block.Kind == BasicBlockKind.Entry)
        {
            return FlowState.Entry(variables.Count);
        }

        // Without loops a predecessor's state is read by its successors only: a block that is the only successor of
        // its only predecessor takes that state over instead of copying it.
        if (moveStates && block.Predecessors.Length == 1 && block.Predecessors[0].Source is { ConditionalSuccessor: null } single
            && outStates[single.Ordinal] is { } moved)
        {
            outStates[single.Ordinal] = null;
            return moved;
        }

        var inputs = new List<FlowState>(block.Predecessors.Length);
        foreach (ControlFlowBranch branch in block.Predecessors)
        {
            if (outStates[branch.Source.Ordinal] is { } s)
            {
                inputs.Add(s);
            }
        }

        if (inputs.Count == 0)
        {
            // Only exceptions lead here (a catch or finally entry), or no predecessor has been reached yet.
            return block.Predecessors.IsEmpty ? FlowState.ExceptionEntry(variables.Count) : null;
        }

        return FlowState.Join(inputs, block.Ordinal, initial);
    }

    private void Walk(BasicBlock block)
    {
        foreach (IOperation op in block.Operations)
        {
            Visit(op);
        }

        if (block.BranchValue != null)
        {
            Visit(block.BranchValue);
        }
    }

    private Fact Initial(int variable)
    {
        if (initialFacts[variable] is { } f)
        {
            return f;
        }

        ISymbol symbol = variables[variable];
        f = Fact.Opaque;
        if (!SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, owner))
        {
            f = Fact.Ambiguous;
        }
        else if (symbol is IParameterSymbol p && known.KindOf(p.GetAttributes()) is { } declared)
        {
            f = new ValueFact(declared.Kind, new Origin(ProducerKind.Attribute, $"declared [{declared.AttributeName}] on parameter '{p.Name}'"));
        }

        initialFacts[variable] = f;
        return f;
    }

    /// <summary>The number of a variable the analysis follows, or -1 for one it does not.</summary>
    private int Tracked(ISymbol? symbol)
    {
        int v = symbol == null ? -1 : variables.IndexOf(symbol);
        return v >= 0 && !untracked[v] ? v : -1;
    }

    /// <summary>What <paramref name="symbol"/> holds here; a name such as <c>logits</c> hints at the kind of a value nothing else is known about.</summary>
    private Fact ValueOf(ISymbol symbol)
    {
        int v = Tracked(symbol);
        if (v < 0)
        {
            return Fact.Ambiguous;
        }

        Fact f = state.Get(v, initial);
        if (ReferenceEquals(f, Fact.Opaque) && NameHints.KindOf(symbol.Name) is { } hinted)
        {
            return new ValueFact(hinted, new Origin(ProducerKind.Name, $"judging by its name '{symbol.Name}'"));
        }

        return f;
    }

    /// <summary>The graph's reachable blocks in order, and whether any branch goes back (a loop).</summary>
    private readonly struct ImmutableBlocks
    {
        public ImmutableBlocks(ControlFlowGraph graph)
        {
            Count = graph.Blocks.Length;
            var reachable = new List<BasicBlock>(Count);
            bool backEdge = false;
            foreach (BasicBlock block in graph.Blocks)
            {
                if (!block.IsReachable)
                {
                    continue;
                }

                reachable.Add(block);
                foreach (ControlFlowBranch branch in block.Predecessors)
                {
                    backEdge |= branch.Source.Ordinal >= block.Ordinal;
                }
            }

            Reachable = reachable;
            HasBackEdge = backEdge;
        }

        public int Count { get; }

        public List<BasicBlock> Reachable { get; }

        public bool HasBackEdge { get; }
    }
}
