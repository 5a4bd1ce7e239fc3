using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;

namespace LossDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// The inputs of one call of a per-sample catalog entry (the margin and metric-learning families): N samples, D
/// columns for the matrix inputs (1 for vector entries), the real inputs (vectors of N or matrices of N·D values,
/// row-major) and optional class indices.
/// </summary>
public sealed class SampleCase(int n, int d, double[][] x, int[]? y = null)
{
    public int N { get; } = n;
    public int D { get; } = d;
    public double[][] X { get; } = x;
    public int[] Y { get; } = y ?? [];

    /// <summary>Input <paramref name="k"/> as an (N, D) tensor.</summary>
    public ReadOnlyTensorSpan<double> T(int k) => new(X[k], [N, D], default);

    /// <summary>Row <paramref name="i"/> of matrix input <paramref name="k"/>.</summary>
    public ReadOnlySpan<double> Row(int k, int i) => X[k].AsSpan(i * D, D);

    public SampleCaseF ToFloat() => new(N, D, X.Select(Check.ToFloat).ToArray(), Y);
}

/// <summary>The float counterpart of <see cref="SampleCase"/>.</summary>
public sealed class SampleCaseF(int n, int d, float[][] x, int[] y)
{
    public int N { get; } = n;
    public int D { get; } = d;
    public float[][] X { get; } = x;
    public int[] Y { get; } = y;

    public ReadOnlyTensorSpan<float> T(int k) => new(X[k], [N, D], default);

    /// <summary>The same values widened, for the double reference.</summary>
    public SampleCase ToDouble() => new(N, D, X.Select(Check.ToDouble).ToArray(), Y);
}

public delegate double SampleLoss(SampleCase c, Reduction reduction);
public delegate double SampleLossGradient(SampleCase c, double[][] g, Reduction reduction);
public delegate float SampleLossF(SampleCaseF c, Reduction reduction);
public delegate float SampleLossGradientF(SampleCaseF c, float[][] g, Reduction reduction);
public delegate void SampleUnreduced(SampleCase c, double[] loss);
public delegate void SampleBackward(SampleCase c, double[] dloss, double[][] g);
public delegate void SampleUnreducedF(SampleCaseF c, float[] loss);
public delegate void SampleBackwardF(SampleCaseF c, float[] dloss, float[][] g);

/// <summary>
/// The forms of a catalog entry whose loss is one value per sample, with its options bound. <see cref="Differentiable"/>
/// lists the indices (into <see cref="SampleCase.X"/>) of the inputs that have a gradient output, in the order the
/// gradient arrays are passed. Entries without PyTorch's <c>reduction</c> leave the unreduced forms null and ignore the
/// reduction argument (their fixed reduction is the mean).
/// </summary>
public sealed record SampleEntry(
    int[] Differentiable,
    SampleLoss Forward, SampleLossGradient Gradient, SampleLossF ForwardF, SampleLossGradientF GradientF,
    SampleUnreduced? Unreduced = null, SampleBackward? Backward = null, SampleUnreducedF? UnreducedF = null, SampleBackwardF? BackwardF = null)
{
    public bool HasReduction => Unreduced is not null;
}

/// <summary>
/// Checks a per-sample entry against a reference ℓ(case, i) written in double from the definition: values for every
/// reduction and several sizes, gradients of every differentiable input against central differences of the reference,
/// float against the reference on the same (float-rounded) inputs, the unreduced forms and their vector-Jacobian
/// products, an undefined reduction, and zero allocations once warm.
/// </summary>
public static class MarginSuite
{
    private static readonly int[] Sizes = [1, 3, 8, 17];

    /// <summary>The reduced reference: PyTorch's reduction of the per-sample losses.</summary>
    public static double Reference(Func<SampleCase, int, double> perSample, SampleCase c, Reduction reduction) =>
        Check.Reduce(Enumerable.Range(0, c.N).Select(i => perSample(c, i)).ToArray(), reduction, c.N);

    /// <summary>Central differences of <paramref name="f"/> with respect to input <paramref name="k"/> of <paramref name="c"/>.</summary>
    public static double[] Fd(Func<SampleCase, double> f, SampleCase c, int k, double h = 1e-6) =>
        Check.FiniteDifferences(probe =>
        {
            double[] saved = c.X[k];
            c.X[k] = probe;
            try
            {
                return f(c);
            }
            finally
            {
                c.X[k] = saved;
            }
        }, c.X[k], h);

    /// <summary>Runs every check. <paramref name="inputs"/> makes a case with N samples from a seed.</summary>
    public static void Run(SampleEntry entry, Func<SampleCase, int, double> perSample, Func<int, int, SampleCase> inputs,
        double gradientTolerance = 1e-6, double floatTolerance = 2e-5)
    {
        Reduction[] reductions = entry.HasReduction ? [Reduction.Mean, Reduction.Sum, Reduction.BatchMean] : [Reduction.Mean];
        int[] diff = entry.Differentiable;
        foreach (int n in Sizes)
        {
            SampleCase c = inputs(n, n * 7 + 1);
            SampleCaseF cf = c.ToFloat();
            SampleCase cr = cf.ToDouble();
            foreach (Reduction reduction in reductions)
            {
                string at = $"n={n}, {reduction}";
                double Loss(SampleCase s) => Reference(perSample, s, reduction);

                double expected = Loss(c);
                Check.Close(expected, entry.Forward(c, reduction), 1e-12, $"loss ({at})");
                double[][] g = diff.Select(k => new double[c.X[k].Length]).ToArray();
                Check.Close(expected, entry.Gradient(c, g, reduction), 1e-12, $"loss with gradient ({at})");
                for (int m = 0; m < diff.Length; m++)
                {
                    Check.Close(Fd(Loss, c, diff[m]), g[m], gradientTolerance, $"d{diff[m]} ({at})");
                }

                double expectedF = Loss(cr);
                Check.Close(expectedF, entry.ForwardF(cf, reduction), floatTolerance, $"float loss ({at})");
                float[][] gf = diff.Select(k => new float[c.X[k].Length]).ToArray();
                Check.Close(expectedF, entry.GradientF(cf, gf, reduction), floatTolerance, $"float loss with gradient ({at})");
                for (int m = 0; m < diff.Length; m++)
                {
                    Check.Close(Fd(Loss, cr, diff[m]), gf[m], Math.Max(floatTolerance, 10 * gradientTolerance), $"float d{diff[m]} ({at})");
                }
            }

            if (!entry.HasReduction)
            {
                continue;
            }

            double[] PerSample(SampleCase s) => Enumerable.Range(0, s.N).Select(i => perSample(s, i)).ToArray();
            var loss = new double[n];
            entry.Unreduced!(c, loss);
            Check.Close(PerSample(c), loss, 1e-12, $"unreduced loss (n={n})");
            double[] upstream = Check.Normal(n, seed: n + 99);
            double[][] vjp = diff.Select(k => new double[c.X[k].Length]).ToArray();
            entry.Backward!(c, upstream, vjp);
            for (int m = 0; m < diff.Length; m++)
            {
                Check.Close(Fd(s => PerSample(s).Select((l, i) => l * upstream[i]).Sum(), c, diff[m]), vjp[m], gradientTolerance, $"vjp d{diff[m]} (n={n})");
            }

            var lossF = new float[n];
            entry.UnreducedF!(cf, lossF);
            Check.Close(PerSample(cr), lossF, floatTolerance, $"float unreduced loss (n={n})");
            float[][] vjpF = diff.Select(k => new float[c.X[k].Length]).ToArray();
            entry.BackwardF!(cf, Check.ToFloat(upstream), vjpF);
            for (int m = 0; m < diff.Length; m++)
            {
                Check.Close(Fd(s => PerSample(s).Select((l, i) => l * upstream[i]).Sum(), cr, diff[m]), vjpF[m],
                    Math.Max(floatTolerance, 10 * gradientTolerance) * 10, $"float vjp d{diff[m]} (n={n})");
            }
        }

        if (entry.HasReduction)
        {
            SampleCase small = inputs(3, 11);
            Assert.Throws<ArgumentOutOfRangeException>(() => entry.Forward(small, (Reduction)3));
        }

        // No allocation once warm.
        SampleCase big = inputs(200, 5);
        double[][] g0 = diff.Select(k => new double[big.X[k].Length]).ToArray();
        for (int k = 0; k < 50; k++)
        {
            entry.Gradient(big, g0, Reduction.Mean);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        entry.Gradient(big, g0, Reduction.Mean);
        entry.Forward(big, Reduction.Sum);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Labels drawn from <paramref name="values"/>.</summary>
    public static double[] Labels(int n, int seed, params double[] values)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => values[random.Next(values.Length)]).ToArray();
    }

    /// <summary>A gradient output for input <paramref name="k"/>, as an (N, D) tensor.</summary>
    public static TensorSpan<double> G(SampleCase c, double[][] g, int m) => new(g[m], [c.N, c.D], default);

    /// <inheritdoc cref="G(SampleCase, double[][], int)"/>
    public static TensorSpan<float> G(SampleCaseF c, float[][] g, int m) => new(g[m], [c.N, c.D], default);
}
