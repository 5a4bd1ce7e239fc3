using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;

namespace LossDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// Checks for matrix (classification) entries: a tensor of shape (N, C) or (N, C, d) seen as rows of C values, a
/// reference written in double from the definition, and the forms of an entry as closures over arrays. Values are
/// compared with the reference, gradients with central differences of the reference, float forms with the reference on
/// the float-rounded inputs, unreduced forms with the per-row reference and their vector-Jacobian products with
/// central differences of Σ dloss·ℓ.
/// </summary>
public static class ClassificationSuite
{
    /// <summary>The shapes every matrix entry runs on: C in {1, 2, 3, 10}, a few N, and one rank-3 tensor.</summary>
    public static IEnumerable<int[]> Shapes()
    {
        foreach (int c in new[] { 1, 2, 3, 10 })
        {
            foreach (int n in new[] { 1, 3, 7 })
            {
                yield return [n, c];
            }
        }

        yield return [2, 3, 4];
    }

    /// <summary>The number of rows (samples, positions) of a tensor of this shape: every axis but axis 1.</summary>
    public static int Rows(int[] shape) => shape.Aggregate(1, (a, b) => a * b) / shape[1];

    /// <summary>The offset of element (row, class j) in a row-major tensor of this shape (axis 1 is the class axis).</summary>
    public static int Offset(int[] shape, int row, int j)
    {
        int inner = Rows(shape) / shape[0]; // d₁·…·dₖ
        int n = row / inner, k = row % inner;
        return (n * shape[1] + j) * inner + k;
    }

    /// <summary>Row <paramref name="row"/> of the tensor: its C values.</summary>
    public static double[] Row(double[] x, int[] shape, int row) =>
        Enumerable.Range(0, shape[1]).Select(j => x[Offset(shape, row, j)]).ToArray();

    /// <summary>Each row of the tensor.</summary>
    public static double[][] RowsOf(double[] x, int[] shape)
    {
        int c = shape[1], rows = x.Length / c, inner = rows / shape[0];
        var result = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            var row = new double[c];
            int n = r / inner, k = r % inner;
            for (int j = 0; j < c; j++)
            {
                row[j] = x[(n * c + j) * inner + k];
            }

            result[r] = row;
        }

        return result;
    }

    /// <summary>log Σ exp, with the maximum subtracted (double).</summary>
    public static double LogSumExp(double[] row)
    {
        double m = row.Max();
        return m + Math.Log(row.Sum(v => Math.Exp(v - m)));
    }

    /// <summary>log_softmax of one row (double).</summary>
    public static double[] LogSoftmax(double[] row)
    {
        double lse = LogSumExp(row);
        return row.Select(v => v - lse).ToArray();
    }

    public static ReadOnlyTensorSpan<T> In<T>(T[] x, int[] shape) => new(x, shape.Select(s => (nint)s).ToArray(), default);

    public static TensorSpan<T> Out<T>(T[] x, int[] shape) => new(x, shape.Select(s => (nint)s).ToArray(), default);

    /// <summary>A reduced entry in double: forward, forward + gradient, and the gradient against central differences.</summary>
    public static void Reduced(string what, double[] x, Func<double[], double> reference, Func<double[], double> forward,
        Func<double[], double[], double> gradient, double valueTolerance = 1e-12, double gradientTolerance = 1e-6, double step = 1e-6)
    {
        double expected = reference(x);
        Check.Close(expected, forward(x), valueTolerance, $"{what}: loss");
        var dx = new double[x.Length];
        Check.Close(expected, gradient(x, dx), valueTolerance, $"{what}: loss with gradient");
        if (double.IsFinite(expected))
        {
            Check.Close(Check.FiniteDifferences(reference, x, step), dx, gradientTolerance, $"{what}: dx");
        }
    }

    /// <summary>A reduced entry in float, against the double reference on the float-rounded inputs.</summary>
    public static void ReducedF(string what, double[] x, Func<double[], double> reference, Func<float[], float> forward,
        Func<float[], float[], float> gradient, double tolerance = 2e-5)
    {
        float[] xf = Check.ToFloat(x);
        double[] xr = Check.ToDouble(xf);
        double expected = reference(xr);
        Check.Close(expected, forward(xf), tolerance, $"{what}: float loss");
        var dx = new float[x.Length];
        Check.Close(expected, gradient(xf, dx), tolerance, $"{what}: float loss with gradient");
        if (double.IsFinite(expected))
        {
            Check.Close(Check.FiniteDifferences(reference, xr), dx, tolerance, $"{what}: float dx");
        }
    }

    /// <summary>An unreduced pair in double: per-row values, and the backward pass against central differences of Σ dloss·ℓ.</summary>
    public static void Unreduced(string what, double[] x, Func<double[], double[]> reference, Action<double[], double[]> forward,
        Action<double[], double[], double[]> backward, double valueTolerance = 1e-12, double gradientTolerance = 1e-6, double step = 1e-6)
    {
        double[] expected = reference(x);
        var loss = new double[expected.Length];
        forward(x, loss);
        Check.Close(expected, loss, valueTolerance, $"{what}: unreduced loss");
        double[] upstream = Check.Normal(expected.Length, seed: expected.Length + 17);
        var vjp = new double[x.Length];
        backward(x, upstream, vjp);
        Check.Close(Check.FiniteDifferences(xs => reference(xs).Select((l, k) => l * upstream[k]).Sum(), x, step), vjp, gradientTolerance, $"{what}: vjp");
    }

    /// <summary>An unreduced pair in float, against the double reference on the float-rounded inputs.</summary>
    public static void UnreducedF(string what, double[] x, Func<double[], double[]> reference, Action<float[], float[]> forward,
        Action<float[], float[], float[]> backward, double tolerance = 2e-5)
    {
        float[] xf = Check.ToFloat(x);
        double[] xr = Check.ToDouble(xf);
        double[] expected = reference(xr);
        var loss = new float[expected.Length];
        forward(xf, loss);
        Check.Close(expected, loss, tolerance, $"{what}: float unreduced loss");
        float[] upstream = Check.ToFloat(Check.Normal(expected.Length, seed: expected.Length + 17));
        var vjp = new float[x.Length];
        backward(xf, upstream, vjp);
        Check.Close(Check.FiniteDifferences(xs => reference(xs).Select((l, k) => l * upstream[k]).Sum(), xr), vjp, tolerance * 10, $"{what}: float vjp");
    }

    /// <summary>A gradient with respect to a secondary input (class weights, ...) against central differences.</summary>
    public static void Gradient(string what, double[] at, Func<double[], double> reference, ReadOnlySpan<double> actual, double tolerance = 1e-6) =>
        Check.Close(Check.FiniteDifferences(reference, at), actual, tolerance, what);

    /// <summary>Asserts every value is finite.</summary>
    public static void Finite<T>(string what, IEnumerable<T> values) where T : IConvertible =>
        Assert.All(values, v => Assert.True(double.IsFinite(v.ToDouble(null)), $"{what}: {v} is not finite"));

    /// <summary>The central-difference step for logits of magnitude 1e4: with 1e-6 the rounding of x ± h (ulp 1.8e-12) alone
    /// moves the quotient by about 1e-6; 1e-4 keeps both rounding and truncation near 1e-8.</summary>
    public const double ExtremeStep = 1e-4;

    /// <summary>Logits of extreme magnitude: ±1e4 mixed with ordinary values.</summary>
    public static double[] Extreme(int count, int seed) =>
        Check.Normal(count, seed).Select((v, k) => k % 3 == 0 ? 1e4 * Math.Sign(v + 1e-300) : v).ToArray();
}
