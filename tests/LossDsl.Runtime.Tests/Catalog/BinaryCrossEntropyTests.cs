using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.BinaryCrossEntropy))]
public class BinaryCrossEntropyTests
{
    // PyTorch's binary_cross_entropy (aten Loss.cpp): (t − 1)·max(log1p(−p), −100) − t·max(log p, −100), times the weight.
    private static double Element(double p, double t, double w = 1) =>
        w * ((t - 1) * Math.Max(Log1p(-p), -100) - t * Math.Max(Math.Log(p), -100));

    // log(1 + x) to full relative precision (Goldberg): the rounding error of 1 + x is corrected by x / (u − 1).
    private static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    // PyTorch's backward: w·(p − t)/max((1 − p)·p, 1e-12).
    private static double TorchGradient(double p, double t, double w = 1) => w * (p - t) / Math.Max((1 - p) * p, 1e-12);

    private static readonly VectorEntry Plain = new(
        (p, t, r) => C.BinaryCrossEntropy(p, t, r), (p, t, dp, r) => C.BinaryCrossEntropy(p, t, dp, r),
        (p, t, r) => C.BinaryCrossEntropy(p, t, r), (p, t, dp, r) => C.BinaryCrossEntropy(p, t, dp, r),
        (p, t, l) => C.BinaryCrossEntropyUnreduced(p, t, l), (p, t, g, dp) => C.BinaryCrossEntropyUnreduced(p, t, g, dp),
        (p, t, l) => C.BinaryCrossEntropyUnreduced(p, t, l), (p, t, g, dp) => C.BinaryCrossEntropyUnreduced(p, t, g, dp));

    [Fact]
    public void Matches_binary_cross_entropy_with_probability_targets() =>
        ElementwiseSuite.Run(Plain, (p, t) => Element(p, t), (n, seed) => (Check.Uniform(n, seed, 0.02, 0.98), Check.Uniform(n, seed + 1, 0, 1)));

    [Fact]
    public void Matches_binary_cross_entropy_with_binary_labels() =>
        ElementwiseSuite.Run(Plain, (p, t) => Element(p, t), (n, seed) => (Check.Uniform(n, seed, 0.02, 0.98), Check.Classes(n, 2, seed + 1).Select(v => (double)v).ToArray()));

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    public void Matches_weight(int n)
    {
        double[] p = Check.Uniform(n, 3, 0.02, 0.98), t = Check.Uniform(n, 4, 0, 1), w = Check.Uniform(n, 5, 0, 2);
        float[] tf = Check.ToFloat(t), wf = Check.ToFloat(w);
        double[] tr = Check.ToDouble(tf), wr = Check.ToDouble(wf);
        double[] PerElement(double[] ps, double[] ts, double[] ws) => ps.Select((v, i) => Element(v, ts[i], ws[i])).ToArray();
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
        {
            Reduced($"n={n}, {reduction}", p, ps => Check.Reduce(PerElement(ps, t, w), reduction, n),
                ps => C.BinaryCrossEntropy(ps, t, (ReadOnlySpan<double>)w, reduction), (ps, dp) => C.BinaryCrossEntropy(ps, t, w, dp, reduction));
            ReducedF($"n={n}, {reduction}", p, ps => Check.Reduce(PerElement(ps, tr, wr), reduction, n),
                ps => C.BinaryCrossEntropy(ps, tf, (ReadOnlySpan<float>)wf, reduction), (ps, dp) => C.BinaryCrossEntropy(ps, tf, wf, dp, reduction));
        }
    }

    [Fact]
    public void Known_value()
    {
        // p = ½: −log ½ = ln 2 for either label; p = 0.8, t = 1: −log 0.8.
        Check.Close(Math.Log(2), C.BinaryCrossEntropy(new double[] { 0.5, 0.5 }, new double[] { 0, 1 }), 1e-15, "ln 2");
        Check.Close(-Math.Log(0.8), C.BinaryCrossEntropy(new double[] { 0.8 }, new double[] { 1 }), 1e-15, "−log 0.8");
    }

    // p, t, expected loss, expected gradient (PyTorch's backward formula).
    public static TheoryData<double, double, double, double> Boundaries => new()
    {
        { 0, 1, 100, -1e12 },            // log 0 clamped at −100; the clamped value is flat there, PyTorch's gradient is −1/1e-12
        { 1, 0, 100, 1e12 },
        { 0, 0, 0, 0 },
        { 1, 1, 0, 0 },
        { 1e-50, 1, 100, (1e-50 - 1) / 1e-12 },     // log p = −115 clamped
        { 1e-20, 1, -Math.Log(1e-20), (1e-20 - 1) / 1e-12 }, // not clamped, but p·(1 − p) < 1e-12: PyTorch's bounded gradient, not −1/p = −1e20
        { 1e-13, 0, -Log1p(-1e-13), 1e-13 / 1e-12 },
        { 0.3, 0.6, -(0.6 * Math.Log(0.3) + 0.4 * Math.Log(0.7)), -0.3 / 0.21 },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Boundary_values_and_gradients_are_PyTorchs(double p, double t, double loss, double gradient)
    {
        var dp = new double[1];
        Check.Close(loss, C.BinaryCrossEntropy([p], [t], (Span<double>)dp, Reduction.Sum), 1e-14, $"loss at p = {p}, t = {t}");
        Check.Close(TorchGradient(p, t), dp[0], 1e-15, $"dp against PyTorch's backward at p = {p}, t = {t}");
        Check.Close(gradient, dp[0], 1e-14, $"dp at p = {p}, t = {t}");

        var g = new double[1];
        C.BinaryCrossEntropyUnreduced([p], [t], [2.0], g);
        Check.Close(2 * TorchGradient(p, t), g[0], 1e-15, "vjp");

        var dpw = new double[1];
        Check.Close(3 * loss, C.BinaryCrossEntropy([p], [t], [3.0], dpw, Reduction.Sum), 1e-14, "weighted loss");
        Check.Close(TorchGradient(p, t, 3), dpw[0], 1e-15, "weighted dp");

        // float: PyTorch's formula in float, with the float epsilon 1e-12f.
        float pf = (float)p, tf = (float)t;
        var dpf = new float[1];
        float lossF = C.BinaryCrossEntropy([pf], [tf], (Span<float>)dpf, Reduction.Sum);
        Check.Close(Element(pf, tf), lossF, 1e-6, $"float loss at p = {p}");
        float expectedF = (pf - tf) / MathF.Max((1 - pf) * pf, 1e-12f);
        Assert.True(Math.Abs(expectedF - dpf[0]) <= 1e-6 * Math.Abs(expectedF), $"float dp at p = {p}: expected {expectedF}, got {dpf[0]}");
    }

    [Fact]
    public void A_subnormal_float_probability_has_a_finite_gradient()
    {
        // −1/p would be −1e40, beyond float; PyTorch's formula gives −1/1e-12.
        float p = 1e-40f;
        var dp = new float[1];
        float loss = C.BinaryCrossEntropy([p], [1f], (Span<float>)dp, Reduction.Sum);
        Check.Close(-Math.Log(p), loss, 1e-6, "−log p");
        Assert.True(float.IsFinite(dp[0]));
        Check.Close(-1e12, dp[0], 1e-6, "dp");
    }

    [Fact]
    public void The_value_keeps_full_precision_near_p_equal_to_t()
    {
        // The detach construction adds g·(p − p) = 0: the value is the clamped formula itself, to the last bits, even where
        // it is tiny next to g·p (p → 1, t = 1: ℓ ≈ 1 − p, g·p ≈ −1).
        foreach (double p in new[] { 1 - Math.Pow(2, -20), 1 - Math.Pow(2, -40), 0.999999 })
        {
            double expected = -Math.Log(p);
            double actual = C.BinaryCrossEntropy([p], [1.0], (Span<double>)new double[1], Reduction.Sum);
            Assert.True(Math.Abs(actual - expected) <= 1e-15 * expected, $"p = {p}: expected {expected:R}, got {actual:R}");
        }

        float pf = 1 - MathF.Pow(2, -20);
        float lossF = C.BinaryCrossEntropy([pf], [1f], (Span<float>)new float[1], Reduction.Sum);
        double exact = -Math.Log(pf);
        Assert.True(Math.Abs(lossF - exact) <= 1e-6 * exact, $"float: expected {exact:R}, got {lossF:R}");
    }

    [Theory]
    [InlineData(-0.1, 0.5, "p")]
    [InlineData(1.1, 0.5, "p")]
    [InlineData(double.NaN, 0.5, "p")]
    [InlineData(0.5, 1.5, "t")]
    [InlineData(0.5, -1e-9, "t")]
    [InlineData(0.5, double.NaN, "t")]
    public void Values_outside_0_1_are_refused(double p, double t, string name)
    {
        double[] ps = [0.5, p], ts = [0.5, t];
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => C.BinaryCrossEntropy(ps, ts)).ParamName);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => C.BinaryCrossEntropy(ps, ts, (Span<double>)new double[2])).ParamName);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => C.BinaryCrossEntropy(ps, ts, new double[] { 1, 1 }, new double[2])).ParamName);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => C.BinaryCrossEntropyUnreduced(ps, ts, new double[2])).ParamName);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => C.BinaryCrossEntropy(Check.ToFloat(ps), Check.ToFloat(ts))).ParamName);
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => C.BinaryCrossEntropy(new double[3], new double[3], new double[2], new double[3]));
        Assert.Equal("weight", e.ParamName);
    }
}
