using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.MetricLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.BatchHardTriplet))]
public class BatchHardTripletTests
{
    // Seed 003's OnlineTripletLoss loop: anchors with a positive and a negative only, divided by max(count, 1).
    private static double Reference(double[] e, int[] y, int n, int d, double margin)
    {
        double Dist(int i, int k) => Math.Sqrt(Enumerable.Range(0, d).Sum(c => (e[i * d + c] - e[k * d + c]) * (e[i * d + c] - e[k * d + c])));
        double total = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            var pos = Enumerable.Range(0, n).Where(k => k != i && y[k] == y[i]).ToList();
            var neg = Enumerable.Range(0, n).Where(k => y[k] != y[i]).ToList();
            if (pos.Count > 0 && neg.Count > 0)
            {
                total += Math.Max(0, pos.Max(k => Dist(i, k)) - neg.Min(k => Dist(i, k)) + margin);
                count++;
            }
        }

        return total / Math.Max(count, 1);
    }

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    [Theory]
    [InlineData(6, 3, 2, 1.0)]
    [InlineData(11, 4, 3, 0.5)]
    [InlineData(16, 9, 5, 2.0)]
    public void Matches_the_seed_definition_with_gradients_in_float_and_double(int n, int d, int classes, double margin)
    {
        double[] e = Check.Normal(n * d, seed: 50 + n);
        int[] y = Check.Classes(n, classes, seed: 60 + n);
        y[^1] = 1000; // a singleton: an anchor without a positive, left out of the mean
        double expected = Reference(e, y, n, d, margin);
        Assert.True(expected > 0);
        double[] de = new double[n * d];
        Check.Close(expected, M.BatchHardTriplet(In(e, n, d), y, Out(de, n, d), margin), 1e-13, "loss");
        Check.Close(expected, M.BatchHardTriplet(In(e, n, d), y, margin), 1e-13, "forward-only loss");
        Check.Close(Check.FiniteDifferences(x => Reference(x, y, n, d, margin), e), de, 1e-7, "dembeddings");

        float[] ef = Check.ToFloat(e), def = new float[n * d];
        double[] er = Check.ToDouble(ef);
        double expectedF = Reference(er, y, n, d, margin);
        Check.Close(expectedF, M.BatchHardTriplet(In(ef, n, d), y, Out(def, n, d), (float)margin), 1e-5, "float loss");
        Check.Close(expectedF, M.BatchHardTriplet(In(ef, n, d), y, (float)margin), 1e-5, "float forward-only loss");
        Check.Close(Check.FiniteDifferences(x => Reference(x, y, n, d, margin), er), def, 1e-4, "float dembeddings");
    }

    [Fact]
    public void A_worked_example_on_a_line()
    {
        // Points 0, 1, 3, 7 on a line, labels A A B B. Anchor 0: hp 1, hn 3 → max(0, 1 − 3 + 1) = 0; anchor 1: hp 1,
        // hn 2 → 0; anchor 3: hp 4, hn 2 → 3; anchor 7: hp 4, hn 6 → 0. Mean over 4 anchors: 0.75.
        double[] e = [0, 1, 3, 7], de = new double[4];
        int[] y = [0, 0, 1, 1];
        Assert.Equal(0.75, M.BatchHardTriplet(In(e, 4, 1), y, Out(de, 4, 1), 1), 14);
        // Only anchor 3 (index 2) is active: ∂/∂e₂ of (|e₂ − e₃| − |e₂ − e₁|) / 4 = (−1 − 1)/4; e₃ gets +1/4, e₁ −(−1/4)… = +1/4.
        Assert.Equal([0, 0.25, -0.5, 0.25], de);
    }

    [Fact]
    public void No_anchor_with_both_a_positive_and_a_negative_gives_zero()
    {
        double[] e = [0, 1, 2], de = [9, 9, 9];
        Assert.Equal(0, M.BatchHardTriplet(In(e, 3, 1), [4, 4, 4], Out(de, 3, 1), 1));
        Assert.Equal([0, 0, 0], de);
    }

    [Fact]
    public void Labels_of_the_wrong_length_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => M.BatchHardTriplet(In(new double[6], 3, 2), new int[2]));
        Assert.Equal("labels", e.ParamName);
    }
}
