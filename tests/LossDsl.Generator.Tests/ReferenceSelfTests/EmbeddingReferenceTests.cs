using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.ReferenceSelfTests;

using Reduction = LossDsl.Generator.Tests.Infrastructure.ShapedReference.Reduction;

/// <summary>Cosine embedding, triplet (PyTorch and batch-hard), contrastive, InfoNCE / NT-Xent and Chamfer references.</summary>
public class EmbeddingReferenceTests
{
    [Fact]
    public void Cosine_embedding_matches_hand_arithmetic()
    {
        // Row 0: (1, 0)·(0, 1) = 0, y = 1: 1 − 0 = 1. Row 1: same vectors, y = −1, margin 0: max(0 − 0, 0) = 0.
        // Row 2: (1, 1) and (2, 2): cos = 4 / sqrt((2 + E)(8 + E)) ≈ 1, y = −1, margin 0.5: ≈ 0.5.
        // Row 3: label 0 (neither 1 nor −1): 0, as PyTorch's two where()s.
        double[] x1 = { 1, 0, 1, 0, 1, 1, 1, 1 };
        double[] x2 = { 0, 1, 0, 1, 2, 2, 2, 2 };
        double[] y = { 1, -1, -1, 0 };
        double e = CosineEmbeddingEpsilon;
        double[] loss = CosineEmbeddingLossPerSample(x1, x2, 4, 2, y, margin: 0.5);
        Assert.Equal(1, loss[0]);
        Assert.Equal(0, loss[1]);
        Reference.Close((4 / Math.Sqrt((2 + e) * (8 + e))) - 0.5, loss[2], 1e-15, "row 2");
        Assert.Equal(0, loss[3]);
        Reference.Close(loss.Sum() / 4, CosineEmbeddingLoss(x1, x2, 4, 2, y, 0.5), 1e-15, "mean");
    }

    [Fact]
    public void Cosine_embedding_eps_is_added_to_each_squared_norm()
    {
        // |x1|² = 1e-14, |x2|² = 1e-10, dot = 1e-12: PyTorch's cos = 1e-12 / sqrt((1e-14 + E)(1e-10 + E)) ≈ 0.0995;
        // eps added to the product of norms instead would give 1e-12 / (1e-12 + E) ≈ 0.5. The float EPSILON is exact:
        // E = (double)1e-12f.
        Assert.Equal(9.999999960041972e-13, CosineEmbeddingEpsilon);
        double e = CosineEmbeddingEpsilon;
        double cos = 1e-12 / Math.Sqrt((1e-14 + e) * (1e-10 + e));
        Reference.Close(1 - cos, CosineEmbeddingLoss(new[] { 1e-7, 0 }, new[] { 1e-5, 0 }, 1, 2, new[] { 1.0 }), 1e-14, "tiny vectors");
        Assert.InRange(cos, 0.099, 0.1);
        // A zero vector gives cos = 0, finite.
        Assert.Equal(1, CosineEmbeddingLoss(new[] { 0.0, 0 }, new[] { 3.0, 4 }, 1, 2, new[] { 1.0 }));
    }

    [Fact]
    public void Pairwise_distance_adds_eps_to_the_signed_difference()
    {
        // |0 − 1 + 0.5| = 0.5 but |1 − 0 + 0.5| = 1.5: the distance is not symmetric once eps is non-zero.
        Assert.Equal(0.5, PairwiseDistance(new[] { 0.0 }, new[] { 1.0 }, 2, 0.5));
        Assert.Equal(1.5, PairwiseDistance(new[] { 1.0 }, new[] { 0.0 }, 2, 0.5));
        // p-norms of (1, 2) with eps = 0: p = 1: 3; p = 2: √5; p = 3: 9^(1/3); p = ∞: 2.
        Assert.Equal(3, PairwiseDistance(new[] { 0.0, 0 }, new[] { -1.0, -2 }, 1, 0));
        Reference.Close(Math.Sqrt(5), PairwiseDistance(new[] { 0.0, 0 }, new[] { -1.0, -2 }, 2, 0), 1e-15, "p = 2");
        Reference.Close(Math.Cbrt(9), PairwiseDistance(new[] { 0.0, 0 }, new[] { -1.0, -2 }, 3, 0), 1e-15, "p = 3");
        Assert.Equal(2, PairwiseDistance(new[] { 0.0, 0 }, new[] { -1.0, -2 }, double.PositiveInfinity, 0));
    }

    [Fact]
    public void Triplet_margin_matches_hand_arithmetic()
    {
        // a = 0, p = (3, 4): d = 5. n = (0, 1): d = 1, loss 1 + 5 − 1 = 5. n = (6, 8): d = 10, loss max(−4, 0) = 0.
        double[] a = { 0, 0, 0, 0 }, p = { 3, 4, 3, 4 }, n = { 0, 1, 6, 8 };
        Assert.Equal(new[] { 5.0, 0 }, TripletMarginLossPerSample(a, p, n, 2, 2, eps: 0));
        Assert.Equal(2.5, TripletMarginLoss(a, p, n, 2, 2, eps: 0));
        Assert.Equal(5, TripletMarginLoss(a, p, n, 2, 2, eps: 0, reduction: Reduction.Sum));
        // Default eps = 1e-6 with a = p in D = 4: d(a, p) = ‖(1e-6, …)‖ = 2e-6;
        // n = (1, 0, 0, 0): a − n + eps = (−1 + 1e-6, 1e-6, 1e-6, 1e-6).
        double[] zero = new double[4], unit = { 1, 0, 0, 0 };
        double expected = 1 + 2e-6 - Math.Sqrt(((1 - 1e-6) * (1 - 1e-6)) + 3e-12);
        Reference.Close(expected, TripletMarginLoss(zero, zero, unit, 1, 4), 1e-9, "eps in both distances (1 + 2e-6 − 0.999999 cancels ~5 digits)");
    }

    [Fact]
    public void Triplet_swap_uses_the_positive_negative_distance_when_smaller()
    {
        // 1-D, eps = 0: a = 0, p = 2, n = 3. d(a, p) = 2, d(a, n) = 3, d(p, n) = 1.
        // No swap: max(1 + 2 − 3, 0) = 0. Swap: min(3, 1) = 1, loss 1 + 2 − 1 = 2.
        Assert.Equal(0, TripletMarginLoss(new[] { 0.0 }, new[] { 2.0 }, new[] { 3.0 }, 1, 1, eps: 0));
        Assert.Equal(2, TripletMarginLoss(new[] { 0.0 }, new[] { 2.0 }, new[] { 3.0 }, 1, 1, eps: 0, swap: true));
        var random = new Random(5);
        double[] x = Reference.Sample(random, 3 * 20 * 6, -1, 1);
        double[] aa = x[..120], pp = x[120..240], nn = x[240..];
        double[] plain = TripletMarginLossPerSample(aa, pp, nn, 20, 6, margin: 0.7, p: 1.5);
        double[] swapped = TripletMarginLossPerSample(aa, pp, nn, 20, 6, margin: 0.7, p: 1.5, swap: true);
        Assert.All(plain.Zip(swapped), t => Assert.True(t.Second >= t.First));
        Assert.Contains(plain.Zip(swapped), t => t.Second > t.First);
    }

    [Fact]
    public void Triplet_finite_differences_match_the_hand_derived_gradient()
    {
        // For active samples, ∂/∂a (d(a, p) − d(a, n)) / N = ((a − p + eps)/d(a, p) − (a − n + eps)/d(a, n)) / N (p = 2).
        var random = new Random(6);
        const int n = 5, d = 3;
        double[] a = Reference.Sample(random, n * d, -1, 1), p = Reference.Sample(random, n * d, -1, 1), ng = Reference.Sample(random, n * d, -1, 1);
        const double eps = 1e-3, margin = 4;
        var expected = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            double dp = PairwiseDistance(a.AsSpan(i * d, d), p.AsSpan(i * d, d), 2, eps);
            double dn = PairwiseDistance(a.AsSpan(i * d, d), ng.AsSpan(i * d, d), 2, eps);
            Assert.True(margin + dp - dn > 1e-3, "every sample active, away from the kink");
            for (int k = 0; k < d; k++)
            {
                expected[(i * d) + k] = (((a[(i * d) + k] - p[(i * d) + k] + eps) / dp) - ((a[(i * d) + k] - ng[(i * d) + k] + eps) / dn)) / n;
            }
        }

        ShapedReference.AssertMatchesFiniteDifference(v => TripletMarginLoss(v, p, ng, n, d, margin, 2, eps), a, expected, 1e-8, "∂/∂anchor");
    }

    [Fact]
    public void Contrastive_matches_hand_arithmetic()
    {
        // x1 = 0; x2 = (3, 4), (3, 4), (0.3, 0.4): d = 5, 5, 0.5 (eps = 0).
        // y = 1: 25. y = 0, m = 1: max(1 − 5, 0)² = 0. y = 0: (1 − 0.5)² = 0.25. Mean (25 + 0 + 0.25)/3.
        double[] x1 = new double[6], x2 = { 3, 4, 3, 4, 0.3, 0.4 };
        double[] y = { 1, 0, 0 };
        Assert.Equal(new[] { 25, 0, 0.25 }, ContrastiveLossPerSample(x1, x2, 3, 2, y, eps: 0).Select(v => Math.Round(v, 12)));
        Reference.Close(25.25 / 3, ContrastiveLoss(x1, x2, 3, 2, y, eps: 0), 1e-14, "mean");
        // Default eps 1e-6 with x1 = x2 in D = 2: d = √2·1e-6, y = 1: 2e-12.
        Reference.Close(2e-12, ContrastiveLoss(new[] { 0.5, -1 }, new[] { 0.5, -1 }, 1, 2, new[] { 1.0 }), 1e-9, "eps");
    }

    [Fact]
    public void Contrastive_finite_differences_match_the_hand_derived_gradient()
    {
        // With u = x1 − x2 + eps, ∂d/∂x1 = u/d, so the gradient of the mean of y·d² + (1 − y)·(m − d)₊² is
        // (2y·u − 2(1 − y)·(m − d)₊·u/d) / N.
        var random = new Random(7);
        const int n = 6, d = 4;
        double[] x1 = Reference.Sample(random, n * d, -0.4, 0.4), x2 = Reference.Sample(random, n * d, -0.4, 0.4);
        double[] y = { 1, 0, 0, 1, 0, 0.5 };
        const double margin = 2;
        var expected = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            double dist = PairwiseDistance(x1.AsSpan(i * d, d), x2.AsSpan(i * d, d));
            Assert.True(margin - dist > 1e-3, "inside the margin, away from the kink");
            for (int k = 0; k < d; k++)
            {
                double u = x1[(i * d) + k] - x2[(i * d) + k] + 1e-6;
                expected[(i * d) + k] = ((2 * y[i] * u) - (2 * (1 - y[i]) * (margin - dist) * u / dist)) / n;
            }
        }

        ShapedReference.AssertMatchesFiniteDifference(v => ContrastiveLoss(v, x2, n, d, y, margin), x1, expected, 1e-8, "∂/∂x1");
    }

    [Fact]
    public void Batch_hard_triplet_matches_hand_arithmetic()
    {
        // 1-D embeddings 0, 1, 3, 7 with labels 0, 0, 1, 1, margin 1:
        // anchor 0: hardest positive 1, hardest negative 3: max(1 − 3 + 1, 0) = 0; anchor 1: 1 vs 2: 0;
        // anchor 3: positive 7 at 4, negatives at 3, 2: 4 − 2 + 1 = 3; anchor 7: 4 vs 6: 0. Mean 3/4.
        Assert.Equal(0.75, BatchHardTripletLoss(new double[] { 0, 1, 3, 7 }, 4, 1, new[] { 0, 0, 1, 1 }));
        // Add 10 with a label of its own: it has no positive (skipped as an anchor) but is the nearest negative of 7:
        // anchor 7: 4 − 3 + 1 = 2. (0 + 0 + 3 + 2)/4.
        Assert.Equal(1.25, BatchHardTripletLoss(new double[] { 0, 1, 3, 7, 10 }, 5, 1, new[] { 0, 0, 1, 1, 2 }));
        // One label only: no negatives anywhere, no valid anchor: 0 / max(0, 1) = 0.
        Assert.Equal(0, BatchHardTripletLoss(new double[] { 0, 1, 3 }, 3, 1, new[] { 4, 4, 4 }));
    }

    [Fact]
    public void Batch_hard_triplet_is_the_worst_of_all_triplets_per_anchor()
    {
        // relu is monotone, so relu(max_p d − min_n d + m) = max over every (positive, negative) pair of
        // relu(d_ap − d_an + m): brute force over all triplets, independently of the hardest-example search.
        var random = new Random(8);
        const int n = 14, d = 3;
        double[] e = Reference.Sample(random, n * d, -1, 1);
        int[] labels = Enumerable.Range(0, n).Select(i => i % 4).ToArray();
        double total = 0;
        int anchors = 0;
        for (int i = 0; i < n; i++)
        {
            double worst = double.NegativeInfinity;
            for (int p = 0; p < n; p++)
            {
                for (int q = 0; q < n; q++)
                {
                    if (p != i && labels[p] == labels[i] && labels[q] != labels[i])
                    {
                        double dp = Math.Sqrt(Enumerable.Range(0, d).Sum(k => Math.Pow(e[(i * d) + k] - e[(p * d) + k], 2)));
                        double dn = Math.Sqrt(Enumerable.Range(0, d).Sum(k => Math.Pow(e[(i * d) + k] - e[(q * d) + k], 2)));
                        worst = Math.Max(worst, Math.Max(dp - dn + 0.3, 0));
                    }
                }
            }

            if (worst > double.NegativeInfinity)
            {
                total += worst;
                anchors++;
            }
        }

        Reference.Close(total / anchors, BatchHardTripletLoss(e, n, d, labels, 0.3), 1e-14, "brute force");
    }

    [Fact]
    public void InfoNce_matches_hand_arithmetic()
    {
        // z_i = z_j = (e1, e2), τ = 1: z = (e1, e2, e1, e2). Row 0: others 0, 1, 0 with the partner (row 2) at 1:
        // log(1 + e + 1) − 1. Every row is alike by symmetry.
        double[] z = { 1, 0, 0, 1 };
        Reference.Close(Math.Log(2 + Math.E) - 1, InfoNce(z, z, 2, 2, 1), 1e-15, "τ = 1");
        // τ = 0.5: similarities doubled: log(2 + e²) − 2.
        Reference.Close(Math.Log(2 + Math.Exp(2)) - 2, InfoNce(z, z, 2, 2, 0.5), 1e-15, "τ = 0.5");
        // N = 1: each row's only other row is its partner: −log 1 = 0.
        Assert.Equal(0, InfoNce(new[] { 1.0, 2 }, new[] { -3.0, 0.5 }, 1, 2), 15);
    }

    [Fact]
    public void InfoNce_is_cross_entropy_over_the_masked_similarity_matrix_with_the_partner_column()
    {
        // The seed's construction, with the label pointing where the partner lands once the diagonal is removed
        // (column r + N − 1 for r < N, r − N otherwise), evaluated with the CrossEntropy reference.
        var random = new Random(10);
        const int n = 5, d = 3;
        const double tau = 0.2;
        double[] zi = Reference.Sample(random, n * d, -1, 1), zj = Reference.Sample(random, n * d, -1, 1);
        double[] z = NormalizeRows(zi, n, d).Concat(NormalizeRows(zj, n, d)).ToArray();
        int rows = 2 * n;
        var logits = new double[rows * (rows - 1)];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int m = 0;
            for (int k = 0; k < rows; k++)
            {
                if (k != r)
                {
                    logits[(r * (rows - 1)) + m++] = Enumerable.Range(0, d).Sum(t => z[(r * d) + t] * z[(k * d) + t]) / tau;
                }
            }

            labels[r] = r < n ? r + n - 1 : r - n;
        }

        Reference.Close(CrossEntropy(logits, rows, rows - 1, labels), InfoNce(zi, zj, n, d, tau), 1e-13, "masked CE");
        // F.normalize makes the loss invariant to the scale of each row.
        double[] scaled = zi.Select((v, k) => v * (1 + (k / d))).ToArray();
        Reference.Close(InfoNce(zi, zj, n, d, tau), InfoNce(scaled, zj, n, d, tau), 1e-13, "row scale");
    }

    [Fact]
    public void NtXent_follows_the_seed_including_the_duplicated_positive()
    {
        // N = 1: logits (pos, −∞, pos): log(2 e^pos) − pos = log 2 whatever the vectors.
        Reference.Close(Math.Log(2), NtXent(new[] { 1.0, 2 }, new[] { -3.0, 0.5 }, 1, 2), 1e-15, "N = 1");
        // z_i = z_j = (e1, e2), τ = 1: row 0 logits (1, −∞, 0, 1, 0): log(2e + 2) − 1; row 1 alike.
        double[] z = { 1, 0, 0, 1 };
        Reference.Close(Math.Log((2 * Math.E) + 2) - 1, NtXent(z, z, 2, 2, 1), 1e-15, "hand");
        // Against InfoNCE on the same views: each row adds e^pos once more to its denominator, so the seed's value is
        // larger than the first N rows of InfoNCE (here all rows are alike: log(2e + 2) − 1 > log(e + 2) − 1).
        Assert.True(NtXent(z, z, 2, 2, 1) > InfoNce(z, z, 2, 2, 1));
    }

    [Fact]
    public void Chamfer_matches_hand_arithmetic_and_is_symmetric()
    {
        // A = {(0, 0)}, B = {(1, 0), (3, 0)}: A→B: min(1, 9) = 1; B→A: (1 + 9)/2 = 5. Total 6.
        double[] a = { 0, 0 }, b = { 1, 0, 3, 0 };
        Assert.Equal(6, Chamfer(a, 1, b, 2, 2));
        Assert.Equal(6, Chamfer(b, 2, a, 1, 2));
        var random = new Random(11);
        double[] p = Reference.Sample(random, 7 * 3, -1, 1), q = Reference.Sample(random, 4 * 3, -1, 1);
        Assert.Equal(0, Chamfer(p, 7, p, 7, 3));
        Reference.Close(Chamfer(p, 7, q, 4, 3), Chamfer(q, 4, p, 7, 3), 1e-15, "symmetry");
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Chamfer(Array.Empty<double>(), 0, q, 4, 3)).ParamName);
    }
}
