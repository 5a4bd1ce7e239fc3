using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.KullbackLeiblerDivergence))]
public class KullbackLeiblerDivergenceTests
{
    // PyTorch's kl_div, pointwise: log_target ? exp(t)·(t − x) : xlogy(t, t) − t·x with xlogy(0, y) = 0.
    private static double Element(double x, double t, bool logTarget) =>
        logTarget ? Math.Exp(t) * (t - x) : (t == 0 ? 0 : t * Math.Log(t)) - t * x;

    private static double[] PerElement(double[] x, double[] t, bool logTarget) => x.Select((v, k) => Element(v, t[k], logTarget)).ToArray();

    // 'mean' over every element, 'sum', 'batchmean' = sum / input.size(0).
    private static double Reference(double[] x, double[] t, int[] shape, bool logTarget, Reduction reduction)
    {
        double[] values = PerElement(x, t, logTarget);
        return reduction switch
        {
            Reduction.Sum => values.Sum(),
            Reduction.BatchMean => values.Sum() / shape[0],
            _ => values.Sum() / values.Length,
        };
    }

    // log_softmax of random rows: log-probabilities along axis 1.
    private static double[] LogProbabilityRows(int[] shape, int seed, double scale = 2)
    {
        double[] z = Check.Normal(shape.Aggregate(1, (a, b) => a * b), seed, scale);
        var lp = new double[z.Length];
        for (int r = 0; r < Rows(shape); r++)
        {
            double[] row = LogSoftmax(Row(z, shape, r));
            for (int j = 0; j < shape[1]; j++)
            {
                lp[Offset(shape, r, j)] = row[j];
            }
        }

        return lp;
    }

    private static void Run(int[] shape, bool logTarget, double[] x, double[] t, double step = 1e-6)
    {
        float[] tf = Check.ToFloat(t);
        double[] tr = Check.ToDouble(tf);
        string at = $"shape ({string.Join(", ", shape)}), log_target {logTarget}";
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
        {
            string what = $"{at}, {reduction}";
            Reduced(what, x, xs => Reference(xs, t, shape, logTarget, reduction),
                xs => C.KullbackLeiblerDivergence(In(xs, shape), In(t, shape), logTarget, reduction),
                (xs, dx) => C.KullbackLeiblerDivergence(In(xs, shape), In(t, shape), Out(dx, shape), logTarget, reduction), step: step);
            ReducedF(what, x, xs => Reference(xs, tr, shape, logTarget, reduction),
                xs => C.KullbackLeiblerDivergence(In(xs, shape), In(tf, shape), logTarget, reduction),
                (xs, dx) => C.KullbackLeiblerDivergence(In(xs, shape), In(tf, shape), Out(dx, shape), logTarget, reduction));
        }

        Unreduced(at, x, xs => PerElement(xs, t, logTarget),
            (xs, loss) => C.KullbackLeiblerDivergenceUnreduced(In(xs, shape), In(t, shape), Out(loss, shape), logTarget),
            (xs, dloss, dx) => C.KullbackLeiblerDivergenceUnreduced(In(xs, shape), In(t, shape), In(dloss, shape), Out(dx, shape), logTarget), step: step);
        UnreducedF(at, x, xs => PerElement(xs, tr, logTarget),
            (xs, loss) => C.KullbackLeiblerDivergenceUnreduced(In(xs, shape), In(tf, shape), Out(loss, shape), logTarget),
            (xs, dloss, dx) => C.KullbackLeiblerDivergenceUnreduced(In(xs, shape), In(tf, shape), In(dloss, shape), Out(dx, shape), logTarget));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Matches_kl_div(bool logTarget)
    {
        foreach (int[] shape in Shapes())
        {
            int seed = shape.Sum() * 11 + (logTarget ? 1 : 0);
            double[] x = LogProbabilityRows(shape, seed);
            double[] t = LogProbabilityRows(shape, seed + 1);
            if (!logTarget)
            {
                t = t.Select((v, k) => k % 5 == 2 ? 0 : Math.Exp(v)).ToArray(); // probabilities, some exactly 0
            }

            Run(shape, logTarget, x, t);
        }
    }

    [Fact]
    public void Batchmean_divides_by_the_first_dimension_also_for_rank_3()
    {
        // (2, 3, 4): PyTorch's batchmean divides the sum by 2, not by the 8 positions.
        int[] shape = [2, 3, 4];
        double[] x = LogProbabilityRows(shape, 5), t = LogProbabilityRows(shape, 6).Select(Math.Exp).ToArray();
        double sum = PerElement(x, t, false).Sum();
        Check.Close(sum / 2, C.KullbackLeiblerDivergence(In(x, shape), In(t, shape), reduction: Reduction.BatchMean), 1e-13, "batchmean");
        var dx = new double[x.Length];
        C.KullbackLeiblerDivergence(In(x, shape), In(t, shape), Out(dx, shape), reduction: Reduction.BatchMean);
        Check.Close(t.Select(v => -v / 2).ToArray(), dx, 1e-15, "dx = −t / N");
        Check.Close(sum / x.Length, C.KullbackLeiblerDivergence(In(x, shape), In(t, shape)), 1e-13, "mean over every element");
    }

    [Fact]
    public void Known_values_and_PyTorch_edge_cases()
    {
        int[] shape = [1, 2];
        // KL(t ‖ q) with t = (½, ½), q = (¼, ¾): ½·log(2) + ½·log(2/3), batchmean.
        double expected = 0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3);
        Check.Close(expected, C.KullbackLeiblerDivergence(In(new[] { Math.Log(0.25), Math.Log(0.75) }, shape), In(new[] { 0.5, 0.5 }, shape), reduction: Reduction.BatchMean), 1e-15, "KL");
        Check.Close(expected, C.KullbackLeiblerDivergence(In(new[] { Math.Log(0.25), Math.Log(0.75) }, shape), In(new[] { Math.Log(0.5), Math.Log(0.5) }, shape), true, Reduction.BatchMean), 1e-15, "KL, log_target");

        var loss = new double[2];
        // A target of 0 contributes 0 for a finite input; 0·(−∞) is NaN, as PyTorch's xlogy(t, t) − t·x.
        C.KullbackLeiblerDivergenceUnreduced(In(new[] { -3.0, double.NegativeInfinity }, shape), In(new[] { 0.0, 0.0 }, shape), Out(loss, shape));
        Assert.Equal(0.0, loss[0]);
        Assert.True(double.IsNaN(loss[1]));
        // A negative target (not a probability) is NaN, as PyTorch's log of it.
        C.KullbackLeiblerDivergenceUnreduced(In(new[] { -1.0, -1.0 }, shape), In(new[] { -0.5, 1.0 }, shape), Out(loss, shape));
        Assert.True(double.IsNaN(loss[0]));
        Check.Close(1.0, loss[1], 1e-15, "t = 1, x = −1");
    }

    [Fact]
    public void Extreme_log_probabilities_give_finite_values_and_gradients()
    {
        int[] shape = [4, 3];
        double[] x = Check.Normal(12, 3).Select((v, k) => k % 3 == 0 ? -1e4 : -Math.Abs(v)).ToArray();
        double[] t = Check.Uniform(12, 4, 0, 1);
        Run(shape, false, x, t, ExtremeStep);
        Run(shape, true, x, t.Select(v => Math.Log(v)).ToArray(), ExtremeStep);
        var dx = new float[12];
        Finite("float loss", new[] { C.KullbackLeiblerDivergence(In(Check.ToFloat(x), shape), In(Check.ToFloat(t), shape), Out(dx, shape)) });
        Finite("float dx", dx);
    }

    [Fact]
    public void Shapes_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => C.KullbackLeiblerDivergence(In(new double[6], [2, 3]), In(new double[8], [2, 4])));
        Assert.Equal("t", e.ParamName);
        e = Assert.ThrowsAny<ArgumentException>(() => C.KullbackLeiblerDivergence(In(new double[24], [2, 3, 4]), In(new double[24], [2, 4, 3]), reduction: Reduction.BatchMean));
        Assert.Equal("t", e.ParamName);
    }
}
