using System;
using System.Linq;
using Xunit;

namespace LossDsl.Runtime.Tests.Infrastructure;

/// <summary>Independent checks for catalog entries: central finite differences in double and tolerant comparisons.</summary>
public static class Check
{
    /// <summary>Central differences of <paramref name="f"/> at <paramref name="x"/>, one coordinate at a time.</summary>
    public static double[] FiniteDifferences(Func<double[], double> f, double[] x, double h = 1e-6)
    {
        var g = new double[x.Length];
        var probe = (double[])x.Clone();
        for (int k = 0; k < x.Length; k++)
        {
            double saved = probe[k];
            probe[k] = saved + h;
            double up = f(probe);
            probe[k] = saved - h;
            double down = f(probe);
            probe[k] = saved;
            g[k] = (up - down) / (2 * h);
        }

        return g;
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what)
    {
        bool bothNaN = double.IsNaN(expected) && double.IsNaN(actual);
        if (!bothNaN && !(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected))))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R}");
        }
    }

    /// <summary>Asserts element by element |actual − expected| ≤ tolerance · max(1, max |expected|).</summary>
    public static void Close(double[] expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Length == 0 ? 0 : expected.Max(Math.Abs));
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(Math.Abs(expected[k] - actual[k]) <= tolerance * scale))
            {
                Assert.Fail($"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R} (tolerance {tolerance * scale:G3})");
            }
        }
    }

    /// <summary>Float overload: compares after widening.</summary>
    public static void Close(double[] expected, ReadOnlySpan<float> actual, double tolerance, string what) =>
        Close(expected, actual.ToArray().Select(v => (double)v).ToArray(), tolerance, what);

    /// <summary>Deterministic normal samples.</summary>
    public static double[] Normal(int count, int seed, double scale = 1, double offset = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => offset + scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))
            .ToArray();
    }

    /// <summary>Deterministic uniform samples in [lo, hi).</summary>
    public static double[] Uniform(int count, int seed, double lo, double hi)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
    }

    /// <summary>Deterministic class indices in [0, classes).</summary>
    public static int[] Classes(int count, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
    }

    /// <summary>Rounds to float and back, so a double reference sees exactly the float inputs.</summary>
    public static float[] ToFloat(double[] x) => x.Select(v => (float)v).ToArray();

    /// <summary>Widens float values.</summary>
    public static double[] ToDouble(float[] x) => x.Select(v => (double)v).ToArray();

    /// <summary>PyTorch's reduction of per-element values (already weighted) with the weights a mean divides by.</summary>
    public static double Reduce(double[] values, Reduction reduction, int samples, double[]? weights = null) => reduction switch
    {
        Reduction.Sum => values.Sum(),
        Reduction.BatchMean => values.Sum() / samples,
        _ => values.Sum() / (weights?.Sum() ?? values.Length),
    };

    /// <summary>The three reductions a catalog entry with a <see cref="Reduction"/> option accepts.</summary>
    public static Xunit.TheoryData<Reduction> Reductions => new() { Reduction.Mean, Reduction.Sum, Reduction.BatchMean };
}
