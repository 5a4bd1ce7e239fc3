using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double WeightedPointSets(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlySpan<double> w, TensorSpan<double> da, TensorSpan<double> db, Span<double> dw);

public delegate float PointSetsFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da);

public delegate double Histograms(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> dp, Span<double> dq);

public delegate double HistogramsWithOption(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> dp, Span<double> dq, double t);

/// <summary>
/// Runtime intrinsics called from formulas (emd_points, emd_hist): the call is a materialized node whose forward and
/// backward are the intrinsic's, and whose gradient enters the reverse pass. Values against closed forms computed here
/// (exhaustive matching, CDF differences), gradients against central finite differences.
/// </summary>
public class IntrinsicFormulaTests
{
    private const string Members = """
        [Loss("mean(w * emd_points(a, b))")]
        public static partial double WeightedEmd(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlySpan<double> w, TensorSpan<double> da, TensorSpan<double> db, Span<double> dw);
        [Loss("mean(emd_points(a, b))")]
        public static partial float EmdFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da);
        [Loss("sum(emd_hist(p, q))")]
        public static partial double HistogramEmd(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> dp, Span<double> dq);
        [Loss("sum(emd_hist(p, q)) + t * sum(p * p)")]
        public static partial double HistogramPenalised(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> dp, Span<double> dq, double t);
        [Loss("mean(emd_points(a, b) + t * row_sum(a * b))")]
        public static partial double EmdWithRowDots(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);
        """;

    private static Type Compiled => ShapedLossCompiler.Compile(Members);

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return Array.Empty<int>();
            yield break;
        }

        foreach (int[] rest in Permutations(n - 1))
        {
            for (int k = 0; k <= rest.Length; k++)
            {
                var p = rest.ToList();
                p.Insert(k, n - 1);
                yield return p.ToArray();
            }
        }
    }

    private static double Dist(double[] a, int i, double[] b, int k, int d) =>
        Math.Sqrt(Enumerable.Range(0, d).Sum(c => (a[i * d + c] - b[k * d + c]) * (a[i * d + c] - b[k * d + c])));

    // The exhaustive optimal matching, then the weighted mean of its per-point distances.
    internal static double WeightedEmd(double[] a, double[] b, double[] w, int n, int d)
    {
        int[] best = Permutations(n).MinBy(s => Enumerable.Range(0, n).Sum(i => Dist(a, i, b, s[i], d)))!;
        return Enumerable.Range(0, n).Average(i => w[i] * Dist(a, i, b, best[i], d));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    public void Emd_points_through_a_formula_with_a_per_sample_weight(int n, int d)
    {
        double[] a = Normal(n * d, seed: 61 + n), b = Normal(n * d, seed: 62 + n), w = Normal(n, seed: 63 + n).Select(x => 1 + Math.Abs(x)).ToArray();
        double[] da = new double[n * d], db = new double[n * d], dw = new double[n];
        var f = Compiled.Get<WeightedPointSets>("WeightedEmd");
        double loss = f(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [n, d], default), w,
            new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(db, [n, d], default), dw);
        Close(WeightedEmd(a, b, w, n, d), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => WeightedEmd(x, b, w, n, d), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => WeightedEmd(a, x, w, n, d), b), db, 1e-7, "db");
        Close(FiniteDifferences(x => WeightedEmd(a, b, x, n, d), w), dw, 1e-7, "dw");

        // Only one gradient requested: the other slot of the intrinsic's backward goes to scratch.
        float[] af = As<float>(a), bf = As<float>(b), daf = new float[n * d];
        float lossF = Compiled.Get<PointSetsFloat>("EmdFloat")(new ReadOnlyTensorSpan<float>(af, [n, d], default), new ReadOnlyTensorSpan<float>(bf, [n, d], default),
            new TensorSpan<float>(daf, [n, d], default));
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        Close(WeightedEmd(a, b, ones, n, d), lossF, 1e-5, "float loss");
        Close(FiniteDifferences(x => WeightedEmd(x, b, ones, n, d), a), ToDouble(daf), 1e-5, "float da");
    }

    // W1 between the normalised histograms: Σₖ |F̂p(k) − F̂q(k)| over unit-width bins.
    private static double HistogramW1(double[] p, double[] q)
    {
        double sp = p.Sum(), sq = q.Sum(), fp = 0, fq = 0, total = 0;
        for (int k = 0; k < p.Length; k++)
        {
            fp += p[k] / sp;
            fq += q[k] / sq;
            total += Math.Abs(fp - fq);
        }

        return total;
    }

    [Fact]
    public void Emd_hist_through_a_formula()
    {
        double[] p = Normal(7, seed: 71).Select(x => 0.5 + Math.Abs(x)).ToArray(), q = Normal(7, seed: 72).Select(x => 0.5 + Math.Abs(x)).ToArray();
        double[] dp = new double[7], dq = new double[7];
        double loss = Compiled.Get<Histograms>("HistogramEmd")(p, q, dp, dq);
        Close(HistogramW1(p, q), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => HistogramW1(x, q), p), dp, 1e-7, "dp");
        Close(FiniteDifferences(x => HistogramW1(p, x), q), dq, 1e-7, "dq");
        // Two point masses one bin apart are at distance 1.
        Assert.Equal(1, Compiled.Get<Histograms>("HistogramEmd")(new double[] { 0, 2, 0 }, new double[] { 0, 0, 5 }, new double[3], new double[3]), 12);
    }

    [Fact]
    public void An_intrinsic_argument_also_read_element_by_element_gets_both_parts_of_its_gradient()
    {
        // The passes write p's own part (2·t·p); emd_hist's backward is added to it after the last pass.
        double[] p = Normal(9, seed: 73).Select(x => 0.5 + Math.Abs(x)).ToArray(), q = Normal(9, seed: 74).Select(x => 0.5 + Math.Abs(x)).ToArray();
        double[] dp = new double[9], dq = new double[9];
        double Penalised(double[] ps, double[] qs) => HistogramW1(ps, qs) + 0.3 * ps.Sum(v => v * v);
        double loss = Compiled.Get<HistogramsWithOption>("HistogramPenalised")(p, q, dp, dq, 0.3);
        Close(Penalised(p, q), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => Penalised(x, q), p), dp, 1e-7, "dp");
        Close(FiniteDifferences(x => Penalised(p, x), q), dq, 1e-7, "dq");

        // Both point sets read element by element as well (row dots of a and b): each gradient has both parts.
        const int n = 5, d = 3;
        double[] a = Normal(n * d, seed: 75), b = Normal(n * d, seed: 76), da = new double[n * d], db = new double[n * d];
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double WithDots(double[] As, double[] bs) => WeightedEmd(As, bs, ones, n, d) - 0.4 * Enumerable.Range(0, n * d).Sum(k => As[k] * bs[k]) / n;
        var f = Compiled.Get<TwoViewGradient>("EmdWithRowDots");
        double pointsLoss = f(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [n, d], default),
            new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(db, [n, d], default), -0.4);
        Close(WithDots(a, b), pointsLoss, 1e-13, "emd_points loss");
        Close(FiniteDifferences(x => WithDots(x, b), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => WithDots(a, x), b), db, 1e-7, "db");

        // Read element by element, b is a tensor of the formula: it must have a's shape (named in the error).
        var e = Assert.Throws<ArgumentException>(() => f(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [n - 1, d], default),
            new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(db, [n - 1, d], default), 1));
        Assert.Contains("'b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Intrinsic_formulas_allocate_nothing_after_warm_up()
    {
        const int n = 6, d = 3;
        float[] a = As<float>(Normal(n * d, seed: 81)), b = As<float>(Normal(n * d, seed: 82)), da = new float[n * d];
        double[] p = { 1, 2, 3, 4 }, q = { 4, 3, 2, 1 }, dp = new double[4], dq = new double[4];
        var emd = Compiled.Get<PointSetsFloat>("EmdFloat");
        var hist = Compiled.Get<Histograms>("HistogramEmd");
        AssertAllocatesNothing(() => emd(new ReadOnlyTensorSpan<float>(a, [n, d], default), new ReadOnlyTensorSpan<float>(b, [n, d], default), new TensorSpan<float>(da, [n, d], default)));
        AssertAllocatesNothing(() => hist(p, q, dp, dq));
    }

    private static readonly LossSignature Signature = new("F", ReturnKind.Float, "float", new[]
    {
        new ParameterDecl("a", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("b", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("p", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
        new ParameterDecl("q", ParameterForm.ReadOnlySpan, ScalarType.Float, "ReadOnlySpan<float>"),
    }.ToEquatableArray());

    [Theory]
    [InlineData("mean(emd_points(p, b))", "p", "point sets")]
    [InlineData("sum(emd_hist(a, q))", "a", "histograms")]
    public void Intrinsic_misuse_is_reported_on_the_offending_characters(string formula, string marked, string messagePart)
    {
        FormulaDiagnostics.AssertSingleError(Signature, formula, "LD0020", marked, messagePart);
    }
}
