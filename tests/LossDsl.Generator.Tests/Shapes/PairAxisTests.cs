using System;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double ReIdGradient(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlyTensorSpan<double> e, TensorSpan<double> dx, TensorSpan<double> de, double margin);

public delegate float ReIdGradientFloat(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, ReadOnlyTensorSpan<float> e, TensorSpan<float> dx, TensorSpan<float> de, float margin);

public delegate double WeightedWithNearest(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> w, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b,
    TensorSpan<double> dx, Span<double> dw, TensorSpan<double> da, TensorSpan<double> db);

public delegate double FeaturesWithPairs(ReadOnlyTensorSpan<double> f, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> df, TensorSpan<double> da, TensorSpan<double> db, double lam);

/// <summary>
/// The class axis j (classes or features, C of them) and the pair axis k (the rows of a pairwise function's second
/// argument, M of them) in one formula: a loss over N×C logits beside a loss over N×M pair matrices (the person
/// re-identification loss, cross-entropy plus batch-hard triplet), per-class weights beside a nearest-neighbour term,
/// a feature tensor read element by element beside pair matrices, column reductions and row means of pair matrices
/// (dividing by M, not C). Values against closed forms evaluated here in double; every gradient against central finite
/// differences of that closed form; float as well as double; C ≠ M throughout so that a mixed-up length shows.
/// </summary>
public class PairAxisTests
{
    private const string ReIdFormula =
        "ce = logsumexp(x) - x[y]; d = cdist(e, e); hp = row_max(where(same(y) & !eye(), d, -inf)); hn = row_min(where(same(y), inf, d)); " +
        "mean(ce) + mean(relu(hp - hn + margin))";

    private const string Members = $$"""
        [Loss("{{ReIdFormula}}")]
        public static partial double ReId(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlyTensorSpan<double> e, TensorSpan<double> dx, TensorSpan<double> de, double margin);
        [Loss("{{ReIdFormula}}")]
        public static partial float ReIdFloat(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, ReadOnlyTensorSpan<float> e, TensorSpan<float> dx, TensorSpan<float> de, float margin);
        [Loss("mean(w[y] * (logsumexp(x) - x[y])) + mean(row_min(sqdist(a, b)))")]
        public static partial double Weighted(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> w, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b,
            TensorSpan<double> dx, Span<double> dw, TensorSpan<double> da, TensorSpan<double> db);
        [Loss("lam * mean(row_sum(f * f)) + mean(col_min(sqdist(a, b))) + mean(row_mean(dots(a, b))) + mean(sqdist(a, b))")]
        public static partial double Features(ReadOnlyTensorSpan<double> f, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> df, TensorSpan<double> da, TensorSpan<double> db, double lam);
        """;

    private static Type Compiled => ShapedLossCompiler.Compile(Members);

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static double Dist(double[] e, int i, int k, int d) =>
        Math.Sqrt(Enumerable.Range(0, d).Sum(c => (e[i * d + c] - e[k * d + c]) * (e[i * d + c] - e[k * d + c])));

    private static double SqDist(double[] a, int i, double[] b, int k, int d) =>
        Enumerable.Range(0, d).Sum(c => (a[i * d + c] - b[k * d + c]) * (a[i * d + c] - b[k * d + c]));

    private static double CrossEntropy(double[] x, int[] y, int n, int c, int i) =>
        Math.Log(Enumerable.Range(0, c).Sum(j => Math.Exp(x[i * c + j]))) - x[i * c + y[i]];

    // Cross-entropy plus the batch-hard triplet term, written out: the hardest positive is the farthest other sample of
    // the same label, the hardest negative the nearest sample of another label.
    private static double ReIdLoss(double[] x, int[] y, double[] e, int n, int c, int d, double margin)
    {
        double ce = Enumerable.Range(0, n).Average(i => CrossEntropy(x, y, n, c, i));
        double triplet = Enumerable.Range(0, n).Average(i =>
        {
            double hp = Enumerable.Range(0, n).Where(k => k != i && y[k] == y[i]).Select(k => Dist(e, i, k, d)).DefaultIfEmpty(double.NegativeInfinity).Max();
            double hn = Enumerable.Range(0, n).Where(k => y[k] != y[i]).Select(k => Dist(e, i, k, d)).DefaultIfEmpty(double.PositiveInfinity).Min();
            return Math.Max(hp - hn + margin, 0);
        });
        return ce + triplet;
    }

    // Labels with every class at least twice, so every anchor has a positive and (with two classes or more) negatives.
    private static int[] PairedLabels(int n, int classes, int seed)
    {
        int[] y = Classes(n, classes, seed);
        for (int i = 0; i < Math.Min(2 * classes, n); i++)
        {
            y[i] = i % classes;
        }

        return y;
    }

    [Theory]
    [InlineData(7, 3, 5)]
    [InlineData(9, 10, 4)]
    [InlineData(12, 2, 17)]
    public void Cross_entropy_and_batch_hard_triplet_in_one_formula_match_the_closed_form_and_finite_differences(int n, int c, int d)
    {
        double[] x = Normal(n * c, seed: 11 + c), e = Normal(n * d, seed: 12 + d);
        int[] y = PairedLabels(n, Math.Min(c, 4), seed: 13);
        const double margin = 0.5;
        var f = Compiled.Get<ReIdGradient>("ReId");
        double[] dx = new double[n * c], de = new double[n * d];
        double loss = f(In(x, n, c), y, In(e, n, d), Out(dx, n, c), Out(de, n, d), margin);

        double expected = ReIdLoss(x, y, e, n, c, d, margin);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => ReIdLoss(v, y, e, n, c, d, margin), x), dx, 1e-6, "dx");
        Close(FiniteDifferences(v => ReIdLoss(x, y, v, n, c, d, margin), e), de, 1e-6, "de");
    }

    [Fact]
    public void The_float_kernel_matches_the_closed_form_in_double()
    {
        const int n = 11, c = 10, d = 9;
        double[] x = Normal(n * c, seed: 21), e = Normal(n * d, seed: 22);
        int[] y = PairedLabels(n, 3, seed: 23);
        var f = Compiled.Get<ReIdGradientFloat>("ReIdFloat");
        float[] dx = new float[n * c], de = new float[n * d];
        float[] xf = As<float>(x), ef = As<float>(e);
        float loss = f(In(xf, n, c), y, In(ef, n, d), Out(dx, n, c), Out(de, n, d), 0.5f);

        double[] xd = ToDouble(xf), ed = ToDouble(ef);
        double expected = ReIdLoss(xd, y, ed, n, c, d, 0.5);
        Assert.True(Math.Abs(loss - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => ReIdLoss(v, y, ed, n, c, d, 0.5), xd), ToDouble(dx), 2e-5, "dx");
        Close(FiniteDifferences(v => ReIdLoss(xd, y, v, n, c, d, 0.5), ed), ToDouble(de), 2e-5, "de");
    }

    private static double WeightedLoss(double[] x, int[] y, double[] w, double[] a, double[] b, int n, int m, int c, int d) =>
        Enumerable.Range(0, n).Average(i => w[y[i]] * CrossEntropy(x, y, n, c, i)) +
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Min(k => SqDist(a, i, b, k, d)));

    [Theory]
    [InlineData(6, 4, 3, 2)]
    [InlineData(13, 5, 10, 7)]
    [InlineData(5, 37, 1, 3)]
    public void Per_class_weights_beside_a_nearest_neighbour_term_have_their_own_lengths(int n, int m, int c, int d)
    {
        double[] x = Normal(n * c, seed: 31), w = Normal(c, seed: 32).Select(v => 1 + Math.Abs(v)).ToArray(), a = Normal(n * d, seed: 33), b = Normal(m * d, seed: 34);
        int[] y = Classes(n, c, seed: 35);
        var f = Compiled.Get<WeightedWithNearest>("Weighted");
        double[] dx = new double[n * c], dw = new double[c], da = new double[n * d], db = new double[m * d];
        double loss = f(In(x, n, c), y, w, In(a, n, d), In(b, m, d), Out(dx, n, c), dw, Out(da, n, d), Out(db, m, d));

        double expected = WeightedLoss(x, y, w, a, b, n, m, c, d);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => WeightedLoss(v, y, w, a, b, n, m, c, d), x), dx, 1e-6, "dx");
        Close(FiniteDifferences(v => WeightedLoss(x, y, v, a, b, n, m, c, d), w), dw, 1e-6, "dw");
        Close(FiniteDifferences(v => WeightedLoss(x, y, w, v, b, n, m, c, d), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => WeightedLoss(x, y, w, a, v, n, m, c, d), b), db, 1e-6, "db");
    }

    // mean(col_min(...)) divides by M, mean(row_mean(...)) by N and M, mean(pair matrix) by N·M; the features' row sums by N.
    private static double FeaturesLoss(double[] f, double[] a, double[] b, int n, int m, int c, int d, double lam) =>
        lam * Enumerable.Range(0, n).Average(i => Enumerable.Range(0, c).Sum(j => f[i * c + j] * f[i * c + j])) +
        Enumerable.Range(0, m).Average(k => Enumerable.Range(0, n).Min(i => SqDist(a, i, b, k, d))) +
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Average(k => Enumerable.Range(0, d).Sum(t => a[i * d + t] * b[k * d + t]))) +
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Average(k => SqDist(a, i, b, k, d)));

    [Theory]
    [InlineData(5, 8, 3, 4)]
    [InlineData(17, 3, 33, 2)]
    public void A_feature_tensor_beside_pair_matrices_and_their_column_reductions(int n, int m, int c, int d)
    {
        double[] fx = Normal(n * c, seed: 41), a = Normal(n * d, seed: 42), b = Normal(m * d, seed: 43);
        var f = Compiled.Get<FeaturesWithPairs>("Features");
        double[] df = new double[n * c], da = new double[n * d], db = new double[m * d];
        double loss = f(In(fx, n, c), In(a, n, d), In(b, m, d), Out(df, n, c), Out(da, n, d), Out(db, m, d), 0.3);

        double expected = FeaturesLoss(fx, a, b, n, m, c, d, 0.3);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => FeaturesLoss(v, a, b, n, m, c, d, 0.3), fx), df, 1e-6, "df");
        Close(FiniteDifferences(v => FeaturesLoss(fx, v, b, n, m, c, d, 0.3), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => FeaturesLoss(fx, a, v, n, m, c, d, 0.3), b), db, 1e-6, "db");
    }

    [Fact]
    public void A_class_tensor_with_other_rows_than_the_pairs_is_named()
    {
        var f = Compiled.Get<ReIdGradient>("ReId");
        var error = Assert.Throws<ArgumentException>(() =>
            f(In(new double[15], 5, 3), new int[4], In(new double[8], 4, 2), Out(new double[15], 5, 3), Out(new double[8], 4, 2), 1));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("'x' has 5 samples (rows) but 'e' has 4 rows", error.Message, StringComparison.Ordinal);

        var weighted = Compiled.Get<WeightedWithNearest>("Weighted");
        var weights = Assert.Throws<ArgumentException>(() => weighted(In(new double[6], 2, 3), new int[2], new double[4], In(new double[4], 2, 2), In(new double[6], 3, 2),
            Out(new double[6], 2, 3), new double[4], Out(new double[4], 2, 2), Out(new double[6], 3, 2)));
        Assert.Equal("w", weights.ParamName);
    }

    [Fact]
    public void The_mixed_formula_allocates_nothing_after_warm_up()
    {
        const int n = 64, c = 10, d = 16;
        float[] x = As<float>(Normal(n * c, seed: 51)), e = As<float>(Normal(n * d, seed: 52)), dx = new float[n * c], de = new float[n * d];
        int[] y = PairedLabels(n, 8, seed: 53);
        var f = Compiled.Get<ReIdGradientFloat>("ReIdFloat");
        AssertAllocatesNothing(() => f(In(x, n, c), y, In(e, n, d), Out(dx, n, c), Out(de, n, d), 0.3f));
    }

    [Fact]
    public void The_explanation_names_both_axes_and_the_matrix_is_streamed()
    {
        GeneratorRun run = ShapedLossCompiler.Run(Members);
        string reId = run.Sources.Single(s => s.Key.Contains(".ReId.", StringComparison.Ordinal)).Value;
        Assert.Contains("makes each row of cdist(e, e) as it goes, never storing the whole matrix", reId, StringComparison.Ordinal);
        Assert.Contains("int __m = __rows_e;", reId, StringComparison.Ordinal);
        Assert.Contains("out int __c, out int __inner", reId, StringComparison.Ordinal);
        Assert.Contains("y[k]", reId, StringComparison.Ordinal);
        string features = run.Sources.Single(s => s.Key.Contains(".Features.", StringComparison.Ordinal)).Value;
        Assert.Contains("/ M", features, StringComparison.Ordinal);
    }
}

/// <summary>An elementwise operation of a pair matrix (columns k) and values along the classes (columns j) is LD0019 on its exact characters.</summary>
public class PairAxisDiagnosticTests
{
    private static readonly LossSignature Signature = new("F", ReturnKind.Float, "float", new[]
    {
        new ParameterDecl("x", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("a", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("b", ParameterForm.ReadOnlyTensorSpan, ScalarType.Float, "ReadOnlyTensorSpan<float>"),
        new ParameterDecl("y", ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
    }.ToEquatableArray());

    [Theory]
    [InlineData("mean(x + sqdist(a, b)) + mean(y)", "+")]                              // a class matrix plus a pair matrix
    [InlineData("mean(where(same(y), x, 0)) + mean(row_min(sqdist(a, b)))", "where")]                             // a pair mask selecting class values
    [InlineData("mean(dot(x, sqdist(a, b))) + mean(y)", "sqdist(a, b)")]               // a row dot of the two axes
    [InlineData("mean(cosine(x, dots(a, b))) + mean(y)", "dots(a, b)")]                // a row cosine of the two axes
    [InlineData("mean(col_sum(x) * col_sum(sqdist(a, b))) + mean(y)", "*")]            // a per-class vector times a per-pair-column one
    public void Mixing_the_class_axis_and_the_pair_axis_is_reported_where_they_meet(string formula, string marked)
    {
        FormulaDiagnostics.AssertSingleError(Signature, formula, "LD0019", marked, "different axes");
    }

    [Theory]
    [InlineData("mean(logsumexp(x) - x[y]) + mean(row_min(sqdist(a, b)))")]
    [InlineData("mean(row_sum(x) * row_max(dots(a, b))) + mean(y)")]
    [InlineData("mean(col_sum(x)) + mean(col_min(sqdist(a, b))) + mean(y)")]
    [InlineData("mean(row_min(sqdist(a, b))) + mean(row_sum(a * a)) + mean(y)")] // a pairwise argument also read element by element
    public void The_two_axes_meet_through_per_sample_values_and_scalars(string formula)
    {
        Assert.Empty(FormulaCompiler.Check(Signature, formula).Where(d => d.IsError));
    }
}
