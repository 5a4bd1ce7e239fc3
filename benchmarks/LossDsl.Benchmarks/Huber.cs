using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Benchmarks;

/// <summary>Huber forward + gradient (delta given) written by hand in the ways the benchmark compares.</summary>
internal static class HuberVariants
{
    /// <summary>Double-precision reference, straight from the definition.</summary>
    public static double Reference(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<double> dp, double delta)
    {
        int n = p.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = (double)p[i] - t[i];
            double a = Math.Abs(e);
            sum += a <= delta ? 0.5 * e * e : delta * (a - 0.5 * delta);
            dp[i] = (a <= delta ? e : delta * Math.Sign(e)) / n;
        }
        return sum / n;
    }

    /// <summary>
    /// The expert's one-pass loop. Branch-free algebra: with c = min(|e|, delta) the loss is c * (|e| - c/2)
    /// (0.5 e^2 inside the band, delta (|e| - delta/2) outside) and the gradient is clamp(e, -delta, delta) / N.
    /// Same blocking and double widening as the MSE loop.
    /// </summary>
    public static float HandWritten(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta)
    {
        int n = p.Length;
        if (t.Length != n || dp.Length != n) throw new ArgumentException("Spans must have equal length.");
        float invN = 1f / n;
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float rd = ref MemoryMarshal.GetReference(dp);
        nuint len = (nuint)n;
        nuint i = 0;
        double sum = 0;

        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            nuint w = (nuint)Vector512<float>.Count;
            Vector512<float> d = Vector512.Create(delta), s = Vector512.Create(invN);
            Vector512<double> total = Vector512<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step512(ref rp, ref rt, ref rd, i, d, s, ref a0);
                    Step512(ref rp, ref rt, ref rd, i + w, d, s, ref a1);
                    Step512(ref rp, ref rt, ref rd, i + 2 * w, d, s, ref a2);
                    Step512(ref rp, ref rt, ref rd, i + 3 * w, d, s, ref a3);
                }
                Vector512<float> a = (a0 + a1) + (a2 + a3);
                total += Vector512.WidenLower(a) + Vector512.WidenUpper(a);
            }
            Vector512<float> r = default;
            for (; i + w <= len; i += w) Step512(ref rp, ref rt, ref rd, i, d, s, ref r);
            total += Vector512.WidenLower(r) + Vector512.WidenUpper(r);
            sum = Vector512.Sum(total);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            nuint w = (nuint)Vector256<float>.Count;
            Vector256<float> d = Vector256.Create(delta), s = Vector256.Create(invN);
            Vector256<double> total = Vector256<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step256(ref rp, ref rt, ref rd, i, d, s, ref a0);
                    Step256(ref rp, ref rt, ref rd, i + w, d, s, ref a1);
                    Step256(ref rp, ref rt, ref rd, i + 2 * w, d, s, ref a2);
                    Step256(ref rp, ref rt, ref rd, i + 3 * w, d, s, ref a3);
                }
                Vector256<float> a = (a0 + a1) + (a2 + a3);
                total += Vector256.WidenLower(a) + Vector256.WidenUpper(a);
            }
            Vector256<float> r = default;
            for (; i + w <= len; i += w) Step256(ref rp, ref rt, ref rd, i, d, s, ref r);
            total += Vector256.WidenLower(r) + Vector256.WidenUpper(r);
            sum = Vector256.Sum(total);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            nuint w = (nuint)Vector128<float>.Count;
            Vector128<float> d = Vector128.Create(delta), s = Vector128.Create(invN);
            Vector128<double> total = Vector128<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step128(ref rp, ref rt, ref rd, i, d, s, ref a0);
                    Step128(ref rp, ref rt, ref rd, i + w, d, s, ref a1);
                    Step128(ref rp, ref rt, ref rd, i + 2 * w, d, s, ref a2);
                    Step128(ref rp, ref rt, ref rd, i + 3 * w, d, s, ref a3);
                }
                Vector128<float> a = (a0 + a1) + (a2 + a3);
                total += Vector128.WidenLower(a) + Vector128.WidenUpper(a);
            }
            Vector128<float> r = default;
            for (; i + w <= len; i += w) Step128(ref rp, ref rt, ref rd, i, d, s, ref r);
            total += Vector128.WidenLower(r) + Vector128.WidenUpper(r);
            sum = Vector128.Sum(total);
        }

        for (; i < len; i++)
        {
            float e = Unsafe.Add(ref rp, i) - Unsafe.Add(ref rt, i);
            float a = MathF.Abs(e);
            float c = MathF.Min(a, delta);
            sum += c * (a - 0.5f * c);
            Unsafe.Add(ref rd, i) = Math.Clamp(e, -delta, delta) * invN;
        }
        return (float)(sum / n);
    }

    // MinNative/MaxNative map to a single vminps/vmaxps; NaN and -0 subtleties do not matter for finite data here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float p, ref float t, ref float dp, nuint i, Vector512<float> delta, Vector512<float> invN, ref Vector512<float> acc)
    {
        Vector512<float> e = Vector512.LoadUnsafe(ref p, i) - Vector512.LoadUnsafe(ref t, i);
        Vector512<float> a = Vector512.Abs(e);
        Vector512<float> c = Vector512.MinNative(a, delta);
        acc = Vector512.MultiplyAddEstimate(c, Vector512.MultiplyAddEstimate(c, Vector512.Create(-0.5f), a), acc);
        Vector512.StoreUnsafe(Vector512.ClampNative(e, -delta, delta) * invN, ref dp, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(ref float p, ref float t, ref float dp, nuint i, Vector256<float> delta, Vector256<float> invN, ref Vector256<float> acc)
    {
        Vector256<float> e = Vector256.LoadUnsafe(ref p, i) - Vector256.LoadUnsafe(ref t, i);
        Vector256<float> a = Vector256.Abs(e);
        Vector256<float> c = Vector256.MinNative(a, delta);
        acc = Vector256.MultiplyAddEstimate(c, Vector256.MultiplyAddEstimate(c, Vector256.Create(-0.5f), a), acc);
        Vector256.StoreUnsafe(Vector256.ClampNative(e, -delta, delta) * invN, ref dp, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step128(ref float p, ref float t, ref float dp, nuint i, Vector128<float> delta, Vector128<float> invN, ref Vector128<float> acc)
    {
        Vector128<float> e = Vector128.LoadUnsafe(ref p, i) - Vector128.LoadUnsafe(ref t, i);
        Vector128<float> a = Vector128.Abs(e);
        Vector128<float> c = Vector128.MinNative(a, delta);
        acc = Vector128.MultiplyAddEstimate(c, Vector128.MultiplyAddEstimate(c, Vector128.Create(-0.5f), a), acc);
        Vector128.StoreUnsafe(Vector128.ClampNative(e, -delta, delta) * invN, ref dp, i);
    }

    /// <summary>
    /// The TensorPrimitives composition of the same algebra (c = min(|e|, delta); loss = sum(c (|e| - c/2)) / N;
    /// dp = clamp(e, -delta, delta) / N). <paramref name="e"/>, <paramref name="a"/>, <paramref name="c"/> are scratch of length N.
    /// The reduction runs in chunks (see <see cref="BenchData.ReductionChunk"/>) to meet the 1e-5 accuracy check.
    /// </summary>
    public static float TensorPrimitivesComposition(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta,
        Span<float> e, Span<float> a, Span<float> c)
    {
        int n = p.Length;
        TensorPrimitives.Subtract(p, t, e);
        TensorPrimitives.Abs(e, a);
        TensorPrimitives.Min(a, delta, c);
        TensorPrimitives.MultiplyAdd(c, -0.5f, a, a);   // a <- |e| - c/2
        double sum = 0;
        for (int i = 0; i < n; i += BenchData.ReductionChunk)
        {
            int len = Math.Min(BenchData.ReductionChunk, n - i);
            sum += TensorPrimitives.Dot(c.Slice(i, len), a.Slice(i, len));
        }
        float loss = (float)(sum / n);
        TensorPrimitives.Clamp(e, -delta, delta, dp);
        TensorPrimitives.Multiply(dp, 1f / n, dp);
        return loss;
    }

    /// <summary>A plain for loop in float with a double accumulator, written from the definition.</summary>
    public static float Scalar(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta)
    {
        int n = p.Length;
        float invN = 1f / n;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            float e = p[i] - t[i];
            float a = MathF.Abs(e);
            if (a <= delta)
            {
                sum += 0.5f * e * e;
                dp[i] = e * invN;
            }
            else
            {
                sum += delta * (a - 0.5f * delta);
                dp[i] = MathF.CopySign(delta, e) * invN;
            }
        }
        return (float)(sum / n);
    }
}
