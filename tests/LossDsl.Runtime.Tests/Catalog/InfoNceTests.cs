using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.InfoNce))]
public class InfoNceTests
{
    // Seed 003's InfoNCELoss, step by step: normalise, stack the views into 2N rows, the (2N, 2N) similarity matrix
    // over the temperature without its diagonal, cross-entropy with each row's partner (n ↔ N + n) as its class.
    private static double Reference(double[] zi, double[] zj, int n, int d, double temperature)
    {
        double[][] rows = Enumerable.Range(0, 2 * n).Select(r =>
        {
            double[] v = (r < n ? zi : zj).Skip((r % n) * d).Take(d).ToArray();
            double norm = Math.Max(Math.Sqrt(v.Sum(x => x * x)), 1e-12);
            return v.Select(x => x / norm).ToArray();
        }).ToArray();
        double total = 0;
        for (int r = 0; r < 2 * n; r++)
        {
            int partner = r < n ? r + n : r - n;
            double[] logits = Enumerable.Range(0, 2 * n).Where(c => c != r).Select(c => rows[r].Zip(rows[c], (x, y) => x * y).Sum() / temperature).ToArray();
            double positive = rows[r].Zip(rows[partner], (x, y) => x * y).Sum() / temperature;
            double max = logits.Max();
            total += max + Math.Log(logits.Sum(l => Math.Exp(l - max))) - positive;
        }

        return total / (2 * n);
    }

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    [Theory]
    [InlineData(2, 3, 0.07)]
    [InlineData(5, 4, 0.5)]
    [InlineData(9, 17, 1.0)]
    public void Matches_the_seed_definition_with_gradients_in_float_and_double(int n, int d, double temperature)
    {
        double[] zi = Check.Normal(n * d, seed: 10 + n, scale: 3), zj = Check.Normal(n * d, seed: 20 + n);
        double expected = Reference(zi, zj, n, d, temperature);
        double[] dzi = new double[n * d], dzj = new double[n * d];
        Check.Close(expected, M.InfoNce(In(zi, n, d), In(zj, n, d), Out(dzi, n, d), Out(dzj, n, d), temperature), 1e-12, "loss");
        Check.Close(expected, M.InfoNce(In(zi, n, d), In(zj, n, d), temperature), 1e-12, "forward-only loss");
        double h = 1e-6 * temperature;
        Check.Close(Check.FiniteDifferences(x => Reference(x, zj, n, d, temperature), zi, h), dzi, 1e-6, "dz_i");
        Check.Close(Check.FiniteDifferences(x => Reference(zi, x, n, d, temperature), zj, h), dzj, 1e-6, "dz_j");

        float[] fi = Check.ToFloat(zi), fj = Check.ToFloat(zj), dfi = new float[n * d], dfj = new float[n * d];
        double[] ri = Check.ToDouble(fi), rj = Check.ToDouble(fj);
        double expectedF = Reference(ri, rj, n, d, temperature);
        Check.Close(expectedF, M.InfoNce(In(fi, n, d), In(fj, n, d), Out(dfi, n, d), Out(dfj, n, d), (float)temperature), 1e-5, "float loss");
        Check.Close(expectedF, M.InfoNce(In(fi, n, d), In(fj, n, d), (float)temperature), 1e-5, "float forward-only loss");
        Check.Close(Check.FiniteDifferences(x => Reference(x, rj, n, d, temperature), ri, h), dfi, 1e-3, "float dz_i");
        Check.Close(Check.FiniteDifferences(x => Reference(ri, x, n, d, temperature), rj, h), dfj, 1e-3, "float dz_j");
    }

    [Fact]
    public void Identical_views_with_orthogonal_rows_give_the_closed_form()
    {
        // z_i = z_j = the identity (N = D = 3): the positive similarity is 1, the others 0 (the other view's partner
        // excluded: 2 rows of each view); so ℓ = −log(e^(1/t) / (e^(1/t) + 4)) for every anchor.
        double[] z = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        const double t = 0.5;
        Assert.Equal(-Math.Log(Math.Exp(1 / t) / (Math.Exp(1 / t) + 4)), M.InfoNce(In(z, 3, 3), In((double[])z.Clone(), 3, 3), t), 13);
    }

    [Fact]
    public void Views_of_different_widths_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.InfoNce(In(new double[6], 3, 2), In(new double[9], 3, 3)));
        Assert.Equal("z_j", e.ParamName);
        var rows = Assert.ThrowsAny<ArgumentException>(() => M.InfoNce(In(new double[6], 3, 2), In(new double[4], 2, 2)));
        Assert.Contains("rows", rows.Message);
    }
}
