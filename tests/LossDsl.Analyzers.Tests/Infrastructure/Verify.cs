using System.Threading;
using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace LossDsl.Analyzers.Tests.Infrastructure;

/// <summary>Runs <see cref="LossPitfallAnalyzer"/> (and a fix) on markup sources: <c>{|LD2001:probs|}</c> marks the exact span expected.</summary>
public static class Verify
{
    public const string TorchUsings = """
        using System;
        using TorchSharp;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;
        using static TorchSharp.torch.nn.functional;
        using Tensor = TorchSharp.torch.Tensor;

        """;

    public static Task Analyzer(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task Fix<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A diagnostic the fix must not be offered for: the fixed code is the source itself.</summary>
    public static Task NoFix<TFix>(string source)
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TFix> { TestCode = source, FixedCode = source };
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An expected diagnostic; its additional locations (the fix's data) are checked by the fix tests, not here.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new DiagnosticResult(id, LossDsl.Analyzers.Diagnostics.DiagnosticDescriptors.ById(id).DefaultSeverity).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private sealed class AnalyzerTest : CSharpAnalyzerTest<LossPitfallAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Metadata);
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview);
    }

    private sealed class FixTest<TFix> : CSharpCodeFixTest<LossPitfallAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        public FixTest()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Metadata);
            FixedState.AdditionalReferences.AddRange(TestReferences.Metadata);
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview);
    }
}
