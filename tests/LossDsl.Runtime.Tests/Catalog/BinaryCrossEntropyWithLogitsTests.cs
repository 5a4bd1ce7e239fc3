using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.BinaryCrossEntropyWithLogits))]
public class BinaryCrossEntropyWithLogitsTests
{
    // softplus(z) = log(1 + e^z), written stably in double.
    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    // PyTorch's definition: ℓ = w·(pw·t·(−log σ(x)) + (1 − t)·(−log(1 − σ(x)))), −log σ(x) = softplus(−x).
    private static double Element(double x, double t, double w = 1, double pw = 1) => w * (pw * t * Softplus(-x) + (1 - t) * Softplus(x));

    private static readonly VectorEntry Plain = new(
        (p, t, r) => C.BinaryCrossEntropyWithLogits(p, t, r), (p, t, dp, r) => C.BinaryCrossEntropyWithLogits(p, t, dp, r),
        (p, t, r) => C.BinaryCrossEntropyWithLogits(p, t, r), (p, t, dp, r) => C.BinaryCrossEntropyWithLogits(p, t, dp, r),
        (p, t, l) => C.BinaryCrossEntropyWithLogitsUnreduced(p, t, l), (p, t, g, dp) => C.BinaryCrossEntropyWithLogitsUnreduced(p, t, g, dp),
        (p, t, l) => C.BinaryCrossEntropyWithLogitsUnreduced(p, t, l), (p, t, g, dp) => C.BinaryCrossEntropyWithLogitsUnreduced(p, t, g, dp));

    [Fact]
    public void Matches_binary_cross_entropy_with_logits() =>
        ElementwiseSuite.Run(Plain, (x, t) => Element(x, t), (n, seed) => (Check.Normal(n, seed, 3), Check.Uniform(n, seed + 1, 0, 1)));

    [Fact]
    public void Binary_labels_and_a_known_value()
    {
        // x = 0: −log(1/2) = ln 2 for either label.
        Check.Close(Math.Log(2), C.BinaryCrossEntropyWithLogits(new double[] { 0, 0 }, new double[] { 0, 1 }), 1e-15, "ln 2");
        ElementwiseSuite.Run(Plain, (x, t) => Element(x, t), (n, seed) => (Check.Normal(n, seed, 3), Check.Classes(n, 2, seed + 1).Select(v => (double)v).ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    public void Matches_weight_and_pos_weight(int n)
    {
        double[] x = Check.Normal(n, 3, 3), t = Check.Uniform(n, 4, 0, 1), w = Check.Uniform(n, 5, 0, 2), pw = Check.Uniform(n, 6, 0.5, 3);
        float[] tf = Check.ToFloat(t), wf = Check.ToFloat(w), pwf = Check.ToFloat(pw);
        double[] tr = Check.ToDouble(tf), wr = Check.ToDouble(wf), pwr = Check.ToDouble(pwf);
        double[] PerElement(double[] xs, double[] ts, double[] ws, double[] ps) => xs.Select((v, i) => Element(v, ts[i], ws[i], ps[i])).ToArray();
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
        {
            Reduced($"n={n}, {reduction}", x, xs => Check.Reduce(PerElement(xs, t, w, pw), reduction, n),
                xs => C.BinaryCrossEntropyWithLogits(xs, t, w, pw, reduction), (xs, dx) => C.BinaryCrossEntropyWithLogits(xs, t, w, pw, dx, reduction));
            ReducedF($"n={n}, {reduction}", x, xs => Check.Reduce(PerElement(xs, tr, wr, pwr), reduction, n),
                xs => C.BinaryCrossEntropyWithLogits(xs, tf, wf, pwf, reduction), (xs, dx) => C.BinaryCrossEntropyWithLogits(xs, tf, wf, pwf, dx, reduction));
        }

        Unreduced($"n={n}", x, xs => PerElement(xs, t, w, pw), (xs, loss) => C.BinaryCrossEntropyWithLogitsUnreduced(xs, t, w, pw, loss),
            (xs, g, dx) => C.BinaryCrossEntropyWithLogitsUnreduced(xs, t, w, pw, g, dx));
        UnreducedF($"n={n}", x, xs => PerElement(xs, tr, wr, pwr), (xs, loss) => C.BinaryCrossEntropyWithLogitsUnreduced(xs, tf, wf, pwf, loss),
            (xs, g, dx) => C.BinaryCrossEntropyWithLogitsUnreduced(xs, tf, wf, pwf, g, dx));
    }

    [Fact]
    public void Matches_multi_label_input_with_a_positive_weight_per_class()
    {
        foreach (int[] shape in Shapes())
        {
            int c = shape[1], len = shape.Aggregate(1, (a, b) => a * b);
            double[] x = Check.Normal(len, len, 3), t = Check.Uniform(len, len + 1, 0, 1), pw = Check.Uniform(c, c, 0.5, 3);
            float[] tf = Check.ToFloat(t), pwf = Check.ToFloat(pw);
            double[] tr = Check.ToDouble(tf), pwr = Check.ToDouble(pwf);
            // Element k of a row-major (N, C, d…) tensor is in class (k / inner) % C.
            int inner = len / shape[0] / c;
            double[] PerElement(double[] xs, double[] ts, double[] ps) => xs.Select((v, k) => Element(v, ts[k], 1, ps[k / inner % c])).ToArray();
            string at = $"shape ({string.Join(", ", shape)})";
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                Reduced($"{at}, {reduction}", x, xs => Check.Reduce(PerElement(xs, t, pw), reduction, Rows(shape)),
                    xs => C.BinaryCrossEntropyWithLogits(In(xs, shape), In(t, shape), pw, reduction),
                    (xs, dx) => C.BinaryCrossEntropyWithLogits(In(xs, shape), In(t, shape), pw, Out(dx, shape), reduction));
                ReducedF($"{at}, {reduction}", x, xs => Check.Reduce(PerElement(xs, tr, pwr), reduction, Rows(shape)),
                    xs => C.BinaryCrossEntropyWithLogits(In(xs, shape), In(tf, shape), pwf, reduction),
                    (xs, dx) => C.BinaryCrossEntropyWithLogits(In(xs, shape), In(tf, shape), pwf, Out(dx, shape), reduction));
            }

            Unreduced(at, x, xs => PerElement(xs, t, pw), (xs, loss) => C.BinaryCrossEntropyWithLogitsUnreduced(In(xs, shape), In(t, shape), pw, Out(loss, shape)),
                (xs, g, dx) => C.BinaryCrossEntropyWithLogitsUnreduced(In(xs, shape), In(t, shape), pw, In(g, shape), Out(dx, shape)));
            UnreducedF(at, x, xs => PerElement(xs, tr, pwr), (xs, loss) => C.BinaryCrossEntropyWithLogitsUnreduced(In(xs, shape), In(tf, shape), pwf, Out(loss, shape)),
                (xs, g, dx) => C.BinaryCrossEntropyWithLogitsUnreduced(In(xs, shape), In(tf, shape), pwf, In(g, shape), Out(dx, shape)));
        }
    }

    [Fact]
    public void Extreme_logits_give_finite_values_and_gradients()
    {
        double[] x = Extreme(30, 9), t = Check.Classes(30, 2, 10).Select(v => (double)v).ToArray(), w = Check.Uniform(30, 11, 0, 2), pw = Check.Uniform(30, 12, 0.5, 3);
        // Three arrays would be ambiguous between (x, t, dx) and the multi-label (x, t, pos_weight): name the span types.
        Reduced("plain", x, xs => xs.Select((v, i) => Element(v, t[i])).Average(), xs => C.BinaryCrossEntropyWithLogits(xs, t),
            (xs, dx) => C.BinaryCrossEntropyWithLogits(xs, t, (Span<double>)dx), step: ExtremeStep);
        Reduced("weighted", x, xs => xs.Select((v, i) => Element(v, t[i], w[i], pw[i])).Average(), xs => C.BinaryCrossEntropyWithLogits(xs, t, w, pw),
            (xs, dx) => C.BinaryCrossEntropyWithLogits(xs, t, w, pw, dx), step: ExtremeStep);
        var dxf = new float[30];
        float lossF = C.BinaryCrossEntropyWithLogits(Check.ToFloat(x), Check.ToFloat(t), (Span<float>)dxf);
        Finite("float loss", new[] { lossF });
        Finite("float dx", dxf);
        Check.Close(x.Select((v, i) => Element(v, t[i])).Average(), lossF, 1e-6, "float loss at ±1e4");
    }

    [Fact]
    public void Lengths_that_disagree_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => C.BinaryCrossEntropyWithLogits(new double[3], new double[3], new double[2], new double[3]));
        Assert.Equal("weight", e.ParamName);
        e = Assert.ThrowsAny<ArgumentException>(() => C.BinaryCrossEntropyWithLogits(In(new double[6], [2, 3]), In(new double[6], [2, 3]), new double[2]));
        Assert.Equal("pos_weight", e.ParamName);
    }
}
