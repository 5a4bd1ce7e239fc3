using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace LossDsl.Analyzers.Tests.Infrastructure;

/// <summary>
/// What the test sources compile against: the running .NET's System assemblies (no reference packs to download),
/// TorchSharp's managed assembly (metadata only: nothing loads or runs it) and LossDsl.Runtime.
/// </summary>
public static class TestReferences
{
    /// <summary>The path of TorchSharp.dll in the NuGet cache, recorded at build time.</summary>
    public static string TorchSharpPath { get; } = typeof(TestReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TorchSharpAssembly").Value ?? throw new InvalidOperationException("The test assembly does not record TorchSharp's path.");

    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var refs = tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(TorchSharpPath));
        refs.Add(MetadataReference.CreateFromFile(typeof(LossDsl.LogitsAttribute).Assembly.Location));
        return refs.ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> Metadata => All.Value;

    /// <summary>No reference pack: <see cref="Metadata"/> is added to each test's project instead.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");
}
