using System;
using System.Linq;
using Xunit;

namespace LossDsl.Runtime.Tests.Infrastructure;

public delegate double FixedLoss(ReadOnlySpan<double> p, ReadOnlySpan<double> t);
public delegate double FixedLossGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp);
public delegate float FixedLossF(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
public delegate float FixedLossGradientF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

/// <summary>The four forms of a (p, t) regression entry whose reduction is part of its definition (no
/// <see cref="Reduction"/> option, no unreduced pair), with its options bound.</summary>
public sealed record FixedEntry(FixedLoss Forward, FixedLossGradient Gradient, FixedLossF ForwardF, FixedLossGradientF GradientF);

/// <summary>
/// The <see cref="ElementwiseSuite"/> checks for a <see cref="FixedEntry"/>: values against a whole-vector reference
/// written in double from the definition, gradients against central differences of it, float against the reference
/// on the float-rounded inputs, length checks and zero allocations.
/// </summary>
public static class RegressionSuite
{
    private static readonly int[] Sizes = [1, 3, 8, 17, 33, 100];

    /// <summary>Runs every check. <paramref name="inputs"/> makes (p, t) of a given size from a seed.</summary>
    public static void Run(FixedEntry entry, Func<double[], double[], double> reference, Func<int, int, (double[] P, double[] T)> inputs,
        double gradientTolerance = 1e-6, double floatTolerance = 2e-5)
    {
        foreach (int n in Sizes)
        {
            (double[] p, double[] t) = inputs(n, n * 7 + 1);
            string at = $"n={n}";
            Check.Close(reference(p, t), entry.Forward(p, t), 1e-12, $"loss ({at})");
            var dp = new double[n];
            Check.Close(reference(p, t), entry.Gradient(p, t, dp), 1e-12, $"loss with gradient ({at})");
            Check.Close(Check.FiniteDifferences(ps => reference(ps, t), p), dp, gradientTolerance, $"dp ({at})");

            float[] pf = Check.ToFloat(p), tf = Check.ToFloat(t);
            double[] pr = Check.ToDouble(pf), tr = Check.ToDouble(tf);
            Check.Close(reference(pr, tr), entry.ForwardF(pf, tf), floatTolerance, $"float loss ({at})");
            var dpf = new float[n];
            Check.Close(reference(pr, tr), entry.GradientF(pf, tf, dpf), floatTolerance, $"float loss with gradient ({at})");
            Check.Close(Check.FiniteDifferences(ps => reference(ps, tr), pr), dpf, Math.Max(floatTolerance, 10 * gradientTolerance), $"float dp ({at})");
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => entry.Gradient(new double[3], new double[4], new double[3]));
        Assert.Contains("'t'", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => entry.GradientF(new float[3], new float[3], new float[2]));
        Assert.Contains("'dp'", e.Message);

        (double[] p0, double[] t0) = inputs(1000, 5);
        var g0 = new double[1000];
        for (int k = 0; k < 50; k++)
        {
            entry.Gradient(p0, t0, g0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        entry.Gradient(p0, t0, g0);
        entry.Forward(p0, t0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Mean of a sequence in double.</summary>
    public static double Mean(this double[] x) => x.Sum() / x.Length;
}
