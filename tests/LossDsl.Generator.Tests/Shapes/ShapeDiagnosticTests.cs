using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>Shape errors point at the exact characters of the formula (checked through the compiler's own API).</summary>
public class ShapeDiagnosticTests
{
    private static readonly LossSignature Signature = new("F", ReturnKind.Float, "float", new[]
    {
        new ParameterDecl("x", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("p", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
        new ParameterDecl("y", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
        new ParameterDecl("k", ParameterForm.Scalar, ScalarType.Int32, "int"),
        new ParameterDecl("a", ParameterForm.Scalar, ScalarType.Float, "float"),
    }.ToEquatableArray());

    [Theory]
    [InlineData("mean(p[0]) + mean(x[y]) + k + a", "[", "indexed")]            // a per-sample vector has no class axis
    [InlineData("mean(x[p]) + mean(x[y]) + k + a", "p", "index")]              // a real-valued index
    [InlineData("mean(x[a]) + mean(p) + mean(x[y]) + k", "a", "index")]       // a real option as index
    [InlineData("mean(x[-1]) + mean(p) + mean(y) + k + a", "-1", "index")]     // a negative literal
    [InlineData("mean(logsumexp(p)) + mean(x[y]) + k + a", "p", "rows of a matrix")]
    [InlineData("mean(onehot(p) * x) + mean(x[y]) + k + a", "p", "class-index input")]
    public void Shape_errors_are_reported_on_the_offending_characters(string formula, string marked, string messagePart)
    {
        FormulaDiagnostics.AssertSingleError(Signature, formula, "LD0018", marked, messagePart);
    }

    [Fact]
    public void Well_shaped_formulas_have_no_diagnostics()
    {
        Assert.Empty(FormulaCompiler.Check(Signature, "mean(logsumexp(x) - x[y]) + mean(x[k]) + mean(x[0]) + mean(p) * a + mean(row_max(onehot(y) * x))"));
    }
}
