using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>
/// The derivation in the generated XML documentation names the column count after what the columns are: <c>M</c>, the
/// rows of the second set, in a formula with a pairwise function (the column axis is the pair axis); <c>C</c>, the
/// classes, otherwise.
/// </summary>
public class PairwiseExplanationTests
{
    // The "Loss after stable rewrites", "Shared subexpressions" and "Gradient …" paragraphs of the generated method's remarks.
    private static List<string> Derivation(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using System.Numerics.Tensors;
            using LossDsl;
            public static partial class L
            {
                {{declaration}}
            }
            """);
        // No warning either: mean(row_mean(sqdist(a, b))) has no row pass, and its kernel once declared a stride it
        // never read (CS0219, an error in a build that treats warnings as errors).
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string source = Assert.Single(run.Sources, s => s.Key.Contains(".F.")).Value;
        string docs = string.Join("\n", source.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("///")).Select(l => l.Substring(3)));
        return XElement.Parse("<doc>" + docs + "</doc>").Element("remarks")!.Elements("para").Select(p => p.Value)
            .Where(p => p.StartsWith("Loss after stable rewrites") || p.StartsWith("Shared subexpressions") || p.StartsWith("Gradient "))
            .ToList();
    }

    // Whether the text uses the name as a whole word (so "M" does not match "max" or "_M").
    private static bool Names(IEnumerable<string> paragraphs, string name) =>
        paragraphs.Any(p => Regex.IsMatch(p.Substring(p.IndexOf(':') + 1), $@"(?<![\w.]){name}(?![\w(])"));

    [Fact]
    public void A_mean_over_all_pairs_of_infonce_similarities_divides_by_N_times_M()
    {
        // InfoNCE plus the mean of the whole N×M similarity matrix: its normalisation is N·M.
        List<string> paragraphs = Derivation("""
            [Loss("s = cosine_sim(a, b) / t; mean(logsumexp(s) - row_sum(where(eye(), s, 0))) + mean(s)")]
            public static partial float F(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t = 0.1f);
            """);

        Assert.Equal(4, paragraphs.Count); // loss, shared, da, db
        Assert.Contains(paragraphs, p => p.Contains("N * M"));
        Assert.False(Names(paragraphs, "C"), string.Join("\n", paragraphs));
    }

    [Fact]
    public void A_row_mean_of_a_pair_matrix_divides_by_M()
    {
        List<string> paragraphs = Derivation("""
            [Loss("mean(row_mean(sqdist(a, b)))")]
            public static partial double F(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);
            """);

        Assert.Contains(paragraphs, p => p.Contains("1 / M"));
        Assert.False(Names(paragraphs, "C"), string.Join("\n", paragraphs));
    }

    [Fact]
    public void The_column_minimum_of_chamfer_is_averaged_over_M_in_the_gradients()
    {
        List<string> paragraphs = Derivation("""
            [Loss("mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))")]
            public static partial float F(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db);
            """);

        Assert.All(paragraphs.Where(p => p.StartsWith("Gradient ")), p => Assert.Contains("1 / M", p));
        Assert.False(Names(paragraphs, "C"), string.Join("\n", paragraphs));
    }

    [Fact]
    public void Cross_entropy_with_label_smoothing_still_divides_by_C()
    {
        List<string> paragraphs = Derivation("""
            [Loss("mean(logsumexp(x) - (1 - e) * x[y] - e * row_mean(x))")]
            public static partial float F(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx, float e = 0.1f);
            """);

        Assert.Contains(paragraphs, p => p.Contains("1 / C"));
        Assert.False(Names(paragraphs, "M"), string.Join("\n", paragraphs));
    }

    [Fact]
    public void The_name_check_is_not_vacuous()
    {
        Assert.True(Names(new[] { "Loss after stable rewrites: _1 * sum(x) / M" }, "M"));
        Assert.True(Names(new[] { "Shared subexpressions: _4 = N * C" }, "C"));
        Assert.False(Names(new[] { "Loss after stable rewrites: max(M_x, C1) + log(C_2)" }, "M"));
    }
}
