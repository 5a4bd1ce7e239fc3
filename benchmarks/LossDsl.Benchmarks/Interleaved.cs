using System;
using System.Diagnostics;

namespace LossDsl.Benchmarks;

/// <summary>
/// `--interleaved`: a cross-check for a shared machine. BenchmarkDotNet measures variants one after another, so load
/// from other processes that changes over minutes moves whole rows. Here the variants of one (loss, N) run in
/// alternation, round after round, and each keeps the fastest round (interference only ever adds time).
/// </summary>
internal static class Interleaved
{
    /// <summary>Runs the losses whose name (MSE, Huber, BCE) is in <paramref name="losses"/>, or all of them if it is empty.</summary>
    public static void Run(int rounds, string[] losses)
    {
        bool Wanted(string loss) => losses.Length == 0 || Array.Exists(losses, l => string.Equals(l, loss, StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"Interleaved A/B: {rounds} rounds, min ns per call; ratios are to HandWritten.");
        Console.WriteLine("| Loss | N | Generated | HandWritten | TensorPrimitives | Streaming | Gen/Hand | TP/Gen | Gen/Streaming |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in new[] { 1_000, 100_000, 10_000_000 })
        {
            if (Wanted("MSE"))
            {
                var mse = new MseBenchmarks { N = n }; mse.Setup();
                Report("MSE", n, rounds, mse.Generated, mse.HandWritten, mse.TensorPrimitivesComposition, mse.StreamingBaseline);
            }
            if (Wanted("Huber"))
            {
                var huber = new HuberBenchmarks { N = n }; huber.Setup();
                Report("Huber", n, rounds, huber.Generated, huber.HandWritten, huber.TensorPrimitivesComposition, huber.StreamingBaseline);
            }
            if (Wanted("BCE"))
            {
                var bce = new BceWithLogitsBenchmarks { N = n }; bce.Setup();
                Report("BCE", n, rounds, bce.Generated, bce.HandWritten, bce.TensorPrimitivesComposition, bce.StreamingBaseline);
            }
        }
    }

    /// <summary>
    /// `--interleaved-ce`: the same alternation for the cross-entropy baselines (HandWritten, TensorPrimitivesComposition,
    /// TensorPrimitivesStable, ScalarLoop) and the generated kernel; ratios are to HandWritten.
    /// </summary>
    public static void RunCrossEntropy(int rounds)
    {
        Console.WriteLine($"Interleaved cross-entropy: {rounds} rounds, min ns per call; ratios are to HandWritten.");
        Console.WriteLine("| N x C | Generated | HandWritten | TensorPrimitives | TensorPrimitivesStable | Scalar | Gen/Hand | TP/Gen | TPStable/Gen | Scalar/Hand |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (CrossEntropyShape shape in CrossEntropyBenchmarks.Shapes)
        {
            var ce = new CrossEntropyBenchmarks { Shape = shape };
            ce.Setup();
            int calls = Math.Max(1, 4_000_000 / (shape.N * shape.C));
            Action[] variants = { () => ce.Generated(), () => ce.HandWritten(), () => ce.TensorPrimitivesComposition(), () => ce.TensorPrimitivesStable(), () => ce.ScalarLoop() };
            double[] best = MinTimes(variants, rounds, calls);
            Console.WriteLine($"| {shape} | {best[0]:N0} | {best[1]:N0} | {best[2]:N0} | {best[3]:N0} | {best[4]:N0} | {best[0] / best[1]:F2} | {best[2] / best[0]:F2} | {best[3] / best[0]:F2} | {best[4] / best[1]:F2} |");
        }
    }

    private static double[] MinTimes(Action[] variants, int rounds, int calls)
    {
        var best = new double[variants.Length];
        Array.Fill(best, double.MaxValue);
        for (int r = 0; r < rounds; r++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++) variants[v]();
                best[v] = Math.Min(best[v], Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls);
            }
        }
        return best;
    }

    private static void Report(string loss, int n, int rounds, Func<float> gen, Func<float> hand, Func<float> tp, Action stream)
    {
        // About 1 ms of work per timed slice for the cheapest variant.
        int calls = Math.Max(1, 1_000_000 / n);
        Action[] variants = { () => gen(), () => hand(), () => tp(), stream };
        var best = new double[variants.Length];
        Array.Fill(best, double.MaxValue);
        for (int r = 0; r < rounds; r++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++) variants[v]();
                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
                best[v] = Math.Min(best[v], ns);
            }
        }
        Console.WriteLine($"| {loss} | {n:N0} | {best[0]:N0} | {best[1]:N0} | {best[2]:N0} | {best[3]:N0} | {best[0] / best[1]:F2} | {best[2] / best[0]:F2} | {best[0] / best[3]:F2} |");
    }
}
