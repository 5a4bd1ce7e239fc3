using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.SparseCategoricalCrossEntropy))]
public class SparseCategoricalCrossEntropyTests
{
    // Keras 3 sparse_categorical_crossentropy(from_logits=False) (JAX/NumPy backends): −log clip(p[y] / Σp, ε, 1 − ε).
    private static double[] PerRow(double[] p, int[] y, int[] shape, double lo = 1e-7, double hi = 1 - 1e-7) =>
        RowsOf(p, shape).Select((row, r) => -Math.Log(Math.Clamp(row[y[r]] / row.Sum(), lo, hi))).ToArray();

    [Fact]
    public void Matches_keras_sparse_categorical_crossentropy()
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], len = shape.Aggregate(1, (a, b) => a * b), seed = shape.Sum() * 3;
            double[] p = Check.Uniform(len, seed, 0.05, 1);
            int[] y = Check.Classes(Rows(shape), c, seed + 1);
            string at = $"shape ({string.Join(", ", shape)})";
            double lo = CategoricalCrossEntropyTests.FloatLo, hi = CategoricalCrossEntropyTests.FloatHi;
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                string what = $"{at}, {reduction}";
                Reduced(what, p, ps => Check.Reduce(PerRow(ps, y, shape), reduction, Rows(shape)),
                    ps => C.SparseCategoricalCrossEntropy(In(ps, shape), y, reduction),
                    (ps, dp) => C.SparseCategoricalCrossEntropy(In(ps, shape), y, Out(dp, shape), reduction));
                ReducedF(what, p, ps => Check.Reduce(PerRow(ps, y, shape, lo, hi), reduction, Rows(shape)),
                    ps => C.SparseCategoricalCrossEntropy(In(ps, shape), y, reduction),
                    (ps, dp) => C.SparseCategoricalCrossEntropy(In(ps, shape), y, Out(dp, shape), reduction));
            }

            Unreduced(at, p, ps => PerRow(ps, y, shape),
                (ps, loss) => C.SparseCategoricalCrossEntropyUnreduced(In(ps, shape), y, loss),
                (ps, dloss, dp) => C.SparseCategoricalCrossEntropyUnreduced(In(ps, shape), y, dloss, Out(dp, shape)));
            UnreducedF(at, p, ps => PerRow(ps, y, shape, lo, hi),
                (ps, loss) => C.SparseCategoricalCrossEntropyUnreduced(In(ps, shape), y, loss),
                (ps, dloss, dp) => C.SparseCategoricalCrossEntropyUnreduced(In(ps, shape), y, dloss, Out(dp, shape)));

            // The same as the categorical loss with one-hot targets.
            double[] t = CategoricalCrossEntropyTests.OneHot(y, shape);
            Check.Close(CategoricalCrossEntropyTests.PerRow(p, t, shape, 0).Average(), C.SparseCategoricalCrossEntropy(In(p, shape), y), 1e-14, $"{at}: one-hot");
        }
    }

    [Fact]
    public void Keras_documented_example_and_clipping()
    {
        // keras.losses.SparseCategoricalCrossentropy docs: y_true [1, 2], y_pred [[.05, .95, 0], [.1, .8, .1]] → ≈ 1.177.
        int[] shape = [2, 3];
        double[] p = [0.05, 0.95, 0, 0.1, 0.8, 0.1];
        Check.Close((-Math.Log(0.95) - Math.Log(0.1)) / 2, C.SparseCategoricalCrossEntropy(In(p, shape), [1, 2]), 1e-15, "keras example");
        // The target's probability is 0: clipped to ε, −log ε ≈ 16.1, and no gradient flows through the clip.
        var dp = new double[6];
        Check.Close(-Math.Log(1e-7), C.SparseCategoricalCrossEntropy(In(p, shape), [2, 2], Out(dp, shape), Reduction.Sum) + Math.Log(0.1), 1e-14, "−log ε");
        Assert.All(dp.Take(3), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        double[] p = Check.Uniform(6, 1, 0.1, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => C.SparseCategoricalCrossEntropy(In(p, [2, 3]), [0, 3]));
        Assert.Equal("y", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => C.SparseCategoricalCrossEntropyUnreduced(In(p, [2, 3]), [-1, 0], new double[2]));
        Assert.Equal("y", e.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => C.SparseCategoricalCrossEntropy(In(p, [2, 3]), [0, 1, 2]));
    }
}
