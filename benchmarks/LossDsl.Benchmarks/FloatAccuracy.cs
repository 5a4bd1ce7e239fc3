using System;
using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;

namespace LossDsl.Benchmarks;

/// <summary>
/// A float function checked by <see cref="FloatAccuracy"/>: a few implementations of it evaluated on the same vector of
/// inputs, and the reference in double.
/// </summary>
internal interface ICheckedFloatFunction
{
    /// <summary>Names of the implementations, in the order <see cref="Evaluate"/> writes them.</summary>
    static abstract string[] Names { get; }

    /// <summary>Every implementation on the 8 lanes of <paramref name="x"/>: implementation f's lane i goes to y[8f + i].</summary>
    static abstract void Evaluate(Vector256<float> x, Span<float> y);

    /// <summary>The function in double, whose rounding to float is the reference.</summary>
    static abstract double Exact(double x);

    /// <summary>Whether x counts in the second correctly-rounded column (the inputs where the result is hard to get right).</summary>
    static abstract bool InHardSubset(float x);

    /// <summary>Whether x counts in the last column (subnormal results or inputs).</summary>
    static abstract bool InEdgeSubset(float x, double exact, float result);
}

/// <summary>
/// The exhaustive checks behind `--exp-accuracy` and `--log-accuracy`: every float of some bit ranges through each
/// implementation, against the double function rounded to float (within half an ulp plus a double rounding of the
/// correctly rounded float), with the distance in ulps (bit patterns) and the error against the double value itself.
/// Also the interleaved timing loop of `--exp-speed` and `--log-speed`.
/// </summary>
internal static class FloatAccuracy
{
    private sealed class Tally(int functions)
    {
        public long Count;
        public long CountHard;
        public readonly long[] CorrectlyRounded = new long[functions];
        public readonly long[] CorrectlyRoundedHard = new long[functions];
        public readonly long[] MaxDistance = new long[functions];
        public readonly float[] MaxDistanceAt = new float[functions];
        public readonly double[] MaxUlp = new double[functions];
        public readonly float[] MaxUlpAt = new float[functions];
        public readonly long[] EdgeCount = new long[functions];
        public readonly long[] EdgeMaxDistance = new long[functions];

        public void Add(Tally o)
        {
            Count += o.Count;
            CountHard += o.CountHard;
            for (int f = 0; f < CorrectlyRounded.Length; f++)
            {
                CorrectlyRounded[f] += o.CorrectlyRounded[f];
                CorrectlyRoundedHard[f] += o.CorrectlyRoundedHard[f];
                EdgeCount[f] += o.EdgeCount[f];
                EdgeMaxDistance[f] = Math.Max(EdgeMaxDistance[f], o.EdgeMaxDistance[f]);
                if (o.MaxDistance[f] > MaxDistance[f]) { MaxDistance[f] = o.MaxDistance[f]; MaxDistanceAt[f] = o.MaxDistanceAt[f]; }
                if (o.MaxUlp[f] > MaxUlp[f]) { MaxUlp[f] = o.MaxUlp[f]; MaxUlpAt[f] = o.MaxUlpAt[f]; }
            }
        }
    }

    /// <summary>
    /// Checks every float whose bits are in one of <paramref name="ranges"/> ([From, To) with Sign or-ed in) and prints
    /// one markdown row per implementation.
    /// </summary>
    public static void Run<T>((uint From, uint To, uint Sign)[] ranges, string reference, string hardLabel, string edgeLabel)
        where T : struct, ICheckedFloatFunction
    {
        int functions = T.Names.Length;
        var watch = Stopwatch.StartNew();
        var total = new Tally(functions);
        const int chunks = 256;
        object gate = new();
        Parallel.For(0, ranges.Length * chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            (uint start, uint end, uint sign) = ranges[c / chunks];
            int k = c % chunks;
            uint from = (uint)(start + (ulong)(end - start) * (ulong)k / chunks);
            uint to = (uint)(start + (ulong)(end - start) * (ulong)(k + 1) / chunks);
            Tally t = Check<T>(from, to, sign);
            lock (gate)
            {
                total.Add(t);
            }
        });
        Console.WriteLine($"{total.Count:N0} floats checked in {watch.Elapsed.TotalSeconds:F0} s; {total.CountHard:N0} of them {hardLabel}.");
        Console.WriteLine($"| Function | max ulp from {reference} | at x | max error vs exact (ulp) | at x | correctly rounded | {hardLabel} | {edgeLabel}: max ulp |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int f = 0; f < functions; f++)
        {
            Console.WriteLine($"| {T.Names[f]} | {total.MaxDistance[f]} | {total.MaxDistanceAt[f]:R} | {total.MaxUlp[f]:F3} | {total.MaxUlpAt[f]:R} | " +
                              $"{100.0 * total.CorrectlyRounded[f] / total.Count:F2}% | {100.0 * total.CorrectlyRoundedHard[f] / total.CountHard:F2}% | " +
                              $"{total.EdgeMaxDistance[f]} ({total.EdgeCount[f]:N0} values) |");
        }
    }

    private static Tally Check<T>(uint from, uint to, uint sign)
        where T : struct, ICheckedFloatFunction
    {
        int functions = T.Names.Length;
        var t = new Tally(functions);
        Span<float> x = stackalloc float[8];
        Span<float> y = stackalloc float[functions * 8];
        for (uint u = from; u < to; u += 8)
        {
            int lanes = (int)Math.Min(8u, to - u);
            for (int i = 0; i < 8; i++)
            {
                x[i] = BitConverter.Int32BitsToSingle((int)((u + (uint)Math.Min(i, lanes - 1)) | sign));
            }

            T.Evaluate(Vector256.Create<float>(x), y);
            for (int i = 0; i < lanes; i++)
            {
                double exact = T.Exact(x[i]);
                float reference = (float)exact;
                bool hard = T.InHardSubset(x[i]);
                t.Count++;
                if (hard)
                {
                    t.CountHard++;
                }

                double ulp = UlpOf(exact);
                for (int f = 0; f < functions; f++)
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
                        if (hard)
                        {
                            t.CorrectlyRoundedHard[f]++;
                        }
                    }

                    if (distance > t.MaxDistance[f])
                    {
                        t.MaxDistance[f] = distance;
                        t.MaxDistanceAt[f] = x[i];
                    }

                    if (T.InEdgeSubset(x[i], exact, r))
                    {
                        t.EdgeCount[f]++;
                        t.EdgeMaxDistance[f] = Math.Max(t.EdgeMaxDistance[f], distance);
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

    // The float ulp at a double: 2^(e − 23) for |value| in [2^e, 2^(e+1)), 2^-149 in the subnormal range (and at 0); the
    // ulp of float.MaxValue past it.
    private static double UlpOf(double value)
    {
        int e = Math.Max(Math.Min(Math.ILogB(Math.Abs(value)), 127), -126);
        return Math.ScaleB(1.0, e - 23);
    }

    /// <summary>
    /// Runs the variants in alternation for <paramref name="rounds"/> rounds, keeps each one's fastest call (load only
    /// ever adds time) and prints ns per call and per float for <paramref name="n"/> floats per call.
    /// </summary>
    public static void Speed((string Name, Action Run)[] variants, int rounds, int n)
    {
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
            Console.WriteLine($"| {variants[v].Name} | {best[v] * 100_000 / n:N0} | {best[v] / n:F3} |");
        }
    }
}
