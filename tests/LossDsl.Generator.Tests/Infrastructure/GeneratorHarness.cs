using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using LossDsl.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossDsl.Generator.Tests.Infrastructure;

/// <summary>The result of compiling user code with the generator in-process.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Output,
    GeneratorDriver Driver,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>Every error and warning: the generator's and the C# compiler's on the generated output.</summary>
    public IEnumerable<Diagnostic> All => GeneratorDiagnostics.Concat(CompilationDiagnostics);

    /// <summary>Emits and loads the compiled assembly; fails the test with every error if it does not compile.</summary>
    public Assembly Load()
    {
        var errors = All.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", errors) + "\n\n" + string.Join("\n\n", Sources.Values));
        }

        using var stream = new MemoryStream();
        var emit = Output.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", emit.Diagnostics));
        }

        return Assembly.Load(stream.ToArray());
    }
}

/// <summary>Compiles C# source with the LossDsl generator, as a user's build would.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var refs = tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location));
        // System.Numerics.Tensors is a package, not part of the shared framework: reference the copy the tests run with.
        string tensors = typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location;
        if (!refs.Any(r => string.Equals(Path.GetFileName(r.Display), Path.GetFileName(tensors), StringComparison.OrdinalIgnoreCase)))
        {
            refs.Add(MetadataReference.CreateFromFile(tensors));
        }
        return refs.ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    /// <summary>The harness's options compiling C# <paramref name="version"/> ("10", "11", "latest"); fails the test on a name C# does not know.</summary>
    public static CSharpParseOptions ParseOptionsFor(string version)
    {
        if (!LanguageVersionFacts.TryParse(version.Trim(), out LanguageVersion parsed))
        {
            throw new ArgumentException($"'{version}' names no C# version.", nameof(version));
        }

        return ParseOptions.WithLanguageVersion(parsed);
    }

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "UserCode" + Guid.NewGuid().ToString("N"),
            sources.Select((s, k) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"File{k}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new LossGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(params string[] userSources) => Run(ParseOptions, userSources);

    /// <summary>Compiles <paramref name="userSources"/> with the generator under <paramref name="parseOptions"/> (a language version, a documentation mode).</summary>
    public static GeneratorRun Run(CSharpParseOptions parseOptions, params string[] userSources)
    {
        CSharpCompilation input = CreateCompilation().AddSyntaxTrees(
            userSources.Select((s, k) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"File{k}.cs")));
        GeneratorDriver driver = CreateDriver(parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        if (result.Results.Any(r => r.Exception != null))
        {
            throw new InvalidOperationException("The generator threw: " + string.Join("\n", result.Results.Select(r => r.Exception)));
        }

        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        ImmutableArray<Diagnostic> compileDiagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new GeneratorRun((CSharpCompilation)output, driver, generatorDiagnostics, compileDiagnostics, sources);
    }

    /// <summary>Compiles and loads <paramref name="source"/>, returning the type named <paramref name="typeName"/>.</summary>
    public static Type CompileType(string source, string typeName) =>
        Run(source).Load().GetType(typeName) ?? throw new InvalidOperationException($"No type {typeName}.");
}
