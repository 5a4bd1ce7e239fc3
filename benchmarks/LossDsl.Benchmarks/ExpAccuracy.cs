using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LossDsl.Kernels;

namespace LossDsl.Benchmarks;

/// <summary>
/// `--exp-accuracy`: <see cref="FloatVectorMath.Exp(Vector256{float})"/> (and its Vector128 form, and .NET's
/// <c>Vector256.Exp</c> for comparison) on every float in [−104, 89], against <c>(float)Math.Exp((double)x)</c>.
/// `--exp-speed`: time per 10^5 floats of each exp, in cache.
/// </summary>
internal static class ExpAccuracy
{
    private struct ExpFunction : ICheckedFloatFunction
    {
        public static string[] Names { get; } = { "FloatVectorMath.Exp (Vector256)", "FloatVectorMath.Exp (Vector128)", ".NET Vector256.Exp" };

        public static void Evaluate(Vector256<float> x, Span<float> y)
        {
            FloatVectorMath.Exp(x).CopyTo(y);
            FloatVectorMath.Exp(x.GetLower()).CopyTo(y.Slice(8));
            FloatVectorMath.Exp(x.GetUpper()).CopyTo(y.Slice(12));
            Vector256.Exp(x).CopyTo(y.Slice(16));
        }

        public static double Exact(double x) => Math.Exp(x);

        // Near 0, e^x is 1 + x to within a rounding: nearly every implementation gets those right.
        public static bool InHardSubset(float x) => Math.Abs(x) >= 1f / 256;

        // Subnormal results, and results that round to +0 where the implementation did not flush.
        public static bool InEdgeSubset(float x, double exact, float result)
        {
            float reference = (float)exact;
            return float.IsSubnormal(reference) || (reference == 0 && exact > 0 && result != 0);
        }
    }

    public static void Run()
    {
        Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector128: {Vector128.IsHardwareAccelerated}");
        Console.WriteLine("Every float x in [-104, 89] (both signs of zero), against (float)Math.Exp((double)x).");
        // Negative floats from -0 to -104 and positive ones from +0 to 89, as bit patterns.
        uint negativeEnd = (uint)BitConverter.SingleToInt32Bits(104f) + 1;
        uint positiveEnd = (uint)BitConverter.SingleToInt32Bits(89f) + 1;
        FloatAccuracy.Run<ExpFunction>(new[] { (0u, negativeEnd, 0x8000_0000u), (0u, positiveEnd, 0u) },
            "(float)Math.Exp", "with abs(x) >= 2^-8", "subnormal results");
    }

    public static void Speed(int rounds)
    {
        const int n = 100_000;
        float[] src = BenchData.Uniform(n, -10f, 10f, BenchData.Seed);
        float[] positive = Array.ConvertAll(src, v => MathF.Abs(v) + 1e-3f);
        float[] dst = new float[n];
        Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}; {n:N0} floats uniform in [-10, 10) (Log: |x| + 0.001), min ns per call over {rounds} rounds, interleaved.");
        FloatAccuracy.Speed(new (string, Action)[]
        {
            ("FloatVectorMath.Exp (Vector256)", () => Exp256(src, dst)),
            ("Vector256.Exp", () => NetExp256(src, dst)),
            ("FloatVectorMath.Exp (Vector128)", () => Exp128(src, dst)),
            ("Vector128.Exp", () => NetExp128(src, dst)),
            ("TensorPrimitives.Exp", () => TensorPrimitives.Exp(src, dst)),
            ("Vector256.Log (for scale)", () => LogAccuracy.NetLog256(positive, dst)),
        }, rounds, n);
    }

    // Whole vectors only: n is a multiple of 8.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Exp256(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 8; i += 8)
        {
            FloatVectorMath.Exp(Vector256.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NetExp256(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 8; i += 8)
        {
            Vector256.Exp(Vector256.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Exp128(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 4; i += 4)
        {
            FloatVectorMath.Exp(Vector128.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NetExp128(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 4; i += 4)
        {
            Vector128.Exp(Vector128.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }
}
