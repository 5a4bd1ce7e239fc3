using System.Threading;
using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace LossDsl.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="LossPitfallAnalyzer"/> or <see cref="FormulaPitfallAnalyzer"/> (and a fix) on markup sources:
/// <c>{|LD2001:probs|}</c> marks the exact span expected, inside a formula's string literal too.
/// </summary>
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

    public static Task Analyzer(string source, params DiagnosticResult[] expected) => Analyzer<LossPitfallAnalyzer>(source, expected);

    /// <summary>Runs <see cref="FormulaPitfallAnalyzer"/>: the LD1xxx diagnostics of <c>[Loss]</c> formulas.</summary>
    public static Task Formula(string source, params DiagnosticResult[] expected) => Analyzer<FormulaPitfallAnalyzer>(source, expected);

    /// <summary>As <see cref="Formula(string, DiagnosticResult[])"/>, for a project of several files.</summary>
    public static Task Formula(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<FormulaPitfallAnalyzer>();
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task Analyzer<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task Fix<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new() => Fix<LossPitfallAnalyzer, TFix>(source, fixedSource, expected);

    /// <summary>A fix of a formula diagnostic (<see cref="FormulaPitfallAnalyzer"/>).</summary>
    public static Task FormulaFix<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new() => Fix<FormulaPitfallAnalyzer, TFix>(source, fixedSource, expected);

    public static Task Fix<TAnalyzer, TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TAnalyzer, TFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A diagnostic the fix must not be offered for: the fixed code is the source itself.</summary>
    public static Task NoFix<TFix>(string source)
        where TFix : CodeFixProvider, new() => NoFix<LossPitfallAnalyzer, TFix>(source);

    public static Task NoFix<TAnalyzer, TFix>(string source)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TAnalyzer, TFix> { TestCode = source, FixedCode = source };
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An expected diagnostic; its additional locations (the fix's data) are checked by the fix tests, not here.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new DiagnosticResult(id, LossDsl.Analyzers.Diagnostics.DiagnosticDescriptors.ById(id).DefaultSeverity).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Metadata);
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview);
    }

    private sealed class FixTest<TAnalyzer, TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
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
