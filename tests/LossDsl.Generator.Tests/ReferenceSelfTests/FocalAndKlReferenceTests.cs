using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.ReferenceSelfTests;

using Reduction = LossDsl.Generator.Tests.Infrastructure.ShapedReference.Reduction;

/// <summary>Focal losses (seed 003 multi-class, torchvision binary) and KL divergence against hand arithmetic and identities.</summary>
public class FocalAndKlReferenceTests
{
    private static readonly double Ln2 = Math.Log(2);

    [Fact]
    public void Multiclass_focal_matches_hand_arithmetic()
    {
        // logits log(1, 2, 3), y = 2: p = 1/2, ce = ln 2; α = 0.25, γ = 2: 0.25·(1/2)²·ln 2 = ln 2 / 16.
        double[] x = { 0, Math.Log(2), Math.Log(3) };
        Reference.Close(Ln2 / 16, FocalLoss(x, 1, 3, new[] { 2 }), 1e-15, "α=0.25, γ=2");
        // γ = 0.5: 0.25·(1/2)^0.5·ln 2.
        Reference.Close(0.25 * Math.Sqrt(0.5) * Ln2, FocalLoss(x, 1, 3, new[] { 2 }, gamma: 0.5), 1e-15, "γ=0.5");
    }

    [Fact]
    public void Multiclass_focal_with_alpha_one_gamma_zero_is_cross_entropy()
    {
        (double[] x, int[] y, _) = CrossEntropyReferenceTests.RandomCase(4, 10, 6);
        Assert.Equal(CrossEntropyPerSample(x, 10, 6, y), FocalLossPerSample(x, 10, 6, y, alpha: 1, gamma: 0));
        Reference.Close(CrossEntropy(x, 10, 6, y, reduction: Reduction.Sum), FocalLoss(x, 10, 6, y, 1, 0, Reduction.Sum), 1e-14, "sum");
    }

    [Fact]
    public void Multiclass_focal_keeps_digits_when_the_target_is_nearly_certain()
    {
        // ce = log(1 + e^−40) ≈ e^−40 ≈ 4.25e-18; 1 − p ≈ ce as well, so focal ≈ α·ce³ (γ = 2), ≈ 1.9e-53.
        // Written as 1 − exp(−ce) this would be 0 in double.
        double[] x = { 40, 0 };
        double ce = CrossEntropyPerSample(x, 1, 2, new[] { 0 })[0];
        Reference.Close(Math.Exp(-40), ce, 1e-12, "ce");
        Reference.Close(0.25 * ce * ce * ce, FocalLossPerSample(x, 1, 2, new[] { 0 })[0], 1e-12, "focal");
    }

    [Fact]
    public void Multiclass_focal_ignored_target_is_zero_but_counted_in_the_mean()
    {
        double[] x = { 0, Math.Log(2), Math.Log(3), 0, 0, 0 };
        // Sample 0 ignored (0), sample 1: uniform, p = 1/3, ce = ln 3: 0.25·(2/3)²·ln 3; mean over N = 2.
        double expected = 0.25 * (4.0 / 9) * Math.Log(3) / 2;
        Reference.Close(expected, FocalLoss(x, 2, 3, new[] { DefaultIgnoreIndex, 0 }), 1e-15, "mean over both samples");
    }

    [Fact]
    public void Multiclass_focal_at_plus_minus_1e4()
    {
        // Right with margin 2e4: ce = 0, loss 0. Wrong: ce = 2e4, p = 0: α·1·2e4 = 5000.
        double[] x = { 1e4, -1e4, 1e4, -1e4 };
        Assert.Equal(new[] { 0, 5000.0 }, FocalLossPerSample(x, 2, 2, new[] { 0, 1 }));
    }

    [Fact]
    public void Binary_focal_matches_hand_arithmetic()
    {
        // x = 0: p = 1/2, ce = ln 2, 1 − p_t = 1/2 for either t; γ = 2 gives ln 2 / 4;
        // α_t = 0.25 for t = 1 and 0.75 for t = 0.
        double[] perElement = SigmoidFocalLossPerElement(new[] { 0.0, 0.0 }, new[] { 1.0, 0.0 });
        Reference.Close(Ln2 / 16, perElement[0], 1e-15, "t = 1");
        Reference.Close(3 * Ln2 / 16, perElement[1], 1e-15, "t = 0");
        Reference.Close(Ln2 / 8, SigmoidFocalLoss(new[] { 0.0, 0.0 }, new[] { 1.0, 0.0 }), 1e-15, "mean");
        Reference.Close(Ln2 / 4, SigmoidFocalLoss(new[] { 0.0, 0.0 }, new[] { 1.0, 0.0 }, reduction: Reduction.Sum), 1e-15, "sum");
    }

    [Fact]
    public void Binary_focal_with_negative_alpha_and_gamma_zero_is_bce_with_logits()
    {
        var random = new Random(8);
        double[] x = Reference.Sample(random, 40, -8, 8);
        double[] t = Reference.Sample(random, 40, 0, 1);
        double[] focal = SigmoidFocalLossPerElement(x, t, alpha: -1, gamma: 0);
        for (int k = 0; k < x.Length; k++)
        {
            // BCE with logits written independently: −[t·log σ(x) + (1 − t)·log(1 − σ(x))] in the plain form.
            double s = 1 / (1 + Math.Exp(-x[k]));
            double bce = -((t[k] * Math.Log(s)) + ((1 - t[k]) * Math.Log(1 - s)));
            Reference.Close(bce, focal[k], 1e-9, $"x={x[k]}");
        }
    }

    [Fact]
    public void Binary_focal_equals_torchvisions_literal_form_at_moderate_logits()
    {
        // torchvision/ops/focal_loss.py, transcribed: p = sigmoid(x); p_t = p t + (1 − p)(1 − t); ce·(1 − p_t)^γ·α_t.
        var random = new Random(9);
        double[] x = Reference.Sample(random, 60, -6, 6);
        double[] t = x.Select((_, k) => k % 3 == 0 ? 0.3 : k % 2).Select(v => (double)v).ToArray();
        double[] reference = SigmoidFocalLossPerElement(x, t, 0.4, 1.5);
        for (int k = 0; k < x.Length; k++)
        {
            double p = 1 / (1 + Math.Exp(-x[k]));
            double ce = Math.Max(x[k], 0) - (x[k] * t[k]) + Math.Log(1 + Math.Exp(-Math.Abs(x[k])));
            double pt = (p * t[k]) + ((1 - p) * (1 - t[k]));
            double literal = ce * Math.Pow(1 - pt, 1.5) * ((0.4 * t[k]) + (0.6 * (1 - t[k])));
            Reference.Close(literal, reference[k], 1e-10, $"x={x[k]}, t={t[k]}");
        }
    }

    [Fact]
    public void Binary_focal_at_plus_minus_1e4()
    {
        // x = 1e4, t = 0: ce = 1e4, 1 − p_t = σ(1e4) = 1, α_t = 0.75: 7500. x = −1e4, t = 0: ce = 0.
        // x = 1e4, t = 1: ce = 0. x = −1e4, t = 1: ce = 1e4, 1 − p_t = σ(1e4) = 1, α_t = 0.25: 2500.
        Assert.Equal(new[] { 7500.0, 0, 0, 2500.0 }, SigmoidFocalLossPerElement(new[] { 1e4, -1e4, 1e4, -1e4 }, new[] { 0.0, 0, 1, 1 }));
    }

    [Fact]
    public void Kl_of_a_distribution_with_itself_is_zero()
    {
        double[] p = CrossEntropyReferenceTests.SoftTargets(new Random(1), 4, 5);
        double[] logp = p.Select(v => Math.Log(v)).ToArray();
        Assert.Equal(0, KlDiv(logp, p, 4, Reduction.Sum), 14);
        Assert.Equal(0, KlDiv(logp, logp, 4, Reduction.Sum, logTarget: true), 14);
    }

    [Fact]
    public void Kl_matches_hand_arithmetic_with_a_zero_target()
    {
        // target (0, 0.5, 0.5), input log(0.2, 0.3, 0.5): 0 + 0.5·ln(0.5/0.3) + 0.5·ln(0.5/0.5) = 0.5·ln(5/3).
        double[] input = { Math.Log(0.2), Math.Log(0.3), Math.Log(0.5) };
        double[] target = { 0, 0.5, 0.5 };
        double kl = 0.5 * Math.Log(5.0 / 3);
        Assert.Equal(0, KlDivPointwise(input, target)[0]);
        Reference.Close(kl, KlDiv(input, target, 1, Reduction.Sum), 1e-14, "sum");
        Reference.Close(kl / 3, KlDiv(input, target, 1, Reduction.Mean), 1e-14, "mean over elements");
        Reference.Close(kl, KlDiv(input, target, 1, Reduction.BatchMean), 1e-14, "batchmean, N = 1");
    }

    [Fact]
    public void Kl_batchmean_divides_by_the_batch_and_mean_by_the_elements()
    {
        double[] q = CrossEntropyReferenceTests.SoftTargets(new Random(2), 3, 4);
        double[] p = CrossEntropyReferenceTests.SoftTargets(new Random(3), 3, 4);
        double[] logq = q.Select(v => Math.Log(v)).ToArray();
        double sum = KlDiv(logq, p, 3, Reduction.Sum);
        Assert.True(sum > 0, "Gibbs' inequality");
        Reference.Close(sum / 3, KlDiv(logq, p, 3, Reduction.BatchMean), 1e-15, "batchmean");
        Reference.Close(sum / 12, KlDiv(logq, p, 3, Reduction.Mean), 1e-15, "mean");
        // log_target with log p is the same divergence.
        Reference.Close(sum, KlDiv(logq, p.Select(v => Math.Log(v)).ToArray(), 3, Reduction.Sum, logTarget: true), 1e-13, "log_target");
        // Per row, KL = Σ p log p − Σ p log q: cross-entropy minus entropy, computed independently.
        double crossEntropy = -p.Zip(logq, (a, b) => a * b).Sum();
        double entropy = -p.Sum(a => a * Math.Log(a));
        Reference.Close(crossEntropy - entropy, sum, 1e-13, "H(p, q) − H(p)");
    }

    [Fact]
    public void Kl_follows_pytorch_for_negative_and_log_zero_targets()
    {
        // xlogy(t, t) with t < 0 is NaN; log_target with t = −∞ is exp(−∞)·(−∞ − x) = 0·(−∞) = NaN (as PyTorch).
        Assert.True(double.IsNaN(KlDivPointwise(new[] { -1.0 }, new[] { -0.5 })[0]));
        Assert.True(double.IsNaN(KlDivPointwise(new[] { -1.0 }, new[] { double.NegativeInfinity }, logTarget: true)[0]));
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => KlDiv(new double[6], new double[6], 4, Reduction.BatchMean)).ParamName);
    }
}
