using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Benchmarks;

/// <summary>MSE forward + gradient written by hand in the ways the benchmark compares against the generated kernel.</summary>
internal static class MseVariants
{
    /// <summary>Double-precision reference: loss = mean((p - t)^2), dp = 2 (p - t) / N.</summary>
    public static double Reference(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<double> dp)
    {
        int n = p.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = (double)p[i] - t[i];
            sum += e * e;
            dp[i] = 2 * e / n;
        }
        return sum / n;
    }

    /// <summary>
    /// What an expert writes by hand: one pass, widest accelerated vector, 4x unrolled with 4 float accumulators that are
    /// widened into double every 16 unrolled iterations (the generated code's accuracy promise), scalar tail.
    /// </summary>
    public static float HandWritten(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp)
    {
        int n = p.Length;
        if (t.Length != n || dp.Length != n) throw new ArgumentException("Spans must have equal length.");
        float scale = 2f / n;
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float rd = ref MemoryMarshal.GetReference(dp);
        nuint len = (nuint)n;
        nuint i = 0;
        double sum = 0;

        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            nuint w = (nuint)Vector512<float>.Count;
            Vector512<float> vs = Vector512.Create(scale);
            Vector512<double> total = Vector512<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step512(ref rp, ref rt, ref rd, i, vs, ref a0);
                    Step512(ref rp, ref rt, ref rd, i + w, vs, ref a1);
                    Step512(ref rp, ref rt, ref rd, i + 2 * w, vs, ref a2);
                    Step512(ref rp, ref rt, ref rd, i + 3 * w, vs, ref a3);
                }
                Vector512<float> a = (a0 + a1) + (a2 + a3);
                total += Vector512.WidenLower(a) + Vector512.WidenUpper(a);
            }
            Vector512<float> r = default;
            for (; i + w <= len; i += w) Step512(ref rp, ref rt, ref rd, i, vs, ref r);
            total += Vector512.WidenLower(r) + Vector512.WidenUpper(r);
            sum = Vector512.Sum(total);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            nuint w = (nuint)Vector256<float>.Count;
            Vector256<float> vs = Vector256.Create(scale);
            Vector256<double> total = Vector256<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step256(ref rp, ref rt, ref rd, i, vs, ref a0);
                    Step256(ref rp, ref rt, ref rd, i + w, vs, ref a1);
                    Step256(ref rp, ref rt, ref rd, i + 2 * w, vs, ref a2);
                    Step256(ref rp, ref rt, ref rd, i + 3 * w, vs, ref a3);
                }
                Vector256<float> a = (a0 + a1) + (a2 + a3);
                total += Vector256.WidenLower(a) + Vector256.WidenUpper(a);
            }
            Vector256<float> r = default;
            for (; i + w <= len; i += w) Step256(ref rp, ref rt, ref rd, i, vs, ref r);
            total += Vector256.WidenLower(r) + Vector256.WidenUpper(r);
            sum = Vector256.Sum(total);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            nuint w = (nuint)Vector128<float>.Count;
            Vector128<float> vs = Vector128.Create(scale);
            Vector128<double> total = Vector128<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step128(ref rp, ref rt, ref rd, i, vs, ref a0);
                    Step128(ref rp, ref rt, ref rd, i + w, vs, ref a1);
                    Step128(ref rp, ref rt, ref rd, i + 2 * w, vs, ref a2);
                    Step128(ref rp, ref rt, ref rd, i + 3 * w, vs, ref a3);
                }
                Vector128<float> a = (a0 + a1) + (a2 + a3);
                total += Vector128.WidenLower(a) + Vector128.WidenUpper(a);
            }
            Vector128<float> r = default;
            for (; i + w <= len; i += w) Step128(ref rp, ref rt, ref rd, i, vs, ref r);
            total += Vector128.WidenLower(r) + Vector128.WidenUpper(r);
            sum = Vector128.Sum(total);
        }

        for (; i < len; i++)
        {
            float e = Unsafe.Add(ref rp, i) - Unsafe.Add(ref rt, i);
            Unsafe.Add(ref rd, i) = scale * e;
            sum += e * e;
        }
        return (float)(sum / n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float p, ref float t, ref float dp, nuint i, Vector512<float> scale, ref Vector512<float> acc)
    {
        Vector512<float> e = Vector512.LoadUnsafe(ref p, i) - Vector512.LoadUnsafe(ref t, i);
        Vector512.StoreUnsafe(scale * e, ref dp, i);
        acc = Vector512.MultiplyAddEstimate(e, e, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(ref float p, ref float t, ref float dp, nuint i, Vector256<float> scale, ref Vector256<float> acc)
    {
        Vector256<float> e = Vector256.LoadUnsafe(ref p, i) - Vector256.LoadUnsafe(ref t, i);
        Vector256.StoreUnsafe(scale * e, ref dp, i);
        acc = Vector256.MultiplyAddEstimate(e, e, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step128(ref float p, ref float t, ref float dp, nuint i, Vector128<float> scale, ref Vector128<float> acc)
    {
        Vector128<float> e = Vector128.LoadUnsafe(ref p, i) - Vector128.LoadUnsafe(ref t, i);
        Vector128.StoreUnsafe(scale * e, ref dp, i);
        acc = Vector128.MultiplyAddEstimate(e, e, acc);
    }

    /// <summary>
    /// The natural TensorPrimitives composition; <paramref name="e"/> is caller-provided scratch of length N.
    /// The reduction runs in chunks (see <see cref="BenchData.ReductionChunk"/>) to meet the 1e-5 accuracy check.
    /// </summary>
    public static float TensorPrimitivesComposition(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> e)
    {
        int n = p.Length;
        TensorPrimitives.Subtract(p, t, e);
        TensorPrimitives.Multiply(e, 2f / n, dp);
        double sum = 0;
        for (int i = 0; i < n; i += BenchData.ReductionChunk)
        {
            sum += TensorPrimitives.SumOfSquares(e.Slice(i, Math.Min(BenchData.ReductionChunk, n - i)));
        }
        return (float)(sum / n);
    }

    /// <summary>A plain for loop in float with a double accumulator.</summary>
    public static float Scalar(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp)
    {
        int n = p.Length;
        float scale = 2f / n;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            float e = p[i] - t[i];
            dp[i] = scale * e;
            sum += e * e;
        }
        return (float)(sum / n);
    }
}
