using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Margin losses: hinge-type losses on scores, ranked pairs, ±1 labels and embedding pairs.</summary>
    /// <remarks>The family is named <c>Margin</c>, not <c>MarginRanking</c>: C# forbids a member named like its
    /// enclosing type, and <see cref="MarginRanking(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, Reduction)"/> is one of its entries.</remarks>
    public static partial class Margin
    {
        private const string MarginRankingFormula = "v = margin - y * (x1 - x2); reduce(where(v < 0, 0, v))";
        private const string HingeEmbeddingFormula = "v = margin - x; reduce(where(y != -1, x, 0) + where(y != 1, where(v < 0, 0, v), 0))";
        private const string HingeFormula = "mean(relu(1 - t * p))";
        private const string SoftMarginFormula = "reduce(softplus(-y * x))";
        private const string CosineEmbeddingFormula =
            "c = dot(x1, x2) / sqrt((dot(x1, x1) + 1e-12) * (dot(x2, x2) + 1e-12)); v = c - margin; " +
            "reduce(where(y == 1, 1 - c, 0) + where(y == -1, where(v < 0, 0, v), 0))";

        private const string MultiLabelSoftMarginFormula = "reduce(row_mean(y * softplus(-x) + (1 - y) * softplus(x)))";
        private const string MultiLabelSoftMarginWeightedFormula = "reduce(row_mean(weight * (y * softplus(-x) + (1 - y) * softplus(x))))";
        private const string MultiMarginFormula =
            "z = margin - x[y] + x; h = where(p == 1, relu(z), relu(z)^2); reduce(row_mean(where(onehot(y), 0, h)))";
        private const string MultiMarginWeightedFormula =
            "z = margin - x[y] + x; h = where(p == 1, relu(z), relu(z)^2); reduce(weight[y] * row_mean(where(onehot(y), 0, h)))";

        private const string MultiLabelMarginSlotFormula = "where(yt != end, row_mean(where(m > 0, 0, relu(1 - x[yt] + x))), 0)";

        private static void ValidateMarginPower(int p)
        {
            if (p is not (1 or 2))
            {
                throw new ArgumentOutOfRangeException(nameof(p), p, "The power of the hinge must be 1 or 2, as in PyTorch.");
            }
        }

        /// <summary>Margin ranking loss, PyTorch's <c>margin_ranking_loss</c>: ℓᵢ = max(0, −yᵢ·(x1ᵢ − x2ᵢ) + margin).</summary>
        /// <param name="x1">The first score of each pair.</param>
        /// <param name="x2">The second score of each pair.</param>
        /// <param name="y">Which score should rank higher: 1 for <paramref name="x1"/>, −1 for <paramref name="x2"/>.</param>
        /// <param name="dx1">Receives ∂loss/∂x1.</param>
        /// <param name="dx2">Receives ∂loss/∂x2.</param>
        /// <param name="margin">The margin by which the higher score must win (PyTorch's default 0).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.margin_ranking_loss(x1, x2, y, margin, reduction=…)</c>. The max is PyTorch's <c>clamp_min(0)</c>, whose gradient passes at the hinge point itself (where the argument is exactly 0), and so does this entry's; a NaN input gives NaN.</remarks>
        [Loss(MarginRankingFormula)]
        public static partial float MarginRanking(ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, [SignLabels] ReadOnlySpan<float> y, Span<float> dx1, Span<float> dx2, float margin = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MarginRanking(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, Reduction)"/>
        [Loss(MarginRankingFormula)]
        public static partial float MarginRanking(ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, [SignLabels] ReadOnlySpan<float> y, float margin = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MarginRanking(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, Reduction)"/>
        [Loss(MarginRankingFormula)]
        public static partial double MarginRanking(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, [SignLabels] ReadOnlySpan<double> y, double margin = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MarginRanking(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, Reduction)"/>
        [Loss(MarginRankingFormula)]
        public static partial double MarginRanking(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, [SignLabels] ReadOnlySpan<double> y, Span<double> dx1, Span<double> dx2, double margin = 0, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample <see cref="MarginRanking(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = max(0, −yᵢ·(x1ᵢ − x2ᵢ) + margin).</summary>
        /// <param name="x1">The first score of each pair.</param>
        /// <param name="x2">The second score of each pair.</param>
        /// <param name="y">Which score should rank higher: 1 for <paramref name="x1"/>, −1 for <paramref name="x2"/>.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="margin">The margin by which the higher score must win (PyTorch's default 0).</param>
        [Loss(MarginRankingFormula)]
        public static partial void MarginRankingUnreduced(ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, [SignLabels] ReadOnlySpan<float> y, Span<float> loss, float margin = 0);

        /// <summary>The backward pass of <see cref="MarginRankingUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x1">The first score of each pair.</param>
        /// <param name="x2">The second score of each pair.</param>
        /// <param name="y">Which score should rank higher: 1 for <paramref name="x1"/>, −1 for <paramref name="x2"/>.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx1">Receives the vector-Jacobian product with respect to <paramref name="x1"/>.</param>
        /// <param name="dx2">Receives the vector-Jacobian product with respect to <paramref name="x2"/>.</param>
        /// <param name="margin">The margin by which the higher score must win (PyTorch's default 0).</param>
        [Loss(MarginRankingFormula)]
        public static partial void MarginRankingUnreduced(ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, [SignLabels] ReadOnlySpan<float> y, ReadOnlySpan<float> dloss, Span<float> dx1, Span<float> dx2, float margin = 0);

        /// <inheritdoc cref="MarginRankingUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(MarginRankingFormula)]
        public static partial void MarginRankingUnreduced(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, [SignLabels] ReadOnlySpan<double> y, Span<double> loss, double margin = 0);

        /// <inheritdoc cref="MarginRankingUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float)"/>
        [Loss(MarginRankingFormula)]
        public static partial void MarginRankingUnreduced(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, [SignLabels] ReadOnlySpan<double> y, ReadOnlySpan<double> dloss, Span<double> dx1, Span<double> dx2, double margin = 0);

        /// <summary>Hinge embedding loss, PyTorch's <c>hinge_embedding_loss</c>: ℓᵢ = xᵢ where yᵢ = 1, max(0, margin − xᵢ) where yᵢ = −1.</summary>
        /// <param name="x">The inputs, typically distances (for example an L1 distance between two embeddings).</param>
        /// <param name="y">1 for a similar pair, −1 for a dissimilar one.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        /// <param name="margin">The distance beyond which a dissimilar pair costs nothing (PyTorch's default 1).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.hinge_embedding_loss(x, y, margin, reduction=…)</c>, including its behaviour for a label that is neither 1 nor −1: PyTorch computes <c>where(y != 1, clamp_min(margin − x, 0), 0) + where(y != -1, x, 0)</c>, so such a sample gets both terms, xᵢ + max(0, margin − xᵢ), and so does this entry. The max is <c>clamp_min</c>: its gradient passes where margin − xᵢ is exactly 0.</remarks>
        [Loss(HingeEmbeddingFormula)]
        public static partial float HingeEmbedding(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, Span<float> dx, float margin = 1, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="HingeEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(HingeEmbeddingFormula)]
        public static partial float HingeEmbedding(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, float margin = 1, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="HingeEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(HingeEmbeddingFormula)]
        public static partial double HingeEmbedding(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, double margin = 1, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="HingeEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(HingeEmbeddingFormula)]
        public static partial double HingeEmbedding(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, Span<double> dx, double margin = 1, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample <see cref="HingeEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = [yᵢ ≠ −1]·xᵢ + [yᵢ ≠ 1]·max(0, margin − xᵢ).</summary>
        /// <param name="x">The inputs, typically distances (for example an L1 distance between two embeddings).</param>
        /// <param name="y">1 for a similar pair, −1 for a dissimilar one.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="margin">The distance beyond which a dissimilar pair costs nothing (PyTorch's default 1).</param>
        [Loss(HingeEmbeddingFormula)]
        public static partial void HingeEmbeddingUnreduced(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, Span<float> loss, float margin = 1);

        /// <summary>The backward pass of <see cref="HingeEmbeddingUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">The inputs, typically distances (for example an L1 distance between two embeddings).</param>
        /// <param name="y">1 for a similar pair, −1 for a dissimilar one.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        /// <param name="margin">The distance beyond which a dissimilar pair costs nothing (PyTorch's default 1).</param>
        [Loss(HingeEmbeddingFormula)]
        public static partial void HingeEmbeddingUnreduced(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, ReadOnlySpan<float> dloss, Span<float> dx, float margin = 1);

        /// <inheritdoc cref="HingeEmbeddingUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(HingeEmbeddingFormula)]
        public static partial void HingeEmbeddingUnreduced(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, Span<double> loss, double margin = 1);

        /// <inheritdoc cref="HingeEmbeddingUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(HingeEmbeddingFormula)]
        public static partial void HingeEmbeddingUnreduced(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, ReadOnlySpan<double> dloss, Span<double> dx, double margin = 1);

        /// <summary>Hinge loss of a binary SVM: the mean over the samples of max(0, 1 − tᵢ·pᵢ).</summary>
        /// <param name="p">Raw scores (decision values), not probabilities.</param>
        /// <param name="t">Labels, −1 or +1.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <returns>The loss.</returns>
        /// <remarks>PyTorch has no function for this loss; it is scikit-learn's <c>hinge_loss(t, p)</c> and Keras's <c>Hinge</c> (with ±1 labels; Keras also maps {0, 1} labels to ±1, this entry does not). The gradient at the hinge point (tᵢ·pᵢ = 1) is 0, the rule of <c>relu</c>.</remarks>
        [Loss(HingeFormula)]
        public static partial float Hinge(ReadOnlySpan<float> p, [SignLabels] ReadOnlySpan<float> t, Span<float> dp);

        /// <inheritdoc cref="Hinge(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(HingeFormula)]
        public static partial float Hinge(ReadOnlySpan<float> p, [SignLabels] ReadOnlySpan<float> t);

        /// <inheritdoc cref="Hinge(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(HingeFormula)]
        public static partial double Hinge(ReadOnlySpan<double> p, [SignLabels] ReadOnlySpan<double> t);

        /// <inheritdoc cref="Hinge(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(HingeFormula)]
        public static partial double Hinge(ReadOnlySpan<double> p, [SignLabels] ReadOnlySpan<double> t, Span<double> dp);

        /// <summary>Two-class soft margin loss, PyTorch's <c>soft_margin_loss</c>: ℓᵢ = log(1 + exp(−yᵢ·xᵢ)).</summary>
        /// <param name="x">Raw scores (logits of the positive class).</param>
        /// <param name="y">Labels, −1 or +1.</param>
        /// <param name="dx">Receives ∂loss/∂x.</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.soft_margin_loss(x, y, reduction=…)</c>. Computed as softplus(−yᵢ·xᵢ), which stays finite and exact for scores of any magnitude (PyTorch's <c>log(1 + exp(−y·x))</c> overflows to ∞ for −y·x above about 88 in float).</remarks>
        [Loss(SoftMarginFormula)]
        public static partial float SoftMargin(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, Span<float> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="SoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(SoftMarginFormula)]
        public static partial float SoftMargin(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="SoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(SoftMarginFormula)]
        public static partial double SoftMargin(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="SoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(SoftMarginFormula)]
        public static partial double SoftMargin(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, Span<double> dx, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample <see cref="SoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = log(1 + exp(−yᵢ·xᵢ)).</summary>
        /// <param name="x">Raw scores (logits of the positive class).</param>
        /// <param name="y">Labels, −1 or +1.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        [Loss(SoftMarginFormula)]
        public static partial void SoftMarginUnreduced(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, Span<float> loss);

        /// <summary>The backward pass of <see cref="SoftMarginUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">Raw scores (logits of the positive class).</param>
        /// <param name="y">Labels, −1 or +1.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        [Loss(SoftMarginFormula)]
        public static partial void SoftMarginUnreduced(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> y, ReadOnlySpan<float> dloss, Span<float> dx);

        /// <inheritdoc cref="SoftMarginUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(SoftMarginFormula)]
        public static partial void SoftMarginUnreduced(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, Span<double> loss);

        /// <inheritdoc cref="SoftMarginUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(SoftMarginFormula)]
        public static partial void SoftMarginUnreduced(ReadOnlySpan<double> x, [SignLabels] ReadOnlySpan<double> y, ReadOnlySpan<double> dloss, Span<double> dx);

        /// <summary>Cosine embedding loss, PyTorch's <c>cosine_embedding_loss</c>: with cᵢ = x1ᵢ·x2ᵢ / √((‖x1ᵢ‖² + 10⁻¹²)(‖x2ᵢ‖² + 10⁻¹²)), ℓᵢ = 1 − cᵢ where yᵢ = 1 and max(0, cᵢ − margin) where yᵢ = −1.</summary>
        /// <param name="x1">The first embedding of each pair, shape (N, D).</param>
        /// <param name="x2">The second embedding of each pair, shape (N, D).</param>
        /// <param name="y">1 for a similar pair, −1 for a dissimilar one; N values.</param>
        /// <param name="dx1">Receives ∂loss/∂x1, shape (N, D).</param>
        /// <param name="dx2">Receives ∂loss/∂x2, shape (N, D).</param>
        /// <param name="margin">The cosine below which a dissimilar pair costs nothing (PyTorch's default 0; PyTorch suggests values in [−1, 1]).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.cosine_embedding_loss(x1, x2, y, margin, reduction=…)</c> for 2-D inputs, with PyTorch's own ε (10⁻¹² added to each squared norm, not <c>cosine_similarity</c>'s clamp at 10⁻⁸). A label that is neither 1 nor −1 gives 0, as in PyTorch. The max is <c>clamp_min</c>: its gradient passes where cᵢ − margin is exactly 0. A row of zeros has cosine 0 and a finite gradient.</remarks>
        [Loss(CosineEmbeddingFormula)]
        public static partial float CosineEmbedding(ReadOnlyTensorSpan<float> x1, ReadOnlyTensorSpan<float> x2, [SignLabels] ReadOnlySpan<float> y, TensorSpan<float> dx1, TensorSpan<float> dx2, float margin = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="CosineEmbedding(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        [Loss(CosineEmbeddingFormula)]
        public static partial float CosineEmbedding(ReadOnlyTensorSpan<float> x1, ReadOnlyTensorSpan<float> x2, [SignLabels] ReadOnlySpan<float> y, float margin = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="CosineEmbedding(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        [Loss(CosineEmbeddingFormula)]
        public static partial double CosineEmbedding(ReadOnlyTensorSpan<double> x1, ReadOnlyTensorSpan<double> x2, [SignLabels] ReadOnlySpan<double> y, double margin = 0, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="CosineEmbedding(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        [Loss(CosineEmbeddingFormula)]
        public static partial double CosineEmbedding(ReadOnlyTensorSpan<double> x1, ReadOnlyTensorSpan<double> x2, [SignLabels] ReadOnlySpan<double> y, TensorSpan<double> dx1, TensorSpan<double> dx2, double margin = 0, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample <see cref="CosineEmbedding(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = 1 − cᵢ where yᵢ = 1, max(0, cᵢ − margin) where yᵢ = −1, 0 otherwise.</summary>
        /// <param name="x1">The first embedding of each pair, shape (N, D).</param>
        /// <param name="x2">The second embedding of each pair, shape (N, D).</param>
        /// <param name="y">1 for a similar pair, −1 for a dissimilar one; N values.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="margin">The cosine below which a dissimilar pair costs nothing (PyTorch's default 0; PyTorch suggests values in [−1, 1]).</param>
        [Loss(CosineEmbeddingFormula)]
        public static partial void CosineEmbeddingUnreduced(ReadOnlyTensorSpan<float> x1, ReadOnlyTensorSpan<float> x2, [SignLabels] ReadOnlySpan<float> y, Span<float> loss, float margin = 0);

        /// <summary>The backward pass of <see cref="CosineEmbeddingUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x1">The first embedding of each pair, shape (N, D).</param>
        /// <param name="x2">The second embedding of each pair, shape (N, D).</param>
        /// <param name="y">1 for a similar pair, −1 for a dissimilar one; N values.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx1">Receives the vector-Jacobian product with respect to <paramref name="x1"/>.</param>
        /// <param name="dx2">Receives the vector-Jacobian product with respect to <paramref name="x2"/>.</param>
        /// <param name="margin">The cosine below which a dissimilar pair costs nothing (PyTorch's default 0; PyTorch suggests values in [−1, 1]).</param>
        [Loss(CosineEmbeddingFormula)]
        public static partial void CosineEmbeddingUnreduced(ReadOnlyTensorSpan<float> x1, ReadOnlyTensorSpan<float> x2, [SignLabels] ReadOnlySpan<float> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx1, TensorSpan<float> dx2, float margin = 0);

        /// <inheritdoc cref="CosineEmbeddingUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(CosineEmbeddingFormula)]
        public static partial void CosineEmbeddingUnreduced(ReadOnlyTensorSpan<double> x1, ReadOnlyTensorSpan<double> x2, [SignLabels] ReadOnlySpan<double> y, Span<double> loss, double margin = 0);

        /// <inheritdoc cref="CosineEmbeddingUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(CosineEmbeddingFormula)]
        public static partial void CosineEmbeddingUnreduced(ReadOnlyTensorSpan<double> x1, ReadOnlyTensorSpan<double> x2, [SignLabels] ReadOnlySpan<double> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx1, TensorSpan<double> dx2, double margin = 0);


        /// <summary>Multi-label soft margin loss, PyTorch's <c>multilabel_soft_margin_loss</c>: ℓᵢ = −(1/C)·Σⱼ [yᵢⱼ·log σ(xᵢⱼ) + (1 − yᵢⱼ)·log σ(−xᵢⱼ)].</summary>
        /// <param name="x">Scores (logits), shape (N, C).</param>
        /// <param name="y">Multi-hot targets, shape (N, C): 1 where the class applies, 0 where it does not.</param>
        /// <param name="dx">Receives ∂loss/∂x, shape (N, C).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.multilabel_soft_margin_loss(x, y, reduction=…)</c> for 2-D inputs: the mean over the classes, then the reduction over the samples. −log σ(x) is computed as softplus(−x), finite for logits of any magnitude. No gradient flows to the targets.</remarks>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial float MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, TensorSpan<float> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial float MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial double MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial double MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, TensorSpan<double> dx, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample <see cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = −(1/C)·Σⱼ [yᵢⱼ·log σ(xᵢⱼ) + (1 − yᵢⱼ)·log σ(−xᵢⱼ)].</summary>
        /// <param name="x">Scores (logits), shape (N, C).</param>
        /// <param name="y">Multi-hot targets, shape (N, C): 1 where the class applies, 0 where it does not.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, Span<float> loss);

        /// <summary>The backward pass of <see cref="MultiLabelSoftMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float})"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">Scores (logits), shape (N, C).</param>
        /// <param name="y">Multi-hot targets, shape (N, C): 1 where the class applies, 0 where it does not.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx);

        /// <inheritdoc cref="MultiLabelSoftMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float})"/>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, Span<double> loss);

        /// <inheritdoc cref="MultiLabelSoftMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(MultiLabelSoftMarginFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx);

        /// <summary>Multi-label soft margin loss with class weights, PyTorch's <c>multilabel_soft_margin_loss(weight=…)</c>: ℓᵢ = −(1/C)·Σⱼ wⱼ·[yᵢⱼ·log σ(xᵢⱼ) + (1 − yᵢⱼ)·log σ(−xᵢⱼ)].</summary>
        /// <param name="x">Scores (logits), shape (N, C).</param>
        /// <param name="y">Multi-hot targets, shape (N, C): 1 where the class applies, 0 where it does not.</param>
        /// <param name="weight">A weight per class (C values) multiplying each class's term, PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, shape (N, C).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.multilabel_soft_margin_loss(x, y, weight, reduction=…)</c> for 2-D inputs. The mean over the classes still divides by C (not by Σw), and the mean over the samples by N, as in PyTorch. No gradient flows to the targets or the weights.</remarks>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial float MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial float MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, [PerClass] ReadOnlySpan<float> weight, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial double MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, [PerClass] ReadOnlySpan<double> weight, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial double MultiLabelSoftMargin([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, Reduction reduction = Reduction.Mean);

        /// <summary>Per-sample <see cref="MultiLabelSoftMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = −(1/C)·Σⱼ wⱼ·[yᵢⱼ·log σ(xᵢⱼ) + (1 − yᵢⱼ)·log σ(−xᵢⱼ)].</summary>
        /// <param name="x">Scores (logits), shape (N, C).</param>
        /// <param name="y">Multi-hot targets, shape (N, C): 1 where the class applies, 0 where it does not.</param>
        /// <param name="weight">A weight per class (C values) multiplying each class's term, PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss);

        /// <summary>The backward pass of <see cref="MultiLabelSoftMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float})"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">Scores (logits), shape (N, C).</param>
        /// <param name="y">Multi-hot targets, shape (N, C): 1 where the class applies, 0 where it does not.</param>
        /// <param name="weight">A weight per class (C values) multiplying each class's term, PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<float> x, [BinaryLabels] ReadOnlyTensorSpan<float> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx);

        /// <inheritdoc cref="MultiLabelSoftMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss);

        /// <inheritdoc cref="MultiLabelSoftMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(MultiLabelSoftMarginWeightedFormula)]
        public static partial void MultiLabelSoftMarginUnreduced([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlyTensorSpan<double> x, [BinaryLabels] ReadOnlyTensorSpan<double> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx);

        [Loss(MultiMarginFormula)]
        private static partial float MultiMarginCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int p, float margin, Reduction reduction);

        /// <summary>Multi-class margin loss (a multi-class SVM hinge), PyTorch's <c>multi_margin_loss</c>: ℓᵢ = Σ_{j≠yᵢ} max(0, margin − xᵢ,yᵢ + xᵢⱼ)ᵖ / C.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The class of each sample, in [0, C).</param>
        /// <param name="dx">Receives ∂loss/∂x, shape (N, C).</param>
        /// <param name="p">The power of each hinge, 1 (default) or 2.</param>
        /// <param name="margin">The margin by which the target's score must beat every other (PyTorch's default 1).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.multi_margin_loss(x, y, p, margin, reduction=…)</c> for 2-D inputs: the sum runs over the C − 1 other classes and is divided by C, as PyTorch does. The gradient at a hinge point (margin − xᵢ,yᵢ + xᵢⱼ = 0) is 0, as PyTorch's kernel (it adds only where the hinge is positive).<para><b>Exceptions:</b> <see cref="ArgumentOutOfRangeException"/> when <paramref name="p"/> is not 1 or 2 (PyTorch refuses it too), or when a class index is outside [0, C).</para></remarks>
        public static float MultiMargin(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, int p = 1, float margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, dx, p, margin, reduction);
        }

        [Loss(MultiMarginFormula)]
        private static partial float MultiMarginCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int p, float margin, Reduction reduction);

        /// <inheritdoc cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static float MultiMargin(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, int p = 1, float margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, p, margin, reduction);
        }

        [Loss(MultiMarginFormula)]
        private static partial double MultiMarginCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int p, double margin, Reduction reduction);

        /// <inheritdoc cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double MultiMargin(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, int p = 1, double margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, p, margin, reduction);
        }

        [Loss(MultiMarginFormula)]
        private static partial double MultiMarginCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int p, double margin, Reduction reduction);

        /// <inheritdoc cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double MultiMargin(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, int p = 1, double margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, dx, p, margin, reduction);
        }

        [Loss(MultiMarginFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int p, float margin);

        /// <summary>Per-sample <see cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = Σ_{j≠yᵢ} max(0, margin − xᵢ,yᵢ + xᵢⱼ)ᵖ / C.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The class of each sample, in [0, C).</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="p">The power of each hinge, 1 (default) or 2.</param>
        /// <param name="margin">The margin by which the target's score must beat every other (PyTorch's default 1).</param>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss, int p = 1, float margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, loss, p, margin);
        }

        [Loss(MultiMarginFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int p, float margin);

        /// <summary>The backward pass of <see cref="MultiMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int, float)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The class of each sample, in [0, C).</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        /// <param name="p">The power of each hinge, 1 (default) or 2.</param>
        /// <param name="margin">The margin by which the target's score must beat every other (PyTorch's default 1).</param>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int p = 1, float margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, dloss, dx, p, margin);
        }

        [Loss(MultiMarginFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int p, double margin);

        /// <inheritdoc cref="MultiMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float}, int, float)"/>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss, int p = 1, double margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, loss, p, margin);
        }

        [Loss(MultiMarginFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int p, double margin);

        /// <inheritdoc cref="MultiMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float)"/>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int p = 1, double margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, dloss, dx, p, margin);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial float MultiMarginCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int p, float margin, Reduction reduction);

        /// <summary>Multi-class margin loss with class weights, PyTorch's <c>multi_margin_loss(weight=…)</c>: ℓᵢ = w_yᵢ·Σ_{j≠yᵢ} max(0, margin − xᵢ,yᵢ + xᵢⱼ)ᵖ / C.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The class of each sample, in [0, C).</param>
        /// <param name="weight">A weight per class (C values); sample i's terms are multiplied by the weight of its class yᵢ, PyTorch's <c>weight</c>.</param>
        /// <param name="dx">Receives ∂loss/∂x, shape (N, C).</param>
        /// <param name="p">The power of each hinge, 1 (default) or 2.</param>
        /// <param name="margin">The margin by which the target's score must beat every other (PyTorch's default 1).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.multi_margin_loss(x, y, p, margin, weight, reduction=…)</c> for 2-D inputs. The weight multiplies each hinge after the power (PyTorch's kernel; its documentation wrote w inside the max until 2023), and the mean divides by N, not by the summed weights, as PyTorch does. No gradient flows to the weights.<para><b>Exceptions:</b> <see cref="ArgumentOutOfRangeException"/> when <paramref name="p"/> is not 1 or 2 (PyTorch refuses it too), or when a class index is outside [0, C).</para></remarks>
        public static float MultiMargin(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, TensorSpan<float> dx, int p = 1, float margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, weight, dx, p, margin, reduction);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial float MultiMarginCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int p, float margin, Reduction reduction);

        /// <inheritdoc cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static float MultiMargin(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, int p = 1, float margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, weight, p, margin, reduction);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial double MultiMarginCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int p, double margin, Reduction reduction);

        /// <inheritdoc cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double MultiMargin(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, int p = 1, double margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, weight, p, margin, reduction);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial double MultiMarginCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int p, double margin, Reduction reduction);

        /// <inheritdoc cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/>
        public static double MultiMargin(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, TensorSpan<double> dx, int p = 1, double margin = 1, Reduction reduction = Reduction.Mean)
        {
            ValidateMarginPower(p);
            return MultiMarginCore(x, y, weight, dx, p, margin, reduction);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int p, float margin);

        /// <summary>Per-sample <see cref="MultiMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = w_yᵢ·Σ_{j≠yᵢ} max(0, margin − xᵢ,yᵢ + xᵢⱼ)ᵖ / C.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The class of each sample, in [0, C).</param>
        /// <param name="weight">A weight per class (C values); sample i's terms are multiplied by the weight of its class yᵢ, PyTorch's <c>weight</c>.</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="p">The power of each hinge, 1 (default) or 2.</param>
        /// <param name="margin">The margin by which the target's score must beat every other (PyTorch's default 1).</param>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, Span<float> loss, int p = 1, float margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, weight, loss, p, margin);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int p, float margin);

        /// <summary>The backward pass of <see cref="MultiMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The class of each sample, in [0, C).</param>
        /// <param name="weight">A weight per class (C values); sample i's terms are multiplied by the weight of its class yᵢ, PyTorch's <c>weight</c>.</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        /// <param name="p">The power of each hinge, 1 (default) or 2.</param>
        /// <param name="margin">The margin by which the target's score must beat every other (PyTorch's default 1).</param>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<float> weight, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int p = 1, float margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, weight, dloss, dx, p, margin);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int p, double margin);

        /// <inheritdoc cref="MultiMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, float)"/>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, Span<double> loss, int p = 1, double margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, weight, loss, p, margin);
        }

        [Loss(MultiMarginWeightedFormula)]
        private static partial void MultiMarginUnreducedCore(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int p, double margin);

        /// <inheritdoc cref="MultiMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, int, float)"/>
        public static void MultiMarginUnreduced(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, [PerClass] ReadOnlySpan<double> weight, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int p = 1, double margin = 1)
        {
            ValidateMarginPower(p);
            MultiMarginUnreducedCore(x, y, weight, dloss, dx, p, margin);
        }


        [Loss(MultiLabelMarginSlotFormula)]
        private static partial void MultiLabelMarginSlot(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> yt, ReadOnlyTensorSpan<double> m, Span<double> loss, int end);

        [Loss(MultiLabelMarginSlotFormula)]
        private static partial void MultiLabelMarginSlot(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> yt, ReadOnlyTensorSpan<double> m, ReadOnlySpan<double> dloss, TensorSpan<double> dx, int end);

        /// <summary>Runs the slot kernel once per position of the target lists: writes the per-sample losses into
        /// <paramref name="loss"/> or, when <paramref name="backward"/>, the vector-Jacobian product with
        /// <paramref name="dloss"/> (or with the constant <paramref name="scale"/> when <paramref name="dloss"/> is empty) into <paramref name="dx"/>.</summary>
        private static void MultiLabelMarginRun(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, Span<double> loss, ReadOnlySpan<double> dloss, double scale, Span<double> dx, bool backward)
        {
            (int n, int c) = MultiLabelMarginShape(x.Rank, x.Lengths, x.IsDense, y.Length);
            double[] mask = ArrayPool<double>.Shared.Rent(n * c);
            int[] slot = ArrayPool<int>.Shared.Rent(n);
            double[] part = ArrayPool<double>.Shared.Rent(backward ? n * c : n);
            double[] upstream = ArrayPool<double>.Shared.Rent(n);
            try
            {
                int longest = MultiLabelMarginMask(y, n, c, mask);
                var m = new ReadOnlyTensorSpan<double>(mask, 0, [n, c], default);
                if (backward)
                {
                    dx.Clear();
                    if (dloss.IsEmpty)
                    {
                        upstream.AsSpan(0, n).Fill(scale);
                        dloss = upstream.AsSpan(0, n);
                    }
                }
                else
                {
                    loss.Clear();
                }

                for (int t = 0; t < longest; t++)
                {
                    MultiLabelMarginSlotIndices(y, n, c, t, slot);
                    if (backward)
                    {
                        MultiLabelMarginSlot(x, slot.AsSpan(0, n), m, dloss, new TensorSpan<double>(part, 0, [n, c], default), -1);
                        TensorPrimitives.Add(dx, part.AsSpan(0, n * c), dx);
                    }
                    else
                    {
                        MultiLabelMarginSlot(x, slot.AsSpan(0, n), m, part.AsSpan(0, n), -1);
                        TensorPrimitives.Add(loss, part.AsSpan(0, n), loss);
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(mask);
                ArrayPool<int>.Shared.Return(slot);
                ArrayPool<double>.Shared.Return(part);
                ArrayPool<double>.Shared.Return(upstream);
            }
        }

        private static double MultiLabelMarginReduced(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx, bool gradient, Reduction reduction)
        {
            ValidateReduction(reduction);
            (int n, int c) = MultiLabelMarginShape(x.Rank, x.Lengths, x.IsDense, y.Length);
            double[] losses = ArrayPool<double>.Shared.Rent(n);
            try
            {
                MultiLabelMarginRun(x, y, losses.AsSpan(0, n), default, 0, default, backward: false);
                double total = 0;
                foreach (double l in losses.AsSpan(0, n))
                {
                    total += l;
                }

                double scale = reduction == Reduction.Sum ? 1 : 1.0 / n;
                if (gradient)
                {
                    MultiLabelMarginRun(x, y, default, default, scale, MultiLabelMarginOutput(dx, x.Lengths, x, n * c), backward: true);
                }

                return total * scale;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(losses);
            }
        }

        private static Span<double> MultiLabelMarginOutput(TensorSpan<double> dx, ReadOnlySpan<nint> shape, ReadOnlyTensorSpan<double> x, int count)
        {
            if (!dx.Lengths.SequenceEqual(shape) || !dx.IsDense)
            {
                throw new ArgumentException("'dx' must be a dense tensor of the shape of 'x'.", nameof(dx));
            }

            Span<double> flat = MemoryMarshal.CreateSpan(ref dx.GetPinnableReference(), count);
            if (flat.Overlaps(MemoryMarshal.CreateReadOnlySpan(in x.GetPinnableReference(), count)))
            {
                throw new ArgumentException("'dx' overlaps 'x'; the gradient must not share memory with an input.", nameof(dx));
            }

            return flat;
        }


        [Loss(MultiLabelMarginSlotFormula)]
        private static partial void MultiLabelMarginSlot(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> yt, ReadOnlyTensorSpan<float> m, Span<float> loss, int end);

        [Loss(MultiLabelMarginSlotFormula)]
        private static partial void MultiLabelMarginSlot(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> yt, ReadOnlyTensorSpan<float> m, ReadOnlySpan<float> dloss, TensorSpan<float> dx, int end);

        /// <summary>Runs the slot kernel once per position of the target lists: writes the per-sample losses into
        /// <paramref name="loss"/> or, when <paramref name="backward"/>, the vector-Jacobian product with
        /// <paramref name="dloss"/> (or with the constant <paramref name="scale"/> when <paramref name="dloss"/> is empty) into <paramref name="dx"/>.</summary>
        private static void MultiLabelMarginRun(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, Span<float> loss, ReadOnlySpan<float> dloss, double scale, Span<float> dx, bool backward)
        {
            (int n, int c) = MultiLabelMarginShape(x.Rank, x.Lengths, x.IsDense, y.Length);
            float[] mask = ArrayPool<float>.Shared.Rent(n * c);
            int[] slot = ArrayPool<int>.Shared.Rent(n);
            float[] part = ArrayPool<float>.Shared.Rent(backward ? n * c : n);
            float[] upstream = ArrayPool<float>.Shared.Rent(n);
            try
            {
                int longest = MultiLabelMarginMask(y, n, c, mask);
                var m = new ReadOnlyTensorSpan<float>(mask, 0, [n, c], default);
                if (backward)
                {
                    dx.Clear();
                    if (dloss.IsEmpty)
                    {
                        upstream.AsSpan(0, n).Fill((float)scale);
                        dloss = upstream.AsSpan(0, n);
                    }
                }
                else
                {
                    loss.Clear();
                }

                for (int t = 0; t < longest; t++)
                {
                    MultiLabelMarginSlotIndices(y, n, c, t, slot);
                    if (backward)
                    {
                        MultiLabelMarginSlot(x, slot.AsSpan(0, n), m, dloss, new TensorSpan<float>(part, 0, [n, c], default), -1);
                        TensorPrimitives.Add(dx, part.AsSpan(0, n * c), dx);
                    }
                    else
                    {
                        MultiLabelMarginSlot(x, slot.AsSpan(0, n), m, part.AsSpan(0, n), -1);
                        TensorPrimitives.Add(loss, part.AsSpan(0, n), loss);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(mask);
                ArrayPool<int>.Shared.Return(slot);
                ArrayPool<float>.Shared.Return(part);
                ArrayPool<float>.Shared.Return(upstream);
            }
        }

        private static float MultiLabelMarginReduced(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx, bool gradient, Reduction reduction)
        {
            ValidateReduction(reduction);
            (int n, int c) = MultiLabelMarginShape(x.Rank, x.Lengths, x.IsDense, y.Length);
            float[] losses = ArrayPool<float>.Shared.Rent(n);
            try
            {
                MultiLabelMarginRun(x, y, losses.AsSpan(0, n), default, 0, default, backward: false);
                double total = 0;
                foreach (float l in losses.AsSpan(0, n))
                {
                    total += l;
                }

                double scale = reduction == Reduction.Sum ? 1 : 1.0 / n;
                if (gradient)
                {
                    MultiLabelMarginRun(x, y, default, default, scale, MultiLabelMarginOutput(dx, x.Lengths, x, n * c), backward: true);
                }

                return (float)(total * scale);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(losses);
            }
        }

        private static Span<float> MultiLabelMarginOutput(TensorSpan<float> dx, ReadOnlySpan<nint> shape, ReadOnlyTensorSpan<float> x, int count)
        {
            if (!dx.Lengths.SequenceEqual(shape) || !dx.IsDense)
            {
                throw new ArgumentException("'dx' must be a dense tensor of the shape of 'x'.", nameof(dx));
            }

            Span<float> flat = MemoryMarshal.CreateSpan(ref dx.GetPinnableReference(), count);
            if (flat.Overlaps(MemoryMarshal.CreateReadOnlySpan(in x.GetPinnableReference(), count)))
            {
                throw new ArgumentException("'dx' overlaps 'x'; the gradient must not share memory with an input.", nameof(dx));
            }

            return flat;
        }


        private static void ValidateReduction(Reduction reduction)
        {
            if (reduction is not (Reduction.Mean or Reduction.Sum or Reduction.BatchMean))
            {
                throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Undefined reduction.");
            }
        }

        private static (int N, int C) MultiLabelMarginShape(int rank, ReadOnlySpan<nint> lengths, bool dense, int targets)
        {
            if (rank != 2 || !dense)
            {
                throw new ArgumentException("'x' must be a dense tensor of shape (N, C).", "x");
            }

            int n = (int)lengths[0], c = (int)lengths[1];
            if (targets != n * c)
            {
                throw new ArgumentException($"'y' has length {targets} but 'x' has shape ({n}, {c}); the target lists hold N·C = {n * c} values.", "y");
            }

            return (n, c);
        }

        /// <summary>Writes the {0, 1} mask of the listed classes and returns the length of the longest list; checks every listed class.</summary>
        private static int MultiLabelMarginMask<T>(ReadOnlySpan<int> y, int n, int c, T[] mask) where T : INumberBase<T>
        {
            mask.AsSpan(0, n * c).Clear();
            int longest = 0;
            for (int i = 0; i < n; i++)
            {
                int t = 0;
                for (; t < c && y[i * c + t] != -1; t++)
                {
                    int k = y[i * c + t];
                    if ((uint)k >= (uint)c)
                    {
                        throw new ArgumentOutOfRangeException("y", k, $"'y[{i * c + t}]' is {k}, which is neither a class index in [0, {c}) nor the end marker -1 (sample {i}).");
                    }

                    mask[i * c + k] = T.One;
                }

                longest = Math.Max(longest, t);
            }

            return longest;
        }

        /// <summary>Position <paramref name="t"/> of every list, −1 where the list is shorter.</summary>
        private static void MultiLabelMarginSlotIndices(ReadOnlySpan<int> y, int n, int c, int t, int[] slot)
        {
            for (int i = 0; i < n; i++)
            {
                int k = -1;
                for (int s = 0; s <= t && y[i * c + s] != -1; s++)
                {
                    k = s == t ? y[i * c + s] : k;
                }

                slot[i] = k;
            }
        }

        private static Span<T> MultiLabelMarginLossSpan<T>(Span<T> loss, ReadOnlyTensorSpan<T> x)
        {
            MultiLabelMarginSamples(loss.Length, x, nameof(loss));
            return loss;
        }

        private static ReadOnlySpan<T> MultiLabelMarginLossSpan<T>(ReadOnlySpan<T> dloss, ReadOnlyTensorSpan<T> x)
        {
            MultiLabelMarginSamples(dloss.Length, x, nameof(dloss));
            return dloss;
        }

        private static void MultiLabelMarginSamples<T>(int length, ReadOnlyTensorSpan<T> x, string name)
        {
            if (x.Rank == 2 && length != x.Lengths[0])
            {
                throw new ArgumentException($"'{name}' has length {length} but 'x' has {x.Lengths[0]} samples (rows); a per-sample vector has one value per sample.", name);
            }
        }

        /// <summary>Multi-label margin loss, PyTorch's <c>multilabel_margin_loss</c>: for each sample, with its target classes 𝒯ᵢ
        /// (the entries of its row of <paramref name="y"/> before the first −1), ℓᵢ = Σ_{j∈𝒯ᵢ} Σ_{k∉𝒯ᵢ} max(0, 1 − (xᵢⱼ − xᵢₖ)) / C.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The target class lists, N·C values row-major (PyTorch's (N, C) target): row i lists sample i's classes, in [0, C),
        /// ended by −1 (or by the end of the row); entries after the first −1 are ignored.</param>
        /// <param name="dx">Receives ∂loss/∂x, shape (N, C).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>
        /// <para>Equivalent to <c>torch.nn.functional.multilabel_margin_loss(x, y, reduction=…)</c> for 2-D inputs. A class listed
        /// twice counts twice, as in PyTorch's loop over the list. The gradient at a hinge point is 0 (PyTorch's kernel adds only
        /// where the hinge is positive).</para>
        /// <para>The pairs (target, non-target) of a row are not expressible in one formula (the language has one class axis), so
        /// this entry is a thin runtime wrapper: it builds the {0, 1} target mask from the lists and runs the generated kernel of
        /// <c>where(yt != end, row_mean(where(m > 0, 0, relu(1 - x[yt] + x))), 0)</c> once per position t of the lists (at most C
        /// passes over x), summing the per-sample losses and gradients. Its buffers come from <see cref="ArrayPool{T}.Shared"/>.</para>
        /// <para><b>Exceptions:</b> <see cref="ArgumentException"/> when <paramref name="x"/> is not a dense (N, C) tensor or
        /// <paramref name="y"/> does not hold N·C values; <see cref="ArgumentOutOfRangeException"/> when a listed class is outside
        /// [0, C) or <paramref name="reduction"/> is undefined.</para>
        /// </remarks>
        public static float MultiLabelMargin(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, Reduction reduction = Reduction.Mean) =>
            MultiLabelMarginReduced(x, y, dx, gradient: true, reduction);

        /// <inheritdoc cref="MultiLabelMargin(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, Reduction)"/>
        public static float MultiLabelMargin(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Reduction reduction = Reduction.Mean) =>
            MultiLabelMarginReduced(x, y, default, gradient: false, reduction);

        /// <inheritdoc cref="MultiLabelMargin(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, Reduction)"/>
        public static double MultiLabelMargin(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Reduction reduction = Reduction.Mean) =>
            MultiLabelMarginReduced(x, y, default, gradient: false, reduction);

        /// <inheritdoc cref="MultiLabelMargin(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, Reduction)"/>
        public static double MultiLabelMargin(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, Reduction reduction = Reduction.Mean) =>
            MultiLabelMarginReduced(x, y, dx, gradient: true, reduction);

        /// <summary>Per-sample <see cref="MultiLabelMargin(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, TensorSpan{float}, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = Σ_{j∈𝒯ᵢ} Σ_{k∉𝒯ᵢ} max(0, 1 − (xᵢⱼ − xᵢₖ)) / C.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The target class lists, N·C values row-major, each row ended by −1 (or by the end of the row).</param>
        /// <param name="loss">Receives one loss per sample.</param>
        public static void MultiLabelMarginUnreduced(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, Span<float> loss) =>
            MultiLabelMarginRun(x, y, MultiLabelMarginLossSpan(loss, x), default, 0, default, backward: false);

        /// <summary>The backward pass of <see cref="MultiLabelMarginUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float})"/>:
        /// the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="x">Scores, shape (N, C).</param>
        /// <param name="y">The target class lists, N·C values row-major, each row ended by −1 (or by the end of the row).</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="dx">Receives the vector-Jacobian product with respect to <paramref name="x"/>.</param>
        public static void MultiLabelMarginUnreduced(ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<float> dloss, TensorSpan<float> dx) =>
            MultiLabelMarginRun(x, y, default, MultiLabelMarginLossSpan(dloss, x), 0, MultiLabelMarginOutput(dx, x.Lengths, x, (int)x.FlattenedLength), backward: true);

        /// <inheritdoc cref="MultiLabelMarginUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, Span{float})"/>
        public static void MultiLabelMarginUnreduced(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, Span<double> loss) =>
            MultiLabelMarginRun(x, y, MultiLabelMarginLossSpan(loss, x), default, 0, default, backward: false);

        /// <inheritdoc cref="MultiLabelMarginUnreduced(ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, TensorSpan{float})"/>
        public static void MultiLabelMarginUnreduced(ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, ReadOnlySpan<double> dloss, TensorSpan<double> dx) =>
            MultiLabelMarginRun(x, y, default, MultiLabelMarginLossSpan(dloss, x), 0, MultiLabelMarginOutput(dx, x.Lengths, x, (int)x.FlattenedLength), backward: true);

    }
}
