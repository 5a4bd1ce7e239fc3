using System;
using System.Linq;
using Xunit;

namespace LossDsl.Runtime.Tests.Infrastructure;

public delegate double VectorLoss(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Reduction reduction);
public delegate double VectorLossGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction);
public delegate float VectorLossF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Reduction reduction);
public delegate float VectorLossGradientF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction);
public delegate void VectorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);
public delegate void VectorBackward(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);
public delegate void VectorUnreducedF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);
public delegate void VectorBackwardF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

/// <summary>The eight forms of an elementwise catalog entry over two vectors (p, t), with its options bound.</summary>
public sealed record VectorEntry(
    VectorLoss Forward, VectorLossGradient Gradient, VectorLossF ForwardF, VectorLossGradientF GradientF,
    VectorUnreduced Unreduced, VectorBackward Backward, VectorUnreducedF UnreducedF, VectorBackwardF BackwardF);

/// <summary>
/// Checks an elementwise entry against a per-element reference ℓ(pᵢ, tᵢ) written in double from the definition:
/// values for every reduction and size, gradients against central differences of the reference, float against the
/// reference on the same (float-rounded) inputs, the unreduced forms and their vector-Jacobian products, length checks
/// and zero allocations.
/// </summary>
public static class ElementwiseSuite
{
    private static readonly int[] Sizes = [1, 3, 8, 17, 33, 100];

    /// <summary>Runs every check. <paramref name="inputs"/> makes (p, t) of a given size from a seed.</summary>
    public static void Run(VectorEntry entry, Func<double, double, double> reference, Func<int, int, (double[] P, double[] T)> inputs,
        double gradientTolerance = 1e-6, double floatTolerance = 2e-5)
    {
        foreach (int n in Sizes)
        {
            (double[] p, double[] t) = inputs(n, n * 7 + 1);
            double[] PerElement(double[] ps) => ps.Select((v, i) => reference(v, t[i])).ToArray();
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                double Loss(double[] ps) => Check.Reduce(PerElement(ps), reduction, n);
                string at = $"n={n}, {reduction}";

                Check.Close(Loss(p), entry.Forward(p, t, reduction), 1e-12, $"loss ({at})");
                var dp = new double[n];
                Check.Close(Loss(p), entry.Gradient(p, t, dp, reduction), 1e-12, $"loss with gradient ({at})");
                Check.Close(Check.FiniteDifferences(Loss, p), dp, gradientTolerance, $"dp ({at})");

                float[] pf = Check.ToFloat(p), tf = Check.ToFloat(t);
                double[] pr = Check.ToDouble(pf);
                double[] PerElementF(double[] ps) => ps.Select((v, i) => reference(v, tf[i])).ToArray();
                double expectedF = Check.Reduce(PerElementF(pr), reduction, n);
                Check.Close(expectedF, entry.ForwardF(pf, tf, reduction), floatTolerance, $"float loss ({at})");
                var dpf = new float[n];
                Check.Close(expectedF, entry.GradientF(pf, tf, dpf, reduction), floatTolerance, $"float loss with gradient ({at})");
                Check.Close(Check.FiniteDifferences(ps => Check.Reduce(PerElementF(ps), reduction, n), pr), dpf, Math.Max(floatTolerance, 10 * gradientTolerance), $"float dp ({at})");
            }

            var loss = new double[n];
            entry.Unreduced(p, t, loss);
            Check.Close(PerElement(p), loss, 1e-12, $"unreduced loss (n={n})");
            double[] upstream = Check.Normal(n, seed: n + 99);
            var vjp = new double[n];
            entry.Backward(p, t, upstream, vjp);
            Check.Close(Check.FiniteDifferences(ps => PerElement(ps).Select((l, i) => l * upstream[i]).Sum(), p), vjp, gradientTolerance, $"vjp (n={n})");

            float[] pf2 = Check.ToFloat(p), tf2 = Check.ToFloat(t);
            var lossF = new float[n];
            entry.UnreducedF(pf2, tf2, lossF);
            Check.Close(Check.ToDouble(pf2).Select((v, i) => reference(v, tf2[i])).ToArray(), lossF, floatTolerance, $"float unreduced loss (n={n})");
            var vjpF = new float[n];
            entry.BackwardF(pf2, tf2, Check.ToFloat(upstream), vjpF);
            Check.Close(vjp, vjpF, Math.Max(floatTolerance, 10 * gradientTolerance) * 10, $"float vjp (n={n})");
        }

        // Lengths that disagree are refused, naming the arguments; an undefined reduction likewise.
        var e = Assert.ThrowsAny<ArgumentException>(() => entry.Gradient(new double[3], new double[4], new double[3], Reduction.Mean));
        Assert.Contains("'t'", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => entry.Forward(new double[3], new double[3], (Reduction)3));

        // No allocation once warm.
        (double[] p0, double[] t0) = inputs(1000, 5);
        var g0 = new double[1000];
        for (int k = 0; k < 50; k++)
        {
            entry.Gradient(p0, t0, g0, Reduction.Mean);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        entry.Gradient(p0, t0, g0, Reduction.Mean);
        entry.Forward(p0, t0, Reduction.Sum);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
