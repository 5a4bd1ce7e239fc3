using System.Threading.Tasks;
using LossDsl.Analyzers.CodeFixes;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests.Formula;

/// <summary>
/// The formula fixes rewrite the text inside the literal the formula is written in, keep every character they do not
/// replace (escapes included), and are not offered where an edit would cut across two literals.
/// </summary>
public sealed class FormulaFixTests
{
    private const string Vectors = "ReadOnlySpan<float> a, ReadOnlySpan<float> b";
    private const string Matrix = "ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y";

    [Fact]
    public Task LD1002_log_sigmoid() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Loss("mean(-{|LD1002:log(sigmoid(a * b))|})", Vectors),
        Sources.Loss("mean(-log_sigmoid(a * b))", Vectors));

    [Fact]
    public Task LD1002_log_of_one_minus_sigmoid_negates_the_argument() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Loss("mean({|LD1002:log(1 - sigmoid(a - b))|} + {|LD1002:log(1 - sigmoid(-a))|} + {|LD1002:log(1 - sigmoid(b))|})", Vectors),
        Sources.Loss("mean(log_sigmoid(-(a - b)) + log_sigmoid(a) + log_sigmoid(-b))", Vectors));

    [Fact]
    public Task LD1002_log_softmax_gathered_through_parentheses() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Loss("mean(-{|LD1002:log((softmax(x))[y])|})", Matrix),
        Sources.Loss("mean(-log_softmax(x)[y])", Matrix));

    [Fact]
    public Task LD1003_softmax_and_logsumexp() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Loss("mean({|LD1003:exp(x[y]) / row_sum(exp(x))|} + {|LD1003:log(row_sum(exp(x)))|} - x[y])", Matrix),
        Sources.Loss("mean(softmax(x)[y] + logsumexp(x) - x[y])", Matrix));

    [Fact]
    public Task LD1001_clamps_both_logs_of_a_verbatim_literal() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Literal("""@"mean(-t * {|LD1001:log(p)|} - (1 - t) * {|LD1001:log(1 - p)|})" """, "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Sources.Literal("""@"mean(-t * log(max(p, 1e-7)) - (1 - t) * log(max(1 - p, 1e-7)))" """, "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t"));

    [Fact]
    public Task LD1001_keeps_the_escapes_it_does_not_replace() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Literal("""
            "mean(-t * {|LD1001:\u006Cog(\x70)|})"
            """, "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Sources.Literal("""
            "mean(-t * \u006Cog(max(\x70, 1e-7)))"
            """, "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t"));

    [Fact]
    public Task LD1004_adds_eps_in_a_multi_line_raw_literal() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Literal(""""
            """
                    e = p - t;
                    {|LD1004:sqrt(mean(e^2))|}
                    """
            """", "ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Sources.Literal(""""
            """
                    e = p - t;
                    sqrt(mean(e^2) + 1e-12)
                    """
            """", "ReadOnlySpan<float> p, ReadOnlySpan<float> t"));

    [Fact]
    public Task Rewrites_the_literal_of_a_constant() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Literal("{|LD1002:F|}", Vectors, members: """
                private const string F = "mean(-log(sigmoid(a)))";
            """),
        Sources.Literal("F", Vectors, members: """
                private const string F = "mean(-log_sigmoid(a))";
            """));

    [Fact]
    public Task Not_offered_across_two_literals_of_a_concatenation() => Verify.NoFix<FormulaPitfallAnalyzer, FormulaTextCodeFixProvider>(
        Sources.Literal(""" "mean(-{|LD1002:log(sig|}" + "moid(a)))" """, Vectors));

    [Fact]
    public Task Offered_within_the_second_literal_of_a_concatenation() => Verify.FormulaFix<FormulaTextCodeFixProvider>(
        Sources.Literal(""" "mean(-t * " + "{|LD1001:log(p)|})" """, "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t"),
        Sources.Literal(""" "mean(-t * " + "log(max(p, 1e-7)))" """, "[Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t"));

    [Fact]
    public Task Not_offered_for_an_interpolated_constant() => Verify.NoFix<FormulaPitfallAnalyzer, FormulaTextCodeFixProvider>(
        Sources.Literal("""{|LD1002:$"mean(-log(sigmoid({A})))"|}""", Vectors, members: """
                private const string A = "a";
            """));
}
