using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Distances between sets of points, computed through pair matrices (see docs/dsl.md, "Pairwise functions").</summary>
    public static partial class Distances
    {
        private const string ChamferFormula = "mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))";
        private const string EarthMoversHistogramFormula = "sum(emd_hist(p, q))";
        private const string EarthMoversPointsFormula = "mean(emd_points(a, b))";

        /// <summary>
        /// Earth mover's distance (Wasserstein-1) between two histograms over the same K ordered bins of unit width:
        /// Σₖ |F̂p(k) − F̂q(k)|, with F̂ the cumulative distribution of the histogram divided by its total.
        /// </summary>
        /// <param name="p">The first histogram: K non-negative masses with a positive total (counts, scores or probabilities).</param>
        /// <param name="q">The second histogram, K masses.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="dq">Receives ∂loss/∂q.</param>
        /// <returns>The distance, in bins.</returns>
        /// <remarks>
        /// Computed by the runtime intrinsic <c>emd_hist</c> (<see cref="LossDsl.Intrinsics.EarthMoversHistogram"/>),
        /// like <c>scipy.stats.wasserstein_distance</c> on the bin indices weighted by the masses. Each histogram is
        /// normalised by its own total, so scaling one does not change the distance and its gradient is orthogonal to
        /// it. A negative or non-finite mass is an <see cref="System.ArgumentOutOfRangeException"/> naming the histogram,
        /// a zero total an <see cref="System.ArgumentException"/>. The derivative of |·| at 0 is taken as 0.
        /// </remarks>
        [Loss(EarthMoversHistogramFormula)]
        public static partial float EarthMovers(ReadOnlySpan<float> p, ReadOnlySpan<float> q, Span<float> dp, Span<float> dq);

        /// <inheritdoc cref="EarthMovers(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(EarthMoversHistogramFormula)]
        public static partial float EarthMovers(ReadOnlySpan<float> p, ReadOnlySpan<float> q);

        /// <inheritdoc cref="EarthMovers(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(EarthMoversHistogramFormula)]
        public static partial double EarthMovers(ReadOnlySpan<double> p, ReadOnlySpan<double> q);

        /// <inheritdoc cref="EarthMovers(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(EarthMoversHistogramFormula)]
        public static partial double EarthMovers(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> dp, Span<double> dq);

        /// <summary>
        /// Earth mover's distance (Wasserstein-1) between two equal-size point sets with uniform weights:
        /// (1/N) minσ Σᵢ ‖aᵢ − b_σ(i)‖₂ over the permutations σ, solved exactly (an optimal assignment).
        /// </summary>
        /// <param name="a">The first point set, shape (N, D).</param>
        /// <param name="b">The second point set, shape (N, D).</param>
        /// <param name="da">Receives ∂loss/∂a, shape (N, D).</param>
        /// <param name="db">Receives ∂loss/∂b, shape (N, D).</param>
        /// <returns>The mean distance between matched points.</returns>
        /// <remarks>
        /// Computed by the runtime intrinsic <c>emd_points</c> (<see cref="LossDsl.Intrinsics.EarthMoversPoints"/>):
        /// O(N²·D) for the distances and O(N³) for the assignment. The gradient holds the optimal matching fixed (it is
        /// the derivative wherever the optimum is unique); a matched pair at distance 0 gets 0. Every coordinate must be
        /// finite.
        /// </remarks>
        [Loss(EarthMoversPointsFormula)]
        public static partial float EarthMovers(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db);

        /// <inheritdoc cref="EarthMovers(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(EarthMoversPointsFormula)]
        public static partial float EarthMovers(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b);

        /// <inheritdoc cref="EarthMovers(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(EarthMoversPointsFormula)]
        public static partial double EarthMovers(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b);

        /// <inheritdoc cref="EarthMovers(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(EarthMoversPointsFormula)]
        public static partial double EarthMovers(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);

        /// <summary>
        /// Chamfer distance between two point sets: (1/N) Σᵢ minₖ ‖aᵢ − bₖ‖² + (1/M) Σₖ minᵢ ‖aᵢ − bₖ‖², the mean squared
        /// distance from each point of one set to its nearest point of the other, both ways.
        /// </summary>
        /// <param name="a">The first point set, shape (N, D): N points of D coordinates.</param>
        /// <param name="b">The second point set, shape (M, D); M may differ from N.</param>
        /// <param name="da">Receives ∂loss/∂a, shape (N, D).</param>
        /// <param name="db">Receives ∂loss/∂b, shape (M, D).</param>
        /// <returns>The Chamfer distance (NaN when a set is empty, as a mean over nothing).</returns>
        /// <remarks>
        /// The squared form used for point clouds (as PyTorch3D's <c>chamfer_distance</c> with its default mean point
        /// reduction, summing the two directions; PyTorch itself has no Chamfer loss). A point whose nearest neighbour is
        /// tied between several points shares its gradient evenly among them (PyTorch's <c>amin</c> rule). The N×M matrix
        /// of squared distances is materialized once for both directions: N·M elements of the element type, twice that
        /// with the gradient.
        /// </remarks>
        [Loss(ChamferFormula)]
        public static partial float Chamfer(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db);

        /// <inheritdoc cref="Chamfer(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(ChamferFormula)]
        public static partial float Chamfer(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b);

        /// <inheritdoc cref="Chamfer(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(ChamferFormula)]
        public static partial double Chamfer(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b);

        /// <inheritdoc cref="Chamfer(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(ChamferFormula)]
        public static partial double Chamfer(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);
    }
}
