using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
internal sealed class KindFlowAnalysis
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

    private Fact Visit(IOperation? op)
    {
        if (op == null)
        {
            return Fact.Opaque;
        }

        // Operation trees nest as deep as the source's expressions; a body too deep for this thread's stack is skipped
        // (see LossPitfallAnalyzer) rather than crash the compiler.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (op)
        {
            case IArgumentOperation a:
                return Visit(a.Value);
            case IConversionOperation c:
                return Convert(c, Visit(c.Operand));
            case IParenthesizedOperation p:
                return Visit(p.Operand);
            case ILocalReferenceOperation l:
                return ValueOf(l.Local);
            case IParameterReferenceOperation p:
                return ValueOf(p.Parameter);
            case IFlowCaptureOperation capture:
                state.SetCapture(capture.Id, Visit(capture.Value));
                return Fact.Opaque;
            case IFlowCaptureReferenceOperation captured:
                return state.GetCapture(captured.Id);
            case ISimpleAssignmentOperation assignment:
                return VisitAssignment(assignment);
            case ICompoundAssignmentOperation compound:
                return VisitCompoundAssignment(compound);
            case IIncrementOrDecrementOperation increment:
                Visit(increment.Target);
                Write(increment.Target, Fact.Opaque, increment, null);
                return Fact.Opaque;
            case IDeconstructionAssignmentOperation deconstruction:
                Visit(deconstruction.Value);
                foreach (IOperation target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (Variable(target) != null)
                    {
                        Write(target, Fact.Opaque, deconstruction, null);
                    }
                }

                return Fact.Opaque;
            case IInvocationOperation invocation:
                return VisitInvocation(invocation);
            case IObjectCreationOperation creation:
                VisitChildren(creation);
                return creation.Type is INamedTypeSymbol created && known.Modules.TryGetValue(created, out TorchModule? module)
                    ? ModuleCreated(module, creation.Syntax, creation.Arguments)
                    : Fact.Opaque;
            case IBinaryOperation binary:
                return VisitBinary(binary, Visit(binary.LeftOperand), Visit(binary.RightOperand), binary.OperatorKind, binary.LeftOperand, binary.RightOperand, binary.Syntax);
            case IArrayCreationOperation array:
                VisitChildren(array);
                return array.Initializer == null ? Fact.Opaque : LabelLiteral(array.Initializer.ElementValues, array.Syntax);
            case ICollectionExpressionOperation collection:
                VisitChildren(collection);
                return LabelLiteral(collection.Elements, collection.Syntax);
            case IAnonymousFunctionOperation or IFlowAnonymousFunctionOperation or ILocalFunctionOperation:
                // Analysed on their own graphs.
                return Fact.Opaque;
            default:
                VisitChildren(op);
                return Fact.Opaque;
        }
    }

    private void VisitChildren(IOperation op)
    {
        foreach (IOperation child in op.ChildOperations)
        {
            Visit(child);
        }
    }

    // Built-in conversions and the span, memory and tensor-span conversions keep the numbers; a user-defined
    // conversion (a double to a Tensor, say) makes something new.
    private static Fact Convert(IConversionOperation conversion, Fact operand)
    {
        if (conversion.OperatorMethod is not { } op)
        {
            return operand;
        }

        string? ns = op.ContainingType?.ContainingNamespace?.ToDisplayString();
        return ns is "System" or "System.Numerics.Tensors" ? operand : Fact.Opaque;
    }

    private Fact VisitAssignment(ISimpleAssignmentOperation assignment)
    {
        Fact value = Visit(assignment.Value);
        if (Variable(assignment.Target) != null)
        {
            Write(assignment.Target, value, assignment, assignment.Value);
        }
        else
        {
            // An element, a field or an indexer of a variable: its buffer now holds something else.
            VisitChildren(assignment.Target);
            if (BufferOf(assignment.Target) is { } buffer)
            {
                WriteContents(buffer, Fact.Opaque, assignment);
            }
        }

        return value;
    }

    private Fact VisitCompoundAssignment(ICompoundAssignmentOperation compound)
    {
        Fact target = Visit(compound.Target);
        Fact value = Visit(compound.Value);
        Fact result = VisitBinary(compound, target, value, compound.OperatorKind, compound.Target, compound.Value, compound.Syntax);
        if (Variable(compound.Target) != null)
        {
            Write(compound.Target, result, compound, null);
        }
        else if (BufferOf(compound.Target) is { } buffer)
        {
            WriteContents(buffer, Fact.Opaque, compound);
        }

        return result;
    }

    private static ISymbol? Variable(IOperation op) => op switch
    {
        ILocalReferenceOperation l => l.Local,
        IParameterReferenceOperation p => p.Parameter,
        _ => null,
    };

    /// <summary>The variable whose buffer <paramref name="op"/> designates: itself, an element of it, a view of it.</summary>
    private ISymbol? BufferOf(IOperation? op)
    {
        while (op != null)
        {
            switch (op)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return Variable(op);
                case IConversionOperation c:
                    op = c.Operand;
                    break;
                case IParenthesizedOperation p:
                    op = p.Operand;
                    break;
                case IArgumentOperation a:
                    op = a.Value;
                    break;
                case IArrayElementReferenceOperation e:
                    op = e.ArrayReference;
                    break;
                case IPropertyReferenceOperation { Instance: { } instance } p when p.Property.IsIndexer:
                    op = instance;
                    break;
                case IInvocationOperation i when known.InfoOf(i.TargetMethod).Role == MethodRole.KindPreserving && i.TargetMethod.ContainingType?.Name != "Tensor":
                    op = i.Instance ?? (i.Arguments.Length > 0 ? i.Arguments[0] : null);
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Assigns <paramref name="value"/> to the variable <paramref name="target"/> designates.</summary>
    private void Write(IOperation target, Fact value, IOperation writer, IOperation? source)
    {
        int v = Tracked(Variable(target));
        if (v < 0)
        {
            return;
        }

        int aliasOf = source != null && IsBuffer(target.Type) ? Tracked(BufferOf(source)) : -1;
        state.Rebind(v, aliasOf, writer);
        state.Set(v, value, writer);
    }

    /// <summary>Something was written into <paramref name="buffer"/>'s elements: every variable viewing them now holds <paramref name="value"/>.</summary>
    private void WriteContents(ISymbol buffer, Fact value, IOperation writer)
    {
        int v = Tracked(buffer);
        if (v >= 0)
        {
            state.ForEachInGroup(v, member =>
            {
                if (!untracked[member])
                {
                    state.Set(member, value, writer);
                }
            });
        }
    }

    private bool IsBuffer(ITypeSymbol? type) =>
        known.IsWritableBuffer(type) || known.IsTensor(type)
        || (type is INamedTypeSymbol n && SymbolEqualityComparer.Default.Equals(n.OriginalDefinition, known.ReadOnlySpan));

    private Fact VisitInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        MethodInfo info = known.InfoOf(method);
        Fact? receiver = invocation.Instance != null ? Visit(invocation.Instance) : null;
        var args = new Fact[method.Parameters.Length];
        for (int k = 0; k < args.Length; k++)
        {
            args[k] = Fact.Opaque;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            Fact f = Visit(argument.Value);
            if (argument.Parameter != null && argument.ArgumentKind != ArgumentKind.ParamArray)
            {
                args[argument.Parameter.Ordinal] = f;
            }
        }

        var call = new Call(invocation, info, receiver, args);
        if (reporting)
        {
            CheckSinks(call);
        }

        Fact result = ResultOf(call);
        ApplySideEffects(call, result);
        return result;
    }

    /// <summary>One call being analysed: the facts of its receiver and of each parameter's argument.</summary>
    private sealed class Call
    {
        public Call(IInvocationOperation invocation, MethodInfo info, Fact? receiver, Fact[] args)
        {
            Invocation = invocation;
            Info = info;
            Receiver = receiver;
            Args = args;
        }

        public IInvocationOperation Invocation { get; }

        public MethodInfo Info { get; }

        public Fact? Receiver { get; }

        public Fact[] Args { get; }

        /// <summary>The tensor a function works on: the receiver of an instance method, else the first argument.</summary>
        public Fact Subject => Receiver ?? (Args.Length > 0 ? Args[0] : Fact.Opaque);

        public IOperation? SubjectOperation => Invocation.Instance ?? ArgumentAt(0)?.Value;

        public IArgumentOperation? ArgumentAt(int ordinal) =>
            Invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal && a.ArgumentKind != ArgumentKind.ParamArray);

        public IArgumentOperation? ArgumentNamed(string name) => Invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
    }

    private Fact ResultOf(Call call)
    {
        IInvocationOperation invocation = call.Invocation;
        MethodInfo info = call.Info;
        switch (info.Role)
        {
            case MethodRole.Producer:
            case MethodRole.InPlaceProducer:
                return Produced(info.Producer, call.Subject, invocation.Syntax, call.SubjectOperation, DimOf(call), Describe(invocation.TargetMethod));
            case MethodRole.KindPreserving:
                return call.Subject;
            case MethodRole.DtypeConversion:
                return call.Subject is ValueFact { Kind: ValueKind.OneHot or ValueKind.ClassIndices } ? Fact.Opaque : call.Subject;
            case MethodRole.FromData:
                return call.Args.Length > 0 && call.Args[0] is ValueFact v ? v : Fact.Opaque;
            case MethodRole.FunctionalLoss:
                return LossResult(info.Loss!.FunctionalName, ConstantReduction(call.ArgumentNamed("reduction")), invocation.Syntax);
            case MethodRole.ModuleFactory:
                return ModuleCreated(info.Module!, invocation.Syntax, invocation.Arguments);
            case MethodRole.ModuleInvoke:
                return ModuleOutput(call);
            case MethodRole.ReduceMean or MethodRole.ReduceSum:
                if (call.Subject is LossFact { Reduction: Reduction.None } unreduced)
                {
                    Reduction r = info.Role == MethodRole.ReduceMean ? Reduction.Mean : Reduction.Sum;
                    return new LossFact(r, $"{unreduced.Template}, then .{invocation.TargetMethod.Name}()", unreduced.Syntax);
                }

                return call.Subject is LossFact ? call.Subject : Fact.Opaque;
            case MethodRole.ScalarRead:
                return call.Subject is LossFact ? call.Subject : Fact.Opaque;
            case MethodRole.None:
                if (info.ReturnKind is { } kind)
                {
                    return new ValueFact(kind, new Origin(ProducerKind.Attribute, $"declared [return: {info.ReturnKindAttribute}] on '{MethodDisplay(invocation.TargetMethod)}'"));
                }

                if (info.LossReduction is { } reduction)
                {
                    return new LossFact(reduction, $"'{MethodDisplay(invocation.TargetMethod)}', whose formula is a {(reduction == Reduction.Sum ? "sum" : "mean")}", invocation.Syntax);
                }

                return Fact.Opaque;
            default:
                return Fact.Opaque;
        }
    }

    private void ApplySideEffects(Call call, Fact result)
    {
        IInvocationOperation invocation = call.Invocation;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && Variable(argument.Value) != null)
            {
                Write(argument.Value, Fact.Opaque, invocation, null);
            }
        }

        switch (call.Info.Role)
        {
            case MethodRole.DestinationProducer:
                if (call.ArgumentNamed("destination") is { } destination && BufferOf(destination.Value) is { } dest)
                {
                    IArgumentOperation? x = call.ArgumentAt(0);
                    Fact written = Produced(call.Info.Producer, call.Args.Length > 0 ? call.Args[0] : Fact.Opaque, invocation.Syntax, x?.Value, null,
                        "TensorPrimitives." + invocation.TargetMethod.Name);
                    WriteContents(dest, written, invocation);
                }

                return;
            case MethodRole.CopyTo:
                // source.CopyTo(destination), or the extension form CopyTo(source, destination).
                IOperation? target = invocation.Instance != null ? call.ArgumentAt(0)?.Value : call.ArgumentAt(1)?.Value;
                if (BufferOf(target) is { } copyTarget)
                {
                    WriteContents(copyTarget, call.Subject, invocation);
                }

                return;
            case MethodRole.InPlaceProducer:
            case MethodRole.InPlaceOther:
                if (BufferOf(call.SubjectOperation) is { } tensor)
                {
                    WriteContents(tensor, call.Info.Role == MethodRole.InPlaceProducer ? result : Fact.Opaque, invocation);
                }

                return;
            case MethodRole.None:
                // A method the analysis does not know may write into any buffer it is given, its receiver included.
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (known.IsWritableBuffer(argument.Parameter?.Type) && BufferOf(argument.Value) is { } buffer)
                    {
                        WriteContents(buffer, Fact.Opaque, invocation);
                    }
                }

                if (invocation.Instance != null && known.IsWritableBuffer(invocation.Instance.Type) && BufferOf(invocation.Instance) is { } self)
                {
                    WriteContents(self, Fact.Opaque, invocation);
                }

                return;
        }
    }

    private Fact Produced(ProducerKind producer, Fact input, SyntaxNode syntax, IOperation? inputOperation, SyntaxNode? dim, string name)
    {
        ValueKind? kind = producer switch
        {
            ProducerKind.Softmax or ProducerKind.Sigmoid => ValueKind.Probabilities,
            ProducerKind.LogSoftmax or ProducerKind.LogSigmoid => ValueKind.LogProbabilities,
            ProducerKind.OneHot => ValueKind.OneHot,
            ProducerKind.Argmax => ValueKind.ClassIndices,
            ProducerKind.Log when input is ValueFact { Kind: ValueKind.Probabilities } => ValueKind.LogProbabilities,
            ProducerKind.Exp when input is ValueFact { Kind: ValueKind.LogProbabilities } => ValueKind.Probabilities,
            _ => null,
        };
        if (kind == null)
        {
            return Fact.Opaque;
        }

        ISymbol? inputSymbol = inputOperation == null ? null : Variable(Unwrap(inputOperation));
        int inputVariable = Tracked(inputSymbol);
        string description = producer is ProducerKind.Log or ProducerKind.Exp
            ? $"from {name} of {(kind == ValueKind.LogProbabilities ? "probabilities" : "log-probabilities")} at line {Origin.LinePlaceholder}"
            : $"from {name} at line {Origin.LinePlaceholder}";
        return new ValueFact(kind.Value, new Origin(producer, description, syntax, inputOperation == null ? null : SyntaxOf(inputOperation),
            inputSymbol, inputVariable >= 0 ? state.VersionOf(inputVariable) : null, dim));
    }

    // The dim of a softmax, for the log_softmax fix; none when a dtype is given (the fix would drop it).
    private static SyntaxNode? DimOf(Call call)
    {
        if (call.Info.Producer != ProducerKind.Softmax || call.ArgumentNamed("dtype") is { ArgumentKind: ArgumentKind.Explicit })
        {
            return null;
        }

        return call.ArgumentNamed("dim") is { ArgumentKind: ArgumentKind.Explicit } dim ? SyntaxOf(dim.Value) : null;
    }

    private Fact ModuleCreated(TorchModule module, SyntaxNode syntax, IEnumerable<IArgumentOperation> arguments)
    {
        Reduction? reduction = Reduction.Mean;
        bool? logTarget = module.Loss?.IsKlDiv == true ? true : null;
        bool logTargetExplicit = false;
        SyntaxNode? dim = null;
        foreach (IArgumentOperation a in arguments)
        {
            switch (a.Parameter?.Name)
            {
                case "reduction":
                    reduction = ConstantReduction(a);
                    break;
                case "log_target":
                    logTarget = a.Value.ConstantValue is { HasValue: true, Value: bool b } ? b : null;
                    logTargetExplicit = a.ArgumentKind == ArgumentKind.Explicit;
                    break;
                case "dim" when a.ArgumentKind == ArgumentKind.Explicit:
                    dim = SyntaxOf(a.Value);
                    break;
            }
        }

        return new ModuleFact(module, syntax, reduction, logTarget, logTargetExplicit, dim);
    }

    private Fact ModuleOutput(Call call)
    {
        IInvocationOperation invocation = call.Invocation;
        ModuleFact? created = call.Receiver as ModuleFact;
        TorchModule? module = created?.Module ?? known.ModuleOf(invocation.Instance?.Type);
        if (module?.Activation is { } activation)
        {
            return Produced(activation, call.Args.Length > 0 ? call.Args[0] : Fact.Opaque, invocation.Syntax, call.ArgumentAt(0)?.Value,
                created?.DimSyntax, module.Display);
        }

        if (module?.Loss is { } loss)
        {
            return LossResult(module.Display, created?.Reduction, invocation.Syntax);
        }

        // A model's call runs its forward: a kind declared on the forward override is the call's kind.
        if (invocation.TargetMethod.Name == "call" && invocation.Instance?.Type is INamedTypeSymbol model)
        {
            for (INamedTypeSymbol? t = model; t != null && !SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, known.Torch?.ContainingAssembly); t = t.BaseType)
            {
                foreach (IMethodSymbol forward in t.GetMembers("forward").OfType<IMethodSymbol>())
                {
                    if (forward.Parameters.Length == invocation.TargetMethod.Parameters.Length && known.InfoOf(forward).ReturnKind is { } kind)
                    {
                        return new ValueFact(kind, new Origin(ProducerKind.Attribute,
                            $"declared [return: {known.InfoOf(forward).ReturnKindAttribute}] on '{MethodDisplay(forward)}'"));
                    }
                }
            }
        }

        return Fact.Opaque;
    }

    private static Fact LossResult(string name, Reduction? reduction, SyntaxNode syntax) =>
        reduction is { } r ? new LossFact(r, $"{name} with reduction {r} at line {Origin.LinePlaceholder}", syntax) : Fact.Opaque;

    internal static Reduction? ConstantReduction(IArgumentOperation? argument)
    {
        // TorchSharp's Reduction is an enum over long; its constants come as the underlying integer.
        object? value = argument?.Value.ConstantValue is { HasValue: true } c ? c.Value : null;
        long? n = value switch
        {
            int i => i,
            long l => l,
            _ => null,
        };
        return n is >= 0 and <= 2 ? (Reduction)n.Value : null;
    }

    private Fact VisitBinary(IOperation op, Fact left, Fact right, BinaryOperatorKind kind, IOperation leftOp, IOperation rightOp, SyntaxNode syntax)
    {
        switch (kind)
        {
            case BinaryOperatorKind.Add or BinaryOperatorKind.Subtract:
                if (left is LossFact l && right is LossFact r)
                {
                    if (l.Reduction == r.Reduction && l.Reduction != Reduction.None)
                    {
                        return l;
                    }

                    if (reporting && l.Reduction != r.Reduction && l.Reduction != Reduction.None && r.Reduction != Reduction.None)
                    {
                        (LossFact sum, IOperation sumOp, LossFact mean, IOperation meanOp) = l.Reduction == Reduction.Sum ? (l, leftOp, r, rightOp) : (r, rightOp, l, leftOp);
                        passDiagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MixedReductions, syntax.GetLocation(),
                            OperandDisplay(sumOp), sum.Description, OperandDisplay(meanOp), mean.Description));
                    }
                }

                return Fact.Opaque;
            case BinaryOperatorKind.Multiply:
                return left is LossFact && IsConstant(rightOp) ? left : right is LossFact && IsConstant(leftOp) ? right : Fact.Opaque;
            case BinaryOperatorKind.Divide:
                // Dividing by a constant keeps the scale's dependence on the batch; dividing by anything else may be the normalisation.
                return left is LossFact && IsConstant(rightOp) ? left : Fact.Opaque;
            default:
                _ = op;
                return Fact.Opaque;
        }
    }

    private static bool IsConstant(IOperation op)
    {
        for (IOperation? o = op; o != null; o = (o as IConversionOperation)?.Operand)
        {
            if (o.ConstantValue.HasValue)
            {
                return true;
            }
        }

        return false;
    }

    // A literal whose elements are all 0 or 1 with at least one 0 holds {0, 1} labels; all -1 or 1 with at least one
    // -1 holds {-1, +1} labels. Anything else (a 2, a 0.5, only 1s) says nothing.
    private static Fact LabelLiteral(IEnumerable<IOperation> elements, SyntaxNode syntax)
    {
        bool any = false, zero = false, minusOne = false, other = false;
        foreach (IOperation e in elements)
        {
            any = true;
            object? value = e.ConstantValue.HasValue ? e.ConstantValue.Value : null;
            double? d = value switch
            {
                int i => i,
                long l => l,
                float f => f,
                double x => x,
                short s => s,
                sbyte b => b,
                _ => null,
            };
            switch (d)
            {
                case 0:
                    zero = true;
                    break;
                case 1:
                    break;
                case -1:
                    minusOne = true;
                    break;
                default:
                    other = true;
                    break;
            }
        }

        if (!any || other || (zero && minusOne))
        {
            return Fact.Opaque;
        }

        if (zero)
        {
            return new ValueFact(ValueKind.BinaryLabels, new Origin(ProducerKind.Literal, $"the literal at line {Origin.LinePlaceholder} contains 0", syntax));
        }

        return minusOne
            ? new ValueFact(ValueKind.SignLabels, new Origin(ProducerKind.Literal, $"the literal at line {Origin.LinePlaceholder} contains -1", syntax))
            : Fact.Opaque;
    }

    private void CheckSinks(Call call)
    {
        IInvocationOperation invocation = call.Invocation;
        MethodInfo info = call.Info;
        if (info.Role == MethodRole.FunctionalLoss)
        {
            TorchLoss loss = info.Loss!;
            IArgumentOperation? logTargetArgument = loss.IsKlDiv ? call.ArgumentNamed("log_target") : null;
            bool? logTarget = logTargetArgument?.Value.ConstantValue is { HasValue: true, Value: bool b } ? b : null;
            var site = new SinkSite(invocation.TargetMethod.Name, loss, module: null, invocation.Syntax, logTarget,
                logTargetArgument?.ArgumentKind == ArgumentKind.Explicit);
            foreach ((int ordinal, Expectation expectation) in loss.Inputs)
            {
                Check(call, ordinal, expectation, site);
            }
        }
        else if (info.Role == MethodRole.ModuleInvoke)
        {
            ModuleFact? created = call.Receiver as ModuleFact;
            if ((created?.Module ?? known.ModuleOf(invocation.Instance?.Type)) is { Loss: { } loss } module)
            {
                var site = new SinkSite(module.Display, loss, created, created?.Creation, created?.LogTarget, created?.LogTargetExplicit ?? false);
                foreach ((int ordinal, Expectation expectation) in loss.Inputs)
                {
                    Check(call, ordinal, expectation, site);
                }
            }
        }
        else if (!info.SinkParameters.IsEmpty)
        {
            var site = new SinkSite($"'{MethodDisplay(invocation.TargetMethod)}'", loss: null, module: null, invocation.Syntax, logTarget: null);
            foreach ((int ordinal, Expectation expectation) in info.SinkParameters)
            {
                Check(call, ordinal, expectation, site);
            }
        }
    }

    private void Check(Call call, int ordinal, Expectation expectation, SinkSite site)
    {
        if (ordinal >= call.Args.Length || call.Args[ordinal] is not ValueFact fact || call.ArgumentAt(ordinal) is not { } argument
            || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return;
        }

        SyntaxNode argumentSyntax = argument.Syntax is ArgumentSyntax a ? a.Expression : argument.Value.Syntax;
        Diagnostic? d = SinkChecker.Check(expectation, fact, site, argumentSyntax, CanReuseInput(fact, argumentSyntax));
        if (d != null)
        {
            passDiagnostics.Add(d);
        }
    }

    // A fix may put the producer's input in place of the argument when the argument is the producer call itself, or
    // when the input is a variable that still holds what the producer read.
    private InputReuse CanReuseInput(ValueFact fact, SyntaxNode argumentSyntax)
    {
        Origin o = fact.Origin;
        if (!fact.SingleOrigin || o.ProducerSyntax == null || o.InputSyntax == null || o.ProducerSyntax.SyntaxTree != argumentSyntax.SyntaxTree)
        {
            return InputReuse.No;
        }

        if (SinkChecker.Unparenthesize(argumentSyntax) == o.ProducerSyntax)
        {
            return InputReuse.Inline;
        }

        int input = Tracked(o.InputSymbol);
        return input >= 0 && o.InputSyntax is IdentifierNameSyntax && Equals(state.VersionOf(input), o.InputVersion)
            ? InputReuse.Unchanged : InputReuse.No;
    }

    private static IOperation Unwrap(IOperation op)
    {
        while (true)
        {
            switch (op)
            {
                case IConversionOperation c when c.IsImplicit || c.OperatorMethod == null:
                    op = c.Operand;
                    break;
                case IParenthesizedOperation p:
                    op = p.Operand;
                    break;
                case IArgumentOperation a:
                    op = a.Value;
                    break;
                default:
                    return op;
            }
        }
    }

    private static SyntaxNode SyntaxOf(IOperation op) => op.Syntax is ArgumentSyntax a ? a.Expression : op.Syntax;

    private static string OperandDisplay(IOperation op) => SinkChecker.Unparenthesize(SyntaxOf(Unwrap(op))) switch
    {
        IdentifierNameSyntax id => $"'{id.Identifier.ValueText}'",
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var name } } => $"'{name.Identifier.ValueText}(...)'",
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => $"'{name.Identifier.ValueText}(...)'",
        _ => "one term",
    };

    private static string Describe(IMethodSymbol method) =>
        method.IsStatic ? $"{method.ContainingType.Name}.{method.Name}" : $"Tensor.{method.Name}";

    private static string MethodDisplay(IMethodSymbol method) => $"{method.ContainingType?.Name}.{method.Name}";

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
