using System.Collections.Generic;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.IR;
using LossDsl.Generator.Parsing;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// The bound formula inlines its bindings (<c>name = expr;</c>); <see cref="BoundLoss.Bindings"/> keeps a record of each,
/// with the node every use of the name stands for.
/// </summary>
public sealed class BoundBindingTests
{
    private static readonly ParameterDecl[] Parameters =
    {
        new("p", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
        new("t", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
        new("y", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
        new("dp", ParameterForm.Span, ScalarType.Float, "Span<float>"),
        new("delta", ParameterForm.Scalar, ScalarType.Float, "float"),
    };

    private static BoundLoss Bind(string formula)
    {
        var diagnostics = new List<CompilerDiagnostic>();
        BoundSignature? signature = SignatureBinder.Bind(new LossSignature("Loss", ReturnKind.Float, "float", Parameters.ToEquatableArray()), diagnostics);
        ParseResult parsed = Parser.Parse(formula);
        Assert.Null(parsed.ErrorMessage);
        BoundLoss? bound = FormulaBinder.Bind(signature!, parsed.Formula!, diagnostics);
        Assert.Empty(diagnostics.Select(d => d.Id));
        return bound!;
    }

    [Fact]
    public void Each_binding_is_kept_in_order_with_its_kind_shape_and_name_span()
    {
        const string formula = "e = p - t; big = abs(e) > delta; s = mean(e); k = y; mean(where(big, e, 0)) + s + delta * mean(k)";
        BoundLoss bound = Bind(formula);

        Assert.Equal(new[] { "e", "big", "s", "k" }, bound.Bindings.Select(b => b.Name));
        Assert.Equal(new[] { ValueKind.Real, ValueKind.Mask, ValueKind.Real, ValueKind.Integer }, bound.Bindings.Select(b => b.Value.Kind));
        Assert.Equal(new[] { Shape.Samples, Shape.Samples, Shape.Scalar, Shape.Samples }, bound.Bindings.Select(b => b.Value.Shape));
        foreach (BoundBinding b in bound.Bindings)
        {
            Assert.Equal(b.Name, b.Syntax.Name);
            Assert.Equal(b.Name, formula.Substring(b.Syntax.NameSpan.Start, b.Syntax.NameSpan.Length));
        }

        // A binding stands for its node: k = y is the input y itself, and every binding's node is part of the result.
        Assert.Same(bound.Inputs["y"], bound.Bindings[3].Value);
        List<Expr> reachable = Topology.Reachable(bound.Result);
        Assert.All(bound.Bindings, b => Assert.Contains(b.Value, reachable));
    }

    [Fact]
    public void A_formula_without_bindings_has_none()
    {
        Assert.Empty(Bind("mean((p - t)^2) + 0 * mean(y) + 0 * delta").Bindings);
    }
}
