using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossDsl.Kernels;

/// <summary>
/// A pairwise function of two row sets, one row of its N×M matrix at a time: row i of the matrix on demand, and row
/// i's part of the gradients from row i of the matrix's adjoint. Generated loss methods use it when the whole matrix
/// is consumed row by row in one pass (InfoNCE, NT-Xent): the rows are read and differentiated in turn and the matrix is
/// never stored, so the method needs O(M) memory instead of O(N·M). The results are those of
/// <see cref="PairwiseKernels.Forward{T}"/> and <see cref="PairwiseKernels.Backward{T}"/>, which are this type run over
/// every row. Not meant to be called by hand.
/// </summary>
/// <remarks>
/// For float and double with D of at least one <see cref="System.Runtime.Intrinsics.Vector256{T}"/>, the rows go by
/// blocks of R = 36, 24 or 12 rows (R·M at most 32768 elements, or R = 12 when M is above 2730) in one pooled R×M
/// buffer: the first <see cref="Forward"/>
/// of a block computes all R rows with register-blocked tiles (3 rows of a by 4 of b), the others copy theirs out;
/// <see cref="Backward"/> turns its row into weights wᵢₖ in the slot the row's values used, and when the block's last
/// row is in, adds the block's products dA += W B and dB += Wᵀ A at once. Until then (or until <see cref="Finish"/>)
/// part of a row's gradient is not yet in <c>da</c> and <c>db</c>. For D from 1 to below one vector, each row goes along
/// k, 4 pairs per <c>Vector256&lt;double&gt;</c>, from b transposed once into double; its part of dB waits, transposed in
/// double, until <see cref="Finish"/>. Otherwise (no Vector256, D = 0) each row is computed and differentiated pair by
/// pair when asked.
/// </remarks>
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
    private readonly bool _blocked;
    private readonly bool _narrow;
    private readonly int _blockRows;
    private readonly int _transposedStart;
    private double[]? _work;    // the norms (cosine), then β (M, backward), then the α of each slot (R, blocked backward); narrow: bᵀ, then dBᵀ (backward)
    private T[]? _rows;         // blocked: R rows of M, each slot the values or the weights of one row of a block; else M weights
    private int _valueBlock;    // the block whose values the slots in _valueSlots hold
    private ulong _valueSlots;
    private int _weightBlock;   // the block whose weights wait in the slots in _weightSlots, for _da and _db
    private ulong _weightSlots;
    private Span<T> _da;        // the gradients every row's Backward was given (once _given)
    private Span<T> _db;
    private bool _given;

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
        _blocked = PairwiseBlocks.Serves<T>(d);
        _narrow = PairwiseNarrow.Serves<T>(d);
        _blockRows = _blocked ? PairwiseBlocks.BlockRows(m) : 1;
        (_valueBlock, _weightBlock) = (-1, -1);
        _normCount = kind == PairwiseKind.Cosine ? n + m : 0;
        _transposedStart = _normCount + (withBackward ? m + (_blocked ? _blockRows : 0) : 0);
        int size = _transposedStart + (_narrow ? (withBackward ? 2 : 1) * m * d : 0);
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

        if (_narrow)
        {
            PairwiseNarrow.Transpose(b, m, d, Transposed);
            if (withBackward)
            {
                TransposedGradient.Clear();
            }
        }
    }

    private readonly ReadOnlySpan<double> Norms => _work.AsSpan(0, _normCount);

    private readonly Span<double> Beta => _work.AsSpan(_normCount, _m);

    private readonly Span<double> Alphas => _work.AsSpan(_normCount + _m, _blockRows);

    // Narrow rows: b transposed (D rows of M, in double), and dB transposed, accumulated until Finish.
    private readonly Span<double> Transposed => _work.AsSpan(_transposedStart, _m * _d);

    private readonly Span<double> TransposedGradient => _work.AsSpan(_transposedStart + _m * _d, _m * _d);

    /// <summary>Writes row <paramref name="i"/> of the matrix: the function of row i of a with each row of b.</summary>
    /// <param name="i">The row, in [0, N).</param>
    /// <param name="row">M elements.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is not a row.</exception>
    public void Forward(int i, Span<T> row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_n, nameof(i));
        if (!_blocked)
        {
            ForwardRow(i, row);
            return;
        }

        int block = i / _blockRows, slot = i % _blockRows;
        if (block != _valueBlock || (_valueSlots & (1UL << slot)) == 0)
        {
            // The block's values take the slots of any weights still waiting: those go into the gradients first.
            AddWaitingWeights();
            int first = block * _blockRows, count = Math.Min(_blockRows, _n - first);
            PairwiseBlocks.Forward(_kind, _a, _b, _n, _m, _d, Norms, first, count, RowBuffer());
            (_valueBlock, _valueSlots) = (block, (1UL << count) - 1);
        }

        _rows.AsSpan(slot * _m, _m).CopyTo(row);
    }

    // The stored forward: every row straight into the N×M result.
    internal readonly void ForwardAll(Span<T> result)
    {
        if (_blocked)
        {
            PairwiseBlocks.ForwardAll(_kind, _a, _b, _n, _m, _d, Norms, result);
            return;
        }

        for (int i = 0; i < _n; i++)
        {
            ForwardRow(i, result.Slice(i * _m, _m));
        }
    }

    // One row without blocks: along k in double lanes (narrow), else pair by pair.
    private readonly void ForwardRow(int i, Span<T> row)
    {
        if (_narrow)
        {
            PairwiseNarrow.ForwardRow(_kind, _a, Transposed, _n, _m, _d, Norms, i, row);
        }
        else
        {
            PairwiseKernels.ForwardRow(_kind, _a, _b, _n, _m, _d, Norms, i, row);
        }
    }

    /// <summary>Adds row <paramref name="i"/>'s part of the gradients: dAᵢ and its share of dB, possibly later (when
    /// the rows of its block are all in, or at <see cref="Finish"/>; the βₖ bₖ part of dB always waits for
    /// <see cref="Finish"/>). Give every row the same <paramref name="da"/> and <paramref name="db"/>. Rows may come in
    /// any order, but the sums are the batch backward's only in row order.</summary>
    /// <param name="i">The row.</param>
    /// <param name="valueRow">Row i of the matrix, as <see cref="Forward"/> wrote it.</param>
    /// <param name="adjointRow">Row i of ∂loss/∂matrix.</param>
    /// <param name="da">Added to: N·D values, or empty when a needs no gradient.</param>
    /// <param name="db">Added to: M·D values, or empty when b needs no gradient.</param>
    /// <exception cref="InvalidOperationException">The rows were prepared without a backward.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is not a row.</exception>
    /// <exception cref="ArgumentException">An earlier row was given other gradients.</exception>
    public void Backward(int i, ReadOnlySpan<T> valueRow, ReadOnlySpan<T> adjointRow, Span<T> da, Span<T> db)
    {
        if (!_withBackward)
        {
            throw new InvalidOperationException("These rows were prepared without a backward.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_n, nameof(i));
        if (da.IsEmpty && db.IsEmpty)
        {
            return;
        }

        // Parts of the gradients wait (a block's products, the narrow rows' dB, every path's βₖ bₖ) for later rows or
        // Finish, so every row must name the same memory.
        if (_given && (!Same(da, _da) || !Same(db, _db)))
        {
            throw new ArgumentException("Every row's Backward takes the same gradients.", Same(da, _da) ? nameof(db) : nameof(da));
        }

        _da = da;
        _db = db;
        _given = true;
        Span<T> buffer = RowBuffer();
        if (_narrow)
        {
            // dAᵢ now; row i's part of dB into the transposed accumulators, added into db by Finish.
            ReadOnlySpan<T> ai = _a.Slice(i * _d, _d);
            Span<T> dai = da.IsEmpty ? default : da.Slice(i * _d, _d);
            double alpha = PairwiseKernels.Weights(_kind, _n, _m, Norms, Beta, i, valueRow, adjointRow, buffer);
            PairwiseNarrow.AddWeighted(ai, Transposed, _m, _d, buffer, dai, db.IsEmpty ? default : TransposedGradient);
            PairwiseKernels.AddAlpha(_kind, Norms, alpha, ai, dai, i);
            return;
        }

        if (!_blocked)
        {
            PairwiseKernels.BackwardRow(_kind, _a, _b, _n, _m, _d, Norms, Beta, i, valueRow, adjointRow, buffer, da, db);
            return;
        }

        int block = i / _blockRows, slot = i % _blockRows;
        ulong bit = 1UL << slot;
        if (_weightSlots != 0 && (block != _weightBlock || (_weightSlots & bit) != 0))
        {
            AddWaitingWeights();
        }

        Alphas[slot] = PairwiseKernels.Weights(_kind, _n, _m, Norms, Beta, i, valueRow, adjointRow, buffer.Slice(slot * _m, _m));
        _weightBlock = block;
        _weightSlots |= bit;
        _valueSlots &= ~bit;
        int count = Math.Min(_blockRows, _n - block * _blockRows);
        if (_weightSlots == (1UL << count) - 1)
        {
            AddWaitingWeights();
        }
    }

    /// <summary>After every row's <see cref="Backward"/>: adds what is still waiting, the products of the last rows'
    /// weights and the part of dB that needs all rows (βₖ bₖ).</summary>
    /// <param name="da">The gradient of a that <see cref="Backward"/> was given: N·D values, or empty.</param>
    /// <param name="db">The gradient of b that <see cref="Backward"/> was given: M·D values, or empty.</param>
    /// <exception cref="ArgumentException">The rows were given other gradients.</exception>
    public void Finish(Span<T> da, Span<T> db)
    {
        if (!_withBackward)
        {
            return;
        }

        if (_given && (!Same(da, _da) || !Same(db, _db)))
        {
            throw new ArgumentException("Finish takes the gradients that Backward was given.", Same(da, _da) ? nameof(db) : nameof(da));
        }

        AddWaitingWeights();
        if (_narrow && !db.IsEmpty)
        {
            PairwiseNarrow.Flush(TransposedGradient, _m, _d, db);
        }

        PairwiseKernels.FinishBackward(_kind, _b, _n, _m, _d, Norms, Beta, db);
    }

    /// <summary>Returns the workspace to the pool.</summary>
    public void Dispose()
    {
        if (_work != null)
        {
            ArrayPool<double>.Shared.Return(_work);
            _work = null;
        }

        if (_rows != null)
        {
            ArrayPool<T>.Shared.Return(_rows);
            _rows = null;
        }
    }

    // The block's (or, pair by pair, one row's) buffer, rented on first use: a stored forward needs none.
    private Span<T> RowBuffer()
    {
        int size = _blockRows * _m;
        _rows ??= ArrayPool<T>.Shared.Rent(size + (_blocked ? 4 * _blockRows : 0));
        return _rows.AsSpan(0, size);
    }

    // The waiting rows' products with the rows of a and b (dA += W B, dB += Wᵀ A, one run of consecutive slots at a
    // time), then their αᵢ aᵢ.
    private void AddWaitingWeights()
    {
        if (_weightSlots == 0)
        {
            return;
        }

        int first = _weightBlock * _blockRows;
        ulong slots = _weightSlots;
        while (slots != 0)
        {
            int start = BitOperations.TrailingZeroCount(slots);
            int length = Math.Min(BitOperations.TrailingZeroCount(~(slots >> start)), 64 - start);
            if (!_da.IsEmpty)
            {
                PairwiseBlocks.AddWeightedB<T>(_rows, first, start, length, _b, _m, _d, _da);
            }

            if (!_db.IsEmpty)
            {
                PairwiseBlocks.AddWeightedA<T>(_rows, first, start, length, _a, _m, _d, _db, _rows.AsSpan(_blockRows * _m, 4 * _blockRows));
            }

            slots &= length == 64 ? 0 : ~(((1UL << length) - 1) << start);
        }

        if (!_da.IsEmpty)
        {
            for (ulong s = _weightSlots; s != 0; s &= s - 1)
            {
                int slot = BitOperations.TrailingZeroCount(s), i = first + slot;
                PairwiseKernels.AddAlpha(_kind, Norms, Alphas[slot], _a.Slice(i * _d, _d), _da.Slice(i * _d, _d), i);
            }
        }

        (_weightSlots, _weightBlock) = (0, -1);
    }

    private static bool Same(Span<T> x, Span<T> y) =>
        x.Length == y.Length && Unsafe.AreSame(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y));
}
