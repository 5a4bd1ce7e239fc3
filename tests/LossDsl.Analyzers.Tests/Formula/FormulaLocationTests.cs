using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests.Formula;

/// <summary>
/// A formula diagnostic squiggles exactly the characters that write the pitfall, however the formula is written in C#:
/// escapes, verbatim and raw literals (with their indentation), concatenations, and constants (in the constant's literal).
/// </summary>
public sealed class FormulaLocationTests
{
    private const string Parameters = "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t";

    [Fact]
    public Task Through_unicode_and_whitespace_escapes_of_a_regular_literal() => Verify.Formula(
        Sources.Literal("""
            "e = p - t;\n\tmean(e^2 - t * {|#0:\u006Cog(\x70)|})"
            """, Parameters),
        Verify.Diagnostic("LD1001").WithLocation(0).WithArguments("log(p)", "'p' (declared [Probabilities])", "log(max(p, 1e-7))"));

    [Fact]
    public Task In_a_verbatim_literal_over_two_lines() => Verify.Formula(Sources.Literal("""
            @"e = p - t;
                  mean(e^2 - t * {|LD1001:log(p)|})"
            """, Parameters));

    [Fact]
    public Task In_a_single_line_raw_literal() => Verify.Formula(Sources.Literal("""""
            """mean(-t * {|LD1001:log(p)|})"""
            """"", Parameters));

    [Fact]
    public Task In_a_multi_line_raw_literal_after_its_indentation() => Verify.Formula(Sources.Literal(""""
            """
                    e = p - t;
                      mean(e^2 - t * {|LD1001:log(p)|})
                    """
            """", Parameters));

    // A formula written in a constant declared outside the attribute is reported at the attribute's argument (the IDE
    // shows a diagnostic outside the node analysed only in full-solution analysis), with the constant's exact
    // characters as its first additional location (the fix's edits follow: insert 'max(' before p and ', 1e-7)' after).
    [Fact]
    public Task A_constant_of_the_same_file_is_reported_at_the_argument_with_its_characters() => Verify.Formula(Sources.Literal(
        "{|#0:Formulas.Bce|}", Parameters, members: """
            }

            static class Formulas
            {
                public const string Bce = Prefix + "-t * {|#1:log({|#2:|}p{|#3:|})|})";
                private const string Prefix = "mean(";
            """),
        Verify.Diagnostic("LD1001").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.None).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("log(p)", "'p' (declared [Probabilities])", "log(max(p, 1e-7))"));

    [Fact]
    public Task A_constant_of_another_file_is_reported_at_the_argument_with_its_characters() => Verify.Formula(new[]
    {
        Sources.Literal("{|#0:Formulas.Bce|}", Parameters),
        """
        static class Formulas
        {
            public const string Bce = "mean(-t * " + "{|#1:log({|#2:|}p{|#3:|})|})";
        }
        """,
    },
        Verify.Diagnostic("LD1001").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.None).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("log(p)", "'p' (declared [Probabilities])", "log(max(p, 1e-7))"));

    [Fact]
    public Task A_span_across_two_literals_of_a_concatenation_ends_with_the_first() => Verify.Formula(Sources.Literal(
        """ "mean(-t * {|LD1002:log(sig|}" + "moid(p)))" """, "ReadOnlySpan<float> p, ReadOnlySpan<float> t"));

    [Fact]
    public Task An_interpolated_constant_is_located_at_the_whole_argument() => Verify.Formula(Sources.Literal(
        """{|LD1001:$"mean(-t * log({P}))"|}""", Parameters, members: """
                private const string P = "p";
            """));
}
