using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// The generator must do no work for edits that do not concern a formula, and recompile only the formula that changed.
/// Runs the driver twice with step tracking and inspects the reason recorded for every output of every named step.
/// </summary>
public class IncrementalPipelineTests
{
    private const string LossesA = """
        using System;
        using LossDsl;
        namespace Cases;
        public static partial class A
        {
            [Loss("mean((p - t)^2)")]
            public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(abs(p - q))")]
            public static partial float Broken(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
        }
        """;

    private const string LossesB = """
        using System;
        using LossDsl;
        namespace Cases;
        public static partial class B
        {
            [Loss("mean(softplus(x) - x * t)")]
            public static partial double Bce(ReadOnlySpan<double> x, ReadOnlySpan<double> t, Span<double> dx);
        }
        """;

    private const string Unrelated = """
        namespace Cases;
        public static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    // Two intrinsics of the project: `twice` is called by LossesC, `thrice` by no formula.
    private const string Intrinsics = """
        using System;
        using System.ComponentModel;
        using System.Numerics;
        using LossDsl.Intrinsics;
        namespace Cases;
        [LossIntrinsic("twice")]
        public static class Twice
        {
            public static void Forward<T>(ReadOnlySpan<T> x, [DefaultValue(2)] int times, Span<T> losses) where T : IFloatingPointIeee754<T>
            {
                for (int i = 0; i < x.Length; i++) losses[i] = x[i] * T.CreateChecked(times);
            }

            public static void Backward<T>(ReadOnlySpan<T> x, int times, ReadOnlySpan<T> upstream, Span<T> dX) where T : IFloatingPointIeee754<T>
            {
                for (int i = 0; i < x.Length; i++) dX[i] = upstream[i] * T.CreateChecked(times);
            }
        }

        [LossIntrinsic("thrice")]
        public static class Thrice
        {
            public static void Forward<T>(ReadOnlySpan<T> x, Span<T> losses) where T : IFloatingPointIeee754<T> { }
            public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> dX) where T : IFloatingPointIeee754<T> { }
        }
        """;

    private const string LossesC = """
        using System;
        using LossDsl;
        namespace Cases;
        public static partial class C
        {
            [Loss("mean(twice(x) * w)")]
            public static partial float Twiced(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> dx);
        }
        """;

    private static readonly string[] Steps =
    {
        LossGenerator.TrackingNames.Methods, LossGenerator.TrackingNames.Specs,
        LossGenerator.TrackingNames.Sources, LossGenerator.TrackingNames.Diagnostics,
        LossGenerator.TrackingNames.Intrinsics, LossGenerator.TrackingNames.IntrinsicTable,
        LossGenerator.TrackingNames.MethodsWithIntrinsics,
    };

    [Fact]
    public void Editing_an_intrinsic_no_formula_calls_recompiles_nothing()
    {
        (GeneratorRunResult second, _) = RunTwice(tree => tree.FilePath == "File3.cs",
            text => text.Replace("Forward<T>(ReadOnlySpan<T> x, Span<T> losses)", "Forward<T>(ReadOnlySpan<T> y, Span<T> losses)"));
        Assert.Contains(Reasons(second, LossGenerator.TrackingNames.IntrinsicTable), r => r == IncrementalStepRunReason.Modified);
        Assert.All(Reasons(second, LossGenerator.TrackingNames.Sources), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Editing_an_intrinsic_recompiles_the_formulas_that_call_it()
    {
        (GeneratorRunResult second, GeneratorRunResult first) = RunTwice(tree => tree.FilePath == "File3.cs", text => text.Replace("[DefaultValue(2)]", "[DefaultValue(3)]"));
        var sources = Reasons(second, LossGenerator.TrackingNames.Sources);
        Assert.Equal(1, sources.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(sources.Count - 1, sources.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        static string Twiced(GeneratorRunResult r) => r.GeneratedSources.Single(s => s.HintName.Contains(".Twiced.", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("arg_x, 2, ", Twiced(first), StringComparison.Ordinal);
        Assert.Contains("arg_x, 3, ", Twiced(second), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_in_an_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        (GeneratorRunResult second, _) = RunTwice(tree => tree.FilePath == "File2.cs", text => text.Replace("42", "43"));
        foreach (string step in Steps)
        {
            var reasons = Reasons(second, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Editing_one_formula_recompiles_that_formula_only()
    {
        (GeneratorRunResult second, GeneratorRunResult first) = RunTwice(tree => tree.FilePath == "File1.cs", text => text.Replace("softplus(x) - x * t", "softplus(x) - t * x"));
        var sources = Reasons(second, LossGenerator.TrackingNames.Sources);
        Assert.Equal(1, sources.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(sources.Count - 1, sources.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.NotEqual(
            first.GeneratedSources.Single(s => s.HintName.Contains(".B.", StringComparison.Ordinal)).SourceText.ToString(),
            second.GeneratedSources.Single(s => s.HintName.Contains(".B.", StringComparison.Ordinal)).SourceText.ToString());
    }

    [Fact]
    public void Moving_a_method_without_changing_it_reuses_its_generated_code()
    {
        // Lines inserted above the methods shift every location in the file: the diagnostics move with them,
        // but the location-free specs are equal, so no code is regenerated.
        (GeneratorRunResult second, _) = RunTwice(tree => tree.FilePath == "File0.cs", text => "// a comment\n\n" + text);
        Assert.All(Reasons(second, LossGenerator.TrackingNames.Specs), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(second, LossGenerator.TrackingNames.Sources), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        Diagnostic moved = second.Diagnostics.Single(d => d.Id == "LD0002");
        Assert.Equal(7 + 2, moved.Location.GetLineSpan().StartLinePosition.Line); // 0-based line 7, two lines inserted above
    }

    [Fact]
    public void Pipeline_outputs_hold_no_symbols_syntax_nodes_or_compilations()
    {
        (GeneratorRunResult second, _) = RunTwice(tree => tree.FilePath == "File2.cs", text => text + " ");
        foreach (string step in Steps)
        {
            foreach (IncrementalGeneratorRunStep run in second.TrackedSteps[step])
            {
                foreach ((object value, _) in run.Outputs)
                {
                    AssertNoRoslynState(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    private static (GeneratorRunResult Second, GeneratorRunResult First) RunTwice(Func<SyntaxTree, bool> which, Func<string, string> edit)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(LossesA, LossesB, Unrelated, Intrinsics, LossesC);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();

        SyntaxTree old = compilation.SyntaxTrees.Single(which);
        SyntaxTree changed = old.WithChangedText(SourceText.From(edit(old.GetText().ToString())));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, changed));
        return (driver.GetRunResult().Results.Single(), first);
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static void AssertNoRoslynState(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        // A syntax tree is allowed in diagnostic locations (see LocationInfo): it changes exactly when its file does.
        if (value is SyntaxTree or TextSpan)
        {
            return;
        }

        Assert.False(value is ISymbol or Compilation or SemanticModel or SyntaxNode or Location,
            $"step {step} holds a {value.GetType().Name}, which defeats caching");
        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                AssertNoRoslynState(item, step, seen);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynState(field.GetValue(value), step, seen);
        }
    }
}
