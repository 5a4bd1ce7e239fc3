using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

/// <summary>The CrossEntropy overloads that also write ∂loss/∂weight (dweight), class indices and probability targets, against central differences in the weights.</summary>
[Covers(nameof(C.CrossEntropy))]
public class CrossEntropyClassWeightGradientTests
{
    // PyTorch's weighted cross_entropy with class indices: per sample (1 − ε)·w[y]·(lse − x[y]) + (ε/C)·Σⱼ wⱼ·(lse − xⱼ), 0 if
    // ignored; the mean divides by Σ w[y] over the samples kept.
    private static (double[] Values, double[] Weights) PerRow(double[] x, int[] shape, int[] y, double[] w, int ignore, double eps)
    {
        int c = shape[1];
        double[][] rows = RowsOf(x, shape);
        var values = new double[rows.Length];
        var weights = new double[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            if (y[r] == ignore)
            {
                continue;
            }

            double lse = LogSumExp(rows[r]);
            values[r] = (1 - eps) * w[y[r]] * (lse - rows[r][y[r]]) + eps / c * Enumerable.Range(0, c).Sum(j => w[j] * (lse - rows[r][j]));
            weights[r] = w[y[r]];
        }

        return (values, weights);
    }

    [Theory]
    [InlineData(-100, 0.0)]
    [InlineData(-100, 0.2)]
    [InlineData(1, 0.3)]
    public void Dweight_matches_central_differences_in_the_weights(int ignore, double eps)
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], rows = Rows(shape), len = shape.Aggregate(1, (a, b) => a * b), seed = shape.Sum() * 41;
            double[] x = Check.Normal(len, seed, 3);
            int[] y = Check.Classes(rows, c, seed + 1);
            if (ignore >= 0 && rows > 1)
            {
                y[0] = ignore;
            }

            double[] w = Check.Uniform(c, seed + 2, 0.5, 2);
            float[] xf = Check.ToFloat(x), wf = Check.ToFloat(w);
            double[] xr = Check.ToDouble(xf), wr = Check.ToDouble(wf);
            float epsF = (float)eps;
            string at = $"shape ({string.Join(", ", shape)}), ignore_index {ignore}, ε {eps}";
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                double Loss(double[] xs, double[] ws, double e)
                {
                    (double[] v, double[] k) = PerRow(xs, shape, y, ws, ignore, e);
                    return Check.Reduce(v, reduction, rows, k);
                }

                string what = $"{at}, {reduction}";
                var dx = new double[len];
                var dw = new double[c];
                double loss = C.CrossEntropy(In(x, shape), y, w, Out(dx, shape), dw, ignore, eps, reduction);
                if (!double.IsFinite(Loss(x, w, eps)))
                {
                    continue; // every sample ignored: NaN, as PyTorch
                }

                Check.Close(Loss(x, w, eps), loss, 1e-12, $"{what}: loss");
                Check.Close(Check.FiniteDifferences(xs => Loss(xs, w, eps), x), dx, 1e-6, $"{what}: dx");
                Gradient($"{what}: dweight", w, ws => Loss(x, ws, eps), dw);

                var dxf = new float[len];
                var dwf = new float[c];
                float lossF = C.CrossEntropy(In(xf, shape), y, wf, Out(dxf, shape), dwf, ignore, epsF, reduction);
                Check.Close(Loss(xr, wr, epsF), lossF, 2e-5, $"{what}: float loss");
                Check.Close(Check.FiniteDifferences(ws => Loss(xr, ws, epsF), wr), dwf, 2e-5, $"{what}: float dweight");
            }

            // reduction='none': the vector-Jacobian product with respect to the weights.
            double[] upstream = Check.Normal(rows, seed + 3);
            var vx = new double[len];
            var vw = new double[c];
            C.CrossEntropyUnreduced(In(x, shape), y, w, upstream, Out(vx, shape), vw, ignore, eps);
            double Weighted(double[] xs, double[] ws) => PerRow(xs, shape, y, ws, ignore, eps).Values.Select((l, k) => l * upstream[k]).Sum();
            Check.Close(Check.FiniteDifferences(xs => Weighted(xs, w), x), vx, 1e-6, $"{at}: unreduced vjp dx");
            Gradient($"{at}: unreduced vjp dweight", w, ws => Weighted(x, ws), vw);
            var vxf = new float[len];
            var vwf = new float[c];
            C.CrossEntropyUnreduced(In(xf, shape), y, wf, Check.ToFloat(upstream), Out(vxf, shape), vwf, ignore, epsF);
            double[] upF = Check.ToDouble(Check.ToFloat(upstream));
            Check.Close(Check.FiniteDifferences(ws => PerRow(xr, shape, y, ws, ignore, epsF).Values.Select((l, k) => l * upF[k]).Sum(), wr), vwf, 2e-4, $"{at}: float unreduced vjp dweight");
        }
    }

    // PyTorch's weighted cross_entropy with probability targets: per row −Σⱼ wⱼ·((1 − ε)·tⱼ + ε/C)·log_softmax(x)ⱼ; mean over rows.
    private static double[] ProbabilityPerRow(double[] x, double[] t, int[] shape, double[] w, double eps)
    {
        int c = shape[1];
        double[][] rows = RowsOf(x, shape), targets = RowsOf(t, shape);
        return rows.Select((row, r) =>
        {
            double[] lp = LogSoftmax(row);
            return -Enumerable.Range(0, c).Sum(j => w[j] * ((1 - eps) * targets[r][j] + eps / c) * lp[j]);
        }).ToArray();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    public void Dweight_with_probability_targets_matches_central_differences(double eps)
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], rows = Rows(shape), len = shape.Aggregate(1, (a, b) => a * b), seed = shape.Sum() * 43;
            double[] x = Check.Normal(len, seed, 3), t = Check.Uniform(len, seed + 1, 0, 1), w = Check.Uniform(c, seed + 2, 0.5, 2);
            float[] xf = Check.ToFloat(x), tf = Check.ToFloat(t), wf = Check.ToFloat(w);
            double[] xr = Check.ToDouble(xf), tr = Check.ToDouble(tf), wr = Check.ToDouble(wf);
            float epsF = (float)eps;
            string at = $"shape ({string.Join(", ", shape)}), ε {eps}";
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                double Loss(double[] xs, double[] ts, double[] ws, double e) => Check.Reduce(ProbabilityPerRow(xs, ts, shape, ws, e), reduction, rows);
                string what = $"{at}, {reduction}";
                var dx = new double[len];
                var dw = new double[c];
                Check.Close(Loss(x, t, w, eps), C.CrossEntropy(In(x, shape), In(t, shape), w, Out(dx, shape), dw, eps, reduction), 1e-12, $"{what}: loss");
                Check.Close(Check.FiniteDifferences(xs => Loss(xs, t, w, eps), x), dx, 1e-6, $"{what}: dx");
                Gradient($"{what}: dweight", w, ws => Loss(x, t, ws, eps), dw);
                var dxf = new float[len];
                var dwf = new float[c];
                Check.Close(Loss(xr, tr, wr, epsF), C.CrossEntropy(In(xf, shape), In(tf, shape), wf, Out(dxf, shape), dwf, epsF, reduction), 2e-5, $"{what}: float loss");
                Check.Close(Check.FiniteDifferences(ws => Loss(xr, tr, ws, epsF), wr), dwf, 2e-5, $"{what}: float dweight");
            }

            double[] upstream = Check.Normal(rows, seed + 3);
            var vx = new double[len];
            var vw = new double[c];
            C.CrossEntropyUnreduced(In(x, shape), In(t, shape), w, upstream, Out(vx, shape), vw, eps);
            double Weighted(double[] xs, double[] ws) => ProbabilityPerRow(xs, t, shape, ws, eps).Select((l, k) => l * upstream[k]).Sum();
            Check.Close(Check.FiniteDifferences(xs => Weighted(xs, w), x), vx, 1e-6, $"{at}: unreduced vjp dx");
            Gradient($"{at}: unreduced vjp dweight", w, ws => Weighted(x, ws), vw);
        }
    }

    [Fact]
    public void Dweight_has_one_value_per_class_and_is_refused_otherwise()
    {
        double[] x = Check.Normal(6, 1);
        var e = Assert.ThrowsAny<ArgumentException>(() => C.CrossEntropy(In(x, [2, 3]), [0, 1], new double[] { 1, 1, 1 }, Out(new double[6], [2, 3]), new double[2]));
        Assert.Equal("dweight", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => C.CrossEntropy(In(x, [2, 3]), [0, 1], new double[] { 1, 1, 1 }, Out(new double[6], [2, 3]), new double[3], label_smoothing: 2));
        Assert.Equal("label_smoothing", e.ParamName);
    }
}
