using System;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Tests.Intrinsics;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double CtcWithGradient(ReadOnlyTensorSpan<double> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, TensorSpan<double> dlp, int blank, bool zero_infinity);

public delegate double CtcForwardOnly(ReadOnlyTensorSpan<double> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, int blank, bool zero_infinity);

public delegate double CtcWeighted(ReadOnlyTensorSpan<double> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, ReadOnlySpan<double> w, TensorSpan<double> dlp, Span<double> dw);

public delegate void CtcPerSample(ReadOnlyTensorSpan<float> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, Span<float> loss);

public delegate void CtcPerSampleBackward(ReadOnlyTensorSpan<float> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, ReadOnlySpan<float> dloss, TensorSpan<float> dlp);

public delegate float CtcFloat(ReadOnlyTensorSpan<float> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, TensorSpan<float> dlp);

/// <summary>
/// CTC through formulas (issue 4): <c>ctc(...)</c> is a materialized node whose samples are axis 1 of the (T, N, C)
/// log-probabilities; PyTorch's mean reduction is <c>mean(ctc(...) / max(tl, 1))</c>. Values against every alignment
/// path enumerated (<see cref="CtcBruteForce"/>), gradients against central finite differences of that enumeration.
/// </summary>
public class CtcFormulaTests
{
    private const string Members = """
        [Loss("mean(ctc(lp, targets, il, tl, blank, zero_infinity) / max(tl, 1))")]
        public static partial double Mean(ReadOnlyTensorSpan<double> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, TensorSpan<double> dlp, int blank = 0, bool zero_infinity = false);
        [Loss("mean(ctc(lp, targets, il, tl, blank, zero_infinity) / max(tl, 1))")]
        public static partial double MeanForward(ReadOnlyTensorSpan<double> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, int blank = 0, bool zero_infinity = false);
        [Loss("sum(w * ctc(lp, targets, il, tl, 2))")]
        public static partial double Weighted(ReadOnlyTensorSpan<double> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, ReadOnlySpan<double> w, TensorSpan<double> dlp, Span<double> dw);
        [Loss("ctc(lp, targets, il, tl)")]
        public static partial void PerSample(ReadOnlyTensorSpan<float> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, Span<float> loss);
        [Loss("ctc(lp, targets, il, tl)")]
        public static partial void PerSampleBackward(ReadOnlyTensorSpan<float> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, ReadOnlySpan<float> dloss, TensorSpan<float> dlp);
        [Loss("mean(ctc(lp, targets, il, tl) / max(tl, 1))")]
        public static partial float MeanFloat(ReadOnlyTensorSpan<float> lp, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> il, ReadOnlySpan<int> tl, TensorSpan<float> dlp);
        """;

    private static Type Compiled => ShapedLossCompiler.Compile(Members);

    private const int T = 5, C = 4;

    /// <summary>Log-softmax over classes of random logits, (T, N, C) row-major.</summary>
    private static double[] LogProbs(int n, int seed) => IntrinsicTestKit.LogSoftmax(Normal(T * n * C, seed, 1.5), C);

    private static int[] Padded(int[][] targets, int width) =>
        targets.SelectMany(t => t.Concat(Enumerable.Repeat(-7, width - t.Length))).ToArray();

    private static ReadOnlyTensorSpan<int> Targets(int[][] targets, bool padded)
    {
        if (!padded)
        {
            int[] flat = targets.SelectMany(t => t).ToArray();
            return new ReadOnlyTensorSpan<int>(flat, [flat.Length], default);
        }

        int width = Math.Max(1, targets.Max(t => t.Length));
        return new ReadOnlyTensorSpan<int>(Padded(targets, width), [targets.Length, width], default);
    }

    private static double[] PerSampleReference(double[] lp, int[][] targets, int[] il, int blank, bool zeroInfinity = false) =>
        Enumerable.Range(0, targets.Length).Select(n =>
        {
            double loss = CtcBruteForce.Sample(lp, T, targets.Length, C, n, il[n], targets[n], blank).Loss;
            return zeroInfinity && double.IsPositiveInfinity(loss) ? 0 : loss;
        }).ToArray();

    // PyTorch's reduction='mean': each loss divided by its target length (at least 1), then the mean over the batch.
    private static double MeanReference(double[] lp, int[][] targets, int[] il, int blank, bool zeroInfinity = false) =>
        PerSampleReference(lp, targets, il, blank, zeroInfinity).Select((l, n) => l / Math.Max(targets[n].Length, 1)).Average();

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(3, true)]
    public void Mean_reduction_matches_enumerated_alignments_with_its_gradient(int blank, bool padded)
    {
        int[][] targets = blank == 0 ? [[1, 2], [3], [2, 2], []] : [[1, 2], [0], [2, 2], []];
        int[] il = [5, 4, 5, 3];
        int n = targets.Length;
        double[] lp = LogProbs(n, seed: 3 + blank);
        double[] dlp = new double[lp.Length];
        var lpSpan = new ReadOnlyTensorSpan<double>(lp, [T, n, C], default);
        int[] tl = targets.Select(t => t.Length).ToArray();

        double loss = Compiled.Get<CtcWithGradient>("Mean")(lpSpan, Targets(targets, padded), il, tl, new TensorSpan<double>(dlp, [T, n, C], default), blank, false);
        double expected = MeanReference(lp, targets, il, blank);
        Close(expected, loss, 1e-12, "loss");
        Close(FiniteDifferences(x => MeanReference(x, targets, il, blank), lp), dlp, 1e-7, "dlp");
        Close(expected, Compiled.Get<CtcForwardOnly>("MeanForward")(lpSpan, Targets(targets, padded), il, tl, blank, false), 1e-12, "forward-only loss");
    }

    [Fact]
    public void Zero_infinity_zeroes_an_impossible_sample_and_its_gradient_as_pytorch()
    {
        // Sample 1 needs 3 frames (a repeated label needs a blank between) but has 2.
        int[][] targets = [[1, 2], [3, 3]];
        int[] il = [5, 2], tl = [2, 2];
        double[] lp = LogProbs(2, seed: 21);
        var lpSpan = new ReadOnlyTensorSpan<double>(lp, [T, 2, C], default);
        var mean = Compiled.Get<CtcWithGradient>("Mean");

        double[] dlp = new double[lp.Length];
        double loss = mean(lpSpan, Targets(targets, true), il, tl, new TensorSpan<double>(dlp, [T, 2, C], default), 0, true);
        Close(MeanReference(lp, targets, il, 0, zeroInfinity: true), loss, 1e-12, "zero_infinity loss");
        Close(FiniteDifferences(x => MeanReference(x, targets, il, 0, zeroInfinity: true), lp), dlp, 1e-7, "zero_infinity dlp");
        Assert.All(Enumerable.Range(0, T).SelectMany(t => Enumerable.Range(0, C).Select(c => dlp[(t * 2 + 1) * C + c])), g => Assert.Equal(0, g));

        // Without it the loss is +∞, and the impossible sample's used frames get NaN gradients (PyTorch: exp(−∞ + ∞)).
        Array.Clear(dlp);
        double infinite = mean(lpSpan, Targets(targets, true), il, tl, new TensorSpan<double>(dlp, [T, 2, C], default), 0, false);
        Assert.Equal(double.PositiveInfinity, infinite);
        Assert.True(double.IsNaN(dlp[(0 * 2 + 1) * C]), "a used frame of the impossible sample should be NaN");
        Assert.Equal(0, dlp[(4 * 2 + 1) * C]);
    }

    [Fact]
    public void A_weighted_sum_with_a_literal_blank_differentiates_the_weights_and_the_log_probabilities()
    {
        int[][] targets = [[1, 3], [0], [3, 1, 3]];
        int[] il = [5, 5, 5], tl = [2, 1, 3];
        double[] lp = LogProbs(3, seed: 31), w = [0.5, 2, 1.25];
        double[] dlp = new double[lp.Length], dw = new double[3];
        double Reference(double[] x, double[] weights) => PerSampleReference(x, targets, il, blank: 2).Select((l, n) => weights[n] * l).Sum();

        double loss = Compiled.Get<CtcWeighted>("Weighted")(new ReadOnlyTensorSpan<double>(lp, [T, 3, C], default), Targets(targets, false), il, tl, w,
            new TensorSpan<double>(dlp, [T, 3, C], default), dw);
        Close(Reference(lp, w), loss, 1e-12, "loss");
        Close(PerSampleReference(lp, targets, il, blank: 2), dw, 1e-12, "dw");
        Close(FiniteDifferences(x => Reference(x, w), lp), dlp, 1e-7, "dlp");
    }

    [Fact]
    public void Per_sample_losses_and_their_vector_jacobian_product_in_float()
    {
        int[][] targets = [[2], [1, 2, 1], [3, 3]];
        int[] il = [3, 5, 4], tl = [1, 3, 2];
        double[] lp = LogProbs(3, seed: 41);
        float[] lpf = As<float>(lp);
        double[] lpRounded = ToDouble(lpf);
        var lpSpan = new ReadOnlyTensorSpan<float>(lpf, [T, 3, C], default);

        float[] loss = new float[3];
        Compiled.Get<CtcPerSample>("PerSample")(lpSpan, Targets(targets, true), il, tl, loss);
        Close(PerSampleReference(lpRounded, targets, il, 0), ToDouble(loss), 1e-5, "loss");

        double[] upstream = [0.25, -1, 2];
        float[] dlp = new float[lp.Length];
        Compiled.Get<CtcPerSampleBackward>("PerSampleBackward")(lpSpan, Targets(targets, true), il, tl, As<float>(upstream),
            new TensorSpan<float>(dlp, [T, 3, C], default));
        double[] expected = FiniteDifferences(x => PerSampleReference(x, targets, il, 0).Select((l, n) => upstream[n] * l).Sum(), lpRounded);
        Close(expected, ToDouble(dlp), 1e-5, "dlp");

        float[] dlpMean = new float[lp.Length];
        float mean = Compiled.Get<CtcFloat>("MeanFloat")(lpSpan, Targets(targets, true), il, tl, new TensorSpan<float>(dlpMean, [T, 3, C], default));
        Close(MeanReference(lpRounded, targets, il, 0), mean, 1e-5, "float mean");
        Close(FiniteDifferences(x => MeanReference(x, targets, il, 0), lpRounded), ToDouble(dlpMean), 1e-5, "float mean dlp");
    }

    [Fact]
    public void Ctc_formulas_allocate_nothing_after_warm_up()
    {
        int[][] targets = [[1, 2], [3]];
        int[] il = [5, 4], tl = [2, 1];
        float[] lp = As<float>(LogProbs(2, seed: 51)), dlp = new float[lp.Length];
        int[] padded = Padded(targets, 2);
        var mean = Compiled.Get<CtcFloat>("MeanFloat");
        AssertAllocatesNothing(() => mean(new ReadOnlyTensorSpan<float>(lp, [T, 2, C], default), new ReadOnlyTensorSpan<int>(padded, [2, 2], default), il, tl,
            new TensorSpan<float>(dlp, [T, 2, C], default)));
    }

    [Fact]
    public void Bad_arguments_name_the_methods_parameters()
    {
        double[] lp = LogProbs(2, seed: 61), dlp = new double[lp.Length];
        int[] padded = Padded([[1, 2], [3]], 2);
        var mean = Compiled.Get<CtcWithGradient>("Mean");
        ArgumentException Call(double[] lpData, nint[] shape, int[] il, int[] tl, nint[] gradientShape, int blank = 0, int[]? targets = null) =>
            Assert.ThrowsAny<ArgumentException>(() => mean(new ReadOnlyTensorSpan<double>(lpData, shape, default),
                new ReadOnlyTensorSpan<int>(targets ?? padded, [2, 2], default), il, tl, new TensorSpan<double>(dlp, gradientShape, default), blank, false));

        Assert.Equal("lp", Call(lp, [T * 2, C], [5, 4], [2, 1], [T * 2, C]).ParamName);
        Assert.Equal("il", Call(lp, [T, 2, C], [5, 4, 3], [2, 1], [T, 2, C]).ParamName);
        Assert.Equal("tl", Call(lp, [T, 2, C], [5, 4], [2], [T, 2, C]).ParamName);
        Assert.Equal("dlp", Call(lp, [T, 2, C], [5, 4], [2, 1], [2, T, C]).ParamName);
        Assert.Equal("blank", Call(lp, [T, 2, C], [5, 4], [2, 1], [T, 2, C], blank: C).ParamName);
        Assert.Equal("targets", Call(lp, [T, 2, C], [5, 4], [2, 1], [T, 2, C], targets: [1, 2, 9, -7]).ParamName);
        Assert.Equal("il", Call(lp, [T, 2, C], [6, 4], [2, 1], [T, 2, C]).ParamName);
    }

    private static readonly LossSignature Signature = new("F", ReturnKind.Float, "float", new[]
    {
        new ParameterDecl("lp", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("targets", ParameterForm.ReadOnlyTensorSpan, ScalarType.Int32, "ReadOnlyTensorSpan<int>"),
        new ParameterDecl("il", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
        new ParameterDecl("tl", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
        new ParameterDecl("x", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("w", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
        new ParameterDecl("scale", ParameterForm.Scalar, ScalarType.Float, "float"),
        new ParameterDecl("zi", ParameterForm.Scalar, ScalarType.Boolean, "bool"),
    }.ToEquatableArray());

    [Theory]
    [InlineData("mean(ctc(lp, targets, il, tl) + row_sum(x))", "x", "is a tensor in a formula with ctc")]
    [InlineData("mean(ctc(lp, targets, il, tl) * w) + mean(lp)", "lp", "is a tensor in a formula with ctc")]
    [InlineData("mean(ctc(w, targets, il, tl))", "w", "log-probabilities")]
    [InlineData("mean(ctc(lp, il, targets, tl))", "il", "targets")]
    [InlineData("mean(ctc(lp, targets, il, w))", "w", "target lengths")]
    [InlineData("mean(ctc(lp, targets, il, tl, scale))", "scale", "blank class")]
    [InlineData("mean(ctc(lp, targets, il, tl, 1.5))", "1.5", "blank class")]
    [InlineData("mean(ctc(lp, targets, il, tl, 0, scale))", "scale", "zero_infinity")]
    [InlineData("mean(ctc(lp, targets, il, tl, 0, zi)) + sum(emd_points(x, x))", "emd_points", "cannot share a formula with ctc")]
    [InlineData("mean(ctc(lp, targets, il, tl) + tl * targets)", "targets", "integer tensor")]
    public void Ctc_misuse_is_reported_on_the_offending_characters(string formula, string marked, string messagePart)
    {
        FormulaDiagnostics.AssertSingleError(Signature, formula, "LD0020", marked, messagePart);
    }

    [Fact]
    public void An_integer_tensor_that_ctc_does_not_read_is_an_error_on_the_parameter()
    {
        ImmutableArray<CompilerDiagnostic> diagnostics = FormulaCompiler.Check(Signature, "mean(w) + mean(row_sum(x))");
        CompilerDiagnostic d = Assert.Single(diagnostics, x => x.IsError);
        Assert.Equal("LD0020", d.Id);
        Assert.Contains("'targets' is an integer tensor", d.Message);
    }
}
