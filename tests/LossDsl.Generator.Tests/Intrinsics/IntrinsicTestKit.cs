using System;
using System.Numerics;
using Xunit;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary>Random inputs, conversions and comparisons shared by the intrinsic tests.</summary>
internal static class IntrinsicTestKit
{
    /// <summary>Standard normal draws (Box–Muller), scaled.</summary>
    public static double[] Normal(Random rng, int count, double scale = 1)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++)
        {
            double u = 1 - rng.NextDouble();
            double v = rng.NextDouble();
            values[k] = scale * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        }

        return values;
    }

    /// <summary>log_softmax over each consecutive run of <paramref name="classes"/> values, in double.</summary>
    public static double[] LogSoftmax(double[] logits, int classes)
    {
        var result = new double[logits.Length];
        for (int row = 0; row < logits.Length; row += classes)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = Math.Max(max, logits[row + c]);
            }

            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(logits[row + c] - max);
            }

            for (int c = 0; c < classes; c++)
            {
                result[row + c] = logits[row + c] - max - Math.Log(sum);
            }
        }

        return result;
    }

    /// <summary>The values as <typeparamref name="T"/>, rounded to nearest.</summary>
    public static T[] As<T>(double[] values)
        where T : IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            result[k] = T.CreateTruncating(values[k]);
        }

        return result;
    }

    /// <summary>The values widened to double.</summary>
    public static double[] ToDouble<T>(T[] values)
        where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            result[k] = double.CreateTruncating(values[k]);
        }

        return result;
    }

    /// <summary>The values rounded through <typeparamref name="T"/> and back, so a double reference sees exactly the inputs the code under test sees.</summary>
    public static double[] RoundTrip<T>(double[] values)
        where T : IFloatingPointIeee754<T> => ToDouble(As<T>(values));

    /// <summary>Relative tolerance for results computed in double and stored as <typeparamref name="T"/>.</summary>
    public static double Tolerance<T>() => typeof(T) == typeof(float) ? 2e-6 : 1e-11;

    /// <summary>Asserts |expected − actual| ≤ relative · max(1, |expected|); infinities and NaN must match exactly.</summary>
    public static void Close(double expected, double actual, double relative, string what)
    {
        if (!double.IsFinite(expected) || !double.IsFinite(actual))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected}, got {actual}.");
            return;
        }

        double error = Math.Abs(expected - actual);
        Assert.True(
            error <= relative * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R} (error {error:E2}, tolerance {relative:E1} relative).");
    }

    /// <summary>Bytes this thread allocates in one call of <paramref name="action"/>, after a warm-up call.</summary>
    public static long AllocatedAfterWarmUp(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Every permutation of 0..n-1, in lexicographic order.</summary>
    public static System.Collections.Generic.IEnumerable<int[]> Permutations(int n)
    {
        int[] current = new int[n];
        for (int k = 0; k < n; k++)
        {
            current[k] = k;
        }

        while (true)
        {
            yield return (int[])current.Clone();
            int i = n - 2;
            while (i >= 0 && current[i] >= current[i + 1])
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            int j = n - 1;
            while (current[j] <= current[i])
            {
                j--;
            }

            (current[i], current[j]) = (current[j], current[i]);
            Array.Reverse(current, i + 1, n - i - 1);
        }
    }
}
