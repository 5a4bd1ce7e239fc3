using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.NtXent))]
public class NtXentTests
{
    // Seed 003's NTXentLoss step by step: normalise, pos_sim, the (2N, 2N) matrix with its diagonal at −inf, logits
    // [pos_sim, row i of the matrix] for the first N rows, cross-entropy with class 0.
    private static double Reference(double[] zi, double[] zj, int n, int d, double t)
    {
        double[][] rows = Enumerable.Range(0, 2 * n).Select(r =>
        {
            double[] v = (r < n ? zi : zj).Skip((r % n) * d).Take(d).ToArray();
            double norm = Math.Max(Math.Sqrt(v.Sum(x => x * x)), 1e-12);
            return v.Select(x => x / norm).ToArray();
        }).ToArray();
        double Dot(int r, int c) => rows[r].Zip(rows[c], (x, y) => x * y).Sum();
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double pos = Dot(i, n + i) / t;
            double[] logits = new[] { pos }.Concat(Enumerable.Range(0, 2 * n).Select(c => c == i ? double.NegativeInfinity : Dot(i, c) / t)).ToArray();
            double max = logits.Max();
            total += max + Math.Log(logits.Sum(l => Math.Exp(l - max))) - pos;
        }

        return total / n;
    }

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    [Theory]
    [InlineData(2, 3, 0.5)]
    [InlineData(6, 5, 0.1)]
    [InlineData(9, 16, 1.0)]
    public void Matches_the_seed_definition_with_gradients_in_float_and_double(int n, int d, double t)
    {
        double[] zi = Check.Normal(n * d, seed: 30 + n), zj = Check.Normal(n * d, seed: 40 + n, scale: 0.2);
        double expected = Reference(zi, zj, n, d, t);
        double[] dzi = new double[n * d], dzj = new double[n * d];
        Check.Close(expected, M.NtXent(In(zi, n, d), In(zj, n, d), Out(dzi, n, d), Out(dzj, n, d), t), 1e-12, "loss");
        Check.Close(expected, M.NtXent(In(zi, n, d), In(zj, n, d), t), 1e-12, "forward-only loss");
        double h = 1e-6 * Math.Min(t, 0.2);
        Check.Close(Check.FiniteDifferences(x => Reference(x, zj, n, d, t), zi, h), dzi, 1e-6, "dz_i");
        Check.Close(Check.FiniteDifferences(x => Reference(zi, x, n, d, t), zj, h), dzj, 1e-6, "dz_j");

        float[] fi = Check.ToFloat(zi), fj = Check.ToFloat(zj), dfi = new float[n * d], dfj = new float[n * d];
        double[] ri = Check.ToDouble(fi), rj = Check.ToDouble(fj);
        double expectedF = Reference(ri, rj, n, d, t);
        Check.Close(expectedF, M.NtXent(In(fi, n, d), In(fj, n, d), Out(dfi, n, d), Out(dfj, n, d), (float)t), 1e-5, "float loss");
        Check.Close(expectedF, M.NtXent(In(fi, n, d), In(fj, n, d), (float)t), 1e-5, "float forward-only loss");
        Check.Close(Check.FiniteDifferences(x => Reference(x, rj, n, d, t), ri, h), dfi, 1e-3, "float dz_i");
        Check.Close(Check.FiniteDifferences(x => Reference(ri, x, n, d, t), rj, h), dfj, 1e-3, "float dz_j");
    }

    [Fact]
    public void Identical_views_with_orthogonal_rows_give_the_closed_form()
    {
        // z_i = z_j = identity (N = D = 2): logits [1/t, 1/t (partner), 0 (other of view j), 0 (other of view i)], own −∞.
        double[] z = [1, 0, 0, 1];
        const double t = 0.5;
        Assert.Equal(-Math.Log(Math.Exp(1 / t) / (2 * Math.Exp(1 / t) + 2)), M.NtXent(In(z, 2, 2), In((double[])z.Clone(), 2, 2), t), 13);
    }

    [Fact]
    public void Views_of_different_widths_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.NtXent(In(new double[6], 3, 2), In(new double[9], 3, 3)));
        Assert.Equal("z_j", e.ParamName);
    }
}
