using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossDsl.Kernels;

/// <summary>The all-pairs functions of two sets of rows that a formula can materialize as an N×M matrix.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum PairwiseKind
{
    /// <summary><c>sqdist(a, b)</c>: ‖aᵢ − bₖ‖².</summary>
    SquaredDistance,

    /// <summary><c>cdist(a, b)</c>: ‖aᵢ − bₖ‖₂ (its gradient is 0 where the distance is 0).</summary>
    Distance,

    /// <summary><c>dots(a, b)</c>: aᵢ · bₖ.</summary>
    Dot,

    /// <summary><c>cosine_sim(a, b)</c>: aᵢ · bₖ / (max(‖aᵢ‖, ε) · max(‖bₖ‖, ε)), ε = 10⁻⁸, as PyTorch's
    /// <c>cosine_similarity</c>.</summary>
    Cosine,
}

/// <summary>
/// Generator support for the pairwise functions of formulas (<c>sqdist</c>, <c>cdist</c>, <c>dots</c>,
/// <c>cosine_sim</c>): the forward fills the N×M matrix of a pair of (N, D) and (M, D) row sets, the backward turns
/// the matrix's adjoint into the gradients of both sets. Called by generated loss methods; not meant to be called by
/// hand. No allocation: workspace comes from <see cref="ArrayPool{T}"/>.
/// </summary>
/// <remarks>
/// For float and double with D of at least one <see cref="System.Runtime.Intrinsics.Vector256{T}"/> (when it is
/// accelerated), the forward computes register tiles of 3 rows of a by 4 rows of b: each pair's products (for the
/// distances, squared differences) are summed along D in one vector accumulator of the element type with fused
/// multiply-adds where the CPU has them, the last chunk of D being the vector that ends at D with its already counted
/// lanes masked; the lanes are added in a fixed tree in the element type and the function is applied in
/// <see cref="double"/> (the cosine's division by the clamped norms, a square root) and rounded once. The backward
/// computes each row's weights wᵢₖ in double and adds dA += W B and dB += Wᵀ A over blocks of rows as matrix products
/// (<see cref="PairwiseRows{T}"/>). For D from 1 to below one vector, the rows go along k in double lanes (b transposed
/// once; <c>PairwiseNarrow</c>). Otherwise (no Vector256, D = 0), pair by pair: products and sums along D in
/// <see cref="Vector{T}"/> lanes of the element type, the lanes' sum and the tail added in double.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PairwiseKernels
{
    /// <summary>The ε that <see cref="PairwiseKind.Cosine"/> clamps each norm at (PyTorch's default).</summary>
    public const double CosineEps = 1e-8;

    /// <summary>Checks the argument of a pairwise function: a dense rank-2 tensor of rows.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name, for messages.</param>
    /// <param name="tensor">The tensor.</param>
    /// <param name="rows">Its number of rows (points).</param>
    /// <param name="features">Its number of columns (D).</param>
    /// <returns>The elements in row-major order.</returns>
    /// <exception cref="ArgumentException">The tensor is not of rank 2, not dense, or too large for a span.</exception>
    public static ReadOnlySpan<T> Rows<T>(string name, ReadOnlyTensorSpan<T> tensor, out int rows, out int features)
    {
        CheckRank2(name, tensor.Rank, tensor.IsDense, tensor.IsEmpty, tensor.Lengths, out rows, out features);
        return tensor.IsEmpty ? default : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in tensor.GetPinnableReference()), rows * features);
    }

    /// <summary>Checks the gradient output of a pairwise argument: a dense tensor of the argument's shape.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The gradient's name.</param>
    /// <param name="tensor">The gradient tensor.</param>
    /// <param name="inputName">The input it is the gradient of.</param>
    /// <param name="rows">The input's rows.</param>
    /// <param name="features">The input's columns.</param>
    /// <returns>The elements in row-major order.</returns>
    /// <exception cref="ArgumentException">The shape differs from the input's, or the tensor is not dense.</exception>
    public static Span<T> Gradient<T>(string name, TensorSpan<T> tensor, string inputName, int rows, int features)
    {
        CheckRank2(name, tensor.Rank, tensor.IsDense, tensor.IsEmpty, tensor.Lengths, out int r, out int f);
        if (r != rows || f != features)
        {
            throw new ArgumentException(
                $"'{name}' has shape ({r}, {f}) but '{inputName}' has shape ({rows}, {features}); a gradient has the shape of its input.", name);
        }

        return tensor.IsEmpty ? default : MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), rows * features);
    }

    /// <summary>Throws unless an argument of a pairwise function has the number of rows its place requires.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="rows">Its rows.</param>
    /// <param name="expectedName">The argument that set the number.</param>
    /// <param name="expected">That number.</param>
    /// <param name="axis">"first" (the rows i of the pair matrix, N) or "second" (its columns k, M).</param>
    /// <exception cref="ArgumentException">The numbers differ.</exception>
    public static void SameRows(string name, int rows, string expectedName, int expected, string axis)
    {
        if (rows != expected)
        {
            throw new ArgumentException(
                $"'{name}' has {rows} rows but '{expectedName}' has {expected}; every {axis} argument of the formula's pairwise functions has the same number of rows.", name);
        }
    }

    /// <summary>Throws unless the two arguments of a pairwise function have the same number of features.</summary>
    /// <param name="aName">The first argument.</param>
    /// <param name="aFeatures">Its columns.</param>
    /// <param name="bName">The second argument.</param>
    /// <param name="bFeatures">Its columns.</param>
    /// <param name="function">The function, for the message.</param>
    /// <exception cref="ArgumentException">The numbers differ.</exception>
    public static void SameFeatures(string aName, int aFeatures, string bName, int bFeatures, string function)
    {
        if (aFeatures != bFeatures)
        {
            throw new ArgumentException(
                $"'{bName}' has {bFeatures} columns but '{aName}' has {aFeatures}; {function}({aName}, {bName}) compares rows of the same length.", bName);
        }
    }

    /// <summary>Throws unless a per-sample vector read along the pair axis (<c>same(y)</c>) has one value per column of the pair matrix.</summary>
    /// <param name="name">The vector.</param>
    /// <param name="length">Its length.</param>
    /// <param name="columnsName">The second argument of the pairwise functions, which sets M.</param>
    /// <param name="columns">M.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void PairLength(string name, int length, string columnsName, int columns)
    {
        if (length != columns)
        {
            throw new ArgumentException(
                $"'{name}' has length {length} but '{columnsName}' has {columns} rows; same({name}) compares labels of both sets of a pair matrix, so both have one label per row.", name);
        }
    }

    /// <summary>Rents one buffer for <paramref name="count"/> N×M matrices from the shared pool.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="rows">N.</param>
    /// <param name="columns">M.</param>
    /// <param name="count">How many matrices.</param>
    /// <returns>A buffer of at least count·N·M elements (return it to <see cref="ArrayPool{T}.Shared"/>).</returns>
    /// <exception cref="ArgumentException">count·N·M exceeds the largest array.</exception>
    public static T[] RentMatrices<T>(int rows, int columns, int count)
    {
        long size = (long)rows * columns * count;
        if (size > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The {count} pair matrices of {rows} × {columns} would need {size} elements, more than an array can hold.");
        }

        return ArrayPool<T>.Shared.Rent((int)size);
    }

    /// <summary>Fills <paramref name="result"/>[i·M + k] with the function of row i of a and row k of b.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="kind">The function.</param>
    /// <param name="a">N rows of D values, row-major.</param>
    /// <param name="b">M rows of D values, row-major.</param>
    /// <param name="n">N.</param>
    /// <param name="m">M.</param>
    /// <param name="d">D.</param>
    /// <param name="result">At least N·M elements.</param>
    public static void Forward<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, Span<T> result)
        where T : IFloatingPointIeee754<T>
    {
        var rows = new PairwiseRows<T>(kind, a, b, n, m, d, withBackward: false);
        try
        {
            rows.ForwardAll(result);
        }
        finally
        {
            rows.Dispose();
        }
    }

    /// <summary>
    /// Adds the gradient of Σᵢₖ adjointᵢₖ · f(aᵢ, bₖ) to <paramref name="da"/> and <paramref name="db"/> (it never
    /// overwrites: the caller zeroes them first, and several pairwise nodes of one formula add into the same
    /// gradient). <paramref name="da"/> and <paramref name="db"/> may be the same memory (f(a, a)), since only
    /// the inputs are read.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="kind">The function.</param>
    /// <param name="a">N rows of D values.</param>
    /// <param name="b">M rows of D values.</param>
    /// <param name="n">N.</param>
    /// <param name="m">M.</param>
    /// <param name="d">D.</param>
    /// <param name="value">The forward matrix (N·M), as <see cref="Forward{T}"/> wrote it.</param>
    /// <param name="adjoint">∂loss/∂f, N·M values.</param>
    /// <param name="da">Added to: N·D values, or empty when a needs no gradient.</param>
    /// <param name="db">Added to: M·D values, or empty when b needs no gradient.</param>
    public static void Backward<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d,
        ReadOnlySpan<T> value, ReadOnlySpan<T> adjoint, Span<T> da, Span<T> db)
        where T : IFloatingPointIeee754<T>
    {
        if (da.IsEmpty && db.IsEmpty)
        {
            return;
        }

        var rows = new PairwiseRows<T>(kind, a, b, n, m, d, withBackward: true);
        try
        {
            for (int i = 0; i < n; i++)
            {
                rows.Backward(i, value.Slice(i * m, m), adjoint.Slice(i * m, m), da, db);
            }

            rows.Finish(da, db);
        }
        finally
        {
            rows.Dispose();
        }
    }

    // dAᵢ = Σₖ wᵢₖ bₖ + αᵢ aᵢ and dBₖ = Σᵢ wᵢₖ aᵢ + βₖ bₖ, with w, α, β per function (docs/dsl.md, pairwise functions):
    // row i's weights into `weights` (M values, 0 for a pair whose adjoint is 0: a masked-out pair, where(…, d, -inf)
    // in a row max, adds nothing), its part of each βₖ added into `beta`, and its α returned (before the cosine's
    // division by ‖aᵢ‖², which AddAlpha does).
    internal static double Weights<T>(PairwiseKind kind, int n, int m, ReadOnlySpan<double> norms, Span<double> beta, int i,
        ReadOnlySpan<T> valueRow, ReadOnlySpan<T> adjointRow, Span<T> weights)
        where T : IFloatingPointIeee754<T>
    {
        valueRow = valueRow.Slice(0, m);
        adjointRow = adjointRow.Slice(0, m);
        weights = weights.Slice(0, m);
        beta = beta.Slice(0, m);
        // Four pairs at a time in double lanes where the hardware has them (the same operations per pair; α in four
        // partial sums), the rest one by one.
        double alpha = PairwiseBlocks.Weights(kind, n, norms, beta, i, valueRow, adjointRow, weights, out int start);
        switch (kind)
        {
            case PairwiseKind.SquaredDistance:
                for (int k = start; k < adjointRow.Length; k++)
                {
                    double g = double.CreateTruncating(adjointRow[k]);
                    weights[k] = T.CreateTruncating(-2 * g);
                    alpha += 2 * g;
                    beta[k] += 2 * g;
                }

                break;
            case PairwiseKind.Distance:
                for (int k = start; k < adjointRow.Length; k++)
                {
                    double g = double.CreateTruncating(adjointRow[k]);
                    if (g == 0)
                    {
                        weights[k] = T.Zero;
                        continue;
                    }

                    double dist = double.CreateTruncating(valueRow[k]);
                    double scaled = dist == 0 ? 0 : g / dist; // the gradient of ‖x‖ at 0 is 0, as PyTorch's cdist
                    weights[k] = T.CreateTruncating(-scaled);
                    alpha += scaled;
                    beta[k] += scaled;
                }

                break;
            case PairwiseKind.Dot:
                for (int k = start; k < adjointRow.Length; k++)
                {
                    weights[k] = T.CreateTruncating(double.CreateTruncating(adjointRow[k]));
                }

                break;
            default:
                double na = Math.Max(norms[i], CosineEps);
                ReadOnlySpan<double> normsB = norms.Slice(n, m);
                for (int k = start; k < adjointRow.Length; k++)
                {
                    double g = double.CreateTruncating(adjointRow[k]);
                    if (g == 0)
                    {
                        weights[k] = T.Zero;
                        continue;
                    }

                    double gc = g * double.CreateTruncating(valueRow[k]);
                    weights[k] = T.CreateTruncating(g / (na * Math.Max(normsB[k], CosineEps)));
                    alpha -= gc;
                    beta[k] -= gc;
                }

                break;
        }

        return alpha;
    }

    // dAᵢ += αᵢ aᵢ, α divided by ‖aᵢ‖² for a cosine.
    internal static void AddAlpha<T>(PairwiseKind kind, ReadOnlySpan<double> norms, double alpha, ReadOnlySpan<T> ai, Span<T> dai, int i)
        where T : IFloatingPointIeee754<T>
    {
        if (dai.IsEmpty || alpha == 0)
        {
            return;
        }

        if (kind == PairwiseKind.Cosine)
        {
            // ∂max(‖a‖, ε)/∂a = a/‖a‖ above ε, 0 at or below it.
            alpha = norms[i] > CosineEps ? alpha / (norms[i] * norms[i]) : 0;
        }

        AddScaled(dai, T.CreateTruncating(alpha), ai);
    }

    // Row i's part of dA and dB at once, pair by pair: the row code, for D below one vector (or no vectors).
    internal static void BackwardRow<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, ReadOnlySpan<double> norms,
        Span<double> beta, int i, ReadOnlySpan<T> valueRow, ReadOnlySpan<T> adjointRow, Span<T> weights, Span<T> da, Span<T> db)
        where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> ai = a.Slice(i * d, d);
        Span<T> dai = da.IsEmpty ? default : da.Slice(i * d, d);
        double alpha = Weights(kind, n, m, norms, beta, i, valueRow, adjointRow, weights);
        for (int k = 0; k < m; k++)
        {
            T w = weights[k];
            if (w == T.Zero)
            {
                continue;
            }

            if (!dai.IsEmpty)
            {
                AddScaled(dai, w, b.Slice(k * d, d));
            }

            if (!db.IsEmpty)
            {
                AddScaled(db.Slice(k * d, d), w, ai);
            }
        }

        AddAlpha(kind, norms, alpha, ai, dai, i);
    }

    // The βₖ bₖ part of dB, once every row has added its part of β.
    internal static void FinishBackward<T>(PairwiseKind kind, ReadOnlySpan<T> b, int n, int m, int d, ReadOnlySpan<double> norms, ReadOnlySpan<double> beta, Span<T> db)
        where T : IFloatingPointIeee754<T>
    {
        if (db.IsEmpty)
        {
            return;
        }

        for (int k = 0; k < m; k++)
        {
            double bet = beta[k];
            if (kind == PairwiseKind.Cosine)
            {
                bet = norms[n + k] > CosineEps ? bet / (norms[n + k] * norms[n + k]) : 0;
            }

            if (bet != 0)
            {
                AddScaled(db.Slice(k * d, d), T.CreateTruncating(bet), b.Slice(k * d, d));
            }
        }
    }

    // Row i of the matrix, pair by pair: the row code, for D below one vector (or no vectors).
    internal static void ForwardRow<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, ReadOnlySpan<double> norms, int i, Span<T> row)
        where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> ai = a.Slice(i * d, d);
        for (int k = 0; k < m; k++)
        {
            ReadOnlySpan<T> bk = b.Slice(k * d, d);
            double sum = kind is PairwiseKind.SquaredDistance or PairwiseKind.Distance ? SquaredDistance(ai, bk) : Dot(ai, bk);
            row[k] = T.CreateTruncating(Value(kind, sum, norms, n, i, k));
        }
    }

    // The function of pair (i, k) from its sum over D (of squared differences for the distances, of products otherwise).
    internal static double Value(PairwiseKind kind, double sum, ReadOnlySpan<double> norms, int n, int i, int k) => kind switch
    {
        PairwiseKind.Distance => Math.Sqrt(sum),
        PairwiseKind.Cosine => sum / (Math.Max(norms[i], CosineEps) * Math.Max(norms[n + k], CosineEps)),
        _ => sum,
    };

    internal static void Norms<T>(ReadOnlySpan<T> x, int rows, int d, Span<double> norms)
        where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * d, d);
            norms[r] = Math.Sqrt(Dot(row, row));
        }
    }

    private static double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int k = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (; k <= x.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                acc += new Vector<T>(x.Slice(k)) * new Vector<T>(y.Slice(k));
            }

            total = double.CreateTruncating(Vector.Sum(acc));
        }

        for (; k < x.Length; k++)
        {
            total += double.CreateTruncating(x[k]) * double.CreateTruncating(y[k]);
        }

        return total;
    }

    private static double SquaredDistance<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int k = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (; k <= x.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                Vector<T> diff = new Vector<T>(x.Slice(k)) - new Vector<T>(y.Slice(k));
                acc += diff * diff;
            }

            total = double.CreateTruncating(Vector.Sum(acc));
        }

        for (; k < x.Length; k++)
        {
            double diff = double.CreateTruncating(x[k]) - double.CreateTruncating(y[k]);
            total += diff * diff;
        }

        return total;
    }

    // y += s·x along D.
    private static void AddScaled<T>(Span<T> y, T s, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<T>.Count)
        {
            var sv = new Vector<T>(s);
            for (; k <= y.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                (new Vector<T>(y.Slice(k)) + sv * new Vector<T>(x.Slice(k))).CopyTo(y.Slice(k));
            }
        }

        for (; k < y.Length; k++)
        {
            y[k] += s * x[k];
        }
    }

    private static void CheckRank2(string name, int rank, bool isDense, bool isEmpty, ReadOnlySpan<nint> lengths, out int rows, out int features)
    {
        if (rank != 2)
        {
            throw new ArgumentException($"'{name}' has rank {rank}; a pairwise function takes a matrix of rows (rank 2: points × features).", name);
        }

        if (!isDense && !isEmpty)
        {
            throw new ArgumentException($"'{name}' is not dense (row-major and contiguous); copy it into a dense tensor first.", name);
        }

        if ((long)lengths[0] * lengths[1] > int.MaxValue)
        {
            throw new ArgumentException($"'{name}' has more than 2^31 - 1 elements.", name);
        }

        rows = (int)lengths[0];
        features = (int)lengths[1];
    }
}
