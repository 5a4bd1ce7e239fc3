using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;

namespace LossDsl.Kernels;

/// <summary>
/// A pairwise function of two row sets, one row of its N×M matrix at a time: row i of the matrix on demand, and row
/// i's part of the gradients from row i of the matrix's adjoint. Generated loss methods use it when the whole matrix
/// is consumed row by row in one pass (InfoNCE, NT-Xent): each row is computed into an M-element buffer,
/// read and differentiated while it is in cache, and never stored, so the method needs O(M) memory instead of O(N·M).
/// The results are those of <see cref="PairwiseKernels.Forward{T}"/> and <see cref="PairwiseKernels.Backward{T}"/>,
/// which are this type run over every row. Not meant to be called by hand.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct PairwiseRows<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly PairwiseKind _kind;
    private readonly ReadOnlySpan<T> _a;
    private readonly ReadOnlySpan<T> _b;
    private readonly int _n;
    private readonly int _m;
    private readonly int _d;
    private readonly int _normCount;
    private readonly bool _withBackward;
    private double[]? _work;

    /// <summary>Prepares the rows of <paramref name="kind"/>(a, b): the rows' norms for a cosine, and room for the
    /// per-column sums the backward accumulates (from <see cref="ArrayPool{T}.Shared"/>; <see cref="Dispose"/> returns them).</summary>
    /// <param name="kind">The function.</param>
    /// <param name="a">N rows of D values, row-major.</param>
    /// <param name="b">M rows of D values, row-major.</param>
    /// <param name="n">N.</param>
    /// <param name="m">M.</param>
    /// <param name="d">D.</param>
    /// <param name="withBackward">Whether <see cref="Backward"/> and <see cref="Finish"/> will be called.</param>
    public PairwiseRows(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, bool withBackward)
    {
        _kind = kind;
        _a = a;
        _b = b;
        (_n, _m, _d, _withBackward) = (n, m, d, withBackward);
        _normCount = kind == PairwiseKind.Cosine ? n + m : 0;
        int size = _normCount + (withBackward ? m : 0);
        _work = size == 0 ? null : ArrayPool<double>.Shared.Rent(size);
        if (_normCount > 0)
        {
            PairwiseKernels.Norms(a, n, d, _work.AsSpan(0, n));
            PairwiseKernels.Norms(b, m, d, _work.AsSpan(n, m));
        }

        if (withBackward)
        {
            _work.AsSpan(_normCount, m).Clear();
        }
    }

    private readonly ReadOnlySpan<double> Norms => _work.AsSpan(0, _normCount);

    /// <summary>Writes row <paramref name="i"/> of the matrix: the function of row i of a with each row of b.</summary>
    /// <param name="i">The row, in [0, N).</param>
    /// <param name="row">M elements.</param>
    public readonly void Forward(int i, Span<T> row) => PairwiseKernels.ForwardRow(_kind, _a, _b, _n, _m, _d, Norms, i, row);

    /// <summary>Adds row <paramref name="i"/>'s part of the gradients: all of dAᵢ, and its share of dB (the rest of dB
    /// waits for <see cref="Finish"/>). Rows may come in any order, but the sums are the batch backward's only in row order.</summary>
    /// <param name="i">The row.</param>
    /// <param name="valueRow">Row i of the matrix, as <see cref="Forward"/> wrote it.</param>
    /// <param name="adjointRow">Row i of ∂loss/∂matrix.</param>
    /// <param name="da">Added to: N·D values, or empty when a needs no gradient.</param>
    /// <param name="db">Added to: M·D values, or empty when b needs no gradient.</param>
    public readonly void Backward(int i, ReadOnlySpan<T> valueRow, ReadOnlySpan<T> adjointRow, Span<T> da, Span<T> db)
    {
        if (!_withBackward)
        {
            throw new InvalidOperationException("These rows were prepared without a backward.");
        }

        if (!da.IsEmpty || !db.IsEmpty)
        {
            PairwiseKernels.BackwardRow(_kind, _a, _b, _n, _m, _d, Norms, _work.AsSpan(_normCount, _m), i, valueRow, adjointRow, da, db);
        }
    }

    /// <summary>After every row's <see cref="Backward"/>: adds the part of dB that needs all rows (βₖ bₖ).</summary>
    /// <param name="db">Added to: M·D values, or empty when b needs no gradient.</param>
    public readonly void Finish(Span<T> db)
    {
        if (_withBackward)
        {
            PairwiseKernels.FinishBackward(_kind, _b, _n, _m, _d, Norms, _work.AsSpan(_normCount, _m), db);
        }
    }

    /// <summary>Returns the workspace to the pool.</summary>
    public void Dispose()
    {
        if (_work != null)
        {
            ArrayPool<double>.Shared.Return(_work);
            _work = null;
        }
    }
}
