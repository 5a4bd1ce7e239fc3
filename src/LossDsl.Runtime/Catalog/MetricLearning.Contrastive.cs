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
