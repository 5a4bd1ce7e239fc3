using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.NegativeLogLikelihood))]
public class NegativeLogLikelihoodTests
{
    // PyTorch's nll_loss: per sample −w[y]·x[y], 0 if ignored; a mean divides by Σ w[y] over the samples kept.
    private static (double[] Values, double[] Weights) PerRow(double[] x, int[] shape, int[] y, double[]? w, int ignore)
    {
        double[][] rows = RowsOf(x, shape);
        var values = new double[rows.Length];
        var weights = new double[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            if (y[r] != ignore)
            {
                weights[r] = w?[y[r]] ?? 1;
                values[r] = -weights[r] * rows[r][y[r]];
            }
        }

        return (values, weights);
    }

    private static double Reference(double[] x, int[] shape, int[] y, double[]? w, int ignore, Reduction reduction)
    {
        (double[] values, double[] weights) = PerRow(x, shape, y, w, ignore);
        return Check.Reduce(values, reduction, values.Length, weights);
    }

    [Theory]
    [InlineData(false, -100)]
    [InlineData(false, 1)]
    [InlineData(true, -100)]
    [InlineData(true, 0)]
    public void Matches_nll_loss(bool weighted, int ignore)
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], seed = shape.Sum() * 3 + (weighted ? 1 : 0);
            double[] x = Check.Normal(shape.Aggregate(1, (a, b) => a * b), seed, 3);
            int[] y = Check.Classes(Rows(shape), c, seed + 1);
            if (ignore < 0)
            {
                for (int r = 2; r < y.Length; r += 3)
                {
                    y[r] = ignore;
                }
            }

            double[]? w = weighted ? Check.Uniform(c, seed + 2, 0.5, 2) : null;
            float[]? wf = w is null ? null : Check.ToFloat(w);
            double[]? wr = wf is null ? null : Check.ToDouble(wf);
            string at = $"shape ({string.Join(", ", shape)}), weighted {weighted}, ignore_index {ignore}";
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                string what = $"{at}, {reduction}";
                if (w is null)
                {
                    Reduced(what, x, xs => Reference(xs, shape, y, null, ignore, reduction), xs => C.NegativeLogLikelihood(In(xs, shape), y, ignore, reduction),
                        (xs, dx) => C.NegativeLogLikelihood(In(xs, shape), y, Out(dx, shape), ignore, reduction));
                    ReducedF(what, x, xs => Reference(xs, shape, y, null, ignore, reduction), xs => C.NegativeLogLikelihood(In(xs, shape), y, ignore, reduction),
                        (xs, dx) => C.NegativeLogLikelihood(In(xs, shape), y, Out(dx, shape), ignore, reduction));
                }
                else
                {
                    Reduced(what, x, xs => Reference(xs, shape, y, w, ignore, reduction), xs => C.NegativeLogLikelihood(In(xs, shape), y, w, ignore, reduction),
                        (xs, dx) => C.NegativeLogLikelihood(In(xs, shape), y, w, Out(dx, shape), ignore, reduction));
                    ReducedF(what, x, xs => Reference(xs, shape, y, wr, ignore, reduction), xs => C.NegativeLogLikelihood(In(xs, shape), y, wf, ignore, reduction),
                        (xs, dx) => C.NegativeLogLikelihood(In(xs, shape), y, wf, Out(dx, shape), ignore, reduction));
                }
            }

            if (w is null)
            {
                Unreduced(at, x, xs => PerRow(xs, shape, y, null, ignore).Values, (xs, loss) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, loss, ignore),
                    (xs, g, dx) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, g, Out(dx, shape), ignore));
                UnreducedF(at, x, xs => PerRow(xs, shape, y, null, ignore).Values, (xs, loss) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, loss, ignore),
                    (xs, g, dx) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, g, Out(dx, shape), ignore));
            }
            else
            {
                Unreduced(at, x, xs => PerRow(xs, shape, y, w, ignore).Values, (xs, loss) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, w, loss, ignore),
                    (xs, g, dx) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, w, g, Out(dx, shape), ignore));
                UnreducedF(at, x, xs => PerRow(xs, shape, y, wr, ignore).Values, (xs, loss) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, wf, loss, ignore),
                    (xs, g, dx) => C.NegativeLogLikelihoodUnreduced(In(xs, shape), y, wf, g, Out(dx, shape), ignore));
            }
        }
    }

    [Fact]
    public void Log_softmax_input_gives_cross_entropy_and_every_ignored_sample_gives_NaN()
    {
        double[] x = [1, 2, 3, -1, 0, 4];
        int[] shape = [2, 3];
        double[] lp = RowsOf(x, shape).SelectMany(LogSoftmax).ToArray();
        Check.Close(C.CrossEntropy(In(x, shape), new[] { 2, 0 }), C.NegativeLogLikelihood(In(lp, shape), new[] { 2, 0 }), 1e-15, "nll(log_softmax) = ce");
        Assert.True(double.IsNaN(C.NegativeLogLikelihood(In(lp, shape), new[] { -100, -100 })));
        Assert.True(double.IsNaN(C.NegativeLogLikelihood(In(lp, shape), new[] { -100, -100 }, new double[] { 1, 2, 3 })));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => C.NegativeLogLikelihood(In(lp, shape), new[] { 0, 3 }));
        Assert.Equal("y", e.ParamName);
    }
}
