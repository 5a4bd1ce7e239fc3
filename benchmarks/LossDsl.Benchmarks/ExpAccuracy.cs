using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using LossDsl.Kernels;

namespace LossDsl.Benchmarks;

/// <summary>
/// `--exp-accuracy`: <see cref="FloatVectorMath.Exp(Vector256{float})"/> (and its Vector128 form, and .NET's
/// <c>Vector256.Exp</c> for comparison) on every float in [−104, 89], against <c>(float)Math.Exp((double)x)</c>.
/// `--exp-speed`: time per 10^5 floats of each exp, in cache.
/// </summary>
internal static class ExpAccuracy
{
    private const int Functions = 3;
    private static readonly string[] Names = { "FloatVectorMath.Exp (Vector256)", "FloatVectorMath.Exp (Vector128)", ".NET Vector256.Exp" };

    private sealed class Tally
    {
        public long Count;
        public long CountNonTrivial;
        public readonly long[] CorrectlyRounded = new long[Functions];
        public readonly long[] CorrectlyRoundedNonTrivial = new long[Functions];
        public readonly long[] MaxDistance = new long[Functions];
        public readonly float[] MaxDistanceAt = new float[Functions];
        public readonly double[] MaxUlp = new double[Functions];
        public readonly float[] MaxUlpAt = new float[Functions];
        public readonly long[] SubnormalCount = new long[Functions];
        public readonly long[] SubnormalMaxDistance = new long[Functions];

        public void Add(Tally o)
        {
            Count += o.Count;
            CountNonTrivial += o.CountNonTrivial;
            for (int f = 0; f < Functions; f++)
            {
                CorrectlyRounded[f] += o.CorrectlyRounded[f];
                CorrectlyRoundedNonTrivial[f] += o.CorrectlyRoundedNonTrivial[f];
                SubnormalCount[f] += o.SubnormalCount[f];
                SubnormalMaxDistance[f] = Math.Max(SubnormalMaxDistance[f], o.SubnormalMaxDistance[f]);
                if (o.MaxDistance[f] > MaxDistance[f]) { MaxDistance[f] = o.MaxDistance[f]; MaxDistanceAt[f] = o.MaxDistanceAt[f]; }
                if (o.MaxUlp[f] > MaxUlp[f]) { MaxUlp[f] = o.MaxUlp[f]; MaxUlpAt[f] = o.MaxUlpAt[f]; }
            }
        }
    }

    public static void Run()
    {
        Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector128: {Vector128.IsHardwareAccelerated}");
        Console.WriteLine("Every float x in [-104, 89] (both signs of zero), against (float)Math.Exp((double)x).");
        var watch = Stopwatch.StartNew();
        var total = new Tally();
        // Negative floats from -0 to -104 and positive ones from +0 to 89, as bit patterns, in chunks.
        uint negativeEnd = (uint)BitConverter.SingleToInt32Bits(104f);
        uint positiveEnd = (uint)BitConverter.SingleToInt32Bits(89f);
        const int chunks = 256;
        object gate = new();
        Parallel.For(0, 2 * chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            bool negative = c < chunks;
            uint end = negative ? negativeEnd : positiveEnd;
            int k = c % chunks;
            uint from = (uint)((ulong)(end + 1u) * (ulong)k / chunks);
            uint to = (uint)((ulong)(end + 1u) * (ulong)(k + 1) / chunks);
            Tally t = Check(from, to, negative ? 0x8000_0000u : 0u);
            lock (gate)
            {
                total.Add(t);
            }
        });
        Console.WriteLine($"{total.Count:N0} floats checked in {watch.Elapsed.TotalSeconds:F0} s; {total.CountNonTrivial:N0} of them with |x| >= 2^-8.");
        Console.WriteLine("| Function | max ulp from (float)Math.Exp | at x | max error vs exact (ulp) | at x | correctly rounded | with abs(x) >= 2^-8 | subnormal results: max ulp |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int f = 0; f < Functions; f++)
        {
            Console.WriteLine($"| {Names[f]} | {total.MaxDistance[f]} | {total.MaxDistanceAt[f]:R} | {total.MaxUlp[f]:F3} | {total.MaxUlpAt[f]:R} | " +
                              $"{100.0 * total.CorrectlyRounded[f] / total.Count:F2}% | {100.0 * total.CorrectlyRoundedNonTrivial[f] / total.CountNonTrivial:F2}% | " +
                              $"{total.SubnormalMaxDistance[f]} ({total.SubnormalCount[f]:N0} results) |");
        }
    }

    private static Tally Check(uint from, uint to, uint sign)
    {
        var t = new Tally();
        Span<float> x = stackalloc float[8];
        Span<float> y = stackalloc float[Functions * 8];
        for (uint u = from; u < to; u += 8)
        {
            int lanes = (int)Math.Min(8u, to - u);
            for (int i = 0; i < 8; i++)
            {
                x[i] = BitConverter.Int32BitsToSingle((int)((u + (uint)Math.Min(i, lanes - 1)) | sign));
            }

            Vector256<float> v = Vector256.Create<float>(x);
            FloatVectorMath.Exp(v).CopyTo(y);
            FloatVectorMath.Exp(v.GetLower()).CopyTo(y.Slice(8));
            FloatVectorMath.Exp(v.GetUpper()).CopyTo(y.Slice(12));
            Vector256.Exp(v).CopyTo(y.Slice(16));
            for (int i = 0; i < lanes; i++)
            {
                double exact = Math.Exp(x[i]);
                float reference = (float)exact;
                bool nonTrivial = Math.Abs(x[i]) >= 1f / 256;
                t.Count++;
                if (nonTrivial)
                {
                    t.CountNonTrivial++;
                }

                double ulp = UlpOf(exact);
                for (int f = 0; f < Functions; f++)
                {
                    float r = y[f * 8 + i];
                    long distance = Math.Abs((long)BitConverter.SingleToInt32Bits(r) - BitConverter.SingleToInt32Bits(reference));
                    if (float.IsNaN(r))
                    {
                        distance = long.MaxValue;
                    }

                    if (distance == 0)
                    {
                        t.CorrectlyRounded[f]++;
                        if (nonTrivial)
                        {
                            t.CorrectlyRoundedNonTrivial[f]++;
                        }
                    }

                    if (distance > t.MaxDistance[f])
                    {
                        t.MaxDistance[f] = distance;
                        t.MaxDistanceAt[f] = x[i];
                    }

                    if (float.IsSubnormal(reference) || (reference == 0 && exact > 0 && r != 0))
                    {
                        t.SubnormalCount[f]++;
                        t.SubnormalMaxDistance[f] = Math.Max(t.SubnormalMaxDistance[f], distance);
                    }

                    double error = float.IsInfinity(r) ? (float.IsInfinity(reference) ? 0 : double.PositiveInfinity) : Math.Abs(r - exact) / ulp;
                    if (error > t.MaxUlp[f])
                    {
                        t.MaxUlp[f] = error;
                        t.MaxUlpAt[f] = x[i];
                    }
                }
            }
        }

        return t;
    }

    // The float ulp at a positive double: 2^(e − 23) for a value in [2^e, 2^(e+1)), 2^-149 in the subnormal range; the
    // ulp of float.MaxValue past it.
    private static double UlpOf(double value)
    {
        int e = Math.Max(Math.Min(Math.ILogB(value), 127), -126);
        return Math.ScaleB(1.0, e - 23);
    }

    public static void Speed(int rounds)
    {
        const int n = 100_000;
        float[] src = BenchData.Uniform(n, -10f, 10f, BenchData.Seed);
        float[] positive = Array.ConvertAll(src, v => MathF.Abs(v) + 1e-3f);
        float[] dst = new float[n];
        Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}; {n:N0} floats uniform in [-10, 10) (Log: |x| + 0.001), min ns per call over {rounds} rounds, interleaved.");
        (string Name, Action Run)[] variants =
        {
            ("FloatVectorMath.Exp (Vector256)", () => Exp256(src, dst)),
            ("Vector256.Exp", () => NetExp256(src, dst)),
            ("FloatVectorMath.Exp (Vector128)", () => Exp128(src, dst)),
            ("Vector128.Exp", () => NetExp128(src, dst)),
            ("TensorPrimitives.Exp", () => TensorPrimitives.Exp(src, dst)),
            ("Vector256.Log (for scale)", () => NetLog256(positive, dst)),
        };
        var best = new double[variants.Length];
        Array.Fill(best, double.MaxValue);
        for (int r = 0; r < rounds; r++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long start = Stopwatch.GetTimestamp();
                variants[v].Run();
                best[v] = Math.Min(best[v], Stopwatch.GetElapsedTime(start).TotalNanoseconds);
            }
        }

        Console.WriteLine("| Function | ns per 10^5 floats | ns per float |");
        Console.WriteLine("|---|---:|---:|");
        for (int v = 0; v < variants.Length; v++)
        {
            Console.WriteLine($"| {variants[v].Name} | {best[v]:N0} | {best[v] / n:F3} |");
        }
    }

    // Whole vectors only: n is a multiple of 8.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Exp256(float[] src, float[] dst)
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NetLog256(float[] src, float[] dst)
    {
        for (int i = 0; i <= src.Length - 8; i += 8)
        {
            Vector256.Log(Vector256.LoadUnsafe(ref src[0], (nuint)i)).StoreUnsafe(ref dst[0], (nuint)i);
        }
    }
}
