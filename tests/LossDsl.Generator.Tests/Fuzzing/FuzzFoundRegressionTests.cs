using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossDsl.Generator.Tests.Fuzzing;

/// <summary>The classes of input the fuzz tests tolerate C# errors for, each a bug reproduced in <see cref="KnownBugReproTests"/>.</summary>
/// <summary>
/// Regression tests: minimal reproductions of generator bugs the fuzz and differential tests found (all fixed).
/// </summary>
public sealed class FuzzFoundRegressionTests
{
    private static void AssertCompiles(string source)
    {
        string[] errors = GeneratorHarness.Run(source).All.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));
    }

    [Fact]
    public void LineSeparatorInFormulaStillCompiles()
    {
        const string source = """
            using System;
            using LossDsl;
            public static partial class Losses
            {
                [Loss("mean(p)\u2028")]
                public static partial float Loss(ReadOnlySpan<float> p);
            }
            """;
        AssertCompiles(source);
    }

    [Fact]
    public void NewlineInFormulaStillCompiles()
    {
        const string source = """
            using System;
            using LossDsl;
            public static partial class Losses
            {
                [Loss("mean(p)\n")]
                public static partial float Loss(ReadOnlySpan<float> p);
            }
            """;
        AssertCompiles(source);
    }

    [Fact]
    public void TwoPassKernelCompiles()
    {
        const string source = """
            using System;
            using LossDsl;
            public static partial class Losses
            {
                [Loss("mean((p - mean(p))^2)")]
                public static partial double Variance(ReadOnlySpan<double> p, Span<double> dp);
            }
            """;
        AssertCompiles(source);
    }

    [Fact]
    public void FloatKernelWithHugeConstantCompiles()
    {
        const string source = """
            using System;
            using LossDsl;
            public static partial class Losses
            {
                [Loss("mean(p * 1e39)")]
                public static partial float Loss(ReadOnlySpan<float> p);
            }
            """;
        AssertCompiles(source);
    }

    // A stack overflow cannot be caught: if this regresses, the whole test run dies, which is loud enough.
    // 1 MB is csc's main-thread stack on Windows; 12,000 terms once overflowed even Linux's 8 MB main thread.
    [Theory]
    [InlineData(1500)]
    [InlineData(12000)]
    public void LongFlatSumDoesNotOverflowTheStack(int terms)
    {
        string formula = "mean(" + string.Join(" + ", Enumerable.Repeat("p", terms)) + ")";
        var signature = new LossDsl.Generator.Binding.LossSignature("Loss", LossDsl.Generator.Binding.ReturnKind.Float, "float", new[]
        {
            new LossDsl.Generator.Binding.ParameterDecl("p", LossDsl.Generator.Binding.ParameterForm.ReadOnlySpan, LossDsl.Generator.Binding.ScalarType.Float, "ReadOnlySpan<float>"),
        }.ToEquatableArray());
        LossDsl.Generator.Compiler.CompiledLoss? compiled = null;
        var thread = new System.Threading.Thread(() => compiled = LossDsl.Generator.Compiler.FormulaCompiler.Compile(signature, formula), 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(compiled?.Plan);
    }

    [Fact]
    public void LongChainOfOptionsEmitsOnASmallStack()
    {
        // Loop-invariant arithmetic is emitted by a recursive walk: 12,000 chained options must not overflow 1 MB.
        string formula = "mean(p) + " + string.Join(" + ", Enumerable.Repeat("a", 12000));
        var signature = new LossDsl.Generator.Binding.LossSignature("Loss", LossDsl.Generator.Binding.ReturnKind.Float, "float", new[]
        {
            new LossDsl.Generator.Binding.ParameterDecl("p", LossDsl.Generator.Binding.ParameterForm.ReadOnlySpan, LossDsl.Generator.Binding.ScalarType.Float, "ReadOnlySpan<float>"),
            new LossDsl.Generator.Binding.ParameterDecl("a", LossDsl.Generator.Binding.ParameterForm.Scalar, LossDsl.Generator.Binding.ScalarType.Float, "float"),
        }.ToEquatableArray());
        var spec = new LossDsl.Generator.Model.LossMethodSpec(null, new[] { new LossDsl.Generator.Model.ContainingTypeSpec("class", "Losses") }.ToEquatableArray(), "public static", signature, formula);
        LossDsl.Generator.Emission.GeneratedFile? file = null;
        var thread = new System.Threading.Thread(() => file = LossDsl.Generator.Emission.LossSourceEmitter.Emit(spec, default), 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Contains("Kernel.Run(", file!.Source, StringComparison.Ordinal);
    }

    public delegate double SumOfP(ReadOnlySpan<double> p, double a);

    [Theory]
    [InlineData("sum(where(p > 0, a, a))", 3.0)]
    [InlineData("sum(p^0)", 1.0)]
    [InlineData("sum(0 * p + a)", 3.0)]
    public void SimplificationKeepsPerElementShape(string formula, double perElement)
    {
        string source = $$"""
            using System;
            using LossDsl;
            public static partial class Losses
            {
                [Loss("{{formula}}")]
                public static partial double Loss(ReadOnlySpan<double> p, double a);
            }
            """;
        var loss = GeneratorHarness.CompileType(source, "Losses").GetMethod("Loss")!.CreateDelegate<SumOfP>();
        double[] p = { 0.5, -1.5, 2.0, 0.25 };

        // PyTorch: torch.where(p > 0, a, a), p ** 0 and 0 * p + a all have p's shape, so their sum has 4 terms.
        Assert.Equal(4 * perElement, loss(p, 3.0), 12);
    }
}
