using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Metric-learning losses: distances between embeddings of triplets (anchor, positive, negative) and pairs.</summary>
    public static partial class MetricLearning
    {
        private const string TripletMarginFormula =
            "ap = anchor - positive + eps; an = anchor - negative + eps; pn = positive - negative + eps; " +
            "dap = where(p == 2, norm(ap), norm_p(ap, p)); dan = where(p == 2, norm(an), norm_p(an, p)); " +
            "dpn = where(p == 2, norm(pn), norm_p(pn, p)); " +
            "v = margin + dap - where(swap, min(dan, dpn), dan); reduce(where(v < 0, 0, v))";
        private const string SquaredTripletMarginFormula =
            "mean(relu(row_sum((anchor - positive)^2) - row_sum((anchor - negative)^2) + margin))";
        private const string ContrastiveFormula = "d = norm(x1 - x2 + 1e-6); mean(y * d^2 + (1 - y) * relu(margin - d)^2)";

        private const string TripletMarginWithDistanceFormula =
            "dap = norm(anchor - positive + 1e-6); dan = norm(anchor - negative + 1e-6); dpn = norm(positive - negative + 1e-6); " +
            "v = margin + dap - where(swap, min(dan, dpn), dan); reduce(where(v < 0, 0, v))";
        private const string TripletMarginWithCosineDistanceFormula =
            "dap = 1 - cosine(anchor, positive); dan = 1 - cosine(anchor, negative); dpn = 1 - cosine(positive, negative); " +
            "v = margin + dap - where(swap, min(dan, dpn), dan); reduce(where(v < 0, 0, v))";
        private const string AngularFormula =
            "xc = 0.5 * (anchor + positive); mean(relu(row_sum((anchor - positive)^2) - factor * row_sum((negative - xc)^2)))";

        private static void ValidateDistanceMargin(double margin)
        {
            if (!(margin > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be positive, as PyTorch's triplet_margin_with_distance_loss requires.");
            }
        }

        /// <summary>4·tan²α for an angle in degrees.</summary>
        private static double AngularFactor(double alpha)
        {
            if (!(alpha > 0 && alpha < 90))
            {
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The angle must lie in (0, 90) degrees.");
            }

            double t = Math.Tan(alpha * Math.PI / 180);
            return 4 * t * t;
        }

        private static void ValidateNormDegree(double p)
        {
            if (!(p > 0) || double.IsInfinity(p))
            {
                throw new ArgumentOutOfRangeException(nameof(p), p, "The degree of the norm must be finite and positive.");
            }
        }

        [Loss(TripletMarginFormula)]
        private static partial float TripletMarginCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin, float p, float eps, bool swap, Reduction reduction);

        /// <summary>Triplet margin loss, PyTorch's <c>triplet_margin_loss</c>: with d(u, v) = ‖u − v + eps‖ₚ (not squared), ℓᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin), where d(aᵢ, nᵢ) becomes min(d(aᵢ, nᵢ), d(pᵢ, nᵢ)) with <paramref name="swap"/>.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="danchor">Receives ∂loss/∂anchor, shape (N, D).</param>
        /// <param name="dpositive">Receives ∂loss/∂positive, shape (N, D).</param>
        /// <param name="dnegative">Receives ∂loss/∂negative, shape (N, D).</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive (PyTorch's default 1).</param>
        /// <param name="p">The degree of the norm of the pairwise distance (PyTorch's default 2); finite and positive.</param>
        /// <param name="eps">Added to every difference before its norm is taken, as PyTorch's <c>pairwise_distance</c> does (default 10⁻⁶).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction=…)</c> for 2-D inputs. The distance is <c>pairwise_distance</c>: eps is added to the difference, so two equal rows are eps·D^(1/p) apart, not 0. The max is <c>clamp_min</c>: its gradient passes where its argument is exactly 0. For p = 2 the Euclidean norm is used directly; any other p uses (Σ|x|ᵖ)^(1/p). Unlike PyTorch, p must be finite and positive (PyTorch's p = 0 counts non-zero entries and p = ∞ takes the largest): anything else is an <see cref="ArgumentOutOfRangeException"/>. <see cref="SquaredTripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/> is the seeds' squared-distance variant.<para><b>Exceptions:</b> <see cref="ArgumentOutOfRangeException"/> when <paramref name="p"/> is not finite and positive; <see cref="ArgumentException"/> when the shapes disagree.</para></remarks>
        public static float TripletMargin(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1, float p = 2, float eps = 1e-6f, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateNormDegree(p);
            return TripletMarginCore(anchor, positive, negative, danchor, dpositive, dnegative, margin, p, eps, swap, reduction);
        }

        [Loss(TripletMarginFormula)]
        private static partial float TripletMarginCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin, float p, float eps, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float, float, bool, Reduction)"/>
        public static float TripletMargin(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin = 1, float p = 2, float eps = 1e-6f, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateNormDegree(p);
            return TripletMarginCore(anchor, positive, negative, margin, p, eps, swap, reduction);
        }

        [Loss(TripletMarginFormula)]
        private static partial double TripletMarginCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin, double p, double eps, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float, float, bool, Reduction)"/>
        public static double TripletMargin(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateNormDegree(p);
            return TripletMarginCore(anchor, positive, negative, margin, p, eps, swap, reduction);
        }

        [Loss(TripletMarginFormula)]
        private static partial double TripletMarginCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin, double p, double eps, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float, float, bool, Reduction)"/>
        public static double TripletMargin(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateNormDegree(p);
            return TripletMarginCore(anchor, positive, negative, danchor, dpositive, dnegative, margin, p, eps, swap, reduction);
        }

        [Loss(TripletMarginFormula)]
        private static partial void TripletMarginUnreducedCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, Span<float> loss, float margin, float p, float eps, bool swap);

        /// <summary>Per-sample <see cref="TripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float, float, bool, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin).</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive (PyTorch's default 1).</param>
        /// <param name="p">The degree of the norm of the pairwise distance (PyTorch's default 2); finite and positive.</param>
        /// <param name="eps">Added to every difference before its norm is taken, as PyTorch's <c>pairwise_distance</c> does (default 10⁻⁶).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        public static void TripletMarginUnreduced(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, Span<float> loss, float margin = 1, float p = 2, float eps = 1e-6f, bool swap = false)
        {
            ValidateNormDegree(p);
            TripletMarginUnreducedCore(anchor, positive, negative, loss, margin, p, eps, swap);
        }

        [Loss(TripletMarginFormula)]
        private static partial void TripletMarginUnreducedCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, ReadOnlySpan<float> dloss, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin, float p, float eps, bool swap);

        /// <summary>The backward pass of <see cref="TripletMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float, float, float, bool)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="danchor">Receives the vector-Jacobian product with respect to <paramref name="anchor"/>.</param>
        /// <param name="dpositive">Receives the vector-Jacobian product with respect to <paramref name="positive"/>.</param>
        /// <param name="dnegative">Receives the vector-Jacobian product with respect to <paramref name="negative"/>.</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive (PyTorch's default 1).</param>
        /// <param name="p">The degree of the norm of the pairwise distance (PyTorch's default 2); finite and positive.</param>
        /// <param name="eps">Added to every difference before its norm is taken, as PyTorch's <c>pairwise_distance</c> does (default 10⁻⁶).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        public static void TripletMarginUnreduced(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, ReadOnlySpan<float> dloss, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1, float p = 2, float eps = 1e-6f, bool swap = false)
        {
            ValidateNormDegree(p);
            TripletMarginUnreducedCore(anchor, positive, negative, dloss, danchor, dpositive, dnegative, margin, p, eps, swap);
        }

        [Loss(TripletMarginFormula)]
        private static partial void TripletMarginUnreducedCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, Span<double> loss, double margin, double p, double eps, bool swap);

        /// <inheritdoc cref="TripletMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float, float, float, bool)"/>
        public static void TripletMarginUnreduced(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, Span<double> loss, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false)
        {
            ValidateNormDegree(p);
            TripletMarginUnreducedCore(anchor, positive, negative, loss, margin, p, eps, swap);
        }

        [Loss(TripletMarginFormula)]
        private static partial void TripletMarginUnreducedCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, ReadOnlySpan<double> dloss, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin, double p, double eps, bool swap);

        /// <inheritdoc cref="TripletMarginUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float, float, bool)"/>
        public static void TripletMarginUnreduced(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, ReadOnlySpan<double> dloss, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false)
        {
            ValidateNormDegree(p);
            TripletMarginUnreducedCore(anchor, positive, negative, dloss, danchor, dpositive, dnegative, margin, p, eps, swap);
        }

        /// <summary>Triplet loss with squared Euclidean distances (FaceNet's form, as seeds 000 and 003 write it): the mean over the samples of max(0, ‖aᵢ − pᵢ‖² − ‖aᵢ − nᵢ‖² + margin).</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="danchor">Receives ∂loss/∂anchor, shape (N, D).</param>
        /// <param name="dpositive">Receives ∂loss/∂positive, shape (N, D).</param>
        /// <param name="dnegative">Receives ∂loss/∂negative, shape (N, D).</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive, in squared distance (the seeds' default 1).</param>
        /// <returns>The loss.</returns>
        /// <remarks>Seed 003's <c>TripletLoss</c>: <c>relu((a − p).pow(2).sum(1) − (a − n).pow(2).sum(1) + margin).mean()</c>. PyTorch's <c>triplet_margin_loss</c> is <see cref="TripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, float, float, bool, Reduction)"/>, with non-squared distances and an eps: a genuinely different loss. No eps is added here, and the gradient at the hinge point is 0 (the rule of <c>relu</c>).</remarks>
        [Loss(SquaredTripletMarginFormula)]
        public static partial float SquaredTripletMargin(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1);

        /// <inheritdoc cref="SquaredTripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(SquaredTripletMarginFormula)]
        public static partial float SquaredTripletMargin(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin = 1);

        /// <inheritdoc cref="SquaredTripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(SquaredTripletMarginFormula)]
        public static partial double SquaredTripletMargin(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin = 1);

        /// <inheritdoc cref="SquaredTripletMargin(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(SquaredTripletMarginFormula)]
        public static partial double SquaredTripletMargin(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1);

        /// <summary>Contrastive loss (Hadsell, Chopra and LeCun), seed 003's <c>ContrastiveLoss</c>: with dᵢ = ‖x1ᵢ − x2ᵢ + 10⁻⁶‖, the mean over the samples of yᵢ·dᵢ² + (1 − yᵢ)·max(0, margin − dᵢ)².</summary>
        /// <param name="x1">The first embedding of each pair, shape (N, D).</param>
        /// <param name="x2">The second embedding of each pair, shape (N, D).</param>
        /// <param name="y">1 for a similar pair, 0 for a dissimilar one; N values.</param>
        /// <param name="dx1">Receives ∂loss/∂x1, shape (N, D).</param>
        /// <param name="dx2">Receives ∂loss/∂x2, shape (N, D).</param>
        /// <param name="margin">The distance beyond which a dissimilar pair costs nothing (the seed's default 1).</param>
        /// <returns>The loss.</returns>
        /// <remarks>Seed 003's code: <c>d = pairwise_distance(x1, x2)</c> (so 10⁻⁶ is added to each difference, as PyTorch does), then <c>mean(y·d² + (1 − y)·clamp(margin − d, min=0)²)</c>, with y = 1 meaning similar. The seed's formula above its code has a factor ½ that the code does not; this entry follows the code, so it is twice the ½ form. PyTorch has no such function. The gradient of a pair whose difference is exactly −10⁻⁶ in every column (d = 0) is 0.</remarks>
        [Loss(ContrastiveFormula)]
        public static partial float Contrastive(ReadOnlyTensorSpan<float> x1, ReadOnlyTensorSpan<float> x2, [BinaryLabels] ReadOnlySpan<float> y, TensorSpan<float> dx1, TensorSpan<float> dx2, float margin = 1);

        /// <inheritdoc cref="Contrastive(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(ContrastiveFormula)]
        public static partial float Contrastive(ReadOnlyTensorSpan<float> x1, ReadOnlyTensorSpan<float> x2, [BinaryLabels] ReadOnlySpan<float> y, float margin = 1);

        /// <inheritdoc cref="Contrastive(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(ContrastiveFormula)]
        public static partial double Contrastive(ReadOnlyTensorSpan<double> x1, ReadOnlyTensorSpan<double> x2, [BinaryLabels] ReadOnlySpan<double> y, double margin = 1);

        /// <inheritdoc cref="Contrastive(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(ContrastiveFormula)]
        public static partial double Contrastive(ReadOnlyTensorSpan<double> x1, ReadOnlyTensorSpan<double> x2, [BinaryLabels] ReadOnlySpan<double> y, TensorSpan<double> dx1, TensorSpan<double> dx2, double margin = 1);

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial float TripletMarginWithDistanceCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin, bool swap, Reduction reduction);

        /// <summary>Triplet margin loss with a distance function, PyTorch's <c>triplet_margin_with_distance_loss</c> with its default distance, <c>pairwise_distance</c>: with d(u, v) = ‖u − v + 10⁻⁶‖₂, ℓᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin), where d(aᵢ, nᵢ) becomes min(d(aᵢ, nᵢ), d(pᵢ, nᵢ)) with <paramref name="swap"/>.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="danchor">Receives ∂loss/∂anchor, shape (N, D).</param>
        /// <param name="dpositive">Receives ∂loss/∂positive, shape (N, D).</param>
        /// <param name="dnegative">Receives ∂loss/∂negative, shape (N, D).</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive; positive, as PyTorch requires (default 1).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.triplet_margin_with_distance_loss(anchor, positive, negative, margin=margin, swap=swap, reduction=…)</c> with <c>distance_function=None</c> (PyTorch's default, the Euclidean <c>pairwise_distance</c>). The distance is part of the formula, so each distance is its own entry: this one is the default; <see cref="TripletMarginWithCosineDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/> uses 1 − cosine similarity, and any other distance is a <c>[Loss]</c> formula of your own (the formula constants of this family show the pattern). The max is <c>clamp_min</c>: its gradient passes where its argument is exactly 0.<para><b>Exceptions:</b> <see cref="ArgumentOutOfRangeException"/> when <paramref name="margin"/> is not positive (PyTorch raises a ValueError); <see cref="ArgumentException"/> when the shapes disagree.</para></remarks>
        public static float TripletMarginWithDistance(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithDistanceCore(anchor, positive, negative, danchor, dpositive, dnegative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial float TripletMarginWithDistanceCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMarginWithDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/>
        public static float TripletMarginWithDistance(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithDistanceCore(anchor, positive, negative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial double TripletMarginWithDistanceCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMarginWithDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/>
        public static double TripletMarginWithDistance(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithDistanceCore(anchor, positive, negative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial double TripletMarginWithDistanceCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMarginWithDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/>
        public static double TripletMarginWithDistance(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithDistanceCore(anchor, positive, negative, danchor, dpositive, dnegative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial void TripletMarginWithDistanceUnreducedCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, Span<float> loss, float margin, bool swap);

        /// <summary>Per-sample <see cref="TripletMarginWithDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin) with d(u, v) = ‖u − v + 10⁻⁶‖₂.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive; positive, as PyTorch requires (default 1).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        public static void TripletMarginWithDistanceUnreduced(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, Span<float> loss, float margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithDistanceUnreducedCore(anchor, positive, negative, loss, margin, swap);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial void TripletMarginWithDistanceUnreducedCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, ReadOnlySpan<float> dloss, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin, bool swap);

        /// <summary>The backward pass of <see cref="TripletMarginWithDistanceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float, bool)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="danchor">Receives the vector-Jacobian product with respect to <paramref name="anchor"/>.</param>
        /// <param name="dpositive">Receives the vector-Jacobian product with respect to <paramref name="positive"/>.</param>
        /// <param name="dnegative">Receives the vector-Jacobian product with respect to <paramref name="negative"/>.</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive; positive, as PyTorch requires (default 1).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        public static void TripletMarginWithDistanceUnreduced(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, ReadOnlySpan<float> dloss, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithDistanceUnreducedCore(anchor, positive, negative, dloss, danchor, dpositive, dnegative, margin, swap);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial void TripletMarginWithDistanceUnreducedCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, Span<double> loss, double margin, bool swap);

        /// <inheritdoc cref="TripletMarginWithDistanceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float, bool)"/>
        public static void TripletMarginWithDistanceUnreduced(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, Span<double> loss, double margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithDistanceUnreducedCore(anchor, positive, negative, loss, margin, swap);
        }

        [Loss(TripletMarginWithDistanceFormula)]
        private static partial void TripletMarginWithDistanceUnreducedCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, ReadOnlySpan<double> dloss, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin, bool swap);

        /// <inheritdoc cref="TripletMarginWithDistanceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool)"/>
        public static void TripletMarginWithDistanceUnreduced(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, ReadOnlySpan<double> dloss, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithDistanceUnreducedCore(anchor, positive, negative, dloss, danchor, dpositive, dnegative, margin, swap);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial float TripletMarginWithCosineDistanceCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin, bool swap, Reduction reduction);

        /// <summary>Triplet margin loss with the cosine distance, PyTorch's <c>triplet_margin_with_distance_loss</c> with <c>distance_function = lambda u, v: 1 − cosine_similarity(u, v)</c>: with d(u, v) = 1 − u·v / (max(‖u‖, 10⁻⁸)·max(‖v‖, 10⁻⁸)), ℓᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin), where d(aᵢ, nᵢ) becomes min(d(aᵢ, nᵢ), d(pᵢ, nᵢ)) with <paramref name="swap"/>.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="danchor">Receives ∂loss/∂anchor, shape (N, D).</param>
        /// <param name="dpositive">Receives ∂loss/∂positive, shape (N, D).</param>
        /// <param name="dnegative">Receives ∂loss/∂negative, shape (N, D).</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive; positive, as PyTorch requires (default 1).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        /// <param name="reduction">Mean (default) over the samples, sum, or the sum over the number of samples (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.triplet_margin_with_distance_loss(anchor, positive, negative, distance_function=lambda u, v: 1 - F.cosine_similarity(u, v), margin=margin, swap=swap, reduction=…)</c>. The cosine clamps each norm at 10⁻⁸ as <c>cosine_similarity</c> does, so a row of zeros has cosine 0 (distance 1). The cosine distance lies in [0, 2], so margins above 2 can never be met. The max is <c>clamp_min</c>: its gradient passes where its argument is exactly 0.<para><b>Exceptions:</b> <see cref="ArgumentOutOfRangeException"/> when <paramref name="margin"/> is not positive (PyTorch raises a ValueError); <see cref="ArgumentException"/> when the shapes disagree.</para></remarks>
        public static float TripletMarginWithCosineDistance(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithCosineDistanceCore(anchor, positive, negative, danchor, dpositive, dnegative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial float TripletMarginWithCosineDistanceCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMarginWithCosineDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/>
        public static float TripletMarginWithCosineDistance(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithCosineDistanceCore(anchor, positive, negative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial double TripletMarginWithCosineDistanceCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMarginWithCosineDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/>
        public static double TripletMarginWithCosineDistance(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithCosineDistanceCore(anchor, positive, negative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial double TripletMarginWithCosineDistanceCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin, bool swap, Reduction reduction);

        /// <inheritdoc cref="TripletMarginWithCosineDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/>
        public static double TripletMarginWithCosineDistance(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1, bool swap = false, Reduction reduction = Reduction.Mean)
        {
            ValidateDistanceMargin(margin);
            return TripletMarginWithCosineDistanceCore(anchor, positive, negative, danchor, dpositive, dnegative, margin, swap, reduction);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial void TripletMarginWithCosineDistanceUnreducedCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, Span<float> loss, float margin, bool swap);

        /// <summary>Per-sample <see cref="TripletMarginWithCosineDistance(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, Reduction)"/> (PyTorch's <c>reduction='none'</c>): writes lossᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin) with d(u, v) = 1 − cosine_similarity(u, v).</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="loss">Receives one loss per sample.</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive; positive, as PyTorch requires (default 1).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        public static void TripletMarginWithCosineDistanceUnreduced(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, Span<float> loss, float margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithCosineDistanceUnreducedCore(anchor, positive, negative, loss, margin, swap);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial void TripletMarginWithCosineDistanceUnreducedCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, ReadOnlySpan<float> dloss, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin, bool swap);

        /// <summary>The backward pass of <see cref="TripletMarginWithCosineDistanceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float, bool)"/>: the vector-Jacobian product of the per-sample losses with <paramref name="dloss"/>.</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="dloss">The upstream gradient, one per sample.</param>
        /// <param name="danchor">Receives the vector-Jacobian product with respect to <paramref name="anchor"/>.</param>
        /// <param name="dpositive">Receives the vector-Jacobian product with respect to <paramref name="positive"/>.</param>
        /// <param name="dnegative">Receives the vector-Jacobian product with respect to <paramref name="negative"/>.</param>
        /// <param name="margin">The margin by which the negative must be farther than the positive; positive, as PyTorch requires (default 1).</param>
        /// <param name="swap">PyTorch's distance swap (Balntas et al. 2016): the negative distance is min(d(a, n), d(p, n)).</param>
        public static void TripletMarginWithCosineDistanceUnreduced(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, ReadOnlySpan<float> dloss, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithCosineDistanceUnreducedCore(anchor, positive, negative, dloss, danchor, dpositive, dnegative, margin, swap);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial void TripletMarginWithCosineDistanceUnreducedCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, Span<double> loss, double margin, bool swap);

        /// <inheritdoc cref="TripletMarginWithCosineDistanceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float, bool)"/>
        public static void TripletMarginWithCosineDistanceUnreduced(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, Span<double> loss, double margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithCosineDistanceUnreducedCore(anchor, positive, negative, loss, margin, swap);
        }

        [Loss(TripletMarginWithCosineDistanceFormula)]
        private static partial void TripletMarginWithCosineDistanceUnreducedCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, ReadOnlySpan<double> dloss, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin, bool swap);

        /// <inheritdoc cref="TripletMarginWithCosineDistanceUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool)"/>
        public static void TripletMarginWithCosineDistanceUnreduced(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, ReadOnlySpan<double> dloss, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double margin = 1, bool swap = false)
        {
            ValidateDistanceMargin(margin);
            TripletMarginWithCosineDistanceUnreducedCore(anchor, positive, negative, dloss, danchor, dpositive, dnegative, margin, swap);
        }

        [Loss(AngularFormula)]
        private static partial float AngularCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float factor);

        /// <summary>Angular loss of Wang et al. 2017 (“Deep Metric Learning with Angular Loss”), triplet form: with the centre cᵢ = (aᵢ + pᵢ)/2, the mean over the samples of max(0, ‖aᵢ − pᵢ‖² − 4·tan²α·‖nᵢ − cᵢ‖²).</summary>
        /// <param name="anchor">The anchor embeddings, shape (N, D).</param>
        /// <param name="positive">Embeddings of the same class as the anchors, shape (N, D).</param>
        /// <param name="negative">Embeddings of another class, shape (N, D).</param>
        /// <param name="danchor">Receives ∂loss/∂anchor, shape (N, D).</param>
        /// <param name="dpositive">Receives ∂loss/∂positive, shape (N, D).</param>
        /// <param name="dnegative">Receives ∂loss/∂negative, shape (N, D).</param>
        /// <param name="alpha">The angle α in degrees, in (0, 90) (default 40, as pytorch-metric-learning; the paper finds 36° to 55° best).</param>
        /// <returns>The loss.</returns>
        /// <remarks>The triplet form of the paper's angular loss (its equation with the hinge): it bounds the angle at the negative of the triangle (a, p, n) by α, which makes the loss scale-invariant, unlike a distance margin. The paper's N-pair variant, with a log-sum-exp over every negative of the batch, needs pairwise (N × N) terms and is not this entry. The gradient at the hinge point is 0 (the rule of <c>relu</c>). PyTorch has no such function.<para><b>Exceptions:</b> <see cref="ArgumentOutOfRangeException"/> when <paramref name="alpha"/> is not in (0, 90); <see cref="ArgumentException"/> when the shapes disagree.</para></remarks>
        public static float Angular(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, TensorSpan<float> danchor, TensorSpan<float> dpositive, TensorSpan<float> dnegative, float alpha = 40)
        {
            return AngularCore(anchor, positive, negative, danchor, dpositive, dnegative, (float)AngularFactor(alpha));
        }

        [Loss(AngularFormula)]
        private static partial float AngularCore(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float factor);

        /// <inheritdoc cref="Angular(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        public static float Angular(ReadOnlyTensorSpan<float> anchor, ReadOnlyTensorSpan<float> positive, ReadOnlyTensorSpan<float> negative, float alpha = 40)
        {
            return AngularCore(anchor, positive, negative, (float)AngularFactor(alpha));
        }

        [Loss(AngularFormula)]
        private static partial double AngularCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double factor);

        /// <inheritdoc cref="Angular(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        public static double Angular(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, double alpha = 40)
        {
            return AngularCore(anchor, positive, negative, AngularFactor(alpha));
        }

        [Loss(AngularFormula)]
        private static partial double AngularCore(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double factor);

        /// <inheritdoc cref="Angular(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        public static double Angular(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative, TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative, double alpha = 40)
        {
            return AngularCore(anchor, positive, negative, danchor, dpositive, dnegative, AngularFactor(alpha));
        }


    }
}
