using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using LossDsl.Kernels;

namespace LossDsl.Benchmarks;

/// <summary>
/// `--pairwise N D [rounds] [float|double]`: the pair kernels alone, N = M, for every kind: the stored forward
/// (<see cref="PairwiseKernels.Forward{T}"/>, 2·N·M·D flops: a multiply and an add per pair and feature) and the stored
/// backward (<see cref="PairwiseKernels.Backward{T}"/> with a dense adjoint, 4·N·M·D flops: dA = W B and dB = Wᵀ A),
/// each timed with a stopwatch (minimum and median of the rounds after three warm-up calls of every kind) and by the process's CPU time
/// (mean over the rounds: on a shared machine, time spent waiting for a core is not counted), in GFLOP/s of those counts.
/// It calls only those two public methods, whose signatures predate the blocked kernels, so this build can time an
/// older LossDsl.Runtime.dll copied beside it.
/// </summary>
internal static class PairwiseSpeed
{
    public static void Run(int n, int d, int rounds, string type)
    {
        if (type == "double")
        {
            Run<double>(n, d, rounds);
        }
        else
        {
            Run<float>(n, d, rounds);
        }
    }

    private static void Run<T>(int n, int d, int rounds)
        where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(1);
        T[] a = new T[n * d], b = new T[n * d], da = new T[n * d], db = new T[n * d], values = new T[n * n], g = new T[n * n];
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = T.CreateTruncating(rng.NextDouble() - 0.5);
            b[k] = T.CreateTruncating(rng.NextDouble() - 0.5);
        }

        for (int k = 0; k < g.Length; k++)
        {
            g[k] = T.CreateTruncating((rng.NextDouble() - 0.5) / n);
        }

        double flops = 2.0 * n * n * d;

        // Every kind once before any is timed, so that no kind runs code the JIT has not yet optimised (the kinds share
        // most of their methods), then a pause for the background compiles.
        for (int warm = 0; warm < 3; warm++)
        {
            foreach (PairwiseKind kind in Enum.GetValues<PairwiseKind>())
            {
                PairwiseKernels.Forward<T>(kind, a, b, n, n, d, values);
                PairwiseKernels.Backward<T>(kind, a, b, n, n, d, values, g, da, db);
            }
        }

        System.Threading.Thread.Sleep(500);
        foreach (PairwiseKind kind in Enum.GetValues<PairwiseKind>())
        {
            (double fMin, double fMedian, double fCpu) = Time(() => PairwiseKernels.Forward<T>(kind, a, b, n, n, d, values), rounds);
            (double bMin, double bMedian, double bCpu) = Time(() => PairwiseKernels.Backward<T>(kind, a, b, n, n, d, values, g, da, db), rounds);
            Console.WriteLine($"{typeof(T).Name} {kind,-15} N=M={n} D={d}: forward min {fMin:F1} ms ({flops / fMin / 1e6:F1} GFLOP/s), median {fMedian:F1}, CPU {fCpu:F1} ms ({flops / fCpu / 1e6:F1} GFLOP/s); " +
                $"backward min {bMin:F1} ms ({2 * flops / bMin / 1e6:F1} GFLOP/s), median {bMedian:F1}, CPU {bCpu:F1} ms ({2 * flops / bCpu / 1e6:F1} GFLOP/s)");
        }
    }

    private static (double Min, double Median, double Cpu) Time(Action call, int rounds)
    {
        call();
        call();
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime;
        for (int r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        process.Refresh();
        double cpuPerCall = (process.TotalProcessorTime - cpu).TotalMilliseconds / rounds;
        times.Sort();
        return (times[0], times[times.Count / 2], cpuPerCall);
    }
}
