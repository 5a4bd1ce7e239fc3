using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double TwoSetGradient(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);

public delegate float TwoSetGradientFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db);

public delegate double TwoViewGradient(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);

public delegate float TwoViewGradientFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t);

public delegate double LabelledGradient(ReadOnlyTensorSpan<double> e, ReadOnlySpan<int> y, TensorSpan<double> de, double margin);

public delegate float LabelledGradientFloat(ReadOnlyTensorSpan<float> e, ReadOnlySpan<int> y, TensorSpan<float> de, float margin);

public delegate void PerRowLoss(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, Span<double> loss);

/// <summary>
/// Pairwise matrices (sqdist, cdist, dots, cosine_sim over two sets of rows) through the generator, at user level: the
/// metric-learning losses of issue 4 written as formulas, against closed forms evaluated here in double, and every
/// gradient against central finite differences of that closed form.
/// </summary>
public class PairwiseLossTests
{
    internal const string InfoNceFormula = "s = cosine_sim(a, b) / t; mean(logsumexp(s) - row_sum(where(eye(), s, 0)))";

    // NT-Xent (SimCLR) over two views: anchor aᵢ, positive bᵢ, negatives every bₖ (k ≠ i) and every aₖ (k ≠ i); then the
    // same with the views swapped, and the mean of the 2N terms.
    private const string NtXentFormula =
        "sab = cosine_sim(a, b) / t; saa = where(eye(), -inf, cosine_sim(a, a) / t); " +
        "sba = cosine_sim(b, a) / t; sbb = where(eye(), -inf, cosine_sim(b, b) / t); " +
        "la = logsumexp(sab); lb = logsumexp(saa); ma = max(la, lb); " +
        "lc = logsumexp(sba); ld = logsumexp(sbb); mb = max(lc, ld); " +
        "pos = row_sum(where(eye(), sab, 0)); " +
        "(mean(ma + log(exp(la - ma) + exp(lb - ma)) - pos) + mean(mb + log(exp(lc - mb) + exp(ld - mb)) - pos)) / 2";

    private const string TripletFormula =
        "d = cdist(e, e); hardest_pos = row_max(where(same(y) & !eye(), d, -inf)); hardest_neg = row_min(where(same(y), inf, d)); " +
        "mean(relu(hardest_pos - hardest_neg + margin))";

    private const string Members = $$"""
        [Loss("mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))")]
        public static partial double Chamfer(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);
        [Loss("mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))")]
        public static partial float ChamferFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db);
        [Loss("mean(row_min(cdist(a, b)))")]
        public static partial double NearestDistance(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);
        [Loss("mean(logsumexp(dots(a, b))) + mean(row_mean(sqdist(a, b)))")]
        public static partial double DotsAndMeans(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);
        [Loss("{{InfoNceFormula}}")]
        public static partial double InfoNce(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);
        [Loss("{{InfoNceFormula}}")]
        public static partial float InfoNceFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t);
        [Loss("{{NtXentFormula}}")]
        public static partial double NtXent(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);
        [Loss("{{TripletFormula}}")]
        public static partial double BatchHardTriplet(ReadOnlyTensorSpan<double> e, ReadOnlySpan<int> y, TensorSpan<double> de, double margin);
        [Loss("{{TripletFormula}}")]
        public static partial float BatchHardTripletFloat(ReadOnlyTensorSpan<float> e, ReadOnlySpan<int> y, TensorSpan<float> de, float margin);
        [Loss("row_min(sqdist(a, b))")]
        public static partial void NearestPerRow(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, Span<double> loss);
        """;

    private static Type Compiled => ShapedLossCompiler.Compile(Members);

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static double[] Row(double[] x, int r, int d) => x.Skip(r * d).Take(d).ToArray();

    private static double SqDist(double[] x, int i, double[] y, int k, int d) => Enumerable.Range(0, d).Sum(c => (x[i * d + c] - y[k * d + c]) * (x[i * d + c] - y[k * d + c]));

    private static double Cos(double[] x, int i, double[] y, int k, int d)
    {
        double dot = Enumerable.Range(0, d).Sum(c => x[i * d + c] * y[k * d + c]);
        double nx = Math.Sqrt(Enumerable.Range(0, d).Sum(c => x[i * d + c] * x[i * d + c]));
        double ny = Math.Sqrt(Enumerable.Range(0, d).Sum(c => y[k * d + c] * y[k * d + c]));
        return dot / (Math.Max(nx, 1e-8) * Math.Max(ny, 1e-8));
    }

    private static double LogSumExp(System.Collections.Generic.IEnumerable<double> xs)
    {
        double[] v = xs.ToArray();
        double m = v.Max();
        return double.IsNegativeInfinity(m) ? m : m + Math.Log(v.Sum(x => Math.Exp(x - m)));
    }

    // Chamfer: the mean squared distance from each point of a to its nearest in b, plus from each point of b to its nearest in a.
    private static double Chamfer(double[] a, double[] b, int n, int m, int d) =>
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Min(k => SqDist(a, i, b, k, d))) +
        Enumerable.Range(0, m).Average(k => Enumerable.Range(0, n).Min(i => SqDist(a, i, b, k, d)));

    [Theory]
    [InlineData(5, 3, 2)]
    [InlineData(3, 7, 3)]
    [InlineData(9, 17, 5)]
    public void Chamfer_both_ways_between_sets_of_different_sizes(int n, int m, int d)
    {
        double[] a = Normal(n * d, seed: n), b = Normal(m * d, seed: m + 100);
        double[] da = new double[n * d], db = new double[m * d];
        double loss = Compiled.Get<TwoSetGradient>("Chamfer")(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d));
        Close(Chamfer(a, b, n, m, d), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => Chamfer(x, b, n, m, d), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => Chamfer(a, x, n, m, d), b), db, 1e-7, "db");

        float[] af = As<float>(a), bf = As<float>(b), daf = new float[n * d], dbf = new float[m * d];
        float lossF = Compiled.Get<TwoSetGradientFloat>("ChamferFloat")(In(af, n, d), In(bf, m, d), Out(daf, n, d), Out(dbf, m, d));
        Close(Chamfer(a, b, n, m, d), lossF, 1e-5, "float loss");
        Close(da, ToDouble(daf), 1e-5, "float da");
        Close(db, ToDouble(dbf), 1e-5, "float db");
    }

    [Fact]
    public void Cdist_gradient_is_zero_where_the_distance_is_zero()
    {
        const int n = 3, m = 4, d = 2;
        double[] a = Normal(n * d, seed: 5), b = Normal(m * d, seed: 6);
        b[2 * d] = a[0];
        b[2 * d + 1] = a[1]; // a₀ coincides with b₂: its nearest distance is 0
        double Loss(double[] x, double[] y) => Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Min(k => Math.Sqrt(SqDist(x, i, y, k, d))));
        double[] da = new double[n * d], db = new double[m * d];
        double loss = Compiled.Get<TwoSetGradient>("NearestDistance")(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d));
        Close(Loss(a, b), loss, 1e-14, "loss");
        // Row 0's only term is ‖a₀ − b₂‖ = 0, whose gradient is 0 (PyTorch's subgradient of the norm at 0).
        Assert.Equal(0, da[0]);
        Assert.Equal(0, da[1]);
        // Central differences of ‖h‖ around 0 are 0 too, so they agree with the masked gradient everywhere.
        Close(FiniteDifferences(x => Loss(x, b), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => Loss(a, x), b), db, 1e-7, "db");
    }

    [Fact]
    public void Dots_logsumexp_and_row_mean_over_the_pair_axis()
    {
        const int n = 4, m = 6, d = 3;
        double[] a = Normal(n * d, seed: 7), b = Normal(m * d, seed: 8);
        double Loss(double[] x, double[] y) =>
            Enumerable.Range(0, n).Average(i => LogSumExp(Enumerable.Range(0, m).Select(k => Enumerable.Range(0, d).Sum(c => x[i * d + c] * y[k * d + c])))) +
            Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Average(k => SqDist(x, i, y, k, d)));
        double[] da = new double[n * d], db = new double[m * d];
        double loss = Compiled.Get<TwoSetGradient>("DotsAndMeans")(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d));
        Close(Loss(a, b), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => Loss(x, b), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => Loss(a, x), b), db, 1e-7, "db");
    }

    // InfoNCE from view a to view b: -log of the softmax of the positive pair (i, i) among the pairs (i, k), cosine / t.
    private static double InfoNce(double[] a, double[] b, int n, int d, double t) =>
        Enumerable.Range(0, n).Average(i => LogSumExp(Enumerable.Range(0, n).Select(k => Cos(a, i, b, k, d) / t)) - Cos(a, i, b, i, d) / t);

    [Theory]
    [InlineData(4, 3)]
    [InlineData(6, 8)]
    [InlineData(11, 17)]
    public void InfoNce_over_two_views(int n, int d)
    {
        const double t = 0.5;
        double[] a = Normal(n * d, seed: 11 + n), b = Normal(n * d, seed: 12 + n);
        double[] da = new double[n * d], db = new double[n * d];
        double loss = Compiled.Get<TwoViewGradient>("InfoNce")(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), t);
        Close(InfoNce(a, b, n, d, t), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => InfoNce(x, b, n, d, t), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => InfoNce(a, x, n, d, t), b), db, 1e-7, "db");

        float[] af = As<float>(a), bf = As<float>(b), daf = new float[n * d], dbf = new float[n * d];
        float lossF = Compiled.Get<TwoViewGradientFloat>("InfoNceFloat")(In(af, n, d), In(bf, n, d), Out(daf, n, d), Out(dbf, n, d), (float)t);
        Close(loss, lossF, 1e-5, "float loss");
        Close(da, ToDouble(daf), 1e-5, "float da");
        Close(db, ToDouble(dbf), 1e-5, "float db");
    }

    // NT-Xent: 2N anchors; anchor aᵢ has positive bᵢ and negatives every other row of both views (never itself).
    private static double NtXent(double[] a, double[] b, int n, int d, double t)
    {
        double Term(double[] x, double[] y, int i) =>
            LogSumExp(Enumerable.Range(0, n).Select(k => Cos(x, i, y, k, d) / t).Concat(Enumerable.Range(0, n).Where(k => k != i).Select(k => Cos(x, i, x, k, d) / t)))
            - Cos(x, i, y, i, d) / t;
        return Enumerable.Range(0, n).Sum(i => Term(a, b, i) + Term(b, a, i)) / (2 * n);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(7, 5)]
    public void NtXent_over_two_views(int n, int d)
    {
        const double t = 0.3;
        double[] a = Normal(n * d, seed: 21 + n), b = Normal(n * d, seed: 22 + n);
        double[] da = new double[n * d], db = new double[n * d];
        double loss = Compiled.Get<TwoViewGradient>("NtXent")(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), t);
        Close(NtXent(a, b, n, d, t), loss, 1e-13, "loss");
        Close(FiniteDifferences(x => NtXent(x, b, n, d, t), a), da, 1e-7, "da");
        Close(FiniteDifferences(x => NtXent(a, x, n, d, t), b), db, 1e-7, "db");
    }

    // Batch-hard triplet (Hermans et al.): per anchor, the farthest positive (same label, not itself) and the nearest negative.
    private static double BatchHard(double[] e, int[] y, int n, int d, double margin) =>
        Enumerable.Range(0, n).Average(i =>
        {
            double[] dist = Enumerable.Range(0, n).Select(k => Math.Sqrt(SqDist(e, i, e, k, d))).ToArray();
            double pos = Enumerable.Range(0, n).Where(k => k != i && y[k] == y[i]).Select(k => dist[k]).DefaultIfEmpty(double.NegativeInfinity).Max();
            double neg = Enumerable.Range(0, n).Where(k => y[k] != y[i]).Select(k => dist[k]).DefaultIfEmpty(double.PositiveInfinity).Min();
            return Math.Max(pos - neg + margin, 0);
        });

    [Theory]
    [InlineData(6, 3, 2)]
    [InlineData(10, 4, 3)]
    [InlineData(17, 9, 4)]
    public void Batch_hard_triplet_over_embeddings_and_labels(int n, int d, int classes)
    {
        const double margin = 1.0;
        double[] e = Normal(n * d, seed: 31 + n);
        int[] y = Classes(n, classes, seed: 32 + n);
        double[] de = new double[n * d];
        double loss = Compiled.Get<LabelledGradient>("BatchHardTriplet")(In(e, n, d), y, Out(de, n, d), margin);
        double expected = BatchHard(e, y, n, d, margin);
        Assert.True(expected > 0, "the case should have active triplets");
        Close(expected, loss, 1e-13, "loss");
        Close(FiniteDifferences(x => BatchHard(x, y, n, d, margin), e), de, 1e-7, "de");

        float[] ef = As<float>(e), def = new float[n * d];
        float lossF = Compiled.Get<LabelledGradientFloat>("BatchHardTripletFloat")(In(ef, n, d), y, Out(def, n, d), (float)margin);
        Close(expected, lossF, 1e-5, "float loss");
        Close(de, ToDouble(def), 1e-4, "float de");
    }

    [Fact]
    public void A_per_sample_pairwise_loss_writes_one_value_per_row()
    {
        const int n = 5, m = 3, d = 2;
        double[] a = Normal(n * d, seed: 41), b = Normal(m * d, seed: 42), loss = new double[n];
        Compiled.Get<PerRowLoss>("NearestPerRow")(In(a, n, d), In(b, m, d), loss);
        Close(Enumerable.Range(0, n).Select(i => Enumerable.Range(0, m).Min(k => SqDist(a, i, b, k, d))).ToArray(), loss, 1e-14, "loss");
    }

    [Fact]
    public void Shapes_are_checked_per_argument_with_the_argument_named()
    {
        var chamfer = Compiled.Get<TwoSetGradient>("Chamfer");
        var wrongFeatures = Assert.Throws<ArgumentException>(() => chamfer(In(new double[6], 3, 2), In(new double[6], 2, 3), Out(new double[6], 3, 2), Out(new double[6], 2, 3)));
        Assert.Equal("b", wrongFeatures.ParamName);
        var wrongGradient = Assert.Throws<ArgumentException>(() => chamfer(In(new double[6], 3, 2), In(new double[8], 4, 2), Out(new double[6], 3, 2), Out(new double[6], 3, 2)));
        Assert.Equal("db", wrongGradient.ParamName);
        var rank3 = Assert.Throws<ArgumentException>(() => chamfer(new ReadOnlyTensorSpan<double>(new double[8], [2, 2, 2], default), In(new double[8], 4, 2), Out(new double[8], 4, 2), Out(new double[8], 4, 2)));
        Assert.Equal("a", rank3.ParamName);

        var triplet = Compiled.Get<LabelledGradient>("BatchHardTriplet");
        var labels = Assert.Throws<ArgumentException>(() => triplet(In(new double[6], 3, 2), new int[4], Out(new double[6], 3, 2), 1));
        Assert.Equal("y", labels.ParamName);

        // NT-Xent compares a with b and a with a: a is a second argument too, so both sets need the same rows.
        var ntXent = Compiled.Get<TwoViewGradient>("NtXent");
        var views = Assert.Throws<ArgumentException>(() => ntXent(In(new double[6], 3, 2), In(new double[4], 2, 2), Out(new double[6], 3, 2), Out(new double[4], 2, 2), 1));
        Assert.Equal("a", views.ParamName);
        Assert.Contains("'a' has 3 rows but 'b' has 2", views.Message);
    }

    [Fact]
    public void Pairwise_losses_allocate_nothing_after_warm_up()
    {
        const int n = 24, d = 16;
        double[] a = Normal(n * d, seed: 51), b = Normal(n * d, seed: 52), da = new double[n * d], db = new double[n * d];
        float[] ef = As<float>(a), def = new float[n * d];
        int[] y = Classes(n, 4, seed: 53);
        var infoNce = Compiled.Get<TwoViewGradient>("InfoNce");
        // Float Chamfer: its column minimum keeps a double buffer beside a float one. (In a double loss the two are
        // same-sized double arrays held together, and the pool's per-thread slot keeps only one of them.)
        float[] af = As<float>(a), bf = As<float>(b), daf = new float[n * d], dbf = new float[n * d];
        var chamfer = Compiled.Get<TwoSetGradientFloat>("ChamferFloat");
        var triplet = Compiled.Get<LabelledGradientFloat>("BatchHardTripletFloat");
        AssertAllocatesNothing(() => infoNce(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), 0.1));
        AssertAllocatesNothing(() => chamfer(In(af, n, d), In(bf, n, d), Out(daf, n, d), Out(dbf, n, d)));
        AssertAllocatesNothing(() => triplet(In(ef, n, d), y, Out(def, n, d), 0.5f));
    }
}
