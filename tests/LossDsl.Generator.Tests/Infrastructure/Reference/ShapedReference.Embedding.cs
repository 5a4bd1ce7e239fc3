using System;

namespace LossDsl.Generator.Tests.Infrastructure;

// Metric-learning and contrastive losses over N×D embeddings, and the Chamfer distance between point sets.
public static partial class ShapedReference
{
    /// <summary>
    /// PyTorch's cosine-embedding <c>EPSILON</c>: <c>constexpr float EPSILON = 1e-12;</c> (aten/src/ATen/native/Loss.cpp).
    /// It is a C++ <c>float</c>, so the value added to a double tensor is (double)1e-12f = 9.999999960041972e-13.
    /// </summary>
    public const double CosineEmbeddingEpsilon = (double)1e-12f;

    /// <summary>
    /// <c>F.cosine_embedding_loss(x1, x2, y, margin, reduction='none')</c>: per sample, 1 − cos where y = 1,
    /// max(0, cos − margin) where y = −1, and 0 for any other label (PyTorch does not reject them).
    /// </summary>
    /// <remarks>
    /// Source: aten/src/ATen/native/Loss.cpp, <c>cosine_embedding_loss</c>:
    /// <code>
    /// auto prod_sum = (input1 * input2).sum(targ_dim);
    /// auto mag_square1 = (input1 * input1).sum(targ_dim) + EPSILON;
    /// auto mag_square2 = (input2 * input2).sum(targ_dim) + EPSILON;
    /// auto denom = (mag_square1 * mag_square2).sqrt_();
    /// auto cos = prod_sum / denom;
    /// auto pos = 1 - cos;  auto neg = (cos - margin).clamp_min_(0);
    /// output = where(target == 1, pos, 0) + where(target == -1, neg, 0)
    /// </code>
    /// The eps is added to each squared norm inside the product, not to the product of the norms.
    /// </remarks>
    public static double[] CosineEmbeddingLossPerSample(double[] x1, double[] x2, int n, int d, double[] y, double margin = 0)
    {
        CheckMatrix(x1, n, d, nameof(x1));
        CheckMatrix(x2, n, d, nameof(x2));
        CheckLength(y, n, nameof(y));
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> a = x1.AsSpan(i * d, d), b = x2.AsSpan(i * d, d);
            double dot = 0, aa = 0, bb = 0;
            for (int k = 0; k < d; k++)
            {
                dot += a[k] * b[k];
                aa += a[k] * a[k];
                bb += b[k] * b[k];
            }

            double cos = dot / Math.Sqrt((aa + CosineEmbeddingEpsilon) * (bb + CosineEmbeddingEpsilon));
            result[i] = (y[i] == 1 ? 1 - cos : 0) + (y[i] == -1 ? Math.Max(cos - margin, 0) : 0);
        }

        return result;
    }

    /// <summary><c>F.cosine_embedding_loss</c> reduced (Mean over N, PyTorch's default, or Sum).</summary>
    public static double CosineEmbeddingLoss(double[] x1, double[] x2, int n, int d, double[] y, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        return Reduce(CosineEmbeddingLossPerSample(x1, x2, n, d, y, margin), reduction);
    }

    /// <summary>
    /// <c>F.pairwise_distance(a, b, p, eps)</c> for one pair of rows: ‖a − b + eps‖_p (eps added to every component of
    /// the difference, not to the norm). p = +∞ gives max |a_k − b_k + eps|.
    /// </summary>
    /// <remarks>
    /// Source: aten/src/ATen/native/Distance.cpp <c>pairwise_distance</c>: <c>at::norm(x1 - x2 + eps, p, innermost_dim,
    /// keepdim)</c>; the same in torch/_refs/nn/functional: <c>torch.linalg.vector_norm(x1 - x2 + eps, ord=p, dim=-1)</c>.
    /// </remarks>
    public static double PairwiseDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double p = 2, double eps = 1e-6)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Rows have different lengths ({a.Length} and {b.Length}).", nameof(b));
        }

        if (!(p > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The norm degree must be positive.");
        }

        if (double.IsPositiveInfinity(p))
        {
            double max = 0;
            for (int k = 0; k < a.Length; k++)
            {
                max = Math.Max(max, Math.Abs(a[k] - b[k] + eps));
            }

            return max;
        }

        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double e = Math.Abs(a[k] - b[k] + eps);
            s += p == 2 ? e * e : p == 1 ? e : Math.Pow(e, p);
        }

        return p == 2 ? Math.Sqrt(s) : p == 1 ? s : Math.Pow(s, 1 / p);
    }

    /// <summary>
    /// <c>F.triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction='none')</c>: per sample
    /// max(margin + d(a, p) − d(a, n), 0) with d = <see cref="PairwiseDistance"/> (non-squared p-norm, eps in the
    /// difference); with <paramref name="swap"/>, d(a, n) is replaced by min(d(a, n), d(p, n)).
    /// </summary>
    /// <remarks>
    /// Source: aten/src/ATen/native/Loss.cpp, <c>triplet_margin_loss</c>:
    /// <code>
    /// auto dist_pos = at::pairwise_distance(anchor, positive, p, eps);
    /// auto dist_neg = at::pairwise_distance(anchor, negative, p, eps);
    /// if (swap) { auto dist_swap = at::pairwise_distance(positive, negative, p, eps); dist_neg = at::min(dist_neg, dist_swap); }
    /// auto output = at::clamp_min(margin + dist_pos - dist_neg, 0);
    /// </code>
    /// Defaults as <c>TripletMarginLoss</c>: margin 1, p 2, eps 1e-6, swap false.
    /// </remarks>
    public static double[] TripletMarginLossPerSample(double[] anchor, double[] positive, double[] negative, int n, int d, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false)
    {
        CheckMatrix(anchor, n, d, nameof(anchor));
        CheckMatrix(positive, n, d, nameof(positive));
        CheckMatrix(negative, n, d, nameof(negative));
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> a = anchor.AsSpan(i * d, d), pos = positive.AsSpan(i * d, d), neg = negative.AsSpan(i * d, d);
            double dPos = PairwiseDistance(a, pos, p, eps);
            double dNeg = PairwiseDistance(a, neg, p, eps);
            if (swap)
            {
                dNeg = Math.Min(dNeg, PairwiseDistance(pos, neg, p, eps));
            }

            result[i] = Math.Max(margin + dPos - dNeg, 0);
        }

        return result;
    }

    /// <summary><c>F.triplet_margin_loss</c> reduced (Mean, PyTorch's default, or Sum).</summary>
    public static double TripletMarginLoss(double[] anchor, double[] positive, double[] negative, int n, int d, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        return Reduce(TripletMarginLossPerSample(anchor, positive, negative, n, d, margin, p, eps, swap), reduction);
    }

    /// <summary>
    /// Seed 003 <c>ContrastiveLoss</c>, per sample: y·d² + (1 − y)·max(0, m − d)² with
    /// d = <c>F.pairwise_distance(output1, output2)</c> = ‖x1 − x2 + 1e-6‖₂ (PyTorch's default eps, kept: the seed
    /// calls pairwise_distance with its defaults). No ½ factor: the seed's code has none (its prose formula has one).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 532–550:
    /// <code>
    /// euclidean_distance = nn.functional.pairwise_distance(output1, output2)
    /// loss_contrastive = torch.mean(
    ///     label * torch.pow(euclidean_distance, 2) +
    ///     (1 - label) * torch.pow(torch.clamp(self.margin - euclidean_distance, min=0.0), 2))
    /// </code>
    /// (line 525 prints L = (1/2)·[y·d² + (1 − y)·max(0, m − d)²]; the code, which CATALOG row 37 follows, omits the
    /// ½). Labels are real numbers (the seed passes <c>.float()</c> labels); 1 = similar, 0 = dissimilar.
    /// </remarks>
    public static double[] ContrastiveLossPerSample(double[] x1, double[] x2, int n, int d, double[] y, double margin = 1, double eps = 1e-6)
    {
        CheckMatrix(x1, n, d, nameof(x1));
        CheckMatrix(x2, n, d, nameof(x2));
        CheckLength(y, n, nameof(y));
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double dist = PairwiseDistance(x1.AsSpan(i * d, d), x2.AsSpan(i * d, d), 2, eps);
            double hinge = Math.Max(margin - dist, 0);
            result[i] = (y[i] * dist * dist) + ((1 - y[i]) * hinge * hinge);
        }

        return result;
    }

    /// <summary>Seed 003 <c>ContrastiveLoss</c>: the mean over N of <see cref="ContrastiveLossPerSample"/>.</summary>
    public static double ContrastiveLoss(double[] x1, double[] x2, int n, int d, double[] y, double margin = 1, double eps = 1e-6) =>
        Reduce(ContrastiveLossPerSample(x1, x2, n, d, y, margin, eps), Reduction.Mean);

    /// <summary>
    /// Seed 003 <c>OnlineTripletLoss</c> (batch-hard triplet): with d_ij = ‖e_i − e_j‖₂ (<c>torch.cdist(p=2)</c>:
    /// non-squared, no eps), for every anchor i that has at least one positive (same label, j ≠ i) and one negative
    /// (different label): relu(max_pos d_ij − min_neg d_ij + margin); the loss is the sum over those anchors divided by
    /// max(their count, 1) (0 when there are none).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 607–639:
    /// <code>
    /// pairwise_dist = torch.cdist(embeddings, embeddings, p=2)
    /// pos_mask = labels == labels[i]; pos_mask[i] = False # Exclude anchor itself
    /// neg_mask = labels != labels[i]
    /// if pos_mask.any() and neg_mask.any():
    ///     hardest_positive_dist = pairwise_dist[i][pos_mask].max()
    ///     hardest_negative_dist = pairwise_dist[i][neg_mask].min()
    ///     loss = torch.relu(hardest_positive_dist - hardest_negative_dist + self.margin)
    /// return triplet_loss / max(num_triplets, 1)
    /// </code>
    /// </remarks>
    public static double BatchHardTripletLoss(double[] embeddings, int n, int d, int[] labels, double margin = 1)
    {
        CheckMatrix(embeddings, n, d, nameof(embeddings));
        CheckLength(labels, n, nameof(labels));
        double total = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            double hardestPositive = double.NegativeInfinity, hardestNegative = double.PositiveInfinity;
            ReadOnlySpan<double> anchor = embeddings.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double dist = EuclideanDistance(anchor, embeddings.AsSpan(j * d, d));
                if (labels[j] == labels[i])
                {
                    hardestPositive = Math.Max(hardestPositive, dist);
                }
                else
                {
                    hardestNegative = Math.Min(hardestNegative, dist);
                }
            }

            if (double.IsNegativeInfinity(hardestPositive) || double.IsPositiveInfinity(hardestNegative))
            {
                continue;
            }

            total += Math.Max(hardestPositive - hardestNegative + margin, 0);
            count++;
        }

        return total / Math.Max(count, 1);
    }

    /// <summary>
    /// InfoNCE / NT-Xent over the 2N batch (seed 003 <c>InfoNCELoss</c>, as intended): rows r of
    /// z = [normalize(z_i); normalize(z_j)] (2N×D), s_rk = z_r·z_k / τ; each row's loss is
    /// logsumexp_{k ≠ r} s_rk − s_r,partner(r) with partner(r) = r + N for r &lt; N and r − N otherwise; the loss is the
    /// mean over the 2N rows (<c>F.cross_entropy</c>'s mean). normalize is <c>F.normalize</c>: z / max(‖z‖₂, 1e-12).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 693–721:
    /// <code>
    /// z_i = nn.functional.normalize(z_i, dim=1); z_j = nn.functional.normalize(z_j, dim=1)
    /// representations = torch.cat([z_i, z_j], dim=0) # (2N, dim)
    /// similarity_matrix = torch.mm(representations, representations.T) # (2N, 2N)
    /// labels = torch.cat([torch.arange(batch_size) + batch_size, torch.arange(batch_size)], dim=0)
    /// mask = torch.eye(2 * batch_size, dtype=torch.bool)
    /// similarity_matrix = similarity_matrix[~mask].view(2 * batch_size, -1)
    /// similarity_matrix = similarity_matrix / self.temperature
    /// loss = nn.functional.cross_entropy(similarity_matrix, labels)
    /// </code>
    /// The seed's code does not run as written: removing the diagonal shifts every column right of it one place left,
    /// so for r &lt; N the partner r + N sits at column r + N − 1, and the label r + N of row N − 1 is 2N − 1, out of
    /// bounds of the 2N − 1 remaining columns (PyTorch raises "Target 2N-1 is out of bounds"). This reference implements
    /// what the code and its formula (seed line 686: −log[exp(sim(z_i, z_j)/τ) / Σ_k exp(sim(z_i, z_k)/τ)]) intend: the
    /// positive is the partner view, the denominator every other row of the 2N batch. That is also SimCLR's NT-Xent
    /// (Chen et al. 2020, the paper the seed cites). Default τ = 0.07 (the seed's).
    /// </remarks>
    public static double InfoNce(double[] zi, double[] zj, int n, int d, double temperature = 0.07)
    {
        double[,] s = TwoViewSimilarities(zi, zj, n, d, temperature);
        int rows = 2 * n;
        double total = 0;
        var logits = new double[Math.Max(rows - 1, 0)];
        for (int r = 0; r < rows; r++)
        {
            int partner = r < n ? r + n : r - n;
            int m = 0;
            for (int k = 0; k < rows; k++)
            {
                if (k != r)
                {
                    logits[m++] = s[r, k];
                }
            }

            total += LogSumExp(logits) - s[r, partner];
        }

        return total / rows;
    }

    /// <summary>
    /// Seed 003 <c>NTXentLoss</c> ("Simplified NT-Xent"), exactly as written: for each i &lt; N, the logits are
    /// [pos_i, s_i0, …, s_i,2N−1] with pos_i = s_i,N+i and s_ii = −∞; the loss is the mean over the N rows of
    /// logsumexp(logits) − pos_i. The positive therefore appears twice in the denominator (as pos_i and again as
    /// s_i,N+i), and only the z_i → z_j direction is used; that is what the seed computes, and it differs from SimCLR's
    /// NT-Xent (<see cref="InfoNce"/>). Default τ = 0.5 (the seed's).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 723–746:
    /// <code>
    /// pos_sim = (z_i * z_j).sum(dim=1) / self.temperature # (N,)
    /// z = torch.cat([z_i, z_j], dim=0) # (2N, dim)
    /// sim_matrix = torch.mm(z, z.T) / self.temperature # (2N, 2N)
    /// sim_matrix.fill_diagonal_(-float('inf'))
    /// negatives_i = sim_matrix[:batch_size] # (N, 2N)
    /// logits_i = torch.cat([pos_sim_expanded, negatives_i], dim=1) # (N, 2N+1)
    /// labels = torch.zeros(batch_size, dtype=torch.long)
    /// loss = nn.functional.cross_entropy(logits_i, labels)
    /// </code>
    /// (z_i, z_j normalised with <c>F.normalize</c> first, lines 730–731.)
    /// </remarks>
    public static double NtXent(double[] zi, double[] zj, int n, int d, double temperature = 0.5)
    {
        double[,] s = TwoViewSimilarities(zi, zj, n, d, temperature);
        double total = 0;
        var logits = new double[(2 * n) + 1];
        for (int i = 0; i < n; i++)
        {
            double pos = s[i, n + i];
            logits[0] = pos;
            for (int k = 0; k < 2 * n; k++)
            {
                logits[k + 1] = k == i ? double.NegativeInfinity : s[i, k];
            }

            total += LogSumExp(logits) - pos;
        }

        return total / n;
    }

    /// <summary><c>F.normalize(x, p=2, dim=1, eps=1e-12)</c> of an N×D matrix: each row divided by max(‖row‖₂, eps).</summary>
    public static double[] NormalizeRows(double[] x, int n, int d, double eps = 1e-12)
    {
        CheckMatrix(x, n, d, nameof(x));
        var result = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(i * d, d);
            double norm = 0;
            foreach (double v in row)
            {
                norm += v * v;
            }

            norm = Math.Max(Math.Sqrt(norm), eps);
            for (int k = 0; k < d; k++)
            {
                result[(i * d) + k] = row[k] / norm;
            }
        }

        return result;
    }

    /// <summary>
    /// Chamfer distance between point sets A (N×D) and B (M×D), CATALOG row 49: the mean over a ∈ A of
    /// min_b ‖a − b‖² plus the mean over b ∈ B of min_a ‖a − b‖² (squared Euclidean, the two directional means added,
    /// as pytorch3d's <c>chamfer_distance</c> with point_reduction="mean"). Either set empty throws.
    /// </summary>
    public static double Chamfer(double[] a, int n, double[] b, int m, int d)
    {
        CheckMatrix(a, n, d, nameof(a));
        CheckMatrix(b, m, d, nameof(b));
        if (n == 0 || m == 0)
        {
            throw new ArgumentException("The Chamfer distance needs at least one point in each set.", n == 0 ? nameof(a) : nameof(b));
        }

        return DirectedChamfer(a, n, b, m, d) + DirectedChamfer(b, m, a, n, d);
    }

    /// <summary>The mean over rows of <paramref name="from"/> of the squared distance to the nearest row of <paramref name="to"/>.</summary>
    public static double DirectedChamfer(double[] from, int n, double[] to, int m, int d)
    {
        CheckMatrix(from, n, d, nameof(from));
        CheckMatrix(to, m, d, nameof(to));
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity;
            for (int j = 0; j < m; j++)
            {
                best = Math.Min(best, SquaredDistance(from.AsSpan(i * d, d), to.AsSpan(j * d, d)));
            }

            total += best;
        }

        return total / n;
    }

    private static double[,] TwoViewSimilarities(double[] zi, double[] zj, int n, int d, double temperature)
    {
        CheckMatrix(zi, n, d, nameof(zi));
        CheckMatrix(zj, n, d, nameof(zj));
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "At least one pair of views is needed.");
        }

        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        }

        double[] a = NormalizeRows(zi, n, d), b = NormalizeRows(zj, n, d);
        var z = new double[2 * n * d];
        a.CopyTo(z, 0);
        b.CopyTo(z, n * d);
        var s = new double[2 * n, 2 * n];
        for (int r = 0; r < 2 * n; r++)
        {
            for (int k = 0; k < 2 * n; k++)
            {
                double dot = 0;
                for (int t = 0; t < d; t++)
                {
                    dot += z[(r * d) + t] * z[(k * d) + t];
                }

                s[r, k] = dot / temperature;
            }
        }

        return s;
    }
}
