using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using LossDsl.Analyzers.Flow;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Symbols;

/// <summary>
/// The types the analyzers recognise, resolved once per compilation, and per-method facts cached for the compilation
/// (is it a sink, does it return a kind). Null when the compilation references neither TorchSharp nor LossDsl.
/// </summary>
internal sealed class KnownSymbols
{
    private readonly ConcurrentDictionary<IMethodSymbol, MethodInfo> methods = new(SymbolEqualityComparer.Default);
    private readonly System.Func<IMethodSymbol, MethodInfo> createInfo;

    private KnownSymbols(Compilation compilation, INamedTypeSymbol? torch, INamedTypeSymbol? lossAttribute)
    {
        // GetTypeByMetadataName searches every referenced assembly; the TorchSharp and LossDsl types are looked up in
        // the one assembly that defines them instead.
        Torch = torch;
        IAssemblySymbol? torchSharp = torch?.ContainingAssembly;
        Nn = torchSharp?.GetTypeByMetadataName("TorchSharp.torch+nn");
        Functional = torchSharp?.GetTypeByMetadataName("TorchSharp.torch+nn+functional");
        Special = torchSharp?.GetTypeByMetadataName("TorchSharp.torch+special");
        Tensor = torchSharp?.GetTypeByMetadataName("TorchSharp.torch+Tensor");
        TensorExtensions = torchSharp?.GetTypeByMetadataName("TorchSharp.TensorExtensionMethods");
        TensorPrimitives = compilation.GetTypeByMetadataName("System.Numerics.Tensors.TensorPrimitives");
        TensorSpan = TensorPrimitives?.ContainingAssembly.GetTypeByMetadataName("System.Numerics.Tensors.TensorSpan`1");
        MemoryExtensions = compilation.GetTypeByMetadataName("System.MemoryExtensions");
        Span = compilation.GetTypeByMetadataName("System.Span`1");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        LossAttribute = lossAttribute;

        var kinds = lossAttribute != null ? KindAttributesOf(lossAttribute.ContainingAssembly) : new Dictionary<INamedTypeSymbol, ValueKind>(SymbolEqualityComparer.Default);
        KindAttributes = kinds;

        var modules = new Dictionary<INamedTypeSymbol, TorchModule>(SymbolEqualityComparer.Default);
        if (torchSharp != null)
        {
            foreach (TorchModule module in TorchModule.All)
            {
                if (torchSharp.GetTypeByMetadataName("TorchSharp.Modules." + module.Name) is { } type)
                {
                    modules.Add(type, module);
                }
            }
        }

        Modules = modules;
        FunctionalLosses = TorchLoss.All.ToImmutableDictionary(l => l.FunctionalName);
        createInfo = m => MethodInfo.Create(this, m);
    }

    public INamedTypeSymbol? Torch { get; }

    public INamedTypeSymbol? Nn { get; }

    public INamedTypeSymbol? Functional { get; }

    public INamedTypeSymbol? Special { get; }

    public INamedTypeSymbol? Tensor { get; }

    public INamedTypeSymbol? TensorExtensions { get; }

    public INamedTypeSymbol? TensorPrimitives { get; }

    public INamedTypeSymbol? MemoryExtensions { get; }

    public INamedTypeSymbol? Span { get; }

    public INamedTypeSymbol? ReadOnlySpan { get; }

    public INamedTypeSymbol? TensorSpan { get; }

    public INamedTypeSymbol? LossAttribute { get; }

    public IReadOnlyDictionary<INamedTypeSymbol, ValueKind> KindAttributes { get; }

    public IReadOnlyDictionary<INamedTypeSymbol, TorchModule> Modules { get; }

    public ImmutableDictionary<string, TorchLoss> FunctionalLosses { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when nothing in it can have a sink (no TorchSharp, no LossDsl).</summary>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        // The value-kind attributes live in LossDsl.Runtime beside LossAttribute: one look for each library decides.
        INamedTypeSymbol? torch = compilation.GetTypeByMetadataName("TorchSharp.torch");
        INamedTypeSymbol? lossAttribute = compilation.GetTypeByMetadataName("LossDsl.LossAttribute");
        return torch == null && lossAttribute == null ? null : new KnownSymbols(compilation, torch, lossAttribute);
    }

    /// <summary>The value-kind attributes LossDsl.Runtime (<paramref name="runtime"/>) defines, and the kind each declares.</summary>
    public static Dictionary<INamedTypeSymbol, ValueKind> KindAttributesOf(IAssemblySymbol runtime)
    {
        var kinds = new Dictionary<INamedTypeSymbol, ValueKind>(SymbolEqualityComparer.Default);
        foreach ((string name, ValueKind kind) in new[]
        {
            ("Logits", ValueKind.Logits), ("Probabilities", ValueKind.Probabilities), ("LogProbabilities", ValueKind.LogProbabilities),
            ("ClassIndices", ValueKind.ClassIndices), ("OneHot", ValueKind.OneHot), ("BinaryLabels", ValueKind.BinaryLabels),
            ("SignLabels", ValueKind.SignLabels),
        })
        {
            if (runtime.GetTypeByMetadataName("LossDsl." + name + "Attribute") is { } type)
            {
                kinds.Add(type, kind);
            }
        }

        return kinds;
    }

    public bool IsTorchFunctionHost(INamedTypeSymbol? type) =>
        type != null && (SymbolEqualityComparer.Default.Equals(type, Torch) || SymbolEqualityComparer.Default.Equals(type, Functional)
        || SymbolEqualityComparer.Default.Equals(type, Special) || SymbolEqualityComparer.Default.Equals(type, Tensor));

    public bool IsTensor(ITypeSymbol? type) => type != null && SymbolEqualityComparer.Default.Equals(type, Tensor);

    /// <summary>The module <paramref name="type"/> is, or derives from.</summary>
    public TorchModule? ModuleOf(ITypeSymbol? type)
    {
        for (ITypeSymbol? t = type; t != null; t = t.BaseType)
        {
            if (t is INamedTypeSymbol named && Modules.TryGetValue(named, out TorchModule? module))
            {
                return module;
            }
        }

        return null;
    }

    /// <summary>True for <c>Span&lt;T&gt;</c>, arrays and <c>TensorSpan&lt;T&gt;</c>: arguments a callee can write into.</summary>
    public bool IsWritableBuffer(ITypeSymbol? type) =>
        type is IArrayTypeSymbol
        || (type is INamedTypeSymbol n && (SymbolEqualityComparer.Default.Equals(n.OriginalDefinition, Span)
            || SymbolEqualityComparer.Default.Equals(n.OriginalDefinition, TensorSpan)));

    /// <summary>The kind an attribute list declares, if any.</summary>
    public (ValueKind Kind, string AttributeName)? KindOf(ImmutableArray<AttributeData> attributes) => KindOf(KindAttributes, attributes);

    /// <summary>The kind an attribute list declares, if any, among <paramref name="kindAttributes"/>.</summary>
    public static (ValueKind Kind, string AttributeName)? KindOf(IReadOnlyDictionary<INamedTypeSymbol, ValueKind> kindAttributes, ImmutableArray<AttributeData> attributes)
    {
        if (kindAttributes.Count == 0)
        {
            return null;
        }

        foreach (AttributeData a in attributes)
        {
            if (a.AttributeClass is { } c && kindAttributes.TryGetValue(c, out ValueKind kind))
            {
                return (kind, c.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? c.Name.Substring(0, c.Name.Length - 9) : c.Name);
            }
        }

        return null;
    }

    /// <summary>What the analyzers need to know about a method, computed once per compilation.</summary>
    public MethodInfo InfoOf(IMethodSymbol method) => methods.GetOrAdd(method.OriginalDefinition, createInfo);
}
