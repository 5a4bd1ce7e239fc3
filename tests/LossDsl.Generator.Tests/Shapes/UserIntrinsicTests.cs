using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Reflection;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double SmoothMaxWeighted(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> w, TensorSpan<double> dx, Span<double> dw, double tau);

public delegate float SmoothMaxFloat(ReadOnlyTensorSpan<float> x, TensorSpan<float> dx);

public delegate double SmoothMaxWithMatrix(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> z, TensorSpan<double> dx, TensorSpan<double> dz);

public delegate double SmoothMaxWeightOnly(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> w, Span<double> dw);

public delegate double GroupRunningMax(ReadOnlySpan<double> x, ReadOnlySpan<int> g, Span<double> dx);

public delegate double TwoSmoothMaxima(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);

public delegate double SmoothMaxBesideEmd(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> dx, TensorSpan<double> da);

public delegate double PairwiseBeside(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x, TensorSpan<double> da, TensorSpan<double> dx);

public delegate double PairwiseAndEmd(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);

public delegate void GroupRunningMaxPerSample(ReadOnlySpan<double> x, ReadOnlySpan<int> g, ReadOnlySpan<double> w, Span<double> loss, int k);

/// <summary>
/// Runtime intrinsics declared in the user's own project: a <c>[LossIntrinsic]</c> class is found by the generator,
/// called from formulas by its name, and its Forward and Backward run as a materialized node whose adjoint the reverse
/// pass writes. The two intrinsics below are written in the test's user code; values are checked against closed forms
/// computed here in double, gradients against central finite differences of those closed forms.
/// </summary>
public class UserIntrinsicTests
{
    /// <summary>Two intrinsics of a user's project: a tensor input with a real option (defaulted), and a scan over a
    /// vector with an integer span and a required int option.</summary>
    public const string Intrinsics = """
        using System;
        using System.Buffers;
        using System.ComponentModel;
        using System.Numerics;
        using System.Numerics.Tensors;
        using LossDsl.Intrinsics;

        namespace UserCode
        {
            // tau · log Σⱼ exp(xᵢⱼ / tau): a smooth maximum of each row.
            [LossIntrinsic("smooth_max")]
            public static class SmoothMax
            {
                public static void Forward<T>(ReadOnlyTensorSpan<T> x, [DefaultValue(1.0)] T tau, Span<T> losses)
                    where T : IFloatingPointIeee754<T>
                {
                    int n = (int)x.Lengths[0], c = (int)x.Lengths[1];
                    if (losses.Length != n) throw new ArgumentException("losses", nameof(losses));
                    double t = double.CreateChecked(tau);
                    for (int i = 0; i < n; i++)
                    {
                        double m = double.NegativeInfinity, s = 0;
                        for (int j = 0; j < c; j++) m = Math.Max(m, double.CreateChecked(x[i, j]));
                        for (int j = 0; j < c; j++) s += Math.Exp((double.CreateChecked(x[i, j]) - m) / t);
                        losses[i] = T.CreateChecked(m + t * Math.Log(s));
                    }
                }

                public static void Backward<T>(ReadOnlyTensorSpan<T> x, T tau, ReadOnlySpan<T> upstream, TensorSpan<T> dX)
                    where T : IFloatingPointIeee754<T>
                {
                    int n = (int)x.Lengths[0], c = (int)x.Lengths[1];
                    double t = double.CreateChecked(tau);
                    for (int i = 0; i < n; i++)
                    {
                        double m = double.NegativeInfinity, s = 0;
                        for (int j = 0; j < c; j++) m = Math.Max(m, double.CreateChecked(x[i, j]));
                        for (int j = 0; j < c; j++) s += Math.Exp((double.CreateChecked(x[i, j]) - m) / t);
                        for (int j = 0; j < c; j++)
                            dX[i, j] = T.CreateChecked(double.CreateChecked(upstream[i]) * Math.Exp((double.CreateChecked(x[i, j]) - m) / t) / s);
                    }
                }
            }

            // The running maximum of x within each of `groups` groups, in sample order.
            [LossIntrinsic("group_cummax")]
            internal static class GroupRunningMax
            {
                public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> group, int groups, Span<T> losses)
                    where T : IFloatingPointIeee754<T>
                {
                    int[] best = Scan(x, group, groups);
                    for (int i = 0; i < x.Length; i++) losses[i] = x[best[i]];
                    ArrayPool<int>.Shared.Return(best);
                }

                public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> group, int groups, ReadOnlySpan<T> upstream, Span<T> dX)
                    where T : IFloatingPointIeee754<T>
                {
                    int[] best = Scan(x, group, groups);
                    dX.Clear();
                    for (int i = 0; i < x.Length; i++) dX[best[i]] += upstream[i];
                    ArrayPool<int>.Shared.Return(best);
                }

                // best[i]: the index of the largest x so far in sample i's group.
                private static int[] Scan<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> group, int groups)
                    where T : IFloatingPointIeee754<T>
                {
                    if (group.Length != x.Length) throw new ArgumentException($"'group' has {group.Length} values but 'x' has {x.Length}.", nameof(group));
                    int[] best = ArrayPool<int>.Shared.Rent(x.Length + groups);
                    Span<int> last = best.AsSpan(x.Length, groups);
                    last.Fill(-1);
                    for (int i = 0; i < x.Length; i++)
                    {
                        int g = group[i];
                        if ((uint)g >= (uint)groups) throw new ArgumentOutOfRangeException(nameof(group));
                        last[g] = last[g] < 0 || x[i] > x[last[g]] ? i : last[g];
                        best[i] = last[g];
                    }

                    return best;
                }
            }
        }
        """;

    private const string Losses = """
        using System;
        using System.Numerics.Tensors;
        using LossDsl;

        public static partial class L
        {
            [Loss("mean(w * smooth_max(x, tau))")]
            public static partial double SmoothMaxWeighted(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> w, TensorSpan<double> dx, Span<double> dw, double tau);

            [Loss("mean(smooth_max(x))")]
            public static partial float SmoothMaxFloat(ReadOnlyTensorSpan<float> x, TensorSpan<float> dx);

            [Loss("mean(smooth_max(x, 0.5) - row_max(z))")]
            public static partial double SmoothMaxWithMatrix(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> z, TensorSpan<double> dx, TensorSpan<double> dz);

            [Loss("mean(w * smooth_max(x, 2))")]
            public static partial double SmoothMaxWeightOnly(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> w, Span<double> dw);

            [Loss("mean(smooth_max(x) * smooth_max(x, 0.25))")]
            public static partial double TwoSmoothMaxima(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);

            [Loss("mean(smooth_max(x, 0.5) + 2 * emd_points(a, b))")]
            public static partial double SmoothMaxBesideEmd(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> dx, TensorSpan<double> da);

            [Loss("mean(row_min(sqdist(a, b)) * smooth_max(x))")]
            public static partial double PairwiseBeside(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x, TensorSpan<double> da, TensorSpan<double> dx);

            [Loss("mean(row_min(sqdist(a, b))) + mean(emd_points(a, b))")]
            public static partial double PairwiseAndEmd(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);

            [Loss("mean(smooth_max(x, 0.5) + row_sum(x * x))")]
            public static partial double SmoothMaxPenalised(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);

            [Loss("mean(row_min(sqdist(a, b))) + mean(emd_points(a, b)) + mean(row_sum(a * a))")]
            public static partial double PairwiseEmdAndOwn(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);

            [Loss("sum(group_cummax(x, g, 3) ^ 2)")]
            public static partial double GroupRunningMax(ReadOnlySpan<double> x, ReadOnlySpan<int> g, Span<double> dx);

            [Loss("group_cummax(x, g, k) * w")]
            public static partial void GroupRunningMaxPerSample(ReadOnlySpan<double> x, ReadOnlySpan<int> g, ReadOnlySpan<double> w, Span<double> loss, int k);
        }
        """;

    private static readonly Lazy<Type> CompiledType = new(() =>
    {
        GeneratorRun run = GeneratorHarness.Run(Intrinsics, Losses);
        Assert.Empty(run.All);
        return run.Load().GetType("L")!;
    });

    private static Type Compiled => CompiledType.Value;

    // Closed forms, in double.
    private static double SmoothMax(double[] x, int i, int c, double tau)
    {
        double m = Enumerable.Range(0, c).Max(j => x[i * c + j]);
        return m + tau * Math.Log(Enumerable.Range(0, c).Sum(j => Math.Exp((x[i * c + j] - m) / tau)));
    }

    private static double WeightedMean(double[] x, double[] w, int n, int c, double tau) =>
        Enumerable.Range(0, n).Average(i => w[i] * SmoothMax(x, i, c, tau));

    private static double[] RunningMax(double[] x, int[] g) =>
        x.Select((_, i) => Enumerable.Range(0, i + 1).Where(k => g[k] == g[i]).Max(k => x[k])).ToArray();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(17, 9)]
    public void A_user_intrinsic_with_a_tensor_input_and_a_real_option(int n, int c)
    {
        double[] x = Normal(n * c, seed: 3 + n), w = Normal(n, seed: 4 + n).Select(v => 1 + Math.Abs(v)).ToArray();
        double[] dx = new double[n * c], dw = new double[n];
        const double tau = 0.7;
        double loss = Compiled.Get<SmoothMaxWeighted>("SmoothMaxWeighted")(new ReadOnlyTensorSpan<double>(x, [n, c], default), w,
            new TensorSpan<double>(dx, [n, c], default), dw, tau);
        Close(WeightedMean(x, w, n, c, tau), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => WeightedMean(v, w, n, c, tau), x), dx, 1e-7, "dx");
        Close(FiniteDifferences(v => WeightedMean(x, v, n, c, tau), w), dw, 1e-7, "dw");
    }

    [Fact]
    public void An_omitted_option_takes_the_default_the_intrinsic_declares()
    {
        const int n = 6, c = 4;
        double[] x = Normal(n * c, seed: 11);
        float[] xf = As<float>(x), dxf = new float[n * c];
        float loss = Compiled.Get<SmoothMaxFloat>("SmoothMaxFloat")(new ReadOnlyTensorSpan<float>(xf, [n, c], default), new TensorSpan<float>(dxf, [n, c], default));
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double[] xRounded = ToDouble(xf);
        Close(WeightedMean(xRounded, ones, n, c, 1.0), loss, 1e-6, "float loss, tau = 1");
        Close(FiniteDifferences(v => WeightedMean(v, ones, n, c, 1.0), xRounded), ToDouble(dxf), 1e-6, "float dx");
    }

    [Fact]
    public void A_user_intrinsic_beside_other_matrices_and_a_literal_option()
    {
        // x is (N, 4) and read only by the intrinsic; z is (N, 7) and read by the passes, which take N from it.
        const int n = 9;
        double[] x = Normal(n * 4, seed: 21), z = Normal(n * 7, seed: 22), dx = new double[n * 4], dz = new double[n * 7];
        double Loss(double[] xs, double[] zs) => Enumerable.Range(0, n).Average(i => SmoothMax(xs, i, 4, 0.5) - Enumerable.Range(0, 7).Max(j => zs[i * 7 + j]));
        var f = Compiled.Get<SmoothMaxWithMatrix>("SmoothMaxWithMatrix");
        double loss = f(new ReadOnlyTensorSpan<double>(x, [n, 4], default), new ReadOnlyTensorSpan<double>(z, [n, 7], default),
            new TensorSpan<double>(dx, [n, 4], default), new TensorSpan<double>(dz, [n, 7], default));
        Close(Loss(x, z), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => Loss(v, z), x), dx, 1e-7, "dx");
        Close(FiniteDifferences(v => Loss(x, v), z), dz, 1e-7, "dz");

        // The intrinsic's N must be the formula's.
        var e = Assert.Throws<ArgumentException>(() => f(new ReadOnlyTensorSpan<double>(x, [n - 1, 4], default), new ReadOnlyTensorSpan<double>(z, [n, 7], default),
            new TensorSpan<double>(dx, [n - 1, 4], default), new TensorSpan<double>(dz, [n, 7], default)));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'z'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_calls_with_different_options_are_two_nodes_whose_backwards_both_add_into_one_gradient()
    {
        const int n = 7, c = 5;
        double[] x = Normal(n * c, seed: 61), dx = new double[n * c];
        double Loss(double[] v) => Enumerable.Range(0, n).Average(i => SmoothMax(v, i, c, 1) * SmoothMax(v, i, c, 0.25));
        double loss = Compiled.Get<TwoSmoothMaxima>("TwoSmoothMaxima")(new ReadOnlyTensorSpan<double>(x, [n, c], default), new TensorSpan<double>(dx, [n, c], default));
        Close(Loss(x), loss, 1e-13, "loss");
        Close(FiniteDifferences(Loss, x), dx, 1e-7, "dx");
    }

    [Fact]
    public void A_user_intrinsic_beside_a_shipped_one()
    {
        const int n = 4, c = 3, d = 2;
        double[] x = Normal(n * c, seed: 71), a = Normal(n * d, seed: 72), b = Normal(n * d, seed: 73), dx = new double[n * c], da = new double[n * d];
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double Loss(double[] xs, double[] As) => Enumerable.Range(0, n).Average(i => SmoothMax(xs, i, c, 0.5)) + 2 * IntrinsicFormulaTests.WeightedEmd(As, b, ones, n, d);
        double loss = Compiled.Get<SmoothMaxBesideEmd>("SmoothMaxBesideEmd")(new ReadOnlyTensorSpan<double>(x, [n, c], default),
            new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [n, d], default),
            new TensorSpan<double>(dx, [n, c], default), new TensorSpan<double>(da, [n, d], default));
        Close(Loss(x, a), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => Loss(v, a), x), dx, 1e-7, "dx");
        Close(FiniteDifferences(v => Loss(x, v), a), da, 1e-7, "da");
    }

    // ‖aᵢ − b_k‖² minimised over k.
    private static double NearestSquared(double[] a, int i, double[] b, int m, int d) =>
        Enumerable.Range(0, m).Min(k => Enumerable.Range(0, d).Sum(e => (a[i * d + e] - b[k * d + e]) * (a[i * d + e] - b[k * d + e])));

    [Fact]
    public void A_user_intrinsic_beside_a_pairwise_function()
    {
        // a: N×D points, b: M×D points (M ≠ N), x: N×C rows of the intrinsic; the pair matrix and the intrinsic's
        // values meet per sample in the row pass.
        const int n = 6, m = 4, d = 3, c = 5;
        double[] a = Normal(n * d, seed: 81), b = Normal(m * d, seed: 82), x = Normal(n * c, seed: 83), da = new double[n * d], dx = new double[n * c];
        double Loss(double[] As, double[] xs) => Enumerable.Range(0, n).Average(i => NearestSquared(As, i, b, m, d) * SmoothMax(xs, i, c, 1));
        var f = Compiled.Get<PairwiseBeside>("PairwiseBeside");
        double loss = f(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [m, d], default),
            new ReadOnlyTensorSpan<double>(x, [n, c], default), new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(dx, [n, c], default));
        Close(Loss(a, x), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => Loss(v, x), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => Loss(a, v), x), dx, 1e-7, "dx");

        // The intrinsic's rows must be the pair matrix's N.
        var e = Assert.Throws<ArgumentException>(() => f(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [m, d], default),
            new ReadOnlyTensorSpan<double>(x, [n - 1, c], default), new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(dx, [n - 1, c], default)));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipped_intrinsic_beside_a_pairwise_function_adds_into_the_same_gradient()
    {
        // a is read by sqdist and by emd_points: both backwards add into da.
        const int n = 4, d = 2;
        double[] a = Normal(n * d, seed: 91), b = Normal(n * d, seed: 92), da = new double[n * d], db = new double[n * d];
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double Loss(double[] As, double[] bs) => Enumerable.Range(0, n).Average(i => NearestSquared(As, i, bs, n, d)) + IntrinsicFormulaTests.WeightedEmd(As, bs, ones, n, d);
        double loss = Compiled.Get<PairwiseAndEmd>("PairwiseAndEmd")(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [n, d], default),
            new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(db, [n, d], default));
        Close(Loss(a, b), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => Loss(v, b), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => Loss(a, v), b), db, 1e-6, "db");
    }

    [Fact]
    public void A_user_intrinsic_argument_also_read_element_by_element_gets_both_parts_of_its_gradient()
    {
        // The passes write x's own part (2 xᵢⱼ / N); the intrinsic's backward goes to scratch and is added after them.
        const int n = 8, c = 6;
        double[] x = Normal(n * c, seed: 95), dx = new double[n * c];
        double Loss(double[] v) => Enumerable.Range(0, n).Average(i => SmoothMax(v, i, c, 0.5) + Enumerable.Range(0, c).Sum(j => v[i * c + j] * v[i * c + j]));
        double loss = Compiled.Get<TwoSmoothMaxima>("SmoothMaxPenalised")(new ReadOnlyTensorSpan<double>(x, [n, c], default), new TensorSpan<double>(dx, [n, c], default));
        Close(Loss(x), loss, 1e-13, "loss");
        Close(FiniteDifferences(Loss, x), dx, 1e-7, "dx");
    }

    [Fact]
    public void A_tensor_read_by_a_pairwise_function_an_intrinsic_and_the_passes_gets_all_three_parts()
    {
        const int n = 5, d = 3;
        double[] a = Normal(n * d, seed: 96), b = Normal(n * d, seed: 97), da = new double[n * d], db = new double[n * d];
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double Loss(double[] As, double[] bs) => Enumerable.Range(0, n).Average(i => NearestSquared(As, i, bs, n, d)) + IntrinsicFormulaTests.WeightedEmd(As, bs, ones, n, d) +
            As.Sum(v => v * v) / n;
        double loss = Compiled.Get<PairwiseAndEmd>("PairwiseEmdAndOwn")(new ReadOnlyTensorSpan<double>(a, [n, d], default), new ReadOnlyTensorSpan<double>(b, [n, d], default),
            new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(db, [n, d], default));
        Close(Loss(a, b), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => Loss(v, b), a), da, 1e-6, "da");
        Close(FiniteDifferences(v => Loss(a, v), b), db, 1e-6, "db");
    }

    [Fact]
    public void Without_a_gradient_of_its_inputs_the_intrinsic_backward_is_not_run_and_the_weights_gradient_is_exact()
    {
        const int n = 5, c = 3;
        double[] x = Normal(n * c, seed: 31), w = Normal(n, seed: 32), dw = new double[n];
        double loss = Compiled.Get<SmoothMaxWeightOnly>("SmoothMaxWeightOnly")(new ReadOnlyTensorSpan<double>(x, [n, c], default), w, dw);
        Close(WeightedMean(x, w, n, c, 2), loss, 1e-13, "loss");
        Close(FiniteDifferences(v => WeightedMean(x, v, n, c, 2), w), dw, 1e-7, "dw");
        Assert.DoesNotContain("Backward", GeneratedSource("SmoothMaxWeightOnly"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_intrinsic_over_vectors_with_integer_inputs_and_a_required_option()
    {
        double[] x = Normal(40, seed: 41), dx = new double[40];
        int[] g = Classes(40, 3, seed: 42);
        double Loss(double[] v) => RunningMax(v, g).Sum(m => m * m);
        double loss = Compiled.Get<GroupRunningMax>("GroupRunningMax")(x, g, dx);
        Close(Loss(x), loss, 1e-13, "loss");
        Close(FiniteDifferences(Loss, x), dx, 1e-6, "dx");

        // Per-sample losses, forward only, with the option passed through from the method.
        double[] w = Normal(40, seed: 43), perSample = new double[40];
        Compiled.Get<GroupRunningMaxPerSample>("GroupRunningMaxPerSample")(x, g, w, perSample, 3);
        Close(RunningMax(x, g).Select((m, i) => m * w[i]).ToArray(), perSample, 1e-15, "per-sample loss");

        // The intrinsic checks what the formula cannot know (its group labels), and its exception reaches the caller.
        Assert.Throws<ArgumentOutOfRangeException>(() => Compiled.Get<GroupRunningMaxPerSample>("GroupRunningMaxPerSample")(x, g, w, perSample, 2));
        // The per-sample spans of the formula have the intrinsic's N.
        var e = Assert.Throws<ArgumentException>(() => Compiled.Get<GroupRunningMaxPerSample>("GroupRunningMaxPerSample")(x, g, w.AsSpan(1), perSample, 3));
        Assert.Contains("'w'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_intrinsic_formulas_allocate_nothing_after_warm_up()
    {
        const int n = 8, c = 5;
        double[] x = Normal(n * c, seed: 51), w = Normal(n, seed: 52), dx = new double[n * c], dw = new double[n];
        double[] v = Normal(30, seed: 53), dv = new double[30];
        int[] g = Classes(30, 3, seed: 54);
        var smooth = Compiled.Get<SmoothMaxWeighted>("SmoothMaxWeighted");
        var scan = Compiled.Get<GroupRunningMax>("GroupRunningMax");
        AssertAllocatesNothing(() => smooth(new ReadOnlyTensorSpan<double>(x, [n, c], default), w, new TensorSpan<double>(dx, [n, c], default), dw, 0.3));
        AssertAllocatesNothing(() => scan(v, g, dv));
    }

    private static string GeneratedSource(string method)
    {
        GeneratorRun run = GeneratorHarness.Run(Intrinsics, Losses);
        return run.Sources.Single(s => s.Key.Contains("." + method + ".", StringComparison.Ordinal)).Value;
    }
}
