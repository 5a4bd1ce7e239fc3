using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossDsl.Kernels;

/// <summary>
/// The register-blocked <see cref="Vector256{T}"/> kernels behind <see cref="PairwiseRows{T}"/> when T is float or
/// double and D fills at least one vector. The forward computes a tile of 3 rows of a by 4 rows of b per step, so each
/// load of a row chunk serves several pairs and the 12 pairs' sums are 12 independent accumulators; the backward keeps
/// the weights wᵢₖ of a block of rows and adds their two products with the rows (dA += W B, dB += Wᵀ A) tile by tile,
/// 4 output rows by 2 vectors of D each, instead of two passes over D per pair.
/// </summary>
/// <remarks>
/// Bit-for-bit reproducibility between the streamed and the stored paths rests on three facts. A pair's value is the
/// same whatever tile it falls in: one accumulator per pair over D in chunk order (the last chunk, when D is not a
/// multiple of the width, is the vector that ends at D with the lanes already counted masked to 0), then one fixed
/// tree over the lanes; a short tile repeats its last row rather than taking a different path. An element of dA is the
/// same whatever block its row is in: its sum over k runs in fixed chunks of k that depend on M and D only. dB depends on
/// the block boundaries, which both paths share (<see cref="BlockRows"/>).
/// </remarks>
internal static class PairwiseBlocks
{
    // The block buffer of PairwiseRows holds BlockRows(M) rows of M elements, at most about this many unless M is
    // above 32768 / 12: O(M) memory (128 KB of floats), 12 rows at M = 4096. Blocks are whole forward tiles (3 rows)
    // and whole dA tiles (4 rows).
    private const int BlockElements = 32 * 1024;

    private const int BlockRowStep = 12;

    private const int MaxBlockRows = 36;

    // Rows of the stored forward per block: a of the block stays in the L2 cache while b streams past it.
    private const int StoredBlockRows = 64;

    // Bytes of rows of b a chunk over k holds: small enough for the L1 data cache, where the rows of a block reuse it.
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Whether these kernels serve T and D (otherwise <see cref="PairwiseKernels"/>' row code does).</summary>
    public static bool Serves<T>(int d)
        where T : IFloatingPointIeee754<T> =>
        HasVectors<T>() && d >= Vector256<T>.Count;

    // Whether Vector256 is accelerated and T is one of its float types.
    private static bool HasVectors<T>() => Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>Rows per block of <see cref="PairwiseRows{T}"/>: 12, 24 or 36.</summary>
    public static int BlockRows(int m) => Math.Clamp(BlockElements / Math.Max(m, 1) / BlockRowStep * BlockRowStep, BlockRowStep, MaxBlockRows);

    private static int ChunkRows<T>(int d) => Math.Max(4, ChunkBytes / (d * Unsafe.SizeOf<T>()) / 4 * 4);

    /// <summary>Every row of the matrix into <paramref name="result"/> (N·M), block by block.</summary>
    public static void ForwardAll<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, ReadOnlySpan<double> norms, Span<T> result)
        where T : IFloatingPointIeee754<T>
    {
        for (int i0 = 0; i0 < n; i0 += StoredBlockRows)
        {
            int count = Math.Min(StoredBlockRows, n - i0);
            Forward(kind, a, b, n, m, d, norms, i0, count, result.Slice(i0 * m, count * m));
        }
    }

    /// <summary>Rows <paramref name="i0"/> to <paramref name="i0"/> + <paramref name="count"/> − 1 of the matrix into
    /// <paramref name="dest"/>, row r at r·M.</summary>
    public static void Forward<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, ReadOnlySpan<double> norms,
        int i0, int count, Span<T> dest)
        where T : IFloatingPointIeee754<T>
    {
        if (kind is PairwiseKind.SquaredDistance or PairwiseKind.Distance)
        {
            Forward<T, SquaredDifference>(kind, a, b, n, m, d, norms, i0, count, dest);
        }
        else
        {
            Forward<T, Product>(kind, a, b, n, m, d, norms, i0, count, dest);
        }
    }

    private static void Forward<T, TTerm>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int n, int m, int d, ReadOnlySpan<double> norms,
        int i0, int count, Span<T> dest)
        where T : IFloatingPointIeee754<T>
        where TTerm : struct, IPairTerm
    {
        if (m == 0 || count == 0)
        {
            return;
        }

        int chunk = ChunkRows<T>(d);
        Vector256<T> tail = TailMask<T>(d);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rd = ref MemoryMarshal.GetReference(dest);
        for (int kc = 0; kc < m; kc += chunk)
        {
            int kEnd = Math.Min(m, kc + chunk);
            for (int r = 0; r < count; r += 3)
            {
                int r1 = Math.Min(r + 1, count - 1), r2 = Math.Min(r + 2, count - 1);
                ref T a0 = ref Unsafe.Add(ref ra, (nint)(i0 + r) * d);
                ref T a1 = ref Unsafe.Add(ref ra, (nint)(i0 + r1) * d);
                ref T a2 = ref Unsafe.Add(ref ra, (nint)(i0 + r2) * d);
                for (int k = kc; k < kEnd; k += 4)
                {
                    int valid = Math.Min(4, kEnd - k);
                    Tile<T, TTerm>(ref a0, ref a1, ref a2,
                        ref Row(ref rb, k, d), ref Row(ref rb, k + Math.Min(1, valid - 1), d),
                        ref Row(ref rb, k + Math.Min(2, valid - 1), d), ref Row(ref rb, k + valid - 1, d),
                        d, tail, out Vector256<double> s0, out Vector256<double> s1, out Vector256<double> s2);
                    Store(Value(kind, s0, norms, n, i0 + r, k, valid), ref Unsafe.Add(ref rd, (nint)r * m + k), valid);
                    if (r1 != r)
                    {
                        Store(Value(kind, s1, norms, n, i0 + r1, k, valid), ref Unsafe.Add(ref rd, (nint)r1 * m + k), valid);
                    }

                    if (r2 != r1)
                    {
                        Store(Value(kind, s2, norms, n, i0 + r2, k, valid), ref Unsafe.Add(ref rd, (nint)r2 * m + k), valid);
                    }
                }
            }
        }
    }

    // The sums over D of the term for rows a0, a1, a2 against b0..b3, one accumulator per pair (12: enough to cover
    // the latency of the fused multiply-adds), each reduced to a double.
    private static void Tile<T, TTerm>(ref T a0, ref T a1, ref T a2, ref T b0, ref T b1, ref T b2, ref T b3, int d, Vector256<T> tail,
        out Vector256<double> s0, out Vector256<double> s1, out Vector256<double> s2)
        where TTerm : struct, IPairTerm
    {
        Vector256<T> c00 = Vector256<T>.Zero, c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        Vector256<T> c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        nuint width = (nuint)Vector256<T>.Count, end = (nuint)d, j = 0;
        for (; j + width <= end; j += width)
        {
            Step<T, TTerm>(ref a0, ref a1, ref a2, ref b0, ref b1, ref b2, ref b3, j, Vector256<T>.AllBitsSet, masked: false,
                ref c00, ref c01, ref c02, ref c03, ref c10, ref c11, ref c12, ref c13, ref c20, ref c21, ref c22, ref c23);
        }

        if (j < end)
        {
            // The vector that ends at D, its lanes before j (already counted) masked to 0 in both operands.
            Step<T, TTerm>(ref a0, ref a1, ref a2, ref b0, ref b1, ref b2, ref b3, end - width, tail, masked: true,
                ref c00, ref c01, ref c02, ref c03, ref c10, ref c11, ref c12, ref c13, ref c20, ref c21, ref c22, ref c23);
        }

        s0 = Reduce4(c00, c01, c02, c03);
        s1 = Reduce4(c10, c11, c12, c13);
        s2 = Reduce4(c20, c21, c22, c23);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<T, TTerm>(ref T a0, ref T a1, ref T a2, ref T b0, ref T b1, ref T b2, ref T b3, nuint j, Vector256<T> mask, bool masked,
        ref Vector256<T> c00, ref Vector256<T> c01, ref Vector256<T> c02, ref Vector256<T> c03,
        ref Vector256<T> c10, ref Vector256<T> c11, ref Vector256<T> c12, ref Vector256<T> c13,
        ref Vector256<T> c20, ref Vector256<T> c21, ref Vector256<T> c22, ref Vector256<T> c23)
        where TTerm : struct, IPairTerm
    {
        Vector256<T> x0 = Load(ref a0, j, mask, masked), x1 = Load(ref a1, j, mask, masked), x2 = Load(ref a2, j, mask, masked);
        Column<T, TTerm>(x0, x1, x2, Load(ref b0, j, mask, masked), ref c00, ref c10, ref c20);
        Column<T, TTerm>(x0, x1, x2, Load(ref b1, j, mask, masked), ref c01, ref c11, ref c21);
        Column<T, TTerm>(x0, x1, x2, Load(ref b2, j, mask, masked), ref c02, ref c12, ref c22);
        Column<T, TTerm>(x0, x1, x2, Load(ref b3, j, mask, masked), ref c03, ref c13, ref c23);
    }

    // One chunk of one row of b against the chunks of the three rows of a.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<T, TTerm>(Vector256<T> x0, Vector256<T> x1, Vector256<T> x2, Vector256<T> y,
        ref Vector256<T> c0, ref Vector256<T> c1, ref Vector256<T> c2)
        where TTerm : struct, IPairTerm
    {
        c0 = TTerm.Add(x0, y, c0);
        c1 = TTerm.Add(x1, y, c1);
        c2 = TTerm.Add(x2, y, c2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Load<T>(ref T row, nuint j, Vector256<T> mask, bool masked) =>
        masked ? Vector256.LoadUnsafe(ref row, j) & mask : Vector256.LoadUnsafe(ref row, j);

    // The function of 4 pairs of row i from their sums, in double as PairwiseKernels' row code computes one pair.
    internal static Vector256<double> Value(PairwiseKind kind, Vector256<double> sums, ReadOnlySpan<double> norms, int n, int i, int k, int valid)
    {
        switch (kind)
        {
            case PairwiseKind.Distance:
                return Vector256.Sqrt(sums);
            case PairwiseKind.Cosine:
                ref double nb = ref Unsafe.AsRef(in norms[n + k]);
                Vector256<double> normsB = valid == 4
                    ? Vector256.LoadUnsafe(ref nb)
                    : Vector256.Create(nb, Unsafe.Add(ref nb, Math.Min(1, valid - 1)), Unsafe.Add(ref nb, Math.Min(2, valid - 1)), Unsafe.Add(ref nb, valid - 1));
                Vector256<double> eps = Vector256.Create(PairwiseKernels.CosineEps);
                return sums / (Vector256.Create(Math.Max(norms[i], PairwiseKernels.CosineEps)) * Vector256.Max(normsB, eps));
            default:
                return sums;
        }
    }

    /// <summary>
    /// <see cref="PairwiseKernels.Weights"/> for the first pairs of row i, four at a time in double lanes: per pair the
    /// same operations as the scalar loop (a masked-out pair, adjoint 0, gets weight +0 and adds nothing to α or β).
    /// </summary>
    /// <returns>The pairs' part of α, the four lanes added in a fixed order.</returns>
    public static double Weights<T>(PairwiseKind kind, int n, ReadOnlySpan<double> norms, Span<double> beta, int i,
        ReadOnlySpan<T> valueRow, ReadOnlySpan<T> adjointRow, Span<T> weights, out int done)
        where T : IFloatingPointIeee754<T>
    {
        int m = adjointRow.Length;
        done = 0;
        if (!HasVectors<T>() || m < 4)
        {
            return 0;
        }

        ref T rg = ref MemoryMarshal.GetReference(adjointRow);
        ref T rv = ref MemoryMarshal.GetReference(valueRow);
        ref T rw = ref MemoryMarshal.GetReference(weights);
        ref double rbeta = ref MemoryMarshal.GetReference(beta);
        Vector256<double> alpha = Vector256<double>.Zero, two = Vector256.Create(2.0);
        Vector256<double> na = Vector256.Create(kind == PairwiseKind.Cosine ? Math.Max(norms[i], PairwiseKernels.CosineEps) : 0);
        Vector256<double> eps = Vector256.Create(PairwiseKernels.CosineEps);
        int k = 0;
        for (; k <= m - 4; k += 4)
        {
            Vector256<double> g = LoadDouble(ref rg, k);
            Vector256<double> masked = Vector256.Equals(g, Vector256<double>.Zero);
            Vector256<double> w, toBeta;
            switch (kind)
            {
                case PairwiseKind.SquaredDistance:
                    w = -two * g;
                    toBeta = two * g;
                    break;
                case PairwiseKind.Distance:
                    // The gradient of ‖x‖ at 0 is 0, as PyTorch's cdist.
                    Vector256<double> dist = LoadDouble(ref rv, k);
                    masked |= Vector256.Equals(dist, Vector256<double>.Zero);
                    toBeta = Vector256.ConditionalSelect(masked, Vector256<double>.Zero, g / dist);
                    w = Vector256.ConditionalSelect(masked, Vector256<double>.Zero, -toBeta);
                    break;
                case PairwiseKind.Dot:
                    StoreDouble(g, ref rw, k);
                    continue;
                default:
                    Vector256<double> normsB = Vector256.Max(Vector256.LoadUnsafe(ref Unsafe.AsRef(in norms[n + k])), eps);
                    w = Vector256.ConditionalSelect(masked, Vector256<double>.Zero, g / (na * normsB));
                    toBeta = -Vector256.ConditionalSelect(masked, Vector256<double>.Zero, g * LoadDouble(ref rv, k));
                    break;
            }

            StoreDouble(w, ref rw, k);
            alpha += toBeta;
            (Vector256.LoadUnsafe(ref rbeta, (nuint)k) + toBeta).StoreUnsafe(ref rbeta, (nuint)k);
        }

        done = k;
        return (alpha[0] + alpha[1]) + (alpha[2] + alpha[3]);
    }

    private static Vector256<double> LoadDouble<T>(ref T source, int k)
    {
        if (typeof(T) == typeof(float))
        {
            Vector128<float> x = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref source), (nuint)k);
            return Vector256.Create(Vector128.WidenLower(x), Vector128.WidenUpper(x));
        }

        return Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref source), (nuint)k);
    }

    private static void StoreDouble<T>(Vector256<double> values, ref T dest, int k)
        where T : IFloatingPointIeee754<T> =>
        Store(values, ref Unsafe.Add(ref dest, k), 4);

    /// <summary>dAᵢ += Σₖ wᵢₖ bₖ for the rows of slots [slot0, slot0 + count) of <paramref name="weights"/> (slot s is
    /// row first + s, its weights at s·M).</summary>
    public static void AddWeightedB<T>(ReadOnlySpan<T> weights, int first, int slot0, int count, ReadOnlySpan<T> b, int m, int d, Span<T> da)
        where T : IFloatingPointIeee754<T>
    {
        int chunk = ChunkRows<T>(d), chunks = Chunks<T>(d);
        Vector256<T> tail = TailMask<T>(d);
        ref T rw = ref MemoryMarshal.GetReference(weights);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T ry = ref MemoryMarshal.GetReference(da);
        for (int kc = 0; kc < m; kc += chunk)
        {
            int length = Math.Min(chunk, m - kc);
            for (int r = 0; r < count; r += 4)
            {
                int rows = Math.Min(4, count - r), s = slot0 + r;
                ref T w0 = ref Unsafe.Add(ref rw, (nint)s * m + kc);
                ref T w1 = ref Unsafe.Add(ref w0, (nint)Math.Min(1, rows - 1) * m);
                ref T w2 = ref Unsafe.Add(ref w0, (nint)Math.Min(2, rows - 1) * m);
                ref T w3 = ref Unsafe.Add(ref w0, (nint)(rows - 1) * m);
                ref T y0 = ref Row(ref ry, first + s, d);
                for (int c = 0; c < chunks; c += 2)
                {
                    ProductTile(ref w0, ref w1, ref w2, ref w3, 1, ref Row(ref rb, kc, d), length, d, c, chunks, tail, ref y0, rows);
                }
            }
        }
    }

    /// <summary>dBₖ += Σᵢ wᵢₖ aᵢ over the rows of slots [slot0, slot0 + count) of <paramref name="weights"/>;
    /// <paramref name="panel"/> (4·count values) holds the weights of 4 columns k at a time, row after row.</summary>
    public static void AddWeightedA<T>(ReadOnlySpan<T> weights, int first, int slot0, int count, ReadOnlySpan<T> a, int m, int d, Span<T> db, Span<T> panel)
        where T : IFloatingPointIeee754<T>
    {
        int chunks = Chunks<T>(d);
        Vector256<T> tail = TailMask<T>(d);
        ref T rw = ref MemoryMarshal.GetReference(weights);
        ref T rp = ref MemoryMarshal.GetReference(panel.Slice(0, 4 * count));
        ref T ry = ref MemoryMarshal.GetReference(db);
        ref T x = ref Row(ref MemoryMarshal.GetReference(a), first + slot0, d);
        for (int k = 0; k < m; k += 4)
        {
            // The 4 columns' weights side by side: read down a column of the block, they would be M apart (a power of
            // 2 for the usual M, so every one in the same cache set).
            int rows = Math.Min(4, m - k);
            for (int j = 0; j < count; j++)
            {
                ref T w = ref Unsafe.Add(ref rw, (nint)(slot0 + j) * m + k);
                for (int t = 0; t < 4; t++)
                {
                    Unsafe.Add(ref rp, 4 * j + t) = Unsafe.Add(ref w, Math.Min(t, rows - 1));
                }
            }

            ref T y0 = ref Row(ref ry, k, d);
            for (int c = 0; c < chunks; c += 2)
            {
                ProductTile(ref rp, ref Unsafe.Add(ref rp, 1), ref Unsafe.Add(ref rp, 2), ref Unsafe.Add(ref rp, 3), 4, ref x, count, d, c, chunks, tail, ref y0, rows);
            }
        }
    }

    // Output rows t < rows (row t at y0 + t·D; a short tile repeats its last weight row and stores it once) get, at the
    // chunks c and c + 1 of D, Σⱼ w_t[j·wStride] · x[j·D + chunk]; the products of a chunk are summed in registers in j
    // order and added to the output once.
    private static void ProductTile<T>(ref T w0, ref T w1, ref T w2, ref T w3, nint wStride, ref T x, int count, int d, int c, int chunks,
        Vector256<T> tail, ref T y0, int rows)
        where T : IFloatingPointIeee754<T>
    {
        bool second = c + 1 < chunks;
        nuint off0 = Offset<T>(c, d), off1 = second ? Offset<T>(c + 1, d) : off0;
        Vector256<T> c00 = Vector256<T>.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        nint w = 0;
        for (int j = 0; j < count; j++)
        {
            Vector256<T> x0 = Vector256.LoadUnsafe(ref x, off0), x1 = Vector256.LoadUnsafe(ref x, off1);
            Vector256<T> s = Vector256.Create(Unsafe.Add(ref w0, w));
            c00 = MulAdd(s, x0, c00);
            c01 = MulAdd(s, x1, c01);
            s = Vector256.Create(Unsafe.Add(ref w1, w));
            c10 = MulAdd(s, x0, c10);
            c11 = MulAdd(s, x1, c11);
            s = Vector256.Create(Unsafe.Add(ref w2, w));
            c20 = MulAdd(s, x0, c20);
            c21 = MulAdd(s, x1, c21);
            s = Vector256.Create(Unsafe.Add(ref w3, w));
            c30 = MulAdd(s, x0, c30);
            c31 = MulAdd(s, x1, c31);
            x = ref Unsafe.Add(ref x, d);
            w += wStride;
        }

        Vector256<T> mask0 = Mask(c, d, tail), mask1 = Mask(c + 1, d, tail);
        AddInto(ref y0, off0, c00, mask0, off1, c01, mask1, second);
        if (rows > 1)
        {
            AddInto(ref Unsafe.Add(ref y0, d), off0, c10, mask0, off1, c11, mask1, second);
        }

        if (rows > 2)
        {
            AddInto(ref Unsafe.Add(ref y0, 2 * d), off0, c20, mask0, off1, c21, mask1, second);
        }

        if (rows > 3)
        {
            AddInto(ref Unsafe.Add(ref y0, 3 * d), off0, c30, mask0, off1, c31, mask1, second);
        }
    }

    private static void AddInto<T>(ref T y, nuint off0, Vector256<T> v0, Vector256<T> mask0, nuint off1, Vector256<T> v1, Vector256<T> mask1, bool second)
    {
        // Lanes outside the mask (the overlap of the last chunk) keep their value exactly, −0 included.
        Vector256<T> old = Vector256.LoadUnsafe(ref y, off0);
        Vector256.ConditionalSelect(mask0, old + v0, old).StoreUnsafe(ref y, off0);
        if (second)
        {
            old = Vector256.LoadUnsafe(ref y, off1);
            Vector256.ConditionalSelect(mask1, old + v1, old).StoreUnsafe(ref y, off1);
        }
    }

    // D in vectors: the full ones, then (when D is not a multiple of the width) the one that ends at D.
    private static int Chunks<T>(int d) => (d + Vector256<T>.Count - 1) / Vector256<T>.Count;

    private static nuint Offset<T>(int c, int d) => (nuint)Math.Min(c * Vector256<T>.Count, d - Vector256<T>.Count);

    private static Vector256<T> Mask<T>(int c, int d, Vector256<T> tail) =>
        (c + 1) * Vector256<T>.Count <= d ? Vector256<T>.AllBitsSet : tail;

    // The lanes of the vector that ends at D which the full vectors before it do not cover.
    private static Vector256<T> TailMask<T>(int d)
        where T : IFloatingPointIeee754<T>
    {
        int width = Vector256<T>.Count;
        return Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(width - (d % width))));
    }

    private static ref T Row<T>(ref T start, int row, int d) => ref Unsafe.Add(ref start, (nint)row * d);

    // Four pairs' accumulators to their sums in double: per pair, lanes l and l + W/2 first, then adjacent pairs of
    // those, the same tree for every pair.
    private static Vector256<double> Reduce4<T>(Vector256<T> c0, Vector256<T> c1, Vector256<T> c2, Vector256<T> c3)
    {
        if (typeof(T) == typeof(float))
        {
            Vector128<float> sums = PairSums(PairSums(Halves(c0.AsSingle()), Halves(c1.AsSingle())), PairSums(Halves(c2.AsSingle()), Halves(c3.AsSingle())));
            return Vector256.Create(Vector128.WidenLower(sums), Vector128.WidenUpper(sums));
        }

        return Vector256.Create(PairSums(Halves(c0.AsDouble()), Halves(c1.AsDouble())), PairSums(Halves(c2.AsDouble()), Halves(c3.AsDouble())));
    }

    private static Vector128<float> Halves(Vector256<float> v) => v.GetLower() + v.GetUpper();

    private static Vector128<double> Halves(Vector256<double> v) => v.GetLower() + v.GetUpper();

    // [x0 + x1, x2 + x3, y0 + y1, y2 + y3].
    private static Vector128<float> PairSums(Vector128<float> x, Vector128<float> y) =>
        Sse3.IsSupported ? Sse3.HorizontalAdd(x, y) : Vector128.Create(x[0] + x[1], x[2] + x[3], y[0] + y[1], y[2] + y[3]);

    // [x0 + x1, y0 + y1].
    private static Vector128<double> PairSums(Vector128<double> x, Vector128<double> y) =>
        Sse3.IsSupported ? Sse3.HorizontalAdd(x, y) : Vector128.Create(x[0] + x[1], y[0] + y[1]);

    // The first `valid` of four values, rounded to T (the narrowing rounds to nearest, as T.CreateTruncating does).
    private static void Store<T>(Vector256<double> values, ref T dest, int valid)
        where T : IFloatingPointIeee754<T>
    {
        if (valid < 4)
        {
            for (int j = 0; j < valid; j++)
            {
                Unsafe.Add(ref dest, j) = T.CreateTruncating(values[j]);
            }
        }
        else if (typeof(T) == typeof(float))
        {
            Vector128.Narrow(values.GetLower(), values.GetUpper()).StoreUnsafe(ref Unsafe.As<T, float>(ref dest));
        }
        else
        {
            values.StoreUnsafe(ref Unsafe.As<T, double>(ref dest));
        }
    }

    // x·y + z, fused where the CPU has an FMA unit (one rounding), else a product and a sum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MulAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.MultiplyAddEstimate(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        }

        return Vector256.MultiplyAddEstimate(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
    }

    // The term a pair's accumulator adds per chunk of D.
    private interface IPairTerm
    {
        static abstract Vector256<T> Add<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc);
    }

    // xⱼ yⱼ: dots and cosine_sim.
    private readonly struct Product : IPairTerm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Add<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc) => MulAdd(x, y, acc);
    }

    // (xⱼ − yⱼ)²: the difference first, so close points keep their precision (no ‖x‖² + ‖y‖² − 2x·y).
    private readonly struct SquaredDifference : IPairTerm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Add<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
        {
            Vector256<T> diff = x - y;
            return MulAdd(diff, diff, acc);
        }
    }
}
