using System;
using System.Collections.Immutable;
using System.Linq;
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

    public static async Task<Result> RunAsync(string source)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Example" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, parse, path: "Example.cs") },
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new LossGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzer = await generated
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LossPitfallAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return new Result(generated.GetDiagnostics().AddRange(generatorDiagnostics), analyzer);
    }
}
