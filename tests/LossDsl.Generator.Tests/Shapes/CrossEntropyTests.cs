using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate T CrossEntropyFn<T>(ReadOnlyTensorSpan<T> x, ReadOnlySpan<int> y, TensorSpan<T> dx);

public delegate T WeightedCrossEntropyFn<T>(ReadOnlyTensorSpan<T> x, ReadOnlySpan<int> y, ReadOnlySpan<T> weight, TensorSpan<T> dx, int ignore_index, T eps);

/// <summary>
/// Cross-entropy from logits and class indices, written as formulas and checked against PyTorch's definition
/// evaluated in double (below, from the docs of torch.nn.functional.cross_entropy) and central finite differences.
/// </summary>
public class CrossEntropyTests
{
    private const string Plain = "mean(logsumexp(x) - x[y])";

    // PyTorch, weighted mean with ignore_index and label_smoothing ε: Σᵢ valid·((1−ε)·w[yᵢ]·(−lp[i,yᵢ]) + ε/C·Σⱼ wⱼ·(−lp[i,j])) / Σᵢ valid·w[yᵢ].
    private const string Weighted =
        "valid = y != ignore_index; wy = where(valid, weight[y], 0); lp = log_softmax(x); " +
        "sum((1 - eps) * wy * -lp[y] + eps * where(valid, row_mean(weight * -lp), 0)) / sum(wy)";

    private static readonly string Members = $$"""
        [Loss("{{Plain}}")]
        public static partial float CeF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);
        [Loss("{{Plain}}")]
        public static partial double CeD(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx);
        [Loss("{{Weighted}}")]
        public static partial float WeightedF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, ReadOnlySpan<float> weight, TensorSpan<float> dx, int ignore_index = -100, float eps = 0);
        [Loss("{{Weighted}}")]
        public static partial double WeightedD(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index = -100, double eps = 0);
        """;

    private static Type Losses => ShapedLossCompiler.Compile(Members);

    [Theory]
    [InlineData(1e4f)]
    [InlineData(-3e4f)]
    [InlineData(1e6f)]
    public void Large_logits_keep_the_accuracy_of_a_loss_of_order_1(float level)
    {
        // Two equal logits at `level`, the target first: the loss is ln 2 at any level and the gradient (1/2 − 1, 1/2).
        // Computed as (m + log s) − x[y], the sum m + log s was rounded at the size of m (float ulp at 10⁴ ≈ 10⁻³),
        // giving 0.69336; PyTorch's (m − x[y]) + log s is exact to float precision. The weighted formula's log_softmax
        // is (x − m) − log s for the same reason.
        float[] x = [level, level, level + 1, level];
        int[] y = [0, 1];
        float[] dx = new float[4];
        float loss = Losses.Get<CrossEntropyFn<float>>("CeF")(new ReadOnlyTensorSpan<float>(x, [2, 2], default), y, new TensorSpan<float>(dx, [2, 2], default));
        // Row 2: logits (level + 1, level) with target 1: log(1 + e) − 0 ... exactly softplus(1) = ln(1 + e).
        double expected = (Math.Log(2) + Math.Log(1 + Math.E)) / 2;
        Assert.True(Math.Abs(loss - expected) <= 2e-7 * expected, $"loss {loss:R}, expected {expected:R}");

        float[] w = [1, 1];
        float weighted = Losses.Get<WeightedCrossEntropyFn<float>>("WeightedF")(new ReadOnlyTensorSpan<float>(x, [2, 2], default), y, w, new TensorSpan<float>(dx, [2, 2], default), -100, 0f);
        Assert.True(Math.Abs(weighted - expected) <= 2e-7 * expected, $"weighted loss {weighted:R}, expected {expected:R}");
        Assert.True(Math.Abs(dx[0] - (0.5 - 1) / 2) <= 1e-7, $"dx[0] {dx[0]:R}");
    }

    [Fact]
    public void The_rows_logs_taken_as_one_log_of_a_product_keep_the_value_and_its_special_cases()
    {
        // Σ log s over the rows is computed as the log of a running product (restarted before it leaves double's range).
        // 400 rows of 1000 equal logits: each s is 1000, the product 10^1200 would overflow without the restarts, and the
        // loss is ln 1000 exactly in double arithmetic.
        const int n = 400, c = 1000;
        double[] x = new double[n * c];
        int[] y = Enumerable.Range(0, n).Select(i => (i * 7) % c).ToArray();
        double[] dx = new double[n * c];
        var ce = Losses.Get<CrossEntropyFn<double>>("CeD");
        double loss = ce(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, new TensorSpan<double>(dx, [n, c], default));
        Assert.True(Math.Abs(loss - Math.Log(c)) <= 1e-13 * Math.Log(c), $"loss {loss:R}");

        // A NaN logit in one row, or a row of −∞ logits (log of an empty sum beside an infinite margin), makes the loss
        // NaN, as a log per row did and as PyTorch does.
        x[5 * c + 3] = double.NaN;
        Assert.True(double.IsNaN(ce(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, new TensorSpan<double>(dx, [n, c], default))));
        x[5 * c + 3] = 0;
        Array.Fill(x, double.NegativeInfinity, 7 * c, c);
        Assert.True(double.IsNaN(ce(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, new TensorSpan<double>(dx, [n, c], default))));
    }

    /// <summary>PyTorch's cross_entropy (weight, ignore_index, label_smoothing, reduction mean) over rows of length c, in double.</summary>
    public static double Reference(double[] x, int c, int[] y, double[]? weight, int ignore, double eps)
    {
        double num = 0, den = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] == ignore)
            {
                continue;
            }

            double max = double.NegativeInfinity;
            for (int j = 0; j < c; j++)
            {
                max = Math.Max(max, x[i * c + j]);
            }

            double s = 0;
            for (int j = 0; j < c; j++)
            {
                s += Math.Exp(x[i * c + j] - max);
            }

            double lse = max + Math.Log(s);
            double smooth = 0;
            for (int j = 0; j < c; j++)
            {
                smooth += (weight?[j] ?? 1) * (lse - x[i * c + j]);
            }

            double wy = weight?[y[i]] ?? 1;
            num += (1 - eps) * wy * (lse - x[i * c + y[i]]) + eps / c * smooth;
            den += wy;
        }

        return num / den;
    }

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int c in new[] { 1, 2, 3, 10, 33, 1000 })
        {
            foreach (int n in new[] { 1, 5, 19 })
            {
                data.Add(n, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Plain_cross_entropy_matches_pytorch_and_finite_differences(int n, int c)
    {
        double[] x = Normal(n * c, seed: n * 1000 + c, scale: 3);
        int[] y = Classes(n, c, seed: c);
        double expected = Reference(x, c, y, null, -100, 0);
        double[] fd = FiniteDifferencesAt(xs => Reference(xs, c, y, null, -100, 0), x);

        var ceD = Losses.Get<CrossEntropyFn<double>>("CeD");
        var dxD = new double[n * c];
        double lossD = ceD(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, new TensorSpan<double>(dxD, [n, c], default));
        Close(expected, lossD, 1e-13, "double loss");
        CloseWhereChecked(fd, dxD, 1e-7, "double dx");

        var ceF = Losses.Get<CrossEntropyFn<float>>("CeF");
        float[] xf = As<float>(x);
        var dxF = new float[n * c];
        float lossF = ceF(new ReadOnlyTensorSpan<float>(xf, [n, c], default), y, new TensorSpan<float>(dxF, [n, c], default));
        double expectedF = Reference(ToDouble(xf), c, y, null, -100, 0);
        Close(expectedF, lossF, 2e-6, "float loss");
        CloseWhereChecked(FiniteDifferencesAt(xs => Reference(xs, c, y, null, -100, 0), ToDouble(xf)), ToDouble(dxF), 2e-6, "float dx");
    }

    [Theory]
    [InlineData(7, 3, 0.0)]
    [InlineData(7, 10, 0.1)]
    [InlineData(12, 1000, 0.25)]
    public void Weights_ignore_index_and_label_smoothing_follow_pytorch(int n, int c, double eps)
    {
        double[] x = Normal(n * c, seed: 7 + c, scale: 2);
        int[] y = Classes(n, c, seed: 11);
        y[1] = -100;
        y[n - 1] = -100;
        double[] w = Normal(c, seed: 3).Select(v => 0.5 + Math.Abs(v)).ToArray();
        double expected = Reference(x, c, y, w, -100, eps);

        var f = Losses.Get<WeightedCrossEntropyFn<double>>("WeightedD");
        var dx = new double[n * c];
        double loss = f(new ReadOnlyTensorSpan<double>(x, [n, c], default), y, w, new TensorSpan<double>(dx, [n, c], default), -100, eps);
        Close(expected, loss, 1e-13, "loss");
        CloseWhereChecked(FiniteDifferencesAt(xs => Reference(xs, c, y, w, -100, eps), x), dx, 1e-7, "dx");
        for (int j = 0; j < c; j++)
        {
            Assert.Equal(0, dx[1 * c + j]); // an ignored sample has no gradient
        }

        var ff = Losses.Get<WeightedCrossEntropyFn<float>>("WeightedF");
        var dxf = new float[n * c];
        float lossF = ff(new ReadOnlyTensorSpan<float>(As<float>(x), [n, c], default), y, As<float>(w), new TensorSpan<float>(dxf, [n, c], default), -100, (float)eps);
        Close(Reference(ToDouble(As<float>(x)), c, y, ToDouble(As<float>(w)), -100, (double)(float)eps), lossF, 3e-6, "float loss");
    }

    [Fact]
    public void An_ignore_index_inside_the_class_range_ignores_that_class()
    {
        double[] x = Normal(4 * 3, seed: 5);
        int[] y = { 0, 2, 1, 2 };
        double[] w = { 1, 2, 3 };
        var f = Losses.Get<WeightedCrossEntropyFn<double>>("WeightedD");
        double loss = f(new ReadOnlyTensorSpan<double>(x, [4, 3], default), y, w, new TensorSpan<double>(new double[12], [4, 3], default), 2, 0);
        Close(Reference(x, 3, y, w, 2, 0), loss, 1e-13, "loss");
    }

    [Fact]
    public void All_samples_ignored_gives_nan_as_pytorch()
    {
        var f = Losses.Get<WeightedCrossEntropyFn<double>>("WeightedD");
        var dx = new double[6];
        double loss = f(new ReadOnlyTensorSpan<double>(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3], default), new[] { -100, -100 }, new double[] { 1, 1, 1 },
            new TensorSpan<double>(dx, [2, 3], default), -100, 0);
        Assert.True(double.IsNaN(loss));
    }

    [Fact]
    public void A_class_index_out_of_range_throws_naming_the_parameter_and_the_sample()
    {
        var f = Losses.Get<CrossEntropyFn<float>>("CeF");
        var dx = new float[6];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            f(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), new[] { 0, 3 }, new TensorSpan<float>(dx, [2, 3], default)));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("y[1]", e.Message);
        Assert.All(dx, v => Assert.Equal(0, v)); // checked before anything is written

        var w = Losses.Get<WeightedCrossEntropyFn<float>>("WeightedF");
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            w(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), new[] { -1, 0 }, new float[3], new TensorSpan<float>(new float[6], [2, 3], default), -100, 0));
    }

    [Fact]
    public void Shapes_that_disagree_throw_clear_argument_exceptions()
    {
        var f = Losses.Get<CrossEntropyFn<float>>("CeF");
        var e1 = Assert.Throws<ArgumentException>(() =>
            f(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), new[] { 0 }, new TensorSpan<float>(new float[6], [2, 3], default)));
        Assert.Equal("y", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() =>
            f(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), new[] { 0, 1 }, new TensorSpan<float>(new float[6], [3, 2], default)));
        Assert.Equal("dx", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() =>
            f(new ReadOnlyTensorSpan<float>(new float[6], [6], default), new[] { 0, 1 }, new TensorSpan<float>(new float[6], [2, 3], default)));
        Assert.Equal("x", e3.ParamName);
        Assert.Contains("rank 1", e3.Message);
        // A transposed view (strides (1, 2)) is not dense: rejected, never read in the wrong order.
        var e4 = Assert.Throws<ArgumentException>(() =>
            f(new ReadOnlyTensorSpan<float>(new float[6], [3, 2], [1, 3]), new[] { 0, 1, 1 }, new TensorSpan<float>(new float[6], [3, 2], default)));
        Assert.Equal("x", e4.ParamName);
        Assert.Contains("dense", e4.Message);
        var w = Losses.Get<WeightedCrossEntropyFn<float>>("WeightedF");
        var e5 = Assert.Throws<ArgumentException>(() =>
            w(new ReadOnlyTensorSpan<float>(new float[6], [2, 3], default), new[] { 0, 1 }, new float[2], new TensorSpan<float>(new float[6], [2, 3], default), -100, 0));
        Assert.Equal("weight", e5.ParamName);
        Assert.Contains("classes", e5.Message);
        var e6 = Assert.Throws<ArgumentException>(() =>
        {
            float[] shared = new float[6];
            f(new ReadOnlyTensorSpan<float>(shared, [2, 3], default), new[] { 0, 1 }, new TensorSpan<float>(shared, [2, 3], default));
        });
        Assert.Equal("dx", e6.ParamName);
    }

    [Theory]
    [InlineData(1e4)]
    [InlineData(-1e4)]
    public void Logits_of_extreme_magnitude_give_finite_losses_and_gradients(double magnitude)
    {
        int n = 9, c = 10;
        double[] x = Normal(n * c, seed: 2).Select(v => v * magnitude).ToArray();
        int[] y = Classes(n, c, seed: 4);
        var f = Losses.Get<CrossEntropyFn<float>>("CeF");
        var dx = new float[n * c];
        float loss = f(new ReadOnlyTensorSpan<float>(As<float>(x), [n, c], default), y, new TensorSpan<float>(dx, [n, c], default));
        Assert.True(float.IsFinite(loss));
        Assert.All(dx, v => Assert.True(float.IsFinite(v)));
        Close(Reference(ToDouble(As<float>(x)), c, y, null, -100, 0), loss, 1e-5, "loss");
    }

    [Fact]
    public void Higher_rank_tensors_treat_trailing_axes_as_more_samples()
    {
        // (N, C, H, W) = (2, 3, 2, 2): the class axis is 1; sample (n, h, w) reads x[n, :, h, w] with stride H·W.
        int n = 2, c = 3, s = 4;
        double[] x = Normal(n * c * s, seed: 9);
        int[] y = Classes(n * s, c, seed: 1);
        // The same data as an (N·H·W, C) matrix, for the reference.
        var rows = new double[n * s * c];
        for (int b = 0; b < n; b++)
        {
            for (int j = 0; j < c; j++)
            {
                for (int k = 0; k < s; k++)
                {
                    rows[(b * s + k) * c + j] = x[(b * c + j) * s + k];
                }
            }
        }

        var f = Losses.Get<CrossEntropyFn<double>>("CeD");
        var dx = new double[x.Length];
        double loss = f(new ReadOnlyTensorSpan<double>(x, [n, c, 2, 2], default), y, new TensorSpan<double>(dx, [n, c, 2, 2], default));
        Close(Reference(rows, c, y, null, -100, 0), loss, 1e-13, "loss");
        double[] fd = FiniteDifferences(xs => f(new ReadOnlyTensorSpan<double>(xs, [n, c, 2, 2], default), y, new TensorSpan<double>(new double[xs.Length], [n, c, 2, 2], default)), x);
        Close(fd, dx, 1e-7, "dx");
    }

    [Fact]
    public void Forward_and_gradient_allocate_nothing_after_warm_up()
    {
        int n = 64, c = 100;
        float[] x = As<float>(Normal(n * c, seed: 1));
        int[] y = Classes(n, c, seed: 2);
        float[] dx = new float[n * c];
        var f = Losses.Get<CrossEntropyFn<float>>("CeF");
        AssertAllocatesNothing(() => f(new ReadOnlyTensorSpan<float>(x, [n, c], default), y, new TensorSpan<float>(dx, [n, c], default)));
    }

    // Central differences at up to 60 coordinates spread over the input (every coordinate for small inputs).
    private static double[] FiniteDifferencesAt(Func<double[], double> f, double[] x)
    {
        int stride = Math.Max(1, x.Length / 60);
        var g = new double[x.Length];
        Array.Fill(g, double.NaN);
        var probe = (double[])x.Clone();
        for (int k = 0; k < x.Length; k += stride)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(x[k]));
            probe[k] = x[k] + h;
            double up = f(probe);
            probe[k] = x[k] - h;
            double down = f(probe);
            probe[k] = x[k];
            g[k] = (up - down) / (2 * h);
        }

        return g;
    }

    private static void CloseWhereChecked(double[] fd, double[] actual, double tolerance, string what)
    {
        int[] checkedAt = Enumerable.Range(0, fd.Length).Where(k => !double.IsNaN(fd[k])).ToArray();
        Close(checkedAt.Select(k => fd[k]).ToArray(), checkedAt.Select(k => actual[k]).ToArray(), tolerance, what);
    }
}
