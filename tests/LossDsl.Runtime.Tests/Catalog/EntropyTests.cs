using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.Entropy))]
public class EntropyTests
{
    // H(softmax(x)) = −Σ p·log p per row, mean over rows (a term with p = 0 contributes 0).
    private static double Reference(double[] x, int[] shape) =>
        RowsOf(x, shape).Select(row => -LogSoftmax(row).Sum(lp => lp == double.NegativeInfinity ? 0 : Math.Exp(lp) * lp)).Average();

    private static void Run(int[] shape, double[] x, double step = 1e-6)
    {
        string at = $"shape ({string.Join(", ", shape)})";
        Reduced(at, x, xs => Reference(xs, shape), xs => C.Entropy(In(xs, shape)), (xs, dx) => C.Entropy(In(xs, shape), Out(dx, shape)), step: step);
        ReducedF(at, x, xs => Reference(xs, shape), xs => C.Entropy(In(xs, shape)), (xs, dx) => C.Entropy(In(xs, shape), Out(dx, shape)));
    }

    [Fact]
    public void Matches_the_entropy_of_the_softmax()
    {
        foreach (int[] shape in Shapes())
        {
            Run(shape, Check.Normal(shape.Aggregate(1, (a, b) => a * b), shape.Sum() * 31, 2));
        }
    }

    [Fact]
    public void Known_values()
    {
        // Equal logits: the uniform distribution, entropy log C; one dominant logit: entropy 0.
        Check.Close(Math.Log(5), C.Entropy(In(new double[] { 3, 3, 3, 3, 3 }, [1, 5])), 1e-15, "log C");
        Check.Close(Math.Log(2), C.Entropy(In(new double[] { 0, 0, 7, 7 }, [2, 2])), 1e-15, "log 2");
        var dx = new double[3];
        Assert.Equal(0.0, C.Entropy(In(new double[] { 1e4, 0, -1e4 }, [1, 3]), Out(dx, [1, 3])));
        Assert.All(dx, v => Assert.Equal(0.0, v));
        // Two logits of 1e4 in float: ln 2 to float precision. (x − (max + log Σ)) would round at the magnitude of 1e4,
        // giving 0.6933594; the entry subtracts the maximum first, as PyTorch's log_softmax.
        Check.Close(Math.Log(2), C.Entropy(In(new float[] { 1e4f, 1e4f, -3 }, [1, 3])), 1e-7, "float ln 2 at 1e4");
    }

    [Fact]
    public void Extreme_logits_give_finite_values_and_gradients()
    {
        foreach (int[] shape in Shapes().Where(s => s[1] > 1))
        {
            double[] x = Extreme(shape.Aggregate(1, (a, b) => a * b), shape.Sum() * 37);
            Run(shape, x, ExtremeStep);
            var dx = new float[x.Length];
            Finite("float loss", new[] { C.Entropy(In(Check.ToFloat(x), shape), Out(dx, shape)) });
            Finite("float dx", dx);
        }
    }

    [Fact]
    public void Tensors_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => C.Entropy(In(new double[6], [2, 3]), Out(new double[8], [2, 4])));
        Assert.Equal("dx", e.ParamName);
    }
}
