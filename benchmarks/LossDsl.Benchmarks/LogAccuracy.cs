using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LossDsl.Kernels;

namespace LossDsl.Benchmarks;

/// <summary>
/// `--log-accuracy`: <see cref="FloatVectorMath.Log(Vector256{float})"/> (and its Vector128 form, and .NET's
/// <c>Vector256.Log</c> for comparison) on every positive finite float, subnormals included, against
/// <c>(float)Math.Log((double)x)</c>. `--log-speed`: time per 10^5 floats of each log, in cache.
/// </summary>
internal static class LogAccuracy
{
    private struct LogFunction : ICheckedFloatFunction
    {
        public static string[] Names { get; } = { "FloatVectorMath.Log (Vector256)", "FloatVectorMath.Log (Vector128)", ".NET Vector256.Log" };

        public static void Evaluate(Vector256<float> x, Span<float> y)
        {
            FloatVectorMath.Log(x).CopyTo(y);
            FloatVectorMath.Log(x.GetLower()).CopyTo(y.Slice(8));
            FloatVectorMath.Log(x.GetUpper()).CopyTo(y.Slice(12));
            Vector256.Log(x).CopyTo(y.Slice(16));
        }

        public static double Exact(double x) => Math.Log(x);

        // The binades around 1, where the polynomial carries most of the result (elsewhere k·ln2 dominates).
        public static bool InHardSubset(float x) => x >= 0.5f && x < 2f;

        public static bool InEdgeSubset(float x, double exact, float result) => float.IsSubnormal(x);
    }

    public static void Run()
    {
        Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector128: {Vector128.IsHardwareAccelerated}");
        Console.WriteLine("Every positive finite float x (subnormals included), against (float)Math.Log((double)x).");
        uint end = (uint)BitConverter.SingleToInt32Bits(float.MaxValue) + 1;
        FloatAccuracy.Run<LogFunction>(new[] { (1u, end, 0u) }, "(float)Math.Log", "with x in [1/2, 2)", "subnormal inputs");
    }

    public static void Speed(int rounds)
    {
        const int n = 100_000;
        float[] src = BenchData.Uniform(n, -10f, 10f, BenchData.Seed);
        float[] positive = Array.ConvertAll(src, v => MathF.Abs(v) + 1e-3f);
        // What a softplus or BCE-with-logits loop takes the log of: 1 + e^-|x|, in (1, 2].
        float[] onePlus = Array.ConvertAll(src, v => 1f + MathF.Exp(-MathF.Abs(v)));
        float[] dst = new float[n];
        Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}; {n:N0} floats |x| + 0.001 for x uniform in [-10, 10) " +
                          $"(and 1 + e^-|x|), min ns per call over {rounds} rounds, interleaved.");
        FloatAccuracy.Speed(new (string, Action)[]
        {
            ("FloatVectorMath.Log (Vector256)", () => Log256(positive, dst)),
            ("Vector256.Log", () => NetLog256(positive, dst)),
            ("FloatVectorMath.Log (Vector128)", () => Log128(positive, dst)),
            ("Vector128.Log", () => NetLog128(positive, dst)),
            ("TensorPrimitives.Log", () => TensorPrimitives.Log(positive, dst)),
            ("FloatVectorMath.Log (Vector256), x = 1 + e^-|x|", () => Log256(onePlus, dst)),
            ("Vector256.Log, x = 1 + e^-|x|", () => NetLog256(onePlus, dst)),
            ("FloatVectorMath.Exp (Vector256, for scale)", () => ExpAccuracy.Exp256(src, dst)),
        }, rounds, n);
    }

    // Whole vectors only: n is a multiple of 8.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Log256(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 8; i += 8)
        {
            FloatVectorMath.Log(Vector256.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NetLog256(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 8; i += 8)
        {
            Vector256.Log(Vector256.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Log128(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 4; i += 4)
        {
            FloatVectorMath.Log(Vector128.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NetLog128(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 4; i += 4)
        {
            Vector128.Log(Vector128.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }
}
