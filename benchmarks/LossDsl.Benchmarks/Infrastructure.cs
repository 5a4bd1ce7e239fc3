using System;

namespace LossDsl.Benchmarks;

/// <summary>Deterministic inputs and the agreement check that every variant must pass before it is timed.</summary>
internal static class BenchData
{
    public const int Seed = 20240611;

    /// <summary>Uniform floats in [lo, hi) from a seeded generator, so every run and every variant sees the same data.</summary>
    public static float[] Uniform(int n, float lo, float hi, int seed)
    {
        var rng = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = lo + (hi - lo) * (float)rng.NextDouble();
        }
        return a;
    }

    /// <summary>
    /// Chunk length for the TensorPrimitives compositions' reductions. A single float TensorPrimitives.Sum/Dot over 10^7
    /// elements is off by ~7e-4 relative; summing 4096-element chunks in float and the chunk results in double keeps the
    /// same accuracy promise as the other variants (1e-5 relative), at the cost of one call per chunk.
    /// </summary>
    public const int ReductionChunk = 4096;

    /// <summary>
    /// Throws unless a variant's loss is within 1e-5 relative of the double reference and its gradient within
    /// 1e-5 of the largest reference gradient component: timing variants that do different work would be meaningless.
    /// </summary>
    public static void Check(string variant, int n, float loss, ReadOnlySpan<float> grad, double refLoss, ReadOnlySpan<double> refGrad)
    {
        double rel = Math.Abs(loss - refLoss) / Math.Max(Math.Abs(refLoss), double.Epsilon);
        if (!(rel <= 1e-5))
        {
            throw new InvalidOperationException($"{variant} (N={n}): loss {loss:R} differs from double reference {refLoss:R} (relative {rel:E2}).");
        }

        double maxRef = 0, maxDiff = 0;
        for (int i = 0; i < refGrad.Length; i++)
        {
            maxRef = Math.Max(maxRef, Math.Abs(refGrad[i]));
            maxDiff = Math.Max(maxDiff, Math.Abs(grad[i] - refGrad[i]));
        }
        if (!(maxDiff <= 1e-5 * maxRef))
        {
            throw new InvalidOperationException($"{variant} (N={n}): gradient max abs diff {maxDiff:E2} exceeds 1e-5 x max |reference| ({maxRef:E2}).");
        }
    }
}
