using System.Collections.Generic;
using System.Linq;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers.Flow;

/// <summary>The transfer functions of calls: producers, views, loss modules, side effects on the buffers a call is given.</summary>
internal sealed partial class KindFlowAnalysis
{
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

    private static string Describe(IMethodSymbol method) =>
        method.IsStatic ? $"{method.ContainingType.Name}.{method.Name}" : $"Tensor.{method.Name}";

    private static string MethodDisplay(IMethodSymbol method) => $"{method.ContainingType?.Name}.{method.Name}";
}
