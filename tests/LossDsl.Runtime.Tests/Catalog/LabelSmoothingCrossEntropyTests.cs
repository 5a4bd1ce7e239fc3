using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.LabelSmoothingCrossEntropy))]
public class LabelSmoothingCrossEntropyTests
{
    // Seed 003: true_dist = ε/(K − 1) everywhere, 1 − ε at the target; mean over rows of −Σ true_dist·log_softmax.
    // (K = 1: the seed divides by zero; the entry defines the off-target term as empty.)
    private static double Reference(double[] x, int[] shape, int[] y, double eps)
    {
        int c = shape[1];
        return RowsOf(x, shape).Select((row, r) =>
        {
            double[] lp = LogSoftmax(row);
            double off = c == 1 ? 0 : Enumerable.Range(0, c).Where(j => j != y[r]).Sum(j => eps / (c - 1) * lp[j]);
            return -(1 - eps) * lp[y[r]] - off;
        }).Average();
    }

    private static void Run(int[] shape, double eps, double[] x, int[] y, double step = 1e-6)
    {
        float epsF = (float)eps;
        string at = $"shape ({string.Join(", ", shape)}), ε {eps}";
        Reduced(at, x, xs => Reference(xs, shape, y, eps),
            xs => C.LabelSmoothingCrossEntropy(In(xs, shape), y, eps),
            (xs, dx) => C.LabelSmoothingCrossEntropy(In(xs, shape), y, Out(dx, shape), eps), step: step);
        ReducedF(at, x, xs => Reference(xs, shape, y, epsF),
            xs => C.LabelSmoothingCrossEntropy(In(xs, shape), y, epsF),
            (xs, dx) => C.LabelSmoothingCrossEntropy(In(xs, shape), y, Out(dx, shape), epsF));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.0)]
    [InlineData(0.35)]
    [InlineData(1.0)]
    public void Matches_the_seed_definition(double eps)
    {
        foreach (int[] shape in Shapes())
        {
            int seed = shape.Sum() * 17;
            Run(shape, eps, Check.Normal(shape.Aggregate(1, (a, b) => a * b), seed, 3), Check.Classes(Rows(shape), shape[1], seed + 1));
        }
    }

    [Fact]
    public void Default_epsilon_is_the_seeds_0_1()
    {
        int[] shape = [4, 5];
        double[] x = Check.Normal(20, 2);
        int[] y = [0, 2, 1, 4];
        Check.Close(Reference(x, shape, y, 0.1), C.LabelSmoothingCrossEntropy(In(x, shape), y), 1e-14, "default ε");
    }

    [Fact]
    public void Differs_from_PyTorchs_label_smoothing_by_the_off_target_share()
    {
        // PyTorch's ε spreads ε/C over every class; the seed's ε' = ε·(C − 1)/C puts the same ε/C on each other class and
        // 1 − ε + ε/C on the target, so the two coincide; with the same ε they differ.
        int[] shape = [3, 4];
        double[] x = Check.Normal(12, 5, 2);
        int[] y = [3, 0, 1];
        double eps = 0.2;
        double torch = C.CrossEntropy(In(x, shape), y, label_smoothing: eps);
        Check.Close(torch, C.LabelSmoothingCrossEntropy(In(x, shape), y, eps * 3 / 4), 1e-14, "ε' = ε·(C − 1)/C");
        Assert.True(Math.Abs(torch - C.LabelSmoothingCrossEntropy(In(x, shape), y, eps)) > 1e-3);
    }

    [Fact]
    public void Extreme_logits_give_finite_values_and_gradients()
    {
        foreach (int[] shape in Shapes().Where(s => s[1] > 1))
        {
            int seed = shape.Sum() * 19;
            double[] x = Extreme(shape.Aggregate(1, (a, b) => a * b), seed);
            int[] y = Check.Classes(Rows(shape), shape[1], seed + 1);
            Run(shape, 0.1, x, y, ExtremeStep);
            var dx = new float[x.Length];
            Finite("float loss", new[] { C.LabelSmoothingCrossEntropy(In(Check.ToFloat(x), shape), y, Out(dx, shape)) });
            Finite("float dx", dx);
        }
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        double[] x = Check.Normal(6, 1);
        Assert.Equal("y", Assert.Throws<ArgumentOutOfRangeException>(() => C.LabelSmoothingCrossEntropy(In(x, [2, 3]), [0, 3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentOutOfRangeException>(() => C.LabelSmoothingCrossEntropy(In(x, [2, 3]), [-100, 0])).ParamName);
    }
}
