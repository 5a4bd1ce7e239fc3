using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Benchmarks;

/// <summary>
/// Binary cross-entropy with logits (PyTorch BCEWithLogitsLoss, mean reduction) forward + gradient:
/// loss = mean(max(x, 0) - x t + log1p(exp(-|x|))), dx = (sigmoid(x) - t) / N.
/// </summary>
internal static class BceVariants
{
    /// <summary>Double-precision reference. For |x| within the benchmark's range, log(1 + e) in double is accurate far below float precision.</summary>
    public static double Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<double> dx)
    {
        int n = x.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double xi = x[i], ti = t[i];
            double e = Math.Exp(-Math.Abs(xi));
            sum += Math.Max(xi, 0) - xi * ti + Math.Log(1 + e);
            double sig = xi >= 0 ? 1 / (1 + e) : e / (1 + e);
            dx[i] = (sig - ti) / n;
        }
        return sum / n;
    }

    /// <summary>
    /// The expert's one-pass loop: one exp, one log and one division per element. With e = exp(-|x|), u = 1 + e and
    /// s = 1/u: sigmoid(x) = s for x >= 0 and e s otherwise; log1p(e) = log(u) - ((u - 1) - e) s corrects the rounding
    /// of 1 + e using the reciprocal that the gradient needs anyway. Same blocking and double widening as the MSE loop.
    /// </summary>
    public static float HandWritten(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx)
    {
        int n = x.Length;
        if (t.Length != n || dx.Length != n) throw new ArgumentException("Spans must have equal length.");
        float invN = 1f / n;
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float rd = ref MemoryMarshal.GetReference(dx);
        nuint len = (nuint)n;
        nuint i = 0;
        double sum = 0;

        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            nuint w = (nuint)Vector512<float>.Count;
            Vector512<float> s = Vector512.Create(invN);
            Vector512<double> total = Vector512<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step512(ref rx, ref rt, ref rd, i, s, ref a0);
                    Step512(ref rx, ref rt, ref rd, i + w, s, ref a1);
                    Step512(ref rx, ref rt, ref rd, i + 2 * w, s, ref a2);
                    Step512(ref rx, ref rt, ref rd, i + 3 * w, s, ref a3);
                }
                Vector512<float> a = (a0 + a1) + (a2 + a3);
                total += Vector512.WidenLower(a) + Vector512.WidenUpper(a);
            }
            Vector512<float> r = default;
            for (; i + w <= len; i += w) Step512(ref rx, ref rt, ref rd, i, s, ref r);
            total += Vector512.WidenLower(r) + Vector512.WidenUpper(r);
            sum = Vector512.Sum(total);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            nuint w = (nuint)Vector256<float>.Count;
            Vector256<float> s = Vector256.Create(invN);
            Vector256<double> total = Vector256<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step256(ref rx, ref rt, ref rd, i, s, ref a0);
                    Step256(ref rx, ref rt, ref rd, i + w, s, ref a1);
                    Step256(ref rx, ref rt, ref rd, i + 2 * w, s, ref a2);
                    Step256(ref rx, ref rt, ref rd, i + 3 * w, s, ref a3);
                }
                Vector256<float> a = (a0 + a1) + (a2 + a3);
                total += Vector256.WidenLower(a) + Vector256.WidenUpper(a);
            }
            Vector256<float> r = default;
            for (; i + w <= len; i += w) Step256(ref rx, ref rt, ref rd, i, s, ref r);
            total += Vector256.WidenLower(r) + Vector256.WidenUpper(r);
            sum = Vector256.Sum(total);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            nuint w = (nuint)Vector128<float>.Count;
            Vector128<float> s = Vector128.Create(invN);
            Vector128<double> total = Vector128<double>.Zero;
            nuint unrolledEnd = len - len % (4 * w);
            while (i < unrolledEnd)
            {
                nuint blockEnd = Math.Min(unrolledEnd, i + 64 * w);
                Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (; i < blockEnd; i += 4 * w)
                {
                    Step128(ref rx, ref rt, ref rd, i, s, ref a0);
                    Step128(ref rx, ref rt, ref rd, i + w, s, ref a1);
                    Step128(ref rx, ref rt, ref rd, i + 2 * w, s, ref a2);
                    Step128(ref rx, ref rt, ref rd, i + 3 * w, s, ref a3);
                }
                Vector128<float> a = (a0 + a1) + (a2 + a3);
                total += Vector128.WidenLower(a) + Vector128.WidenUpper(a);
            }
            Vector128<float> r = default;
            for (; i + w <= len; i += w) Step128(ref rx, ref rt, ref rd, i, s, ref r);
            total += Vector128.WidenLower(r) + Vector128.WidenUpper(r);
            sum = Vector128.Sum(total);
        }

        for (; i < len; i++)
        {
            float xi = Unsafe.Add(ref rx, i), ti = Unsafe.Add(ref rt, i);
            float e = MathF.Exp(-MathF.Abs(xi));
            float u = 1f + e;
            float sInv = 1f / u;
            sum += MathF.Max(xi, 0f) - xi * ti + (MathF.Log(u) - ((u - 1f) - e) * sInv);
            Unsafe.Add(ref rd, i) = ((xi >= 0f ? sInv : e * sInv) - ti) * invN;
        }
        return (float)(sum / n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float x, ref float t, ref float dx, nuint i, Vector512<float> invN, ref Vector512<float> acc)
    {
        Vector512<float> xv = Vector512.LoadUnsafe(ref x, i), tv = Vector512.LoadUnsafe(ref t, i);
        Vector512<float> e = Vector512.Exp(-Vector512.Abs(xv));
        Vector512<float> u = Vector512<float>.One + e;
        Vector512<float> s = Vector512<float>.One / u;
        Vector512<float> log1p = Vector512.Log(u) - ((u - Vector512<float>.One) - e) * s;
        acc += Vector512.MaxNative(xv, Vector512<float>.Zero) - xv * tv + log1p;
        Vector512<float> sig = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(xv, Vector512<float>.Zero), s, e * s);
        Vector512.StoreUnsafe((sig - tv) * invN, ref dx, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(ref float x, ref float t, ref float dx, nuint i, Vector256<float> invN, ref Vector256<float> acc)
    {
        Vector256<float> xv = Vector256.LoadUnsafe(ref x, i), tv = Vector256.LoadUnsafe(ref t, i);
        Vector256<float> e = Vector256.Exp(-Vector256.Abs(xv));
        Vector256<float> u = Vector256<float>.One + e;
        Vector256<float> s = Vector256<float>.One / u;
        Vector256<float> log1p = Vector256.Log(u) - ((u - Vector256<float>.One) - e) * s;
        acc += Vector256.MaxNative(xv, Vector256<float>.Zero) - xv * tv + log1p;
        Vector256<float> sig = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(xv, Vector256<float>.Zero), s, e * s);
        Vector256.StoreUnsafe((sig - tv) * invN, ref dx, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step128(ref float x, ref float t, ref float dx, nuint i, Vector128<float> invN, ref Vector128<float> acc)
    {
        Vector128<float> xv = Vector128.LoadUnsafe(ref x, i), tv = Vector128.LoadUnsafe(ref t, i);
        Vector128<float> e = Vector128.Exp(-Vector128.Abs(xv));
        Vector128<float> u = Vector128<float>.One + e;
        Vector128<float> s = Vector128<float>.One / u;
        Vector128<float> log1p = Vector128.Log(u) - ((u - Vector128<float>.One) - e) * s;
        acc += Vector128.MaxNative(xv, Vector128<float>.Zero) - xv * tv + log1p;
        Vector128<float> sig = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(xv, Vector128<float>.Zero), s, e * s);
        Vector128.StoreUnsafe((sig - tv) * invN, ref dx, i);
    }

    /// <summary>
    /// The natural TensorPrimitives composition; <paramref name="a"/> and <paramref name="b"/> are scratch of length N.
    /// The reductions run in chunks (see <see cref="BenchData.ReductionChunk"/>) to meet the 1e-5 accuracy check.
    /// </summary>
    public static float TensorPrimitivesComposition(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx, Span<float> a, Span<float> b)
    {
        int n = x.Length;
        TensorPrimitives.Abs(x, a);
        TensorPrimitives.Negate(a, a);
        TensorPrimitives.Exp(a, a);
        TensorPrimitives.LogP1(a, a);                 // a <- log1p(exp(-|x|))
        TensorPrimitives.Max(x, 0f, b);
        TensorPrimitives.Add(b, a, b);
        double sum = 0;                                // b = max(x, 0) + log1p(e); loss = (sum(b) - dot(x, t)) / N
        for (int i = 0; i < n; i += BenchData.ReductionChunk)
        {
            int len = Math.Min(BenchData.ReductionChunk, n - i);
            sum += TensorPrimitives.Sum(b.Slice(i, len)) - (double)TensorPrimitives.Dot(x.Slice(i, len), t.Slice(i, len));
        }
        float loss = (float)(sum / n);
        TensorPrimitives.Sigmoid(x, dx);
        TensorPrimitives.Subtract(dx, t, dx);
        TensorPrimitives.Multiply(dx, 1f / n, dx);
        return loss;
    }

    /// <summary>A plain for loop in float with a double accumulator.</summary>
    public static float Scalar(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx)
    {
        int n = x.Length;
        float invN = 1f / n;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            float xi = x[i], ti = t[i];
            float e = MathF.Exp(-MathF.Abs(xi));
            sum += MathF.Max(xi, 0f) - xi * ti + MathF.Log(1f + e);
            float sig = xi >= 0f ? 1f / (1f + e) : e / (1f + e);
            dx[i] = (sig - ti) * invN;
        }
        return (float)(sum / n);
    }
}
