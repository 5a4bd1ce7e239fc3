using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>
/// A <c>[LossIntrinsic]</c> class that breaks the calling convention is LD0022 on the declaration, method or parameter
/// at fault; a formula that misuses a user intrinsic (or calls a broken one) is LD0020 or LD0004 on its own characters.
/// </summary>
public class UserIntrinsicDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel;
        using System.Numerics;
        using System.Numerics.Tensors;
        using LossDsl;
        using LossDsl.Intrinsics;

        """;

    private const string Constraint = "where T : IFloatingPointIeee754<T>";

    // A well-formed intrinsic with a vector input, one to vary in each case.
    private static string Intrinsic(string attribute = "[LossIntrinsic(\"twice\")]", string header = "public static class Twice",
        string forward = "ReadOnlySpan<T> x, Span<T> losses", string backward = "ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> dX",
        string constraint = Constraint, string extra = "") => $$"""
        {{attribute}}
        {{header}}
        {
            public static void Forward<T>({{forward}}) {{constraint}} { }
            public static void Backward<T>({{backward}}) {{constraint}} { }
            {{extra}}
        }
        """;

    private static Diagnostic[] Reported(params string[] sources)
    {
        GeneratorRun run = GeneratorHarness.Run(sources.Select(s => Usings + s).ToArray());
        return run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("LD", StringComparison.Ordinal)).ToArray();
    }

    private static Diagnostic Only(Diagnostic[] reported)
    {
        Assert.True(reported.Length == 1, $"expected one diagnostic, got:\n{string.Join("\n", reported.Select(d => d.ToString()))}");
        return reported[0];
    }

    private static string Marked(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Theory]
    [InlineData("[LossIntrinsic(\"twice\")]", "public class Twice", "ReadOnlySpan<T> x, Span<T> losses", "Twice", "static class")]
    [InlineData("[LossIntrinsic(\"exp\")]", "public static class Twice", "ReadOnlySpan<T> x, Span<T> losses", "\"exp\"", "already a function")]
    [InlineData("[LossIntrinsic(\"pi\")]", "public static class Twice", "ReadOnlySpan<T> x, Span<T> losses", "\"pi\"", "already a constant")]
    [InlineData("[LossIntrinsic(\"my-loss\")]", "public static class Twice", "ReadOnlySpan<T> x, Span<T> losses", "\"my-loss\"", "formula identifier")]
    [InlineData("[LossIntrinsic(\"twice\")]", "public static class Twice", "T[] x, Span<T> losses", "x", "an input is a ReadOnlySpan<T>")]
    [InlineData("[LossIntrinsic(\"twice\")]", "public static class Twice", "ReadOnlySpan<T> x, Span<T> result, Span<T> losses", "result", "an input is a ReadOnlySpan<T>")]
    [InlineData("[LossIntrinsic(\"twice\")]", "public static class Twice", "ReadOnlySpan<T> x, ReadOnlySpan<T> losses", "losses", "ends with 'Span<T> losses'")]
    [InlineData("[LossIntrinsic(\"twice\")]", "public static class Twice", "int k, ReadOnlySpan<T> x, Span<T> losses", "x", "follows an option")]
    [InlineData("[LossIntrinsic(\"twice\")]", "public static class Twice", "ReadOnlySpan<T> x, [DefaultValue(\"two\")] int k, Span<T> losses", "k", "is not an int")]
    [InlineData("[LossIntrinsic(\"twice\")]", "public static class Twice", "Span<T> losses", "losses", "at least one input")]
    public void A_malformed_declaration_is_LD0022_where_it_is_wrong(string attribute, string header, string forward, string marked, string messagePart)
    {
        // Backward is kept consistent with Forward's inputs, so that only the intended fault is reported.
        string backward = forward.Contains("int k", StringComparison.Ordinal)
            ? (forward.StartsWith("int k", StringComparison.Ordinal) ? "int k, ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> dX" : "ReadOnlySpan<T> x, int k, ReadOnlySpan<T> upstream, Span<T> dX")
            : "ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> dX";
        Diagnostic d = Only(Reported(Intrinsic(attribute, header, forward, backward)));
        Assert.Equal("LD0022", d.Id);
        Assert.Equal(marked, Marked(d));
        Assert.Contains(messagePart, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> gradient", "gradient", "parameter 3 ('gradient') is wrong")]
    [InlineData("ReadOnlySpan<T> x, ReadOnlySpan<T> upstream", "Backward", "parameter 3 is missing")]
    [InlineData("ReadOnlySpan<T> y, ReadOnlySpan<T> upstream, Span<T> dX", "y", "parameter 1 ('y') is wrong")]
    [InlineData("ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, TensorSpan<T> dX", "dX", "(ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> dX)")]
    public void A_backward_that_does_not_mirror_forward_is_LD0022_on_the_first_wrong_parameter(string backward, string marked, string messagePart)
    {
        Diagnostic d = Only(Reported(Intrinsic(backward: backward)));
        Assert.Equal("LD0022", d.Id);
        Assert.Equal(marked, Marked(d));
        Assert.Contains(messagePart, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_and_backward_must_be_single_generic_void_methods_over_floating_point_T()
    {
        Diagnostic[] constraint = Reported(Intrinsic(constraint: "where T : struct"));
        Assert.Equal(new[] { "Forward", "Backward" }, constraint.Select(Marked));
        Assert.All(constraint, d => Assert.Contains("IFloatingPointIeee754<T>", d.GetMessage(), StringComparison.Ordinal));

        Diagnostic twice = Only(Reported(Intrinsic(extra: "public static void Forward<T>(ReadOnlySpan<T> x, T scale, Span<T> losses) " + Constraint + " { }")));
        Assert.Contains("2 'Forward' methods", twice.GetMessage(), StringComparison.Ordinal);

        Diagnostic missing = Only(Reported("""
            [LossIntrinsic("twice")]
            public static class Twice
            {
                public static void Forward<T>(ReadOnlySpan<T> x, Span<T> losses) where T : IFloatingPointIeee754<T> { }
            }
            """));
        Assert.Equal("Twice", Marked(missing));
        Assert.Contains("no 'Backward' method", missing.GetMessage(), StringComparison.Ordinal);

        Diagnostic nested = Only(Reported("public static class Outer { " + Intrinsic(header: "private static class Twice") + " }"));
        Assert.Contains("public or internal", nested.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_classes_with_one_name_are_both_reported_and_neither_can_be_called()
    {
        Diagnostic[] reported = Reported(Intrinsic(), Intrinsic(header: "public static class TwiceAgain"), """
            public static partial class L
            {
                [Loss("mean(twice(p))")] public static partial float F(ReadOnlySpan<float> p);
            }
            """);
        Assert.True(reported.Select(d => d.Id).OrderBy(x => x).SequenceEqual(new[] { "LD0020", "LD0022", "LD0022" }), string.Join("\n", reported.Select(d => d.ToString())));
        Assert.Equal(new[] { "Twice", "TwiceAgain" }, reported.Where(d => d.Id == "LD0022").Select(Marked).OrderBy(x => x));
        Diagnostic call = reported.Single(d => d.Id == "LD0020");
        Assert.Equal("twice", Marked(call));
        Assert.Contains("also declared by", call.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Calling_a_malformed_intrinsic_points_at_its_declaration()
    {
        Diagnostic[] reported = Reported(Intrinsic(header: "public class Twice"), """
            public static partial class L
            {
                [Loss("mean(twice(p))")] public static partial float F(ReadOnlySpan<float> p);
            }
            """);
        Diagnostic call = reported.Single(d => d.Id == "LD0020");
        Assert.Equal("twice", Marked(call));
        Assert.Contains("static class", call.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("LD0022", call.GetMessage(), StringComparison.Ordinal);
        Assert.Single(reported, d => d.Id == "LD0022");
    }

    [Theory]
    [InlineData("mean(scaled(w))", "w", "ReadOnlyTensorSpan<float> input")]
    [InlineData("mean(scaled(x, t))", "t", "float option or a number")]
    [InlineData("mean(scaled(x, s, k))", "k", "an int option or an integer literal")]
    [InlineData("mean(scaled(x, s, 1.5))", "1.5", "an int option or an integer literal")]
    public void Misusing_a_user_intrinsic_in_a_formula_is_LD0020_on_the_argument(string formula, string marked, string messagePart)
    {
        Diagnostic[] reported = Reported("""
            [LossIntrinsic("scaled")]
            public static class Scaled
            {
                public static void Forward<T>(ReadOnlyTensorSpan<T> x, [DefaultValue(1.0)] T scale, [DefaultValue(0)] int shift, Span<T> losses) where T : IFloatingPointIeee754<T> { }
                public static void Backward<T>(ReadOnlyTensorSpan<T> x, T scale, int shift, ReadOnlySpan<T> upstream, TensorSpan<T> dX) where T : IFloatingPointIeee754<T> { }
            }
            """, $$"""
            public static partial class L
            {
                [Loss("{{formula}}")]
                public static partial float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> a, ReadOnlySpan<float> w, ReadOnlySpan<int> t, float s, bool k);
            }
            """).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Diagnostic d = Only(reported);
        Assert.Equal("LD0020", d.Id);
        Assert.Equal(marked, Marked(d));
        Assert.Contains(messagePart, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mean(scaled())", "takes 1 to 2 arguments, but 0 are given")]
    [InlineData("mean(scaled(x, 1, 2))", "takes 1 to 2 arguments, but 3 are given")]
    public void A_wrong_number_of_arguments_is_LD0004_with_the_intrinsic_signature(string formula, string messagePart)
    {
        Diagnostic[] reported = Reported("""
            [LossIntrinsic("scaled")]
            public static class Scaled
            {
                public static void Forward<T>(ReadOnlyTensorSpan<T> x, [DefaultValue(1.0)] T scale, Span<T> losses) where T : IFloatingPointIeee754<T> { }
                public static void Backward<T>(ReadOnlyTensorSpan<T> x, T scale, ReadOnlySpan<T> upstream, TensorSpan<T> dX) where T : IFloatingPointIeee754<T> { }
            }
            """, $$"""
            public static partial class L
            {
                [Loss("{{formula}}")] public static partial float F(ReadOnlyTensorSpan<float> x);
            }
            """).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Diagnostic d = Only(reported);
        Assert.Equal("LD0004", d.Id);
        Assert.Contains("'scaled(x[, scale])' " + messagePart, d.GetMessage(), StringComparison.Ordinal);
    }
}
