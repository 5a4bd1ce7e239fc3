using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;

namespace LossDsl.Benchmarks;

/// <summary>
/// `--infonce N D [rounds]`: the catalog's InfoNCE (forward and both gradients, float) on two (N, D) views with N = M,
/// timed with a stopwatch (minimum and median of the rounds after three warm-up calls), and the process's peak working
/// set. Its pair matrix is streamed since fbc5bfd; build this mode at c7eba17 (or copy it there) to measure the stored
/// path it replaced. A stopwatch rather than BenchmarkDotNet because one call takes seconds at N = 4096 and the point is
/// the peak memory, which BenchmarkDotNet's allocation column does not show for pooled buffers.
/// </summary>
internal static class PairwiseMemory
{
    public static void Run(int n, int d, int rounds)
    {
        var rng = new Random(1);
        float[] a = new float[n * d], b = new float[n * d], da = new float[n * d], db = new float[n * d];
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = (float)rng.NextDouble() - 0.5f;
            b[k] = (float)rng.NextDouble() - 0.5f;
        }

        float Call() => Losses.MetricLearning.InfoNce(new ReadOnlyTensorSpan<float>(a, [n, d], default), new ReadOnlyTensorSpan<float>(b, [n, d], default),
            new TensorSpan<float>(da, [n, d], default), new TensorSpan<float>(db, [n, d], default));

        for (int k = 0; k < 3; k++)
        {
            Call();
        }

        var times = new List<double>();
        float loss = 0;
        for (int r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            loss = Call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"InfoNCE N=M={n} D={d}: min {times[0]:F1} ms, median {times[times.Count / 2]:F1} ms over {rounds} rounds; " +
            $"loss {loss:R}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB");
    }
}
