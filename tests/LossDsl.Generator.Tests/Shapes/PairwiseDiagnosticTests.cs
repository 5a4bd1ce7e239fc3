using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>Misuse of the pairwise functions, same() and eye() is LD0019 on the exact characters of the formula.</summary>
public class PairwiseDiagnosticTests
{
    private static readonly LossSignature Signature = new("F", ReturnKind.Float, "float", new[]
    {
        new ParameterDecl("a", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("b", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("p", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
        new ParameterDecl("y", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
        new ParameterDecl("m", ParameterForm.Scalar, ScalarType.Float, "float"),
    }.ToEquatableArray());

    [Theory]
    [InlineData("mean(row_min(sqdist(p, b))) + mean(y) + m", "p", "vector")]                  // a pairwise function of a vector
    [InlineData("mean(row_min(cdist(a + 1, b))) + mean(p) + mean(y) + m", "a + 1", "expression")]     // of an expression
    [InlineData("mean(row_min(dots(a, m))) + mean(p) + mean(y)", "m", "scalar option")]      // of an option
    [InlineData("mean(where(same(p), cdist(a, b), 0)) + mean(y) + m", "p", "label input")]            // same() of a real-valued parameter
    [InlineData("mean(where(same(y), cdist(a, b), 0) * a) + mean(p) + m", "*", "different axes")]          // a pair matrix times a tensor of features
    [InlineData("mean(cdist(a, b)[y]) + mean(p) + m", "[", "cannot be indexed")]                           // indexing a pair matrix
    public void Pairwise_misuse_is_reported_on_the_offending_characters(string formula, string marked, string messagePart)
    {
        FormulaDiagnostics.AssertSingleError(Signature, formula, "LD0019", marked, messagePart);
    }

    [Theory]
    [InlineData("mean(where(eye(), p, 0)) + mean(y) + m", "eye()")]  // eye() outside a pairwise formula
    [InlineData("mean(where(same(y), p, 0)) + m", "same")]           // same() outside a pairwise formula
    public void The_pair_axis_exists_only_in_a_formula_with_a_pairwise_function(string formula, string marked)
    {
        FormulaDiagnostics.AssertSingleError(Signature, formula, "LD0019", marked, "pairwise function");
    }

    [Fact]
    public void Well_formed_pairwise_formulas_have_no_diagnostics()
    {
        Assert.Empty(FormulaCompiler.Check(Signature,
            "s = cosine_sim(a, b) / m; mean(logsumexp(s) - row_sum(where(eye(), s, 0))) + mean(row_max(where(same(y) & !eye(), cdist(a, a), -inf))) + mean(p) + mean(col_min(sqdist(a, b)))"));
    }
}
