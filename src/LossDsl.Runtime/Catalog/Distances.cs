using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Distances between sets of points, computed through pair matrices (see docs/dsl.md, "Pairwise functions").</summary>
    public static partial class Distances
    {
        private const string ChamferFormula = "mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))";

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
