using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.Focal))]
public class FocalTests
{
    // Seed 003's FocalLoss: ce = cross_entropy(x, y, 'none'); p = exp(−ce); alpha·(1 − p)^gamma·ce.
    private static double[] PerRow(double[] x, int[] shape, int[] y, double alpha, double gamma) =>
        RowsOf(x, shape).Select((row, r) =>
        {
            double ce = LogSumExp(row) - row[y[r]];
            return alpha * Math.Pow(1 - Math.Exp(-ce), gamma) * ce;
        }).ToArray();

    private static void Run(int[] shape, double alpha, double gamma, double[] x, int[] y, double step = 1e-6)
    {
        float a = (float)alpha, g = (float)gamma;
        string at = $"shape ({string.Join(", ", shape)}), α {alpha}, γ {gamma}";
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
        {
            string what = $"{at}, {reduction}";
            Reduced(what, x, xs => Check.Reduce(PerRow(xs, shape, y, alpha, gamma), reduction, Rows(shape)),
                xs => C.Focal(In(xs, shape), y, alpha, gamma, reduction),
                (xs, dx) => C.Focal(In(xs, shape), y, Out(dx, shape), alpha, gamma, reduction), step: step);
            ReducedF(what, x, xs => Check.Reduce(PerRow(xs, shape, y, a, g), reduction, Rows(shape)),
                xs => C.Focal(In(xs, shape), y, a, g, reduction),
                (xs, dx) => C.Focal(In(xs, shape), y, Out(dx, shape), a, g, reduction));
        }

        Unreduced(at, x, xs => PerRow(xs, shape, y, alpha, gamma),
            (xs, loss) => C.FocalUnreduced(In(xs, shape), y, loss, alpha, gamma),
            (xs, dloss, dx) => C.FocalUnreduced(In(xs, shape), y, dloss, Out(dx, shape), alpha, gamma), step: step);
        UnreducedF(at, x, xs => PerRow(xs, shape, y, a, g),
            (xs, loss) => C.FocalUnreduced(In(xs, shape), y, loss, a, g),
            (xs, dloss, dx) => C.FocalUnreduced(In(xs, shape), y, dloss, Out(dx, shape), a, g));
    }

    [Theory]
    [InlineData(0.25, 2.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 1.5)]
    [InlineData(2.0, 3.0)]
    public void Matches_the_seed_definition(double alpha, double gamma)
    {
        foreach (int[] shape in Shapes())
        {
            int seed = shape.Sum() * 23;
            Run(shape, alpha, gamma, Check.Normal(shape.Aggregate(1, (a, b) => a * b), seed, 3), Check.Classes(Rows(shape), shape[1], seed + 1));
        }
    }

    [Fact]
    public void Defaults_and_known_values()
    {
        int[] shape = [3, 4];
        double[] x = Check.Normal(12, 8, 2);
        int[] y = [1, 3, 0];
        Check.Close(PerRow(x, shape, y, 0.25, 2).Average(), C.Focal(In(x, shape), y), 1e-14, "α = 0.25, γ = 2 by default");
        // γ = 0 is α times PyTorch's cross-entropy.
        Check.Close(0.5 * C.CrossEntropy(In(x, shape), y), C.Focal(In(x, shape), y, 0.5, 0), 1e-14, "γ = 0");
        // Two equal logits: p = ½, CE = ln 2: α·(½)^γ·ln 2.
        Check.Close(0.25 * 0.25 * Math.Log(2), C.Focal(In(new double[] { 0, 0 }, [1, 2]), [1]), 1e-15, "p = ½");
    }

    [Fact]
    public void Extreme_logits_give_finite_values_and_gradients()
    {
        foreach (int[] shape in Shapes().Where(s => s[1] > 1))
        {
            int seed = shape.Sum() * 29;
            double[] x = Extreme(shape.Aggregate(1, (a, b) => a * b), seed);
            int[] y = Check.Classes(Rows(shape), shape[1], seed + 1);
            Run(shape, 0.25, 2, x, y, ExtremeStep);
            var dx = new float[x.Length];
            Finite("float loss", new[] { C.Focal(In(Check.ToFloat(x), shape), y, Out(dx, shape)) });
            Finite("float dx", dx);
        }
    }

    [Fact]
    public void A_class_index_out_of_range_is_refused()
    {
        double[] x = Check.Normal(6, 1);
        Assert.Equal("y", Assert.Throws<ArgumentOutOfRangeException>(() => C.Focal(In(x, [2, 3]), [0, 3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentOutOfRangeException>(() => C.FocalUnreduced(In(x, [2, 3]), [-100, 0], new double[2])).ParamName);
    }
}
