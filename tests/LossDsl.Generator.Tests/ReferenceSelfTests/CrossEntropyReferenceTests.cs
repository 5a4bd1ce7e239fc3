using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.ReferenceSelfTests;

using Reduction = LossDsl.Generator.Tests.Infrastructure.ShapedReference.Reduction;

/// <summary>
/// The cross-entropy family of <see cref="ShapedReference"/> checked against hand arithmetic, identities between
/// independently written forms (BCE, NLL, probability targets), invariances, and finite differences.
/// </summary>
public class CrossEntropyReferenceTests
{
    private static readonly double Ln2 = Math.Log(2), Ln3 = Math.Log(3), Ln6 = Math.Log(6);

    // Row A = log(1, 2, 3): softmax (1/6, 2/6, 3/6), so −log p = (ln 6, ln 3, ln 2). Row B = (0, 0, 0): −log p = ln 3.
    private static readonly double[] TwoRows = { 0, Math.Log(2), Math.Log(3), 0, 0, 0 };

    [Fact]
    public void Unweighted_mean_is_the_average_of_minus_log_p_of_the_target()
    {
        // A with y = 2: −log(3/6) = ln 2; B with y = 0: ln 3. Mean (ln 2 + ln 3)/2 = ln 6 / 2; sum ln 6.
        Reference.Close(Ln6 / 2, CrossEntropy(TwoRows, 2, 3, new[] { 2, 0 }), 1e-15, "mean");
        Reference.Close(Ln6, CrossEntropy(TwoRows, 2, 3, new[] { 2, 0 }, reduction: Reduction.Sum), 1e-15, "sum");
        double[] none = CrossEntropyPerSample(TwoRows, 2, 3, new[] { 2, 0 });
        Reference.Close(Ln2, none[0], 1e-15, "none[0]");
        Reference.Close(Ln3, none[1], 1e-15, "none[1]");
    }

    [Fact]
    public void Weighted_mean_divides_by_the_sum_of_the_targets_weights()
    {
        // w = (1, 2, 3). A, y = 2: 3·ln 2; B, y = 0: 1·ln 3. Mean = (3 ln 2 + ln 3) / (3 + 1), not / N = 2.
        double[] w = { 1, 2, 3 };
        Reference.Close(((3 * Ln2) + Ln3) / 4, CrossEntropy(TwoRows, 2, 3, new[] { 2, 0 }, w), 1e-15, "weighted mean");
        Reference.Close((3 * Ln2) + Ln3, CrossEntropy(TwoRows, 2, 3, new[] { 2, 0 }, w, reduction: Reduction.Sum), 1e-15, "weighted sum");
        double[] none = CrossEntropyPerSample(TwoRows, 2, 3, new[] { 2, 0 }, w);
        Reference.Close(3 * Ln2, none[0], 1e-15, "none[0]");
        Reference.Close(Ln3, none[1], 1e-15, "none[1]");
    }

    [Fact]
    public void Ignored_samples_contribute_nothing_and_are_not_counted()
    {
        // Only B (y = 0, w = 1) remains: mean ln 3 whether or not A's weight 3 exists.
        double[] w = { 1, 2, 3 };
        Reference.Close(Ln3, CrossEntropy(TwoRows, 2, 3, new[] { DefaultIgnoreIndex, 0 }), 1e-15, "default ignore index");
        Reference.Close(Ln3, CrossEntropy(TwoRows, 2, 3, new[] { DefaultIgnoreIndex, 0 }, w), 1e-15, "weighted, default ignore index");
        // A custom ignore index that is a valid class: every target equal to it is dropped.
        Reference.Close(Ln2, CrossEntropy(TwoRows, 2, 3, new[] { 2, 0 }, ignoreIndex: 0), 1e-15, "ignore index 0");
        Assert.Equal(0, CrossEntropyPerSample(TwoRows, 2, 3, new[] { DefaultIgnoreIndex, 0 })[0]);
    }

    [Fact]
    public void All_ignored_or_empty_gives_NaN_for_mean_and_zero_for_sum()
    {
        int[] ignored = { DefaultIgnoreIndex, DefaultIgnoreIndex };
        Assert.True(double.IsNaN(CrossEntropy(TwoRows, 2, 3, ignored)));
        Assert.True(double.IsNaN(CrossEntropy(TwoRows, 2, 3, ignored, new double[] { 1, 2, 3 }, labelSmoothing: 0.2)));
        Assert.Equal(0, CrossEntropy(TwoRows, 2, 3, ignored, reduction: Reduction.Sum));
        Assert.True(double.IsNaN(CrossEntropy(Array.Empty<double>(), 0, 3, Array.Empty<int>())));
        Assert.True(double.IsNaN(NllLoss(TwoRows, 2, 3, ignored)));
        Assert.All(CrossEntropyGradient(TwoRows, 2, 3, ignored, labelSmoothing: 0.1), g => Assert.Equal(0, g));
    }

    [Fact]
    public void Label_smoothing_matches_hand_arithmetic_with_weights()
    {
        // ε = 0.3, C = 3, w = (1, 2, 3), targets (A: 2, B: 0).
        // A: nll = w2·ln 2 = 3 ln 2; smooth = Σ_c w_c·(−log p_c) = 1·ln 6 + 2·ln 3 + 3·ln 2.
        // B: nll = w0·ln 3 = ln 3;   smooth = (1 + 2 + 3)·ln 3 = 6 ln 3.
        // per sample = 0.7·nll + (0.3/3)·smooth; mean = (A + B) / (w2 + w0) = (A + B) / 4 (one shared denominator).
        double[] w = { 1, 2, 3 };
        double a = (0.7 * 3 * Ln2) + (0.1 * (Ln6 + (2 * Ln3) + (3 * Ln2)));
        double b = (0.7 * Ln3) + (0.1 * 6 * Ln3);
        double[] none = CrossEntropyPerSample(TwoRows, 2, 3, new[] { 2, 0 }, w, labelSmoothing: 0.3);
        Reference.Close(a, none[0], 1e-15, "A");
        Reference.Close(b, none[1], 1e-15, "B");
        Reference.Close((a + b) / 4, CrossEntropy(TwoRows, 2, 3, new[] { 2, 0 }, w, labelSmoothing: 0.3), 1e-15, "mean");
        // With A ignored, the mean is B / w0 = B.
        Reference.Close(b, CrossEntropy(TwoRows, 2, 3, new[] { DefaultIgnoreIndex, 0 }, w, labelSmoothing: 0.3), 1e-15, "A ignored");
    }

    [Fact]
    public void Label_smoothing_zero_is_plain_cross_entropy()
    {
        (double[] x, int[] y, double[] w) = RandomCase(7, 9, 5);
        foreach (double[]? weight in new[] { null, w })
        {
            Assert.Equal(CrossEntropy(x, 9, 5, y, weight), CrossEntropy(x, 9, 5, y, weight, labelSmoothing: 0));
            // ε → 0 is continuous (the smoothing path and the plain path meet).
            Reference.Close(CrossEntropy(x, 9, 5, y, weight), CrossEntropy(x, 9, 5, y, weight, labelSmoothing: 1e-12), 1e-10, "ε = 1e-12");
        }
    }

    [Fact]
    public void Unweighted_label_smoothing_equals_probability_targets_with_the_smoothed_one_hot()
    {
        (double[] x, int[] y, _) = RandomCase(11, 8, 6);
        double[] oneHot = OneHot(y, 6);
        foreach (double eps in new[] { 0.0, 0.1, 0.7, 1.0 })
        {
            Reference.Close(CrossEntropyProbTarget(x, 8, 6, oneHot, labelSmoothing: eps), CrossEntropy(x, 8, 6, y, labelSmoothing: eps), 1e-13, $"ε = {eps}");
        }
    }

    [Fact]
    public void Weighted_label_smoothing_has_the_probability_target_numerator_but_a_weight_denominator()
    {
        // Per sample both are (1 − ε)·w_y·(−log p_y) + (ε/C)·Σ_c w_c·(−log p_c); class indices divide the sum by
        // Σ w_{y_i}, probability targets by N (LossNLL.cpp: cross_entropy_loss_label_smoothing vs ..._prob_target).
        (double[] x, int[] y, double[] w) = RandomCase(12, 10, 4);
        double[] oneHot = OneHot(y, 4);
        double sumIdx = CrossEntropy(x, 10, 4, y, w, labelSmoothing: 0.25, reduction: Reduction.Sum);
        double sumProb = CrossEntropyProbTarget(x, 10, 4, oneHot, w, 0.25, Reduction.Sum);
        Reference.Close(sumProb, sumIdx, 1e-13, "sums");
        double weightOfTargets = y.Sum(t => w[t]);
        Reference.Close(sumIdx / weightOfTargets, CrossEntropy(x, 10, 4, y, w, labelSmoothing: 0.25), 1e-13, "class-index mean");
        Reference.Close(sumProb / 10, CrossEntropyProbTarget(x, 10, 4, oneHot, w, 0.25), 1e-13, "probability-target mean");
    }

    [Fact]
    public void Two_classes_is_bce_with_logits_of_the_logit_difference()
    {
        var random = new Random(3);
        for (int k = 0; k < 50; k++)
        {
            double a = (random.NextDouble() - 0.5) * 40, b = (random.NextDouble() - 0.5) * 40;
            int y = random.Next(2);
            // p(class 1) = sigmoid(b − a), so CE = BCE-with-logits(b − a, t = y), written independently as
            // max(z, 0) − z·t + log(1 + exp(−|z|)) in the plainest form. log(1 + e) is off by up to an ulp of 1 when
            // e is tiny, so the comparison is absolute at that scale.
            double z = b - a;
            double bce = Math.Max(z, 0) - (z * y) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            double ce = CrossEntropy(new[] { a, b }, 1, 2, new[] { y });
            Assert.True(Math.Abs(ce - bce) <= 1e-12 * Math.Max(1, bce), $"a={a}, b={b}, y={y}: BCE {bce:R}, CE {ce:R}");
        }
    }

    [Fact]
    public void Nll_of_log_softmax_is_cross_entropy()
    {
        (double[] x, int[] y, double[] w) = RandomCase(5, 12, 7);
        y[3] = DefaultIgnoreIndex;
        double[] logp = LogSoftmax(x, 12, 7);
        foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
        {
            Reference.Close(CrossEntropy(x, 12, 7, y, w, reduction: r), NllLoss(logp, 12, 7, y, w, reduction: r), 1e-14, $"weighted {r}");
            Reference.Close(CrossEntropy(x, 12, 7, y, reduction: r), NllLoss(logp, 12, 7, y, reduction: r), 1e-14, $"unweighted {r}");
        }

        Assert.Equal(CrossEntropyPerSample(x, 12, 7, y, w), NllLossPerSample(logp, 12, 7, y, w));
    }

    [Fact]
    public void Nll_takes_the_input_as_given()
    {
        // −w_y·input[i, y]: input (0.5, −2 | 7, 1), targets (1, 0), w = (2, 3): per sample (6, −14); mean −8/(3 + 2).
        double[] input = { 0.5, -2, 7, 1 };
        Assert.Equal(new[] { 6.0, -14.0 }, NllLossPerSample(input, 2, 2, new[] { 1, 0 }, new double[] { 2, 3 }));
        Reference.Close(-8.0 / 5, NllLoss(input, 2, 2, new[] { 1, 0 }, new double[] { 2, 3 }), 1e-15, "mean");
    }

    [Fact]
    public void Adding_a_constant_to_a_row_changes_nothing()
    {
        (double[] x, int[] y, double[] w) = RandomCase(9, 6, 5);
        double[] shifted = (double[])x.Clone();
        for (int j = 0; j < 5; j++)
        {
            shifted[(2 * 5) + j] += 1e4;
            shifted[(4 * 5) + j] -= 37.5;
        }

        Reference.Close(CrossEntropy(x, 6, 5, y, w, labelSmoothing: 0.2), CrossEntropy(shifted, 6, 5, y, w, labelSmoothing: 0.2), 1e-11, "CE");
        Reference.Close(FocalLoss(x, 6, 5, y), FocalLoss(shifted, 6, 5, y), 1e-10, "focal");
        ShapedReference.AssertGradientClose(CrossEntropyGradient(x, 6, 5, y, w), CrossEntropyGradient(shifted, 6, 5, y, w), 1e-11, "gradient");
    }

    [Fact]
    public void Logits_of_plus_minus_1e4_stay_finite_and_exact()
    {
        // Row (1e4, −1e4): y = 1 costs exactly 2e4, y = 0 costs exp(−2e4) = 0 in double.
        double[] x = { 1e4, -1e4, 1e4, -1e4 };
        int[] y = { 1, 0 };
        Assert.Equal(1e4, CrossEntropy(x, 2, 2, y));
        Assert.Equal(new[] { 2e4, 0 }, CrossEntropyPerSample(x, 2, 2, y));
        // Gradient (softmax − one-hot)/N = ((1, 0) − (0, 1))/2 and ((1, 0) − (1, 0))/2.
        Assert.Equal(new[] { 0.5, -0.5, 0, 0 }, CrossEntropyGradient(x, 2, 2, y));
        Assert.True(double.IsFinite(CrossEntropy(x, 2, 2, y, new double[] { 2, 5 }, labelSmoothing: 0.1)));
        Assert.True(double.IsFinite(CrossEntropyProbTarget(x, 2, 2, new double[] { 0.3, 0.7, 1, 0 }, labelSmoothing: 0.1)));
        Assert.True(double.IsFinite(LabelSmoothingCrossEntropySeed(x, 2, 2, y)));
        Assert.All(ShapedReference.Gradient(v => CrossEntropy(v, 2, 2, y, labelSmoothing: 0.1), x), g => Assert.True(double.IsFinite(g)));
    }

    [Theory]
    [InlineData(0.0, false, Reduction.Mean)]
    [InlineData(0.0, true, Reduction.Mean)]
    [InlineData(0.3, true, Reduction.Mean)]
    [InlineData(0.3, false, Reduction.Sum)]
    [InlineData(1.0, true, Reduction.Sum)]
    public void Analytic_gradient_matches_finite_differences(double eps, bool weighted, Reduction reduction)
    {
        (double[] x, int[] y, double[] w) = RandomCase(21, 7, 4);
        y[2] = DefaultIgnoreIndex;
        double[]? weight = weighted ? w : null;
        double[] analytic = CrossEntropyGradient(x, 7, 4, y, weight, labelSmoothing: eps, reduction: reduction);
        ShapedReference.AssertMatchesFiniteDifference(v => CrossEntropy(v, 7, 4, y, weight, labelSmoothing: eps, reduction: reduction), x, analytic, 1e-7, "CE gradient");
        Assert.All(analytic.Skip(2 * 4).Take(4), g => Assert.Equal(0, g));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.2, true)]
    public void Probability_target_gradient_matches_finite_differences(double eps, bool weighted)
    {
        (double[] x, _, double[] w) = RandomCase(22, 6, 5);
        double[] t = SoftTargets(new Random(23), 6, 5);
        double[] analytic = CrossEntropyProbTargetGradient(x, 6, 5, t, weighted ? w : null, eps);
        ShapedReference.AssertMatchesFiniteDifference(v => CrossEntropyProbTarget(v, 6, 5, t, weighted ? w : null, eps), x, analytic, 1e-7, "prob-target gradient");
    }

    [Fact]
    public void Gradient_rows_sum_to_zero()
    {
        // A consequence of the row-shift invariance: d/dt CE(x + t·1_row) = 0.
        (double[] x, int[] y, double[] w) = RandomCase(31, 5, 9);
        double[] g = CrossEntropyGradient(x, 5, 9, y, w, labelSmoothing: 0.4);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(Math.Abs(g.Skip(i * 9).Take(9).Sum()) < 1e-14, $"row {i}");
        }
    }

    [Fact]
    public void Seed_label_smoothing_matches_hand_arithmetic_and_pytorch_with_rescaled_epsilon()
    {
        // Row A (−log p = ln 6, ln 3, ln 2), y = 2, ε = 0.1, C = 3: q = (0.05, 0.05, 0.9):
        // 0.05 ln 6 + 0.05 ln 3 + 0.9 ln 2.
        Reference.Close((0.05 * Ln6) + (0.05 * Ln3) + (0.9 * Ln2), LabelSmoothingCrossEntropySeed(TwoRows[..3], 1, 3, new[] { 2 }), 1e-15, "hand");
        // ε/(C − 1) off target = PyTorch's ε'/C with ε' = ε·C/(C − 1); then on target 1 − ε' + ε'/C = 1 − ε.
        (double[] x, int[] y, _) = RandomCase(41, 9, 5);
        Reference.Close(CrossEntropy(x, 9, 5, y, labelSmoothing: 0.1 * 5 / 4), LabelSmoothingCrossEntropySeed(x, 9, 5, y, 0.1), 1e-13, "ε' = εC/(C−1)");
        // C = 1: the only class is the target, log p = 0.
        Assert.Equal(0, LabelSmoothingCrossEntropySeed(new[] { 3.0, -2.0 }, 2, 1, new[] { 0, 0 }));
    }

    [Fact]
    public void Bad_inputs_throw_naming_the_argument()
    {
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(TwoRows, 2, 3, new[] { 0, 3 })).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => NllLoss(TwoRows, 2, 3, new[] { -1, 0 })).ParamName);
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => CrossEntropy(TwoRows, 2, 4, new[] { 0, 0 })).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => CrossEntropy(TwoRows, 2, 3, new[] { 0, 0 }, new double[] { 1, 2 })).ParamName);
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(TwoRows, 2, 3, new[] { 0, 0 }, labelSmoothing: 1.5)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(TwoRows, 2, 3, new[] { 0, 0 }, reduction: Reduction.None)).ParamName);
    }

    internal static (double[] X, int[] Y, double[] W) RandomCase(int seed, int n, int c)
    {
        var random = new Random(seed);
        double[] x = Reference.Sample(random, n * c, -4, 4);
        int[] y = Enumerable.Range(0, n).Select(_ => random.Next(c)).ToArray();
        double[] w = Reference.Sample(random, c, 0.2, 3);
        return (x, y, w);
    }

    internal static double[] OneHot(int[] y, int c)
    {
        var t = new double[y.Length * c];
        for (int i = 0; i < y.Length; i++)
        {
            t[(i * c) + y[i]] = 1;
        }

        return t;
    }

    internal static double[] SoftTargets(Random random, int n, int c)
    {
        double[] t = Reference.Sample(random, n * c, 0, 1);
        for (int i = 0; i < n; i++)
        {
            double s = t.Skip(i * c).Take(c).Sum();
            for (int j = 0; j < c; j++)
            {
                t[(i * c) + j] /= s;
            }
        }

        return t;
    }
}
