using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Kernels;

/// <summary>
/// The <see cref="Vector256{T}"/> kernels behind <see cref="PairwiseRows{T}"/> when T is float or double and D is
/// below one vector (3-D point clouds: Chamfer, nearest neighbours), where a vector along D would be mostly empty. They
/// go along k instead: b is copied once, transposed and widened to double (bᵀ, D rows of M), so one
/// <c>Vector256&lt;double&gt;</c> holds a feature of 4 consecutive rows of b, and a row of the matrix is D fused
/// multiply-adds per 4 pairs. The backward adds dAᵢ = Σₖ wᵢₖ bₖ as D dot products along k and keeps dB transposed in
/// double accumulators (D rows of M) until <see cref="Flush{T}"/> adds them into dB.
/// </summary>
/// <remarks>
/// Every pair is computed in double from its element-type inputs and rounded once, as the row code does; the last
/// M mod 4 pairs of a row take the same operations one at a time (<see cref="Math.FusedMultiplyAdd"/>), so a pair's
/// value does not depend on where it falls. A row's value is the same whichever path (streamed or stored) asks for it.
/// </remarks>
internal static class PairwiseNarrow
{
    /// <summary>Whether these kernels serve T and D: float or double, 1 ≤ D below one Vector256 of T, Vector256
    /// accelerated.</summary>
    public static bool Serves<T>(int d)
        where T : IFloatingPointIeee754<T> =>
        Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && d >= 1 && d < Vector256<T>.Count;

    /// <summary>bᵀ in double: <paramref name="transposed"/>[f·M + k] = b[k·D + f].</summary>
    public static void Transpose<T>(ReadOnlySpan<T> b, int m, int d, Span<double> transposed)
        where T : IFloatingPointIeee754<T>
    {
        for (int k = 0; k < m; k++)
        {
            for (int f = 0; f < d; f++)
            {
                transposed[f * m + k] = double.CreateTruncating(b[k * d + f]);
            }
        }
    }

    /// <summary>Row <paramref name="i"/> of the matrix into <paramref name="row"/> (M values).</summary>
    public static void ForwardRow<T>(PairwiseKind kind, ReadOnlySpan<T> a, ReadOnlySpan<double> transposed, int n, int m, int d,
        ReadOnlySpan<double> norms, int i, Span<T> row)
        where T : IFloatingPointIeee754<T>
    {
        Span<double> ai = stackalloc double[8];
        for (int f = 0; f < d; f++)
        {
            ai[f] = double.CreateTruncating(a[i * d + f]);
        }

        ref double bt = ref MemoryMarshal.GetReference(transposed);
        bool distance = kind is PairwiseKind.SquaredDistance or PairwiseKind.Distance;
        int k = 0;
        for (; k <= m - Vector256<double>.Count; k += Vector256<double>.Count)
        {
            Vector256<double> acc = Vector256<double>.Zero;
            for (int f = 0; f < d; f++)
            {
                Vector256<double> bv = Vector256.LoadUnsafe(ref bt, (nuint)(f * m + k));
                if (distance)
                {
                    Vector256<double> diff = Vector256.Create(ai[f]) - bv;
                    acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
                }
                else
                {
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create(ai[f]), bv, acc);
                }
            }

            Store(PairwiseBlocks.Value(kind, acc, norms, n, i, k, Vector256<double>.Count), row, k);
        }

        for (; k < m; k++)
        {
            double acc = 0;
            for (int f = 0; f < d; f++)
            {
                double bf = Unsafe.Add(ref bt, f * m + k);
                acc = distance ? Math.FusedMultiplyAdd(ai[f] - bf, ai[f] - bf, acc) : Math.FusedMultiplyAdd(ai[f], bf, acc);
            }

            row[k] = T.CreateTruncating(PairwiseKernels.Value(kind, acc, norms, n, i, k));
        }
    }

    /// <summary>A row i's products with its weights: dAᵢ += Σₖ wₖ bₖ (into <paramref name="dai"/>, D
    /// values, unless empty) and dBᵀ[f, k] += wₖ aᵢ[f] (into <paramref name="transposedGradient"/>, unless empty).</summary>
    public static void AddWeighted<T>(ReadOnlySpan<T> ai, ReadOnlySpan<double> transposed, int m, int d, ReadOnlySpan<T> weights,
        Span<T> dai, Span<double> transposedGradient)
        where T : IFloatingPointIeee754<T>
    {
        ref double bt = ref MemoryMarshal.GetReference(transposed);
        Span<double> sums = stackalloc double[8];
        sums.Clear();
        bool toA = !dai.IsEmpty, toB = !transposedGradient.IsEmpty;
        ref double gt = ref MemoryMarshal.GetReference(transposedGradient);
        int k = 0;
        Span<Vector256<double>> acc = stackalloc Vector256<double>[8];
        acc.Clear();
        for (; k <= m - Vector256<double>.Count; k += Vector256<double>.Count)
        {
            Vector256<double> w = Load(weights, k);
            for (int f = 0; f < d; f++)
            {
                if (toA)
                {
                    acc[f] = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref bt, (nuint)(f * m + k)), acc[f]);
                }

                if (toB)
                {
                    ref double g = ref Unsafe.Add(ref gt, f * m + k);
                    Vector256.FusedMultiplyAdd(w, Vector256.Create(double.CreateTruncating(ai[f])), Vector256.LoadUnsafe(ref g)).StoreUnsafe(ref g);
                }
            }
        }

        for (int f = 0; f < d; f++)
        {
            sums[f] = Vector256.Sum(acc[f]);
        }

        for (; k < m; k++)
        {
            double w = double.CreateTruncating(weights[k]);
            for (int f = 0; f < d; f++)
            {
                if (toA)
                {
                    sums[f] = Math.FusedMultiplyAdd(w, Unsafe.Add(ref bt, f * m + k), sums[f]);
                }

                if (toB)
                {
                    ref double g = ref Unsafe.Add(ref gt, f * m + k);
                    g = Math.FusedMultiplyAdd(w, double.CreateTruncating(ai[f]), g);
                }
            }
        }

        if (toA)
        {
            for (int f = 0; f < d; f++)
            {
                dai[f] += T.CreateTruncating(sums[f]);
            }
        }
    }

    /// <summary>dB += the transposed accumulators, each rounded once.</summary>
    public static void Flush<T>(ReadOnlySpan<double> transposedGradient, int m, int d, Span<T> db)
        where T : IFloatingPointIeee754<T>
    {
        for (int k = 0; k < m; k++)
        {
            for (int f = 0; f < d; f++)
            {
                db[k * d + f] += T.CreateTruncating(transposedGradient[f * m + k]);
            }
        }
    }

    // Four element-type values widened to double.
    private static Vector256<double> Load<T>(ReadOnlySpan<T> values, int k)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(values)), (nuint)k);
        }

        Vector128<float> v = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(values)), (nuint)k);
        return Vector256.Create(Vector128.WidenLower(v), Vector128.WidenUpper(v));
    }

    // Four doubles rounded to the element type into row[k..k+4].
    private static void Store<T>(Vector256<double> values, Span<T> row, int k)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            values.StoreUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(row)), (nuint)k);
            return;
        }

        Vector128<float> narrow = Vector128.Narrow(values.GetLower(), values.GetUpper());
        narrow.StoreUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(row)), (nuint)k);
    }
}
