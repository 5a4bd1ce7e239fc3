using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.CrossEntropy))]
public class CrossEntropyTests
{
    // PyTorch's cross_entropy with class indices, from its documented definition: per sample
    // (1 − ε)·w[y]·(lse − x[y]) + (ε/C)·Σⱼ wⱼ·(lse − xⱼ), 0 if ignored; a mean divides by Σ w[y] over the samples kept.
    private static (double[] Values, double[] Weights) PerRow(double[] x, int[] shape, int[] y, double[]? w, int ignore, double eps)
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
            double wy = w?[y[r]] ?? 1;
            double smooth = Enumerable.Range(0, c).Sum(j => (w?[j] ?? 1) * (lse - rows[r][j]));
            values[r] = (1 - eps) * wy * (lse - rows[r][y[r]]) + eps / c * smooth;
            weights[r] = wy;
        }

        return (values, weights);
    }

    private static double Reference(double[] x, int[] shape, int[] y, double[]? w, int ignore, double eps, Reduction reduction)
    {
        (double[] values, double[] weights) = PerRow(x, shape, y, w, ignore, eps);
        return Check.Reduce(values, reduction, values.Length, weights);
    }

    // PyTorch's cross_entropy with probability targets: per row −Σⱼ wⱼ·((1 − ε)·tⱼ + ε/C)·log_softmax(x)ⱼ; mean over rows.
    private static double[] ProbabilityPerRow(double[] x, double[] t, int[] shape, double[]? w, double eps)
    {
        int c = shape[1];
        double[][] rows = RowsOf(x, shape), targets = RowsOf(t, shape);
        return rows.Select((row, r) =>
        {
            double[] lp = LogSoftmax(row);
            return -Enumerable.Range(0, c).Sum(j => (w?[j] ?? 1) * ((1 - eps) * targets[r][j] + eps / c) * lp[j]);
        }).ToArray();
    }

    private static int[] Targets(int[] shape, int seed, int ignore)
    {
        int[] y = Check.Classes(Rows(shape), shape[1], seed);
        if (ignore < 0)
        {
            for (int r = 3; r < y.Length; r += 4)
            {
                y[r] = ignore;
            }
        }

        return y;
    }

    private static void RunIndices(int[] shape, bool weighted, int ignore, double eps, double[] x, int seed, double step = 1e-6)
    {
        int c = shape[1];
        int[] y = Targets(shape, seed + 1, ignore);
        double[]? w = weighted ? Check.Uniform(c, seed + 2, 0.5, 2) : null;
        float[]? wf = w is null ? null : Check.ToFloat(w);
        double[]? wr = wf is null ? null : Check.ToDouble(wf);
        float epsF = (float)eps;
        string at = $"shape ({string.Join(", ", shape)}), weighted {weighted}, ignore_index {ignore}, ε {eps}";
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
        {
            string what = $"{at}, {reduction}";
            if (w is null)
            {
                Reduced(what, x, xs => Reference(xs, shape, y, null, ignore, eps, reduction),
                    xs => C.CrossEntropy(In(xs, shape), y, ignore, eps, reduction),
                    (xs, dx) => C.CrossEntropy(In(xs, shape), y, Out(dx, shape), ignore, eps, reduction), step: step);
                ReducedF(what, x, xs => Reference(xs, shape, y, null, ignore, (double)epsF, reduction),
                    xs => C.CrossEntropy(In(xs, shape), y, ignore, epsF, reduction),
                    (xs, dx) => C.CrossEntropy(In(xs, shape), y, Out(dx, shape), ignore, epsF, reduction));
            }
            else
            {
                Reduced(what, x, xs => Reference(xs, shape, y, w, ignore, eps, reduction),
                    xs => C.CrossEntropy(In(xs, shape), y, w, ignore, eps, reduction),
                    (xs, dx) => C.CrossEntropy(In(xs, shape), y, w, Out(dx, shape), ignore, eps, reduction), step: step);

                ReducedF(what, x, xs => Reference(xs, shape, y, wr, ignore, (double)epsF, reduction),
                    xs => C.CrossEntropy(In(xs, shape), y, wf, ignore, epsF, reduction),
                    (xs, dx) => C.CrossEntropy(In(xs, shape), y, wf, Out(dx, shape), ignore, epsF, reduction));
            }
        }

        if (w is null)
        {
            Unreduced(at, x, xs => PerRow(xs, shape, y, null, ignore, eps).Values,
                (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), y, loss, ignore, eps),
                (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), y, dloss, Out(dx, shape), ignore, eps), step: step);
            UnreducedF(at, x, xs => PerRow(xs, shape, y, null, ignore, (double)epsF).Values,
                (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), y, loss, ignore, epsF),
                (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), y, dloss, Out(dx, shape), ignore, epsF));
        }
        else
        {
            Unreduced(at, x, xs => PerRow(xs, shape, y, w, ignore, eps).Values,
                (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), y, w, loss, ignore, eps),
                (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), y, w, dloss, Out(dx, shape), ignore, eps), step: step);
            UnreducedF(at, x, xs => PerRow(xs, shape, y, wr, ignore, (double)epsF).Values,
                (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), y, wf, loss, ignore, epsF),
                (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), y, wf, dloss, Out(dx, shape), ignore, epsF));
        }
    }

    [Theory]
    [InlineData(false, -100, 0.0)]
    [InlineData(false, -100, 0.2)]
    [InlineData(false, 1, 0.0)]
    [InlineData(false, 1, 1.0)]
    [InlineData(true, -100, 0.0)]
    [InlineData(true, -100, 0.2)]
    [InlineData(true, 1, 0.3)]
    public void Matches_cross_entropy_with_class_indices(bool weighted, int ignore, double eps)
    {
        foreach (int[] shape in Shapes())
        {
            int seed = shape.Sum() * 31 + (weighted ? 7 : 0);
            RunIndices(shape, weighted, ignore, eps, Check.Normal(shape.Aggregate(1, (a, b) => a * b), seed, 3), seed);
        }
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.2)]
    public void Extreme_logits_give_finite_values_and_gradients(bool weighted, double eps)
    {
        foreach (int[] shape in Shapes().Where(s => s[1] > 1))
        {
            int seed = shape.Sum() * 13;
            double[] x = Extreme(shape.Aggregate(1, (a, b) => a * b), seed);
            RunIndices(shape, weighted, -100, eps, x, seed, ExtremeStep);
            var dx = new double[x.Length];
            Finite("loss", new[] { C.CrossEntropy(In(x, shape), Targets(shape, seed + 1, 0), Out(dx, shape), label_smoothing: eps) });
            Finite("dx", dx);
        }
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.1)]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.25)]
    public void Matches_cross_entropy_with_probability_targets(bool weighted, double eps)
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], len = shape.Aggregate(1, (a, b) => a * b), seed = shape.Sum() * 5 + 3;
            double[] x = Check.Normal(len, seed, 3);
            // Softmax rows for most shapes; raw non-negative values (rows not summing to 1, accepted as PyTorch does) for (N, 3).
            double[] raw = Check.Uniform(len, seed + 1, 0, 1);
            double[] t = c == 3 ? raw : SoftmaxRows(Check.Normal(len, seed + 2, 2), shape);
            double[]? w = weighted ? Check.Uniform(c, seed + 3, 0.5, 2) : null;
            float[] tf = Check.ToFloat(t);
            double[] tr = Check.ToDouble(tf);
            float[]? wf = w is null ? null : Check.ToFloat(w);
            double[]? wr = wf is null ? null : Check.ToDouble(wf);
            float epsF = (float)eps;
            string at = $"shape ({string.Join(", ", shape)}), weighted {weighted}, ε {eps}";
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                double Ref(double[] xs, double[] ts, double[]? ws, double e) => Check.Reduce(ProbabilityPerRow(xs, ts, shape, ws, e), reduction, Rows(shape));
                string what = $"{at}, {reduction}";
                if (w is null)
                {
                    Reduced(what, x, xs => Ref(xs, t, null, eps), xs => C.CrossEntropy(In(xs, shape), In(t, shape), eps, reduction),
                        (xs, dx) => C.CrossEntropy(In(xs, shape), In(t, shape), Out(dx, shape), eps, reduction));
                    ReducedF(what, x, xs => Ref(xs, tr, null, epsF), xs => C.CrossEntropy(In(xs, shape), In(tf, shape), epsF, reduction),
                        (xs, dx) => C.CrossEntropy(In(xs, shape), In(tf, shape), Out(dx, shape), epsF, reduction));
                }
                else
                {
                    Reduced(what, x, xs => Ref(xs, t, w, eps), xs => C.CrossEntropy(In(xs, shape), In(t, shape), w, eps, reduction),
                        (xs, dx) => C.CrossEntropy(In(xs, shape), In(t, shape), w, Out(dx, shape), eps, reduction));
                    ReducedF(what, x, xs => Ref(xs, tr, wr, epsF), xs => C.CrossEntropy(In(xs, shape), In(tf, shape), wf, epsF, reduction),
                        (xs, dx) => C.CrossEntropy(In(xs, shape), In(tf, shape), wf, Out(dx, shape), epsF, reduction));
                }
            }

            if (w is null)
            {
                Unreduced(at, x, xs => ProbabilityPerRow(xs, t, shape, null, eps),
                    (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), In(t, shape), loss, eps),
                    (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), In(t, shape), dloss, Out(dx, shape), eps));
                UnreducedF(at, x, xs => ProbabilityPerRow(xs, tr, shape, null, epsF),
                    (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), In(tf, shape), loss, epsF),
                    (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), In(tf, shape), dloss, Out(dx, shape), epsF));
            }
            else
            {
                Unreduced(at, x, xs => ProbabilityPerRow(xs, t, shape, w, eps),
                    (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), In(t, shape), w, loss, eps),
                    (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), In(t, shape), w, dloss, Out(dx, shape), eps));
                UnreducedF(at, x, xs => ProbabilityPerRow(xs, tr, shape, wr, epsF),
                    (xs, loss) => C.CrossEntropyUnreduced(In(xs, shape), In(tf, shape), wf, loss, epsF),
                    (xs, dloss, dx) => C.CrossEntropyUnreduced(In(xs, shape), In(tf, shape), wf, dloss, Out(dx, shape), epsF));
            }
        }
    }

    private static double[] SoftmaxRows(double[] z, int[] shape)
    {
        var t = new double[z.Length];
        for (int r = 0; r < Rows(shape); r++)
        {
            double[] lp = LogSoftmax(Row(z, shape, r));
            for (int j = 0; j < shape[1]; j++)
            {
                t[Offset(shape, r, j)] = Math.Exp(lp[j]);
            }
        }

        return t;
    }

    [Fact]
    public void Known_values()
    {
        // Two equal logits: −log(1/2) = ln 2.
        Check.Close(Math.Log(2), C.CrossEntropy(In(new double[] { 0, 0 }, [1, 2]), new[] { 0 }), 1e-15, "ln 2");
        // One-hot probability targets give the class-index value.
        double[] x = [1, 2, 3, -1, 0, 4];
        int[] shape = [2, 3];
        Check.Close(C.CrossEntropy(In(x, shape), new[] { 2, 0 }), C.CrossEntropy(In(x, shape), In(new double[] { 0, 0, 1, 1, 0, 0 }, shape)), 1e-15, "one-hot");
    }

    [Fact]
    public void Every_sample_ignored_gives_NaN_for_the_mean_and_zero_for_the_sum()
    {
        double[] x = Check.Normal(6, 1);
        int[] y = [-100, -100];
        var dx = new double[6];
        Assert.True(double.IsNaN(C.CrossEntropy(In(x, [2, 3]), y, Out(dx, [2, 3]))));
        Assert.True(double.IsNaN(C.CrossEntropy(In(x, [2, 3]), y, new double[] { 1, 2, 3 }, label_smoothing: 0.1)));
        Assert.Equal(0.0, C.CrossEntropy(In(x, [2, 3]), y, Out(dx, [2, 3]), reduction: Reduction.Sum));
        Assert.All(dx, v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Label_smoothing_outside_0_1_is_refused(double eps)
    {
        double[] x = Check.Normal(6, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => C.CrossEntropy(In(x, [2, 3]), new[] { 0, 1 }, label_smoothing: eps));
        Assert.Equal("label_smoothing", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => C.CrossEntropyUnreduced(In(x, [2, 3]), In(x, [2, 3]), new double[2], (float)eps));
        Assert.Equal("label_smoothing", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => C.CrossEntropy(Check.ToFloat(x) is var xf ? In(xf, [2, 3]) : default, new[] { 0, 1 }, new float[] { 1, 1, 1 }, label_smoothing: (float)eps));
        Assert.Equal("label_smoothing", e.ParamName);
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        double[] x = Check.Normal(6, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => C.CrossEntropy(In(x, [2, 3]), new[] { 0, 3 }));
        Assert.Equal("y", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => C.CrossEntropy(In(x, [2, 3]), new[] { -1, 0 }, new double[] { 1, 1, 1 }));
        Assert.Equal("y", e.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => C.CrossEntropy(In(x, [2, 3]), new[] { 0, 1 }, new double[] { 1, 1 }));
    }
}
