using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LossDsl.Analyzers.Flow;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Symbols;

/// <summary>What the analyzers know about one method, computed once per compilation by <see cref="KnownSymbols.InfoOf"/>.</summary>
internal sealed class MethodInfo
{
    private static readonly ImmutableDictionary<string, ProducerKind> TorchProducers = new Dictionary<string, ProducerKind>
    {
        ["softmax"] = ProducerKind.Softmax,
        ["sigmoid"] = ProducerKind.Sigmoid,
        ["log_softmax"] = ProducerKind.LogSoftmax,
        ["logsigmoid"] = ProducerKind.LogSigmoid,
        ["log_sigmoid"] = ProducerKind.LogSigmoid,
        ["log"] = ProducerKind.Log,
        ["exp"] = ProducerKind.Exp,
        ["one_hot"] = ProducerKind.OneHot,
        ["argmax"] = ProducerKind.Argmax,
    }.ToImmutableDictionary();

    private static readonly ImmutableHashSet<string> KindPreservingTensorMethods = ImmutableHashSet.Create(
        "detach", "clone", "contiguous", "cpu", "cuda", "alias", "requires_grad_", "MoveToOuterDisposeScope",
        "DetachFromDisposeScope", "view", "reshape", "squeeze", "unsqueeze", "flatten", "view_as", "reshape_as");

    private static readonly ImmutableHashSet<string> DtypeTensorMethods = ImmutableHashSet.Create(
        "to_type", "type", "float", "double", "long", "int", "half");

    private static readonly MethodInfo Unknown = new(MethodRole.None);

    private MethodInfo(MethodRole role)
    {
        Role = role;
    }

    public MethodRole Role { get; private set; }

    public ProducerKind Producer { get; private set; }

    public TorchLoss? Loss { get; private set; }

    public TorchModule? Module { get; private set; }

    /// <summary>Kinds the method's parameters declare (LossDsl catalog and users' own methods).</summary>
    public ImmutableArray<(int Ordinal, Expectation Expectation)> SinkParameters { get; private set; } = ImmutableArray<(int, Expectation)>.Empty;

    /// <summary>The kind of the method's result from <c>[return: Kind]</c> or <c>[Kind]</c> on the method.</summary>
    public ValueKind? ReturnKind { get; private set; }

    public string? ReturnKindAttribute { get; private set; }

    /// <summary>A <c>[Loss]</c> method's reduction read from its formula's outermost call (<c>mean(...)</c> or <c>sum(...)</c>).</summary>
    public Reduction? LossReduction { get; private set; }

    /// <summary>Whether a call to the method can be a sink or a known loss; a method body without one is not analysed.</summary>
    public bool IsCandidate => Role is MethodRole.FunctionalLoss or MethodRole.ModuleInvoke || !SinkParameters.IsEmpty || LossReduction != null;

    public static MethodInfo Create(KnownSymbols known, IMethodSymbol method)
    {
        INamedTypeSymbol? type = method.ContainingType;
        if (type == null)
        {
            return Unknown;
        }

        if (known.Torch != null && IsInTorchSharp(type))
        {
            return ForTorch(known, method, type);
        }

        if (known.TensorPrimitives != null && SymbolEqualityComparer.Default.Equals(type, known.TensorPrimitives))
        {
            return method.Name switch
            {
                "SoftMax" => new MethodInfo(MethodRole.DestinationProducer) { Producer = ProducerKind.Softmax },
                "Sigmoid" => new MethodInfo(MethodRole.DestinationProducer) { Producer = ProducerKind.Sigmoid },
                "Log" => new MethodInfo(MethodRole.DestinationProducer) { Producer = ProducerKind.Log },
                "Exp" => new MethodInfo(MethodRole.DestinationProducer) { Producer = ProducerKind.Exp },
                _ => Unknown,
            };
        }

        if (IsSpanLike(known, type) || SymbolEqualityComparer.Default.Equals(type, known.MemoryExtensions))
        {
            return method.Name switch
            {
                "AsSpan" or "Slice" => new MethodInfo(MethodRole.KindPreserving),
                "CopyTo" or "TryCopyTo" => new MethodInfo(MethodRole.CopyTo),
                _ => Unknown,
            };
        }

        return ForUserMethod(known, method);
    }

    private static bool IsInTorchSharp(INamedTypeSymbol type)
    {
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns != null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "TorchSharp" && ns.ContainingNamespace.IsGlobalNamespace)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSpanLike(KnownSymbols known, INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known.Span)
        || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known.ReadOnlySpan);

    private static MethodInfo ForTorch(KnownSymbols known, IMethodSymbol method, INamedTypeSymbol type)
    {
        string name = method.Name;
        bool onTensor = SymbolEqualityComparer.Default.Equals(type, known.Tensor);
        if (known.IsTorchFunctionHost(type))
        {
            if (TorchProducers.TryGetValue(name, out ProducerKind producer))
            {
                return new MethodInfo(MethodRole.Producer) { Producer = producer };
            }

            if (name.EndsWith("_", StringComparison.Ordinal) && TorchProducers.TryGetValue(name.Substring(0, name.Length - 1), out producer)
                && producer is ProducerKind.Sigmoid or ProducerKind.Log or ProducerKind.Exp)
            {
                return new MethodInfo(MethodRole.InPlaceProducer) { Producer = producer };
            }

            if (SymbolEqualityComparer.Default.Equals(type, known.Functional) && known.FunctionalLosses.TryGetValue(name, out TorchLoss? loss))
            {
                return new MethodInfo(MethodRole.FunctionalLoss) { Loss = loss };
            }

            if (SymbolEqualityComparer.Default.Equals(type, known.Torch) && name is "tensor" or "as_tensor" or "from_array")
            {
                return new MethodInfo(MethodRole.FromData);
            }
        }

        if (onTensor && !method.IsStatic)
        {
            if (KindPreservingTensorMethods.Contains(name))
            {
                return new MethodInfo(MethodRole.KindPreserving);
            }

            if (name == "to")
            {
                // to(device) keeps the numbers; to(dtype ...) and to(other) may change the element type.
                bool changesType = method.Parameters.Length > 0 && (method.Parameters[0].Type.Name == "ScalarType" || known.IsTensor(method.Parameters[0].Type));
                return new MethodInfo(changesType ? MethodRole.DtypeConversion : MethodRole.KindPreserving);
            }

            if (DtypeTensorMethods.Contains(name))
            {
                return new MethodInfo(MethodRole.DtypeConversion);
            }

            if (name == "mean" && method.Parameters.IsEmpty)
            {
                return new MethodInfo(MethodRole.ReduceMean);
            }

            if (name == "sum" && (method.Parameters.IsEmpty || (method.Parameters.Length == 1 && method.Parameters[0].Name == "type")))
            {
                return new MethodInfo(MethodRole.ReduceSum);
            }

            if (name is "item" or "ToScalar")
            {
                return new MethodInfo(MethodRole.ScalarRead);
            }

            if (name.EndsWith("_", StringComparison.Ordinal))
            {
                return new MethodInfo(MethodRole.InPlaceOther);
            }
        }

        if (SymbolEqualityComparer.Default.Equals(type, known.TensorExtensions) && name is "ToSingle" or "ToDouble")
        {
            return new MethodInfo(MethodRole.ScalarRead);
        }

        if (method.IsStatic && SymbolEqualityComparer.Default.Equals(type, known.Nn) && known.ModuleOf(method.ReturnType) is { } module
            && module.Name == name)
        {
            return new MethodInfo(MethodRole.ModuleFactory) { Module = module };
        }

        if (!method.IsStatic && name is "call" or "forward" && IsModuleType(type))
        {
            return new MethodInfo(MethodRole.ModuleInvoke);
        }

        return Unknown;
    }

    private static bool IsModuleType(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t != null; t = t.BaseType)
        {
            if (t.Name == "Module" && t.ContainingType?.Name == "nn")
            {
                return true;
            }
        }

        return type.TypeKind == TypeKind.Interface && type.Name == "IModule";
    }

    private static MethodInfo ForUserMethod(KnownSymbols known, IMethodSymbol method)
    {
        var info = new MethodInfo(MethodRole.None);
        var ret = known.KindOf(method.GetReturnTypeAttributes()) ?? known.KindOf(method.GetAttributes());
        if (ret != null)
        {
            info.ReturnKind = ret.Value.Kind;
            info.ReturnKindAttribute = ret.Value.AttributeName;
        }

        if (known.KindAttributes.Count > 0)
        {
            var declared = new List<(int Ordinal, ValueKind Kind, int Activation)>();
            foreach (IParameterSymbol p in method.Parameters)
            {
                ImmutableArray<AttributeData> attributes = p.GetAttributes();
                if (known.KindOf(attributes) is { } k)
                {
                    declared.Add((p.Ordinal, k.Kind, k.Kind == ValueKind.Logits ? ActivationOf(attributes) : 0));
                }
            }

            info.SinkParameters = Expectations(declared);
        }

        if (known.LossAttribute != null && method.ReturnType.SpecialType is SpecialType.System_Single or SpecialType.System_Double)
        {
            foreach (AttributeData a in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.LossAttribute)
                    && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string formula)
                {
                    info.LossReduction = FormulaReduction.Of(formula);
                }
            }
        }

        return info.ReturnKind == null && info.SinkParameters.IsEmpty && info.LossReduction == null ? Unknown : info;
    }

    // LossDsl.LogitsActivation's values; the analyzers do not reference the runtime.
    private const int SoftmaxActivation = 1;
    private const int SigmoidActivation = 2;

    private static int ActivationOf(ImmutableArray<AttributeData> attributes)
    {
        foreach (AttributeData a in attributes)
        {
            if (a.AttributeClass?.Name == "LogitsAttribute")
            {
                foreach (KeyValuePair<string, TypedConstant> named in a.NamedArguments)
                {
                    if (named.Key == "Activation" && named.Value.Value is int value)
                    {
                        return value;
                    }
                }
            }
        }

        return 0;
    }

    // A [Logits] parameter feeds what its Activation says (LossDsl.LogitsActivation: 1 softmax, 2 sigmoid); unstated, a
    // softmax when the method takes class indices, a sigmoid when it takes binary or sign labels, and either when it
    // takes probability targets (cross-entropy with soft targets, BCE with soft targets): the value's producer decides.
    // A [LogProbabilities] parameter beside a distribution is a KL input, otherwise a likelihood input.
    private static ImmutableArray<(int, Expectation)> Expectations(List<(int Ordinal, ValueKind Kind, int Activation)> declared)
    {
        if (declared.Count == 0)
        {
            return ImmutableArray<(int, Expectation)>.Empty;
        }

        bool binaryTargets = declared.Exists(d => d.Kind is ValueKind.BinaryLabels or ValueKind.SignLabels);
        bool classTargets = declared.Exists(d => d.Kind is ValueKind.ClassIndices or ValueKind.OneHot);
        Expectation InferredLogits() => binaryTargets ? Expectation.SigmoidLogits : classTargets ? Expectation.SoftmaxLogits : Expectation.Logits;
        var result = ImmutableArray.CreateBuilder<(int, Expectation)>();
        foreach ((int ordinal, ValueKind kind, int activation) in declared)
        {
            bool distributionSibling = declared.Exists(d => d.Ordinal != ordinal && d.Kind is ValueKind.Probabilities or ValueKind.LogProbabilities);
            Expectation? e = kind switch
            {
                ValueKind.Logits => activation switch { SoftmaxActivation => Expectation.SoftmaxLogits, SigmoidActivation => Expectation.SigmoidLogits, _ => InferredLogits() },
                ValueKind.Probabilities => Expectation.Probabilities,
                ValueKind.LogProbabilities => distributionSibling ? Expectation.KlInput : Expectation.LogProbabilities,
                ValueKind.ClassIndices => Expectation.ClassIndices,
                ValueKind.BinaryLabels => Expectation.BinaryLabels,
                ValueKind.SignLabels => Expectation.SignLabels,
                _ => null,
            };
            if (e != null)
            {
                result.Add((ordinal, e.Value));
            }
        }

        return result.ToImmutable();
    }
}
