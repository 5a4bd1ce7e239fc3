using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossDsl.Benchmarks;

/// <summary>
/// Cross-entropy from logits with class indices (PyTorch <c>F.cross_entropy(x, y)</c>, mean reduction, no weights)
/// forward + gradient: logits N×C row-major, loss = mean_i(logsumexp(x_i) − x_i[y_i]),
/// dx_i = (softmax(x_i) − onehot(y_i)) / N. Every variant has the shape
/// <c>float F(ReadOnlySpan&lt;float&gt; logits, ReadOnlySpan&lt;int&gt; target, int c, Span&lt;float&gt; grad)</c>, N = target.Length.
/// </summary>
internal static class CrossEntropyVariants
{
    /// <summary>Double-precision reference straight from the definition, max-subtracted.</summary>
    public static double Reference(ReadOnlySpan<float> logits, ReadOnlySpan<int> target, int c, Span<double> grad)
    {
        int n = target.Length;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = logits.Slice(i * c, c);
            double max = double.NegativeInfinity;
            foreach (float v in row) max = Math.Max(max, v);
            double sum = 0;
            foreach (float v in row) sum += Math.Exp(v - max);
            int y = target[i];
            total += max + Math.Log(sum) - row[y];
            for (int j = 0; j < c; j++)
            {
                grad[i * c + j] = (Math.Exp(row[j] - max) / sum - (j == y ? 1 : 0)) / n;
            }
        }
        return total / n;
    }

    /// <summary>
    /// The expert's row-fused loop. Per row, while it is in L1/L2: (1) max, 4 vector accumulators; (2) e = exp(x − max)
    /// with <c>Vector256.Exp</c>, stored into the gradient row and summed (4 float accumulators widened into double
    /// every 64 vectors, the other benchmarks' accuracy promise); (3) the gradient row scaled in place by 1/(N·Σe) and
    /// 1/N subtracted at the target: one exp per element, the row read twice and the gradient written twice, no
    /// scratch. The loss terms m − x[y] are accumulated in double and the log Σe terms as the log of a running product
    /// (one Math.Log per few hundred rows: at C = 10 a log per row cost ~30% of the time). Row tails are one overlapping vector (the
    /// last full vector of the row), masked where the operation is not idempotent (the sum, the in-place scaling).
    /// While a row's exps run, the next row is prefetched (x86 <c>Sse.Prefetch0</c>), so that its max pass, which has
    /// no arithmetic to hide memory behind, reads from cache.
    /// Vector256, else Vector128, else scalar; no Vector512 path (the benchmark machine has no AVX-512, so it would be
    /// untested here).
    /// </summary>
    public static float HandWritten(ReadOnlySpan<float> logits, ReadOnlySpan<int> target, int c, Span<float> grad)
    {
        int n = target.Length;
        CheckShapes(logits, target, c, grad);
        float invN = 1f / n;
        double total = 0, product = 1;
        ref float x0 = ref MemoryMarshal.GetReference(logits);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if ((uint)y >= (uint)c) ThrowTarget(y, i, c);
            ref float x = ref Unsafe.Add(ref x0, (nint)i * c);
            ref float g = ref Unsafe.Add(ref g0, (nint)i * c);
            float max;
            double sum;
            if (Vector256.IsHardwareAccelerated && c >= Vector256<float>.Count)
            {
                max = Max256(ref x, (nuint)c);
                sum = ExpSum256(ref x, ref g, (nuint)c, max, i + 1 < n);
                Scale256(ref g, (nuint)c, (float)(invN / sum));
            }
            else if (Vector128.IsHardwareAccelerated && c >= Vector128<float>.Count)
            {
                max = Max128(ref x, (nuint)c);
                sum = ExpSum128(ref x, ref g, (nuint)c, max, i + 1 < n);
                Scale128(ref g, (nuint)c, (float)(invN / sum));
            }
            else
            {
                max = x;
                for (int j = 1; j < c; j++) max = MathF.Max(max, Unsafe.Add(ref x, j));
                sum = 0;
                for (int j = 0; j < c; j++)
                {
                    float e = MathF.Exp(Unsafe.Add(ref x, j) - max);
                    Unsafe.Add(ref g, j) = e;
                    sum += e;
                }
                float scale = (float)(invN / sum);
                for (int j = 0; j < c; j++) Unsafe.Add(ref g, j) *= scale;
            }
            Unsafe.Add(ref g, y) -= invN;
            // log Σe of every row is summed as the log of their product (each Σe lies in [1, C]), taken only when the
            // product nears overflow: one Math.Log per ~300/log10(C) rows instead of one per row.
            total += max - Unsafe.Add(ref x, y);
            product *= sum;
            if (product > 1e280)
            {
                total += Math.Log(product);
                product = 1;
            }
        }
        return (float)((total + Math.Log(product)) / n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max256(ref float x, nuint len)
    {
        nuint w = (nuint)Vector256<float>.Count;
        Vector256<float> m0 = Vector256.LoadUnsafe(ref x), m1 = m0, m2 = m0, m3 = m0;
        nuint j = w;
        for (; j + 4 * w <= len; j += 4 * w)
        {
            m0 = Vector256.MaxNative(m0, Vector256.LoadUnsafe(ref x, j));
            m1 = Vector256.MaxNative(m1, Vector256.LoadUnsafe(ref x, j + w));
            m2 = Vector256.MaxNative(m2, Vector256.LoadUnsafe(ref x, j + 2 * w));
            m3 = Vector256.MaxNative(m3, Vector256.LoadUnsafe(ref x, j + 3 * w));
        }
        for (; j + w <= len; j += w) m0 = Vector256.MaxNative(m0, Vector256.LoadUnsafe(ref x, j));
        if (j < len) m1 = Vector256.MaxNative(m1, Vector256.LoadUnsafe(ref x, len - w));   // max is idempotent: overlap is harmless
        Vector256<float> m = Vector256.MaxNative(Vector256.MaxNative(m0, m1), Vector256.MaxNative(m2, m3));
        Vector128<float> h = Vector128.MaxNative(m.GetLower(), m.GetUpper());
        return MathF.Max(MathF.Max(h[0], h[1]), MathF.Max(h[2], h[3]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double ExpSum256(ref float x, ref float g, nuint len, float max, bool prefetchNext)
    {
        // The max pass of the next row has no arithmetic to hide its loads behind; this pass has an exp per element.
        // So it prefetches the next row (it starts C floats further), one cache line (16 floats) per prefetch. Measured
        // ~10% at 4096x1000 and 256x32000 (rows that come from memory); prefetching the next gradient row as well
        // measured no further gain.
        bool prefetch = prefetchNext && Sse.IsSupported && len >= 64;
        nuint w = (nuint)Vector256<float>.Count;
        Vector256<float> m = Vector256.Create(max);
        Vector256<double> total = Vector256<double>.Zero;
        nuint j = 0;
        nuint unrolledEnd = len - len % (4 * w);
        while (j < unrolledEnd)
        {
            nuint blockEnd = Math.Min(unrolledEnd, j + 64 * w);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; j < blockEnd; j += 4 * w)
            {
                if (prefetch)
                {
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref x, len + j)));
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref x, len + j + 2 * w)));
                }
                Vector256<float> e0 = Vector256.Exp(Vector256.LoadUnsafe(ref x, j) - m);
                Vector256<float> e1 = Vector256.Exp(Vector256.LoadUnsafe(ref x, j + w) - m);
                Vector256<float> e2 = Vector256.Exp(Vector256.LoadUnsafe(ref x, j + 2 * w) - m);
                Vector256<float> e3 = Vector256.Exp(Vector256.LoadUnsafe(ref x, j + 3 * w) - m);
                e0.StoreUnsafe(ref g, j);
                e1.StoreUnsafe(ref g, j + w);
                e2.StoreUnsafe(ref g, j + 2 * w);
                e3.StoreUnsafe(ref g, j + 3 * w);
                a0 += e0; a1 += e1; a2 += e2; a3 += e3;
            }
            Vector256<float> a = (a0 + a1) + (a2 + a3);
            total += Vector256.WidenLower(a) + Vector256.WidenUpper(a);
        }
        Vector256<float> r = default;
        for (; j + w <= len; j += w)
        {
            Vector256<float> e = Vector256.Exp(Vector256.LoadUnsafe(ref x, j) - m);
            e.StoreUnsafe(ref g, j);
            r += e;
        }
        if (j < len)
        {
            // The last full vector of the row: its first lanes were already stored (the same values) and summed.
            nuint k = len - w;
            Vector256<float> e = Vector256.Exp(Vector256.LoadUnsafe(ref x, k) - m);
            e.StoreUnsafe(ref g, k);
            r += e & TailMask256((int)(len - j));
        }
        total += Vector256.WidenLower(r) + Vector256.WidenUpper(r);
        return Vector256.Sum(total);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale256(ref float g, nuint len, float scale)
    {
        nuint w = (nuint)Vector256<float>.Count;
        Vector256<float> s = Vector256.Create(scale);
        nuint j = 0;
        for (; j + 4 * w <= len; j += 4 * w)
        {
            (Vector256.LoadUnsafe(ref g, j) * s).StoreUnsafe(ref g, j);
            (Vector256.LoadUnsafe(ref g, j + w) * s).StoreUnsafe(ref g, j + w);
            (Vector256.LoadUnsafe(ref g, j + 2 * w) * s).StoreUnsafe(ref g, j + 2 * w);
            (Vector256.LoadUnsafe(ref g, j + 3 * w) * s).StoreUnsafe(ref g, j + 3 * w);
        }
        for (; j + w <= len; j += w) (Vector256.LoadUnsafe(ref g, j) * s).StoreUnsafe(ref g, j);
        if (j < len)
        {
            // In-place scaling is not idempotent: keep the lanes already scaled.
            nuint k = len - w;
            Vector256<float> v = Vector256.LoadUnsafe(ref g, k);
            Vector256.ConditionalSelect(TailMask256((int)(len - j)), v * s, v).StoreUnsafe(ref g, k);
        }
    }

    /// <summary>All-ones in the last <paramref name="remaining"/> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TailMask256(int remaining) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Vector256<int>.Count - remaining)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max128(ref float x, nuint len)
    {
        nuint w = (nuint)Vector128<float>.Count;
        Vector128<float> m0 = Vector128.LoadUnsafe(ref x), m1 = m0, m2 = m0, m3 = m0;
        nuint j = w;
        for (; j + 4 * w <= len; j += 4 * w)
        {
            m0 = Vector128.MaxNative(m0, Vector128.LoadUnsafe(ref x, j));
            m1 = Vector128.MaxNative(m1, Vector128.LoadUnsafe(ref x, j + w));
            m2 = Vector128.MaxNative(m2, Vector128.LoadUnsafe(ref x, j + 2 * w));
            m3 = Vector128.MaxNative(m3, Vector128.LoadUnsafe(ref x, j + 3 * w));
        }
        for (; j + w <= len; j += w) m0 = Vector128.MaxNative(m0, Vector128.LoadUnsafe(ref x, j));
        if (j < len) m1 = Vector128.MaxNative(m1, Vector128.LoadUnsafe(ref x, len - w));
        Vector128<float> h = Vector128.MaxNative(Vector128.MaxNative(m0, m1), Vector128.MaxNative(m2, m3));
        return MathF.Max(MathF.Max(h[0], h[1]), MathF.Max(h[2], h[3]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double ExpSum128(ref float x, ref float g, nuint len, float max, bool prefetchNext)
    {
        bool prefetch = prefetchNext && Sse.IsSupported && len >= 64;   // as ExpSum256: 16 floats per iteration, one line
        nuint w = (nuint)Vector128<float>.Count;
        Vector128<float> m = Vector128.Create(max);
        Vector128<double> total = Vector128<double>.Zero;
        nuint j = 0;
        nuint unrolledEnd = len - len % (4 * w);
        while (j < unrolledEnd)
        {
            nuint blockEnd = Math.Min(unrolledEnd, j + 64 * w);
            Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; j < blockEnd; j += 4 * w)
            {
                if (prefetch) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref x, len + j)));
                Vector128<float> e0 = Vector128.Exp(Vector128.LoadUnsafe(ref x, j) - m);
                Vector128<float> e1 = Vector128.Exp(Vector128.LoadUnsafe(ref x, j + w) - m);
                Vector128<float> e2 = Vector128.Exp(Vector128.LoadUnsafe(ref x, j + 2 * w) - m);
                Vector128<float> e3 = Vector128.Exp(Vector128.LoadUnsafe(ref x, j + 3 * w) - m);
                e0.StoreUnsafe(ref g, j);
                e1.StoreUnsafe(ref g, j + w);
                e2.StoreUnsafe(ref g, j + 2 * w);
                e3.StoreUnsafe(ref g, j + 3 * w);
                a0 += e0; a1 += e1; a2 += e2; a3 += e3;
            }
            Vector128<float> a = (a0 + a1) + (a2 + a3);
            total += Vector128.WidenLower(a) + Vector128.WidenUpper(a);
        }
        Vector128<float> r = default;
        for (; j + w <= len; j += w)
        {
            Vector128<float> e = Vector128.Exp(Vector128.LoadUnsafe(ref x, j) - m);
            e.StoreUnsafe(ref g, j);
            r += e;
        }
        if (j < len)
        {
            nuint k = len - w;
            Vector128<float> e = Vector128.Exp(Vector128.LoadUnsafe(ref x, k) - m);
            e.StoreUnsafe(ref g, k);
            r += e & TailMask128((int)(len - j));
        }
        total += Vector128.WidenLower(r) + Vector128.WidenUpper(r);
        return Vector128.Sum(total);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale128(ref float g, nuint len, float scale)
    {
        nuint w = (nuint)Vector128<float>.Count;
        Vector128<float> s = Vector128.Create(scale);
        nuint j = 0;
        for (; j + 4 * w <= len; j += 4 * w)
        {
            (Vector128.LoadUnsafe(ref g, j) * s).StoreUnsafe(ref g, j);
            (Vector128.LoadUnsafe(ref g, j + w) * s).StoreUnsafe(ref g, j + w);
            (Vector128.LoadUnsafe(ref g, j + 2 * w) * s).StoreUnsafe(ref g, j + 2 * w);
            (Vector128.LoadUnsafe(ref g, j + 3 * w) * s).StoreUnsafe(ref g, j + 3 * w);
        }
        for (; j + w <= len; j += w) (Vector128.LoadUnsafe(ref g, j) * s).StoreUnsafe(ref g, j);
        if (j < len)
        {
            nuint k = len - w;
            Vector128<float> v = Vector128.LoadUnsafe(ref g, k);
            Vector128.ConditionalSelect(TailMask128((int)(len - j)), v * s, v).StoreUnsafe(ref g, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> TailMask128(int remaining) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(Vector128<int>.Count - remaining)).AsSingle();

    /// <summary>
    /// What a user writes with TensorPrimitives, taking the library's softmax at its word: per row
    /// <c>TensorPrimitives.SoftMax(row, gradRow)</c>, loss −log(p[y]), p[y] −= 1, then
    /// <c>TensorPrimitives.Multiply(gradRow, 1/N, gradRow)</c>. In System.Numerics.Tensors 10.0.0 SoftMax is three
    /// passes (its IL: <c>InvokeSpanIntoSpan&lt;Exp&gt;(x, d)</c>, <c>Sum(d)</c>, <c>InvokeSpanScalarIntoSpan&lt;Divide&gt;</c>),
    /// one exp per element; the scaling is a fourth pass.
    /// <para>
    /// Not stable: that SoftMax is exp(x)/Σexp(x) without subtracting the maximum (its docs: "effectively computes a
    /// sum of Exp(x[i])"), so a logit above ~88 overflows (SoftMax([100, 0]) returns
    /// [NaN, 0], measured), and −log(p[y]) is +∞ once p[y] underflows. The benchmark's logits lie in [−5, 5], where it
    /// is accurate; <see cref="TensorPrimitivesStable"/> is the composition that is safe everywhere.
    /// </para>
    /// </summary>
    public static float TensorPrimitivesComposition(ReadOnlySpan<float> logits, ReadOnlySpan<int> target, int c, Span<float> grad)
    {
        int n = target.Length;
        CheckShapes(logits, target, c, grad);
        float invN = 1f / n;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if ((uint)y >= (uint)c) ThrowTarget(y, i, c);
            Span<float> g = grad.Slice(i * c, c);
            TensorPrimitives.SoftMax(logits.Slice(i * c, c), g);
            total -= Math.Log(g[y]);
            g[y] -= 1f;
            TensorPrimitives.Multiply(g, invN, g);
        }
        return (float)(total / n);
    }

    /// <summary>
    /// The stable composition a careful user writes: per row m = <c>Max(row)</c>, <c>Subtract(row, m, g)</c>,
    /// <c>Exp(g, g)</c>, s = <c>Sum(g)</c>, loss += log s − (x[y] − m), <c>Multiply(g, 1/(N s), g)</c>, g[y] −= 1/N:
    /// one exp per element, five library calls (five passes) per row.
    /// </summary>
    public static float TensorPrimitivesStable(ReadOnlySpan<float> logits, ReadOnlySpan<int> target, int c, Span<float> grad)
    {
        int n = target.Length;
        CheckShapes(logits, target, c, grad);
        float invN = 1f / n;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if ((uint)y >= (uint)c) ThrowTarget(y, i, c);
            ReadOnlySpan<float> row = logits.Slice(i * c, c);
            Span<float> g = grad.Slice(i * c, c);
            float m = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, m, g);
            TensorPrimitives.Exp(g, g);
            float s = TensorPrimitives.Sum(g);
            total += Math.Log(s) - (row[y] - m);
            TensorPrimitives.Multiply(g, invN / s, g);
            g[y] -= invN;
        }
        return (float)(total / n);
    }

    /// <summary>Plain for loops in float per row (max, exp into the gradient, scale), double accumulators for Σe and the loss.</summary>
    public static float Scalar(ReadOnlySpan<float> logits, ReadOnlySpan<int> target, int c, Span<float> grad)
    {
        int n = target.Length;
        CheckShapes(logits, target, c, grad);
        float invN = 1f / n;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if ((uint)y >= (uint)c) ThrowTarget(y, i, c);
            ReadOnlySpan<float> row = logits.Slice(i * c, c);
            Span<float> g = grad.Slice(i * c, c);
            float max = row[0];
            for (int j = 1; j < c; j++) max = MathF.Max(max, row[j]);
            double sum = 0;
            for (int j = 0; j < c; j++)
            {
                float e = MathF.Exp(row[j] - max);
                g[j] = e;
                sum += e;
            }
            float scale = (float)(invN / sum);
            for (int j = 0; j < c; j++) g[j] *= scale;
            g[y] -= invN;
            total += max + Math.Log(sum) - row[y];
        }
        return (float)(total / n);
    }

    private static void CheckShapes(ReadOnlySpan<float> logits, ReadOnlySpan<int> target, int c, Span<float> grad)
    {
        if (c < 1) throw new ArgumentOutOfRangeException(nameof(c), c, "At least one class is needed.");
        if (logits.Length != (long)target.Length * c) throw new ArgumentException($"logits has {logits.Length} elements; expected N×C = {target.Length}×{c}.", nameof(logits));
        if (grad.Length != logits.Length) throw new ArgumentException($"grad has {grad.Length} elements; expected {logits.Length}.", nameof(grad));
    }

    private static void ThrowTarget(int y, int i, int c) =>
        throw new ArgumentOutOfRangeException("target", y, $"Target {y} of sample {i} is out of bounds [0, {c}).");
}
