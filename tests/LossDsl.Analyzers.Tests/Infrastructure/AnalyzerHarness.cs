using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using LossDsl.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossDsl.Analyzers.Tests.Infrastructure;

/// <summary>Compiles a source as a user's build would (the LossDsl generator runs first) and runs the analyzers on the result.</summary>
public static class AnalyzerHarness
{
    public sealed record Result(ImmutableArray<Diagnostic> Compiler, ImmutableArray<Diagnostic> Analyzer);

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    public static Task<Result> RunAsync(string source) => RunAsync(new[] { ("Example.cs", source) });

    /// <summary>Compiles the files (path, text) with the generator and runs both analyzers on the output.</summary>
    public static async Task<Result> RunAsync(IEnumerable<(string Path, string Text)> files)
    {
        (Compilation generated, ImmutableArray<Diagnostic> generatorDiagnostics) = Generate(files);
        ImmutableArray<Diagnostic> analyzer = await generated
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LossPitfallAnalyzer(), new FormulaPitfallAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return new Result(generated.GetDiagnostics().AddRange(generatorDiagnostics), analyzer);
    }

    /// <summary>Compiles <paramref name="source"/> with the generator and loads it, to run generated losses.</summary>
    public static Assembly Load(string source)
    {
        (Compilation generated, ImmutableArray<Diagnostic> generatorDiagnostics) = Generate(new[] { ("Example.cs", source) });
        var errors = generated.GetDiagnostics().AddRange(generatorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        using var stream = new MemoryStream();
        if (errors.Count > 0 || !generated.Emit(stream).Success)
        {
            throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", errors));
        }

        return Assembly.Load(stream.ToArray());
    }

    private static (Compilation, ImmutableArray<Diagnostic>) Generate(IEnumerable<(string Path, string Text)> files)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Example" + Guid.NewGuid().ToString("N"),
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, Parse, path: f.Path)),
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new LossGenerator().AsSourceGenerator() }, parseOptions: Parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return (generated, generatorDiagnostics);
    }
}
