using System;
using System.Linq;
using Xunit.Sdk;

namespace LossDsl.Generator.Tests.Infrastructure;

/// <summary>Independent references: closed forms evaluated in double and central finite differences of them.</summary>
public static class Reference
{
    /// <summary>Uniform samples in [lo, hi], resampled where <paramref name="valid"/> rejects them (to stay off kinks).</summary>
    public static double[] Sample(Random random, int n, double lo, double hi)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = lo + ((hi - lo) * random.NextDouble());
        }

        return x;
    }

    /// <summary>Rounds to float and back, so the double reference sees exactly the float test's inputs.</summary>
    public static double[] RoundToFloat(double[] x) => x.Select(v => (double)(float)v).ToArray();

    /// <summary>Central difference of <paramref name="f"/> at <paramref name="x"/>, with a step scaled to |x|.</summary>
    public static double Derivative(Func<double, double> f, double x)
    {
        double h = 1e-5 * Math.Max(1, Math.Abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    /// <summary>Asserts |actual − expected| ≤ relative·max(1, |expected|)-scaled tolerance, with a readable message.</summary>
    public static void Close(double expected, double actual, double relative, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }

        double tolerance = relative * Math.Max(Math.Abs(expected), 1e-300);
        if (!(Math.Abs(actual - expected) <= tolerance) && !(expected == actual))
        {
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, tolerance {relative:E1})");
        }
    }

    /// <summary>
    /// Asserts a gradient matches its reference element by element, with a tolerance relative to the largest reference
    /// component (a norm-wise check: components far smaller than the largest are held to the same absolute error).
    /// </summary>
    public static void GradientClose(double[] expected, ReadOnlySpan<double> actual, double relative, string what)
    {
        double scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        double tolerance = relative * Math.Max(scale, 1e-300);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= tolerance) && !(expected[i] == actual[i]))
            {
                throw new XunitException($"{what}[{i}] of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:E2})");
            }
        }
    }
}
