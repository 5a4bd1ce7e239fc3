using System;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics.Tensors;
using System.Reflection;
using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LossDsl.Analyzers.Tests.Formula;

/// <summary>
/// The severities of the formula diagnostics rest on what the generator does, checked here against the generator itself:
/// a form reported as LD1002 (an information) compiles to exactly the loss and gradient of the stable form it suggests,
/// a form reported as LD1003 (a warning) does not; and the generated code of each warning's form breaks where its page
/// says, while the fixed form does not (values against closed forms evaluated by hand).
/// </summary>
public sealed class GeneratorAgreementTests
{
    private static readonly ParameterDecl A = new("a", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>");
    private static readonly ParameterDecl DA = new("da", ParameterForm.Span, ScalarType.Float, "Span<float>");
    private static readonly ParameterDecl X = new("x", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>");
    private static readonly ParameterDecl T = new("t", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>");
    private static readonly ParameterDecl Y = new("y", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>");
    private static readonly ParameterDecl DX = new("dx", ParameterForm.TensorSpan, ScalarType.Float, "TensorSpan<float>");

    public static TheoryData<string, string, bool> Rewritten => new()
    {
        // written, suggested, vectors (a) or matrices (x, y / x, t)
        { "mean(-log(sigmoid(a)))", "mean(-log_sigmoid(a))", true },
        { "mean(-log(1 - sigmoid(a)))", "mean(-log_sigmoid(-a))", true },
        { "mean(-log(1 - sigmoid(-a)))", "mean(-log_sigmoid(a))", true },
        { "mean(-log(1 - sigmoid(2 * a - 1)))", "mean(-log_sigmoid(-(2 * a - 1)))", true },
        { "mean(-log(softmax(x)[y]))", "mean(-log_softmax(x)[y])", false },
        { "mean(-row_sum(t * log(softmax(x))))", "mean(-row_sum(t * log_softmax(x)))", false },
    };

    public static TheoryData<string, string, bool> NotRewritten => new()
    {
        { "mean(-log(exp(x[y]) / row_sum(exp(x))))", "mean(-log(softmax(x)[y]))", false },
        { "mean(log(row_sum(exp(x))) - x[y])", "mean(logsumexp(x) - x[y])", false },
        { "mean(row_sum(exp(x) / row_sum(exp(x)) * t))", "mean(row_sum(softmax(x) * t))", false },
    };

    [Theory]
    [MemberData(nameof(Rewritten))]
    public async Task LD1002_forms_compile_to_the_loss_and_gradient_of_the_form_suggested(string written, string suggested, bool vectors)
    {
        Assert.Equal(new[] { "LD1002" }, await AnalyzerIds(written, vectors));
        Assert.Empty(await AnalyzerIds(suggested, vectors));
        LossExplanation w = Compile(written, vectors), s = Compile(suggested, vectors);
        Assert.NotEmpty(w.Rewrites);

        // No log is left: log(sigmoid) became log_sigmoid, log(softmax) x - logsumexp(x).
        Assert.DoesNotContain("log(", string.Join(" ", w.Shared) + " " + w.Loss);
        if (vectors)
        {
            // The same loss and gradient, to the character (for matrices the printed order of equal terms may differ).
            Assert.Equal(s.Loss, w.Loss);
            Assert.Equal(s.Gradients.Select(g => g.Text), w.Gradients.Select(g => g.Text));
        }
    }

    [Theory]
    [MemberData(nameof(NotRewritten))]
    public async Task LD1003_forms_are_compiled_as_written(string written, string suggested, bool vectors)
    {
        Assert.Equal(new[] { "LD1003" }, await AnalyzerIds(written, vectors));
        Assert.DoesNotContain("LD1003", await AnalyzerIds(suggested, vectors));
        LossExplanation w = Compile(written, vectors), s = Compile(suggested, vectors);
        Assert.NotEqual(s.Loss, w.Loss);
        // The raw exp(x) is computed: nothing subtracts the row's maximum first.
        Assert.Contains("exp(x)", string.Join(" ", w.Shared) + " " + w.Loss);
    }

    private static LossExplanation Compile(string formula, bool vectors)
    {
        ParameterDecl[] parameters = vectors ? new[] { A, DA } : formula.Contains("[y]") ? new[] { X, Y, DX } : new[] { X, T, DX };
        var signature = new LossSignature("L", ReturnKind.Float, "float", new EquatableArray<ParameterDecl>(parameters.ToImmutableArray()));
        CompiledLoss compiled = FormulaCompiler.Compile(signature, formula);
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        return compiled.Explanation!;
    }

    private static async Task<string[]> AnalyzerIds(string formula, bool vectors)
    {
        string parameters = vectors ? "ReadOnlySpan<float> a" : formula.Contains("[y]") ? "ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y" : "ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t";
        CSharpCompilation compilation = CSharpCompilation.Create("F" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(Sources.Loss(formula, parameters), new CSharpParseOptions(LanguageVersion.Preview)) },
            TestReferences.Metadata, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new FormulaPitfallAnalyzer())).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(d => d.Id).OrderBy(id => id).ToArray();
    }

    // ---- The generated code, run ----

    private delegate float Vector(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    private delegate float Matrix(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);

    private static readonly Lazy<Type> Losses = new(() => AnalyzerHarness.Load("""
        using System;
        using System.Numerics.Tensors;
        using LossDsl;

        public static partial class Losses
        {
            [Loss("mean(-t * log(p))")]
            public static partial float LogOfZero(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(-t * log(max(p, 1e-7)))")]
            public static partial float LogOfZeroClamped(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(-t * log(sigmoid(p)))")]
            public static partial float LogSigmoid(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("sqrt(mean((p - t)^2))")]
            public static partial float Rmse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("sqrt(mean((p - t)^2) + 1e-12)")]
            public static partial float RmseEps(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(abs(p - t) / t)")]
            public static partial float Mape(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(where(t != 0, abs(p - t) / t, 0))")]
            public static partial float MapeWhere(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(where(t != 0, abs(p - t) / where(t != 0, t, 1), 0))")]
            public static partial float MapeDoubleWhere(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
            [Loss("mean(-log(exp(x[y]) / row_sum(exp(x))))")]
            public static partial float SoftmaxByHand(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);
            [Loss("mean(-log(softmax(x)[y]))")]
            public static partial float SoftmaxStable(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);
        }
        """).GetType("Losses")!);

    private static (float Loss, float Gradient) Run(string name, float p, float t)
    {
        var loss = Losses.Value.GetMethod(name)!.CreateDelegate<Vector>();
        var dp = new float[1];
        float value = loss(new[] { p }, new[] { t }, dp);
        return (value, dp[0]);
    }

    [Fact]
    public void LD1001_log_of_a_zero_probability_is_infinite_and_the_clamp_keeps_it_finite()
    {
        (float loss, float gradient) = Run("LogOfZero", 0, 1);
        Assert.Equal(float.PositiveInfinity, loss);
        Assert.Equal(float.NegativeInfinity, gradient);
        (loss, gradient) = Run("LogOfZeroClamped", 0, 1);
        Assert.Equal(-Math.Log(1e-7), loss, 1e-5);        // -log(1e-7) = 16.118...
        Assert.Equal(0, gradient);                         // below the clamp, p gets no gradient
    }

    [Fact]
    public void LD1002_log_of_sigmoid_is_finite_far_out_because_the_compiler_rewrites_it()
    {
        // -log σ(-200) = softplus(200) = 200 + log1p(e^-200) = 200; d/dp = -σ(-p) = -1. σ(-200) itself is 0 in float.
        (float loss, float gradient) = Run("LogSigmoid", -200, 1);
        Assert.Equal(200, loss, 1e-4);
        Assert.Equal(-1, gradient, 1e-6);
    }

    [Fact]
    public void LD1004_root_mean_square_error_has_a_NaN_gradient_at_zero_error_and_eps_removes_it()
    {
        (float loss, float gradient) = Run("Rmse", 3, 3);
        Assert.Equal(0, loss);
        Assert.True(float.IsNaN(gradient), $"gradient {gradient}");
        (loss, gradient) = Run("RmseEps", 3, 3);
        Assert.Equal(1e-6, loss, 1e-9);                    // sqrt(1e-12)
        Assert.Equal(0, gradient);
        (loss, gradient) = Run("RmseEps", 5, 3);
        Assert.Equal(2, loss, 1e-5);                       // the eps changes a loss of 2 by 2.5e-13
        Assert.Equal(1, gradient, 1e-5);                   // d/dp sqrt((p - t)^2) = sign(p - t)
    }

    [Fact]
    public void LD1005_a_zero_target_makes_the_percentage_error_infinite_or_NaN()
    {
        Assert.Equal(float.PositiveInfinity, Run("Mape", 1, 0).Loss);
        Assert.True(float.IsNaN(Run("Mape", 0, 0).Loss));
        Assert.Equal(0.5f, Run("Mape", 3, 2).Loss, 1e-6);
    }

    [Fact]
    public void LD1005_is_silent_under_a_where_on_the_target_whose_gradient_needs_the_guard_inside_too()
    {
        // where(t != 0, |p - t| / t, 0): the value is 0 at t = 0, but the gradient divides the where's 0 by t = 0.
        (float loss, float gradient) = Run("MapeWhere", 1, 0);
        Assert.Equal(0, loss);
        Assert.True(float.IsNaN(gradient), $"gradient {gradient}");
        (loss, gradient) = Run("MapeDoubleWhere", 1, 0);
        Assert.Equal(0, loss);
        Assert.Equal(0, gradient);
    }

    [Fact]
    public void LD1003_softmax_by_hand_overflows_where_the_stable_form_does_not()
    {
        // Logits (100, 0), class 0: -log softmax = log(1 + e^-100) ≈ 3.7e-44, 0 in float; exp(100) is +inf in float.
        float RunMatrix(string name)
        {
            var loss = Losses.Value.GetMethod(name)!.CreateDelegate<Matrix>();
            var dx = new float[2];
            return loss(new ReadOnlyTensorSpan<float>(new float[] { 100, 0 }, new nint[] { 1, 2 }), new[] { 0 },
                new TensorSpan<float>(dx, new nint[] { 1, 2 }));
        }

        Assert.True(float.IsNaN(RunMatrix("SoftmaxByHand")));
        Assert.Equal(0, RunMatrix("SoftmaxStable"), 1e-6);
    }
}
