using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// A user's call compiled against the catalog: with three arrays, BinaryCrossEntropy(p, t, dp) could mean the gradient
/// overload or the weighted one, and C# 14 would pick the weights (ReadOnlySpan) silently. It must not compile; the
/// spelled-out forms must bind to the overload they name.
/// </summary>
public class CatalogArrayCallTests
{
    private static GeneratorRun Compile(string body) => GeneratorHarness.Run($$"""
        using System;
        using LossDsl;
        public static class Caller
        {
            public static float Call(float[] p, float[] t, float[] a) { {{body}} }
        }
        """);

    [Fact]
    public void Three_arrays_do_not_compile_and_the_message_says_what_to_write()
    {
        GeneratorRun run = Compile("return Losses.Classification.BinaryCrossEntropy(p, t, a);");
        Diagnostic error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Contains("dp.AsSpan()", error.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return Losses.Classification.BinaryCrossEntropy(p, t, a.AsSpan());", "Span")]
    [InlineData("return Losses.Classification.BinaryCrossEntropy(p, t, (ReadOnlySpan<float>)a);", "ReadOnlySpan")]
    public void The_spelled_out_forms_bind_to_the_overload_they_name(string body, string third)
    {
        GeneratorRun run = Compile(body);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = run.Output.SyntaxTrees.First(t => t.ToString().Contains("class Caller", System.StringComparison.Ordinal));
        var model = run.Output.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
            .Single(i => i.Expression.ToString().EndsWith("BinaryCrossEntropy", System.StringComparison.Ordinal));
        var method = (IMethodSymbol)model.GetSymbolInfo(call).Symbol!;
        Assert.Equal(third, method.Parameters[2].Type.Name);
    }
}
