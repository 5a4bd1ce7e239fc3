using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>
/// A tensor that a pairwise function compares, also read element by element in the same formula (a nearest-neighbour
/// term plus a penalty on the embeddings themselves). Its gradient has two parts: the passes' part, written where the
/// value is ready, and the pairwise backward's part, which the runtime adds block by block (into every row of the
/// second argument's gradient on every block). Both parts must survive whatever order they come in: matrices streamed
/// row by row and stored ones, a gradient the passes write per element and one they fill with a constant, sizes of
/// several blocks in the tiled kernels (double: R = 36 rows a block at M = 37), float and double. Values against closed
/// forms in double, gradients against central finite differences of them.
/// </summary>
public class PairwiseArgumentReadElementwiseTests
{
    private const string NearestFormula = "mean(row_min(sqdist(a, b))) + t * mean(row_sum(a * a))";
    private const string StoredFormula = "mean(exp(-sqdist(a, b) / mean(sqdist(a, b)))) + t * mean(row_sum(a * a)) + mean(b)";
    private const string BothFormula = "mean(row_min(cdist(a, b))) + t * mean(row_sum(a * b))";

    private const string Members = $$"""
        [Loss("{{NearestFormula}}")]
        public static partial double Nearest(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);
        [Loss("{{NearestFormula}}")]
        public static partial float NearestFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t);
        [Loss("{{StoredFormula}}")]
        public static partial double Stored(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);
        [Loss("{{BothFormula}}")]
        public static partial double Both(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db, double t);
        [Loss("{{BothFormula}}")]
        public static partial float BothFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t);
        """;

    private static Type Compiled => ShapedLossCompiler.Compile(Members);

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static double SqDist(double[] a, int i, double[] b, int k, int d) =>
        Enumerable.Range(0, d).Sum(c => (a[i * d + c] - b[k * d + c]) * (a[i * d + c] - b[k * d + c]));

    private static double RowDot(double[] a, int i, double[] b, int d) => Enumerable.Range(0, d).Sum(c => a[i * d + c] * b[i * d + c]);

    private static double NearestLoss(double[] a, double[] b, int n, int m, int d, double t) =>
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Min(k => SqDist(a, i, b, k, d))) +
        t * Enumerable.Range(0, n).Average(i => RowDot(a, i, a, d));

    private static double StoredLoss(double[] a, double[] b, int n, int d, double t)
    {
        double meanSq = Enumerable.Range(0, n).Sum(i => Enumerable.Range(0, n).Sum(k => SqDist(a, i, b, k, d))) / ((double)n * n);
        return Enumerable.Range(0, n).Sum(i => Enumerable.Range(0, n).Sum(k => Math.Exp(-SqDist(a, i, b, k, d) / meanSq))) / ((double)n * n) +
            t * Enumerable.Range(0, n).Average(i => RowDot(a, i, a, d)) + b.Average();
    }

    private static double BothLoss(double[] a, double[] b, int n, int d, double t) =>
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, n).Min(k => Math.Sqrt(SqDist(a, i, b, k, d)))) +
        t * Enumerable.Range(0, n).Average(i => RowDot(a, i, b, d));

    [Theory]
    [InlineData(7, 4, 3)]     // pair-by-pair path (D below one vector)
    [InlineData(100, 37, 9)]  // tiled kernels, three blocks of rows
    [InlineData(5, 11, 1)]
    public void A_streamed_matrix_and_an_element_by_element_penalty_on_its_first_argument(int n, int m, int d)
    {
        double[] a = Normal(n * d, seed: 61 + d), b = Normal(m * d, seed: 62 + d);
        var f = Compiled.Get<TwoViewGradient>("Nearest");
        double[] da = new double[n * d], db = new double[m * d];
        double loss = f(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d), 0.7);

        double expected = NearestLoss(a, b, n, m, d, 0.7);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => NearestLoss(v, b, n, m, d, 0.7), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => NearestLoss(a, v, n, m, d, 0.7), b), db, 1e-6, "db");
    }

    [Fact]
    public void The_float_kernel_keeps_both_parts_of_the_gradient()
    {
        const int n = 75, m = 50, d = 19; // float tiles of 8 lanes: two full chunks and a masked one; R = 36 at M = 50
        double[] a = ToDouble(As<float>(Normal(n * d, seed: 71))), b = ToDouble(As<float>(Normal(m * d, seed: 72)));
        var f = Compiled.Get<TwoViewGradientFloat>("NearestFloat");
        float[] da = new float[n * d], db = new float[m * d];
        float loss = f(In(As<float>(a), n, d), In(As<float>(b), m, d), Out(da, n, d), Out(db, m, d), 0.7f);

        double expected = NearestLoss(a, b, n, m, d, 0.7);
        Assert.True(Math.Abs(loss - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => NearestLoss(v, b, n, m, d, 0.7), a), ToDouble(da), 2e-5, "da");
        Close(FiniteDifferences(v => NearestLoss(a, v, n, m, d, 0.7), b), ToDouble(db), 2e-5, "db");
    }

    [Theory]
    [InlineData(6, 3)]
    [InlineData(40, 9)]
    public void A_stored_matrix_beside_a_per_element_gradient_and_a_constant_one(int n, int d)
    {
        // mean(b) makes db's own part a constant the kernel fills; a * a makes da's a value per element.
        double[] a = Normal(n * d, seed: 81 + d), b = Normal(n * d, seed: 82 + d);
        var f = Compiled.Get<TwoViewGradient>("Stored");
        double[] da = new double[n * d], db = new double[n * d];
        double loss = f(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), 0.3);

        double expected = StoredLoss(a, b, n, d, 0.3);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => StoredLoss(v, b, n, d, 0.3), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => StoredLoss(a, v, n, d, 0.3), b), db, 1e-6, "db");
    }

    [Theory]
    [InlineData(9, 5)]
    [InlineData(64, 16)]
    public void Both_arguments_read_element_by_element(int n, int d)
    {
        double[] a = Normal(n * d, seed: 91 + d), b = Normal(n * d, seed: 92 + d);
        var f = Compiled.Get<TwoViewGradient>("Both");
        double[] da = new double[n * d], db = new double[n * d];
        double loss = f(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), -0.4);

        double expected = BothLoss(a, b, n, d, -0.4);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss}, closed form {expected}");
        Close(FiniteDifferences(v => BothLoss(v, b, n, d, -0.4), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => BothLoss(a, v, n, d, -0.4), b), db, 1e-6, "db");
    }

    [Fact]
    public void A_second_argument_read_element_by_element_needs_as_many_rows_as_the_first()
    {
        // b read element by element is a tensor of samples: its rows are the samples', so M = N.
        var f = Compiled.Get<TwoViewGradient>("Both");
        var error = Assert.Throws<ArgumentException>(() =>
            f(In(new double[12], 4, 3), In(new double[15], 5, 3), Out(new double[12], 4, 3), Out(new double[15], 5, 3), 1));
        Assert.Equal("b", error.ParamName);
    }

    [Fact]
    public void Gradients_are_overwritten_not_accumulated_across_calls()
    {
        const int n = 12, m = 9, d = 10;
        double[] a = Normal(n * d, seed: 101), b = Normal(m * d, seed: 102);
        var f = Compiled.Get<TwoViewGradient>("Nearest");
        double[] da = new double[n * d], db = new double[m * d];
        f(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d), 0.7);
        double[] first = da.Concat(db).ToArray();
        f(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d), 0.7);
        Assert.Equal(first, da.Concat(db).ToArray());
    }

    [Fact]
    public void The_documentation_shows_both_parts_and_when_the_backward_is_added()
    {
        GeneratorRun run = ShapedLossCompiler.Run(Members);
        Assert.Empty(run.All);
        string nearest = run.Sources.Single(s => s.Key.Contains(".Nearest.", StringComparison.Ordinal)).Value;
        Assert.Contains("da</c> = ∂loss/∂a per element: <c>t / N * (a + a) + backward of sqdist(a, b) with adjoint", nearest, StringComparison.Ordinal);
        Assert.Contains("da: written in pass 1; the backward of sqdist(a, b) (row by row in pass 1, into scratch) is added to it after the last pass", nearest, StringComparison.Ordinal);
        Assert.Contains("db: filled with 0 (constant); the backward of sqdist(a, b) adds to it row by row in pass 1", nearest, StringComparison.Ordinal);
        string stored = run.Sources.Single(s => s.Key.Contains(".Stored.", StringComparison.Ordinal)).Value;
        Assert.Contains("db: filled with one value, known before the first pass; the backward of sqdist(a, b) (after pass 3, into scratch) is added to it after the last pass", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void The_float_kernels_allocate_nothing_after_warm_up()
    {
        const int n = 64, d = 16;
        float[] a = As<float>(Normal(n * d, seed: 111)), b = As<float>(Normal(n * d, seed: 112)), da = new float[n * d], db = new float[n * d];
        var nearest = Compiled.Get<TwoViewGradientFloat>("NearestFloat");
        var both = Compiled.Get<TwoViewGradientFloat>("BothFloat");
        AssertAllocatesNothing(() => nearest(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), 0.5f));
        AssertAllocatesNothing(() => both(In(a, n, d), In(b, n, d), Out(da, n, d), Out(db, n, d), 0.5f));
    }
}
