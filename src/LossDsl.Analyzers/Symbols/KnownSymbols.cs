using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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

    private KnownSymbols(Compilation compilation)
    {
        Torch = compilation.GetTypeByMetadataName("TorchSharp.torch");
        Nn = compilation.GetTypeByMetadataName("TorchSharp.torch+nn");
        Functional = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+functional");
        Special = compilation.GetTypeByMetadataName("TorchSharp.torch+special");
        Tensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
        TensorExtensions = compilation.GetTypeByMetadataName("TorchSharp.TensorExtensionMethods");
        TensorPrimitives = compilation.GetTypeByMetadataName("System.Numerics.Tensors.TensorPrimitives");
        MemoryExtensions = compilation.GetTypeByMetadataName("System.MemoryExtensions");
        Span = compilation.GetTypeByMetadataName("System.Span`1");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        TensorSpan = compilation.GetTypeByMetadataName("System.Numerics.Tensors.TensorSpan`1");
        LossAttribute = compilation.GetTypeByMetadataName("LossDsl.LossAttribute");

        var kinds = new Dictionary<INamedTypeSymbol, ValueKind>(SymbolEqualityComparer.Default);
        foreach ((string name, ValueKind kind) in new[]
        {
            ("Logits", ValueKind.Logits), ("Probabilities", ValueKind.Probabilities), ("LogProbabilities", ValueKind.LogProbabilities),
            ("ClassIndices", ValueKind.ClassIndices), ("OneHot", ValueKind.OneHot), ("BinaryLabels", ValueKind.BinaryLabels),
            ("SignLabels", ValueKind.SignLabels),
        })
        {
            if (compilation.GetTypeByMetadataName("LossDsl." + name + "Attribute") is { } type)
            {
                kinds.Add(type, kind);
            }
        }

        KindAttributes = kinds;

        var modules = new Dictionary<INamedTypeSymbol, TorchModule>(SymbolEqualityComparer.Default);
        if (Torch != null)
        {
            foreach (TorchModule module in TorchModule.All)
            {
                if (compilation.GetTypeByMetadataName("TorchSharp.Modules." + module.Name) is { } type)
                {
                    modules.Add(type, module);
                }
            }
        }

        Modules = modules;
        FunctionalLosses = TorchLoss.All.ToImmutableDictionary(l => l.FunctionalName);
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
        var known = new KnownSymbols(compilation);
        return known.Torch == null && known.KindAttributes.Count == 0 && known.LossAttribute == null ? null : known;
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
    public (ValueKind Kind, string AttributeName)? KindOf(ImmutableArray<AttributeData> attributes)
    {
        if (KindAttributes.Count == 0)
        {
            return null;
        }

        foreach (AttributeData a in attributes)
        {
            if (a.AttributeClass is { } c && KindAttributes.TryGetValue(c, out ValueKind kind))
            {
                return (kind, c.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? c.Name.Substring(0, c.Name.Length - 9) : c.Name);
            }
        }

        return null;
    }

    /// <summary>What the analyzers need to know about a method, computed once per compilation.</summary>
    public MethodInfo InfoOf(IMethodSymbol method) => methods.GetOrAdd(method.OriginalDefinition, m => MethodInfo.Create(this, m));
}
