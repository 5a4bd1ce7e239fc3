using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.CategoricalCrossEntropy))]
public class CategoricalCrossEntropyTests
{
    private const double Eps = 1e-7;

    // Keras 3 categorical_crossentropy(from_logits=False): q = clip(p / Σp, ε, 1 − ε); ℓ = −Σ ((1 − s)·t + s/C)·log q.
    // The clip bounds are those of the element type (1 − 1e-7 rounds to 0.99999988 in float32).
    internal static double[] PerRow(double[] p, double[] t, int[] shape, double s, double lo = Eps, double hi = 1 - Eps)
    {
        int c = shape[1];
        double[][] rows = RowsOf(p, shape), targets = RowsOf(t, shape);
        return rows.Select((row, r) =>
        {
            double sum = row.Sum();
            return -Enumerable.Range(0, c).Sum(j => ((1 - s) * targets[r][j] + s / c) * Math.Log(Math.Clamp(row[j] / sum, lo, hi)));
        }).ToArray();
    }

    internal static readonly double FloatLo = (float)Eps, FloatHi = (float)(1 - Eps);

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.0, true)]
    [InlineData(0.2, false)]
    [InlineData(1.0, true)]
    public void Matches_keras_categorical_crossentropy(double s, bool oneHot)
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], len = shape.Aggregate(1, (a, b) => a * b), seed = shape.Sum() * 7 + (oneHot ? 1 : 0);
            // Raw positive rows (not summing to 1: Keras renormalises them), away from the clip bounds.
            double[] p = Check.Uniform(len, seed, 0.05, 1);
            double[] t = oneHot
                ? OneHot(Check.Classes(Rows(shape), c, seed + 1), shape)
                : Check.Uniform(len, seed + 2, 0, 1);
            float[] tf = Check.ToFloat(t);
            double[] tr = Check.ToDouble(tf);
            float sf = (float)s;
            string at = $"shape ({string.Join(", ", shape)}), s {s}, one-hot {oneHot}";
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                string what = $"{at}, {reduction}";
                Reduced(what, p, ps => Check.Reduce(PerRow(ps, t, shape, s), reduction, Rows(shape)),
                    ps => C.CategoricalCrossEntropy(In(ps, shape), In(t, shape), s, reduction),
                    (ps, dp) => C.CategoricalCrossEntropy(In(ps, shape), In(t, shape), Out(dp, shape), s, reduction));
                ReducedF(what, p, ps => Check.Reduce(PerRow(ps, tr, shape, sf, FloatLo, FloatHi), reduction, Rows(shape)),
                    ps => C.CategoricalCrossEntropy(In(ps, shape), In(tf, shape), sf, reduction),
                    (ps, dp) => C.CategoricalCrossEntropy(In(ps, shape), In(tf, shape), Out(dp, shape), sf, reduction));
            }

            Unreduced(at, p, ps => PerRow(ps, t, shape, s),
                (ps, loss) => C.CategoricalCrossEntropyUnreduced(In(ps, shape), In(t, shape), loss, s),
                (ps, dloss, dp) => C.CategoricalCrossEntropyUnreduced(In(ps, shape), In(t, shape), dloss, Out(dp, shape), s));
            UnreducedF(at, p, ps => PerRow(ps, tr, shape, sf, FloatLo, FloatHi),
                (ps, loss) => C.CategoricalCrossEntropyUnreduced(In(ps, shape), In(tf, shape), loss, sf),
                (ps, dloss, dp) => C.CategoricalCrossEntropyUnreduced(In(ps, shape), In(tf, shape), dloss, Out(dp, shape), sf));
        }
    }

    internal static double[] OneHot(int[] y, int[] shape)
    {
        var t = new double[shape.Aggregate(1, (a, b) => a * b)];
        for (int r = 0; r < y.Length; r++)
        {
            t[Offset(shape, r, y[r])] = 1;
        }

        return t;
    }

    [Fact]
    public void Keras_documented_example()
    {
        // keras.losses.CategoricalCrossentropy docs: y_true [[0, 1, 0], [0, 0, 1]], y_pred [[.05, .95, 0], [.1, .8, .1]]
        // → (−log 0.95 − log 0.1) / 2 ≈ 1.177 (Keras prints 1.1769392 in float32).
        int[] shape = [2, 3];
        double[] p = [0.05, 0.95, 0, 0.1, 0.8, 0.1], t = [0, 1, 0, 0, 0, 1];
        double expected = (-Math.Log(0.95) - Math.Log(0.1)) / 2;
        Check.Close(expected, C.CategoricalCrossEntropy(In(p, shape), In(t, shape)), 1e-15, "keras example");
        Check.Close(1.1769392, C.CategoricalCrossEntropy(In(Check.ToFloat(p), shape), In(Check.ToFloat(t), shape)), 1e-6, "keras float32");
    }

    [Fact]
    public void A_zero_probability_is_clipped_to_epsilon_and_passes_no_gradient()
    {
        int[] shape = [1, 3];
        double[] p = [0, 0.25, 0.75], t = [1, 0, 0];
        var dp = new double[3];
        Check.Close(-Math.Log(1e-7), C.CategoricalCrossEntropy(In(p, shape), In(t, shape), Out(dp, shape)), 1e-15, "−log ε");
        Assert.All(dp, v => Assert.Equal(0.0, v));
        // A probability of 1 is clipped to 1 − ε: −log(1 − ε), and no gradient either.
        Check.Close(-Math.Log(1 - 1e-7), C.CategoricalCrossEntropy(In(new double[] { 0, 1, 0 }, shape), In(new double[] { 0, 1, 0 }, shape), Out(dp, shape)), 1e-15, "−log(1 − ε)");
        Assert.All(dp, v => Assert.Equal(0.0, v));
        // float: ε = 1e-7f and 1 − ε = 0.99999988f.
        float lossF = C.CategoricalCrossEntropy(In(new float[] { 0, 1, 0 }, shape), In(new float[] { 0, 1, 0 }, shape));
        Check.Close(-Math.Log(FloatHi), lossF, 1e-9, "float −log(1 − ε)");
    }

    [Fact]
    public void Shapes_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => C.CategoricalCrossEntropy(In(new double[6], [2, 3]), In(new double[8], [2, 4])));
        Assert.Equal("t", e.ParamName);
        e = Assert.ThrowsAny<ArgumentException>(() => C.CategoricalCrossEntropyUnreduced(In(new double[6], [2, 3]), In(new double[6], [2, 3]), new double[3]));
        Assert.Equal("loss", e.ParamName);
    }
}
