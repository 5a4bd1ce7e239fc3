using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class MetricLearning
    {
        // Anchors of view i, then of view j: each row's positive is its partner in the other view (the diagonal of
        // the cross-view matrix), its negatives every other row of both views, never itself (eye() masks the diagonal of
        // the same-view matrix). logaddexp of the two row logsumexps gives the log-partition over the 2N − 1 others.
        private const string InfoNceFormula =
            "sij = cosine_sim(z_i, z_j) / temperature; sii = where(eye(), -inf, cosine_sim(z_i, z_i) / temperature); " +
            "sji = cosine_sim(z_j, z_i) / temperature; sjj = where(eye(), -inf, cosine_sim(z_j, z_j) / temperature); " +
            "la = logsumexp(sij); lb = logsumexp(sii); ma = max(la, lb); " +
            "lc = logsumexp(sji); ld = logsumexp(sjj); mb = max(lc, ld); " +
            "pos = row_sum(where(eye(), sij, 0)); " +
            "(mean(ma + log(exp(la - ma) + exp(lb - ma)) - pos) + mean(mb + log(exp(lc - mb) + exp(ld - mb)) - pos)) / 2";

        // Seed 003's NTXentLoss (simplified): anchors of view i only; logits [pos, every similarity of the anchor's row of
        // the (2N, 2N) matrix with its diagonal at −inf] (so the positive appears twice), cross-entropy with class 0.
        private const string NtXentFormula =
            "sij = cosine_sim(z_i, z_j) / temperature; sii = where(eye(), -inf, cosine_sim(z_i, z_i) / temperature); " +
            "pos = row_sum(where(eye(), sij, 0)); la = logsumexp(sij); lb = logsumexp(sii); m = max(pos, max(la, lb)); " +
            "mean(m + log(exp(pos - m) + exp(la - m) + exp(lb - m)) - pos)";

        // Seed 003's OnlineTripletLoss: per anchor the farthest positive (same label, not itself) and the nearest
        // negative, Euclidean; the mean over the anchors that have both (0 when none has).
        private const string BatchHardTripletFormula =
            "d = cdist(embeddings, embeddings); pos = same(labels) & !eye(); neg = !same(labels); " +
            "hp = row_max(where(pos, d, -inf)); hn = row_min(where(neg, d, inf)); " +
            "valid = (row_max(where(pos, 1, 0)) > 0) & (row_max(where(neg, 1, 0)) > 0); " +
            "sum(where(valid, relu(hp - hn + margin), 0)) / max(sum(where(valid, 1, 0)), 1)";

        /// <summary>
        /// NT-Xent as seed 003's simplified <c>NTXentLoss</c>: for each anchor of the first view, with s the cosine
        /// similarity over the temperature, ℓᵢ = −sᵢ,ᵢ' + log(e^(sᵢ,ᵢ') + Σₖ e^(sᵢ,ₖ') + Σ_{k≠i} e^(sᵢ,ₖ)) (primes: the second
        /// view), averaged over the N anchors.
        /// </summary>
        /// <param name="z_i">The anchors' view, shape (N, D); row n pairs with row n of <paramref name="z_j"/>. Any scale: each row is normalised.</param>
        /// <param name="z_j">The other view, shape (N, D).</param>
        /// <param name="dz_i">Receives ∂loss/∂z_i, shape (N, D).</param>
        /// <param name="dz_j">Receives ∂loss/∂z_j, shape (N, D).</param>
        /// <param name="temperature">Divides every similarity (seed 003's default 0.5).</param>
        /// <returns>The mean loss over the N anchors.</returns>
        /// <remarks>
        /// The seed concatenates the positive similarity in front of the anchor's full row of the (2N, 2N) matrix (its
        /// own entry at −∞), so the positive counts twice in the denominator; this entry reproduces that, and only the
        /// first view's anchors contribute, as in the seed. <see cref="InfoNce(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        /// is the symmetric SimCLR form. Normalisation as <c>cosine_similarity</c> (norms clamped at 10⁻⁸).
        /// </remarks>
        [Loss(NtXentFormula)]
        public static partial float NtXent(ReadOnlyTensorSpan<float> z_i, ReadOnlyTensorSpan<float> z_j, TensorSpan<float> dz_i, TensorSpan<float> dz_j, float temperature = 0.5f);

        /// <inheritdoc cref="NtXent(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(NtXentFormula)]
        public static partial float NtXent(ReadOnlyTensorSpan<float> z_i, ReadOnlyTensorSpan<float> z_j, float temperature = 0.5f);

        /// <inheritdoc cref="NtXent(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(NtXentFormula)]
        public static partial double NtXent(ReadOnlyTensorSpan<double> z_i, ReadOnlyTensorSpan<double> z_j, double temperature = 0.5);

        /// <inheritdoc cref="NtXent(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(NtXentFormula)]
        public static partial double NtXent(ReadOnlyTensorSpan<double> z_i, ReadOnlyTensorSpan<double> z_j, TensorSpan<double> dz_i, TensorSpan<double> dz_j, double temperature = 0.5);

        /// <summary>
        /// Batch-hard triplet loss (seed 003's <c>OnlineTripletLoss</c>, Hermans et al. 2017): for each anchor i with at
        /// least one positive and one negative, ℓᵢ = max(0, maxₖ∈P(i) ‖eᵢ − eₖ‖ − minₖ∈N(i) ‖eᵢ − eₖ‖ + margin), with
        /// P(i) the other embeddings of its label and N(i) those of other labels; the mean over those anchors.
        /// </summary>
        /// <param name="embeddings">The embeddings, shape (N, D).</param>
        /// <param name="labels">The label of each embedding (any integers; equal labels make positives).</param>
        /// <param name="dembeddings">Receives ∂loss/∂embeddings, shape (N, D).</param>
        /// <param name="margin">The margin (seed 003's default 1).</param>
        /// <returns>The mean over the anchors that have a positive and a negative; 0 when no anchor has both.</returns>
        /// <remarks>
        /// Distances are <c>torch.cdist(e, e, p=2)</c>, whose gradient is 0 for a pair at distance 0. A tie for the
        /// hardest positive or negative shares the gradient evenly (PyTorch's <c>amax</c>/<c>amin</c>; the seed's
        /// <c>max()</c> picks one). The N×N distance matrix is materialized (twice that with the gradient).
        /// </remarks>
        [Loss(BatchHardTripletFormula)]
        public static partial float BatchHardTriplet(ReadOnlyTensorSpan<float> embeddings, ReadOnlySpan<int> labels, TensorSpan<float> dembeddings, float margin = 1);

        /// <inheritdoc cref="BatchHardTriplet(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(BatchHardTripletFormula)]
        public static partial float BatchHardTriplet(ReadOnlyTensorSpan<float> embeddings, ReadOnlySpan<int> labels, float margin = 1);

        /// <inheritdoc cref="BatchHardTriplet(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(BatchHardTripletFormula)]
        public static partial double BatchHardTriplet(ReadOnlyTensorSpan<double> embeddings, ReadOnlySpan<int> labels, double margin = 1);

        /// <inheritdoc cref="BatchHardTriplet(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(BatchHardTripletFormula)]
        public static partial double BatchHardTriplet(ReadOnlyTensorSpan<double> embeddings, ReadOnlySpan<int> labels, TensorSpan<double> dembeddings, double margin = 1);

        /// <summary>
        /// InfoNCE over two views (the SimCLR form): with sₐᵦ the cosine similarity divided by the temperature, each of
        /// the 2N embeddings is an anchor whose positive is its partner in the other view and whose negatives are the
        /// other 2N − 2 embeddings; ℓ = −log(exp(s_pos) / Σ over the 2N − 1 others exp(s)), averaged over the 2N anchors.
        /// </summary>
        /// <param name="z_i">The embeddings of the first view, shape (N, D); row n pairs with row n of <paramref name="z_j"/>. Any scale: each row is normalised.</param>
        /// <param name="z_j">The embeddings of the second view, shape (N, D).</param>
        /// <param name="dz_i">Receives ∂loss/∂z_i, shape (N, D).</param>
        /// <param name="dz_j">Receives ∂loss/∂z_j, shape (N, D).</param>
        /// <param name="temperature">Divides every similarity (seed 003's default 0.07).</param>
        /// <returns>The mean loss over the 2N anchors.</returns>
        /// <remarks>
        /// Seed 003's <c>InfoNCELoss</c>: <c>F.normalize</c> both views, the (2N, 2N) similarity matrix without its
        /// diagonal, divided by the temperature, then <c>cross_entropy</c> with each row's partner as its class. The
        /// normalisation here is <c>cosine_similarity</c>'s (each norm clamped at 10⁻⁸) where <c>F.normalize</c>
        /// clamps at 10⁻¹²: the two differ only for a row whose norm is below 10⁻⁸. Four N×N similarity matrices are
        /// materialized (eight with the gradient).
        /// </remarks>
        [Loss(InfoNceFormula)]
        public static partial float InfoNce(ReadOnlyTensorSpan<float> z_i, ReadOnlyTensorSpan<float> z_j, TensorSpan<float> dz_i, TensorSpan<float> dz_j, float temperature = 0.07f);

        /// <inheritdoc cref="InfoNce(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(InfoNceFormula)]
        public static partial float InfoNce(ReadOnlyTensorSpan<float> z_i, ReadOnlyTensorSpan<float> z_j, float temperature = 0.07f);

        /// <inheritdoc cref="InfoNce(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(InfoNceFormula)]
        public static partial double InfoNce(ReadOnlyTensorSpan<double> z_i, ReadOnlyTensorSpan<double> z_j, double temperature = 0.07);

        /// <inheritdoc cref="InfoNce(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(InfoNceFormula)]
        public static partial double InfoNce(ReadOnlyTensorSpan<double> z_i, ReadOnlyTensorSpan<double> z_j, TensorSpan<double> dz_i, TensorSpan<double> dz_j, double temperature = 0.07);
    }
}
