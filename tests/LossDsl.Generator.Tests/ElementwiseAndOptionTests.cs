using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>Reduction None (per-element losses and their vector-Jacobian products), options, and integer inputs.</summary>
public class ElementwiseAndOptionTests
{
    public delegate void Vjp<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, ReadOnlySpan<T> dloss, Span<T> dp);

    public delegate T HuberFn<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, Span<T> dp, T delta);

    public delegate double OptionsFn(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, float scale, int k, bool squared);

    public delegate T WeightedFn<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, ReadOnlySpan<int> w, Span<T> dp);

    private const string Source = """
        using System;
        using LossDsl;
        namespace Cases;
        public static partial class E
        {
            [Loss("(p - t)^2")]
            public static partial void SquaredF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);
            [Loss("(p - t)^2")]
            public static partial void SquaredBackwardF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, ReadOnlySpan<float> dloss, Span<float> dp, Span<float> dt);
            [Loss("(p - t)^2")]
            public static partial void SquaredBackwardD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, ReadOnlySpan<double> dloss, Span<double> dp, Span<double> dt);
            [Loss("softplus(p) - p * t")]
            public static partial void LogitsVjpD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);
            [Loss("(p - mean(p))^2 * t")]
            public static partial void CenteredD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, ReadOnlySpan<double> dloss, Span<double> dp, Span<double> dt);

            [Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")]
            public static partial double HuberD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta = 1.0);
            [Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")]
            public static partial float HuberF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta = 1.0f);

            [Loss("mean(scale * where(squared, abs(p - t)^k, abs(p - t)))")]
            public static partial double Options(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, float scale, int k, bool squared);

            [Loss("mean(w * (p - t)^2)")]
            public static partial float WeightedF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<int> w, Span<float> dp);
            [Loss("mean(w * (p - t)^2)")]
            public static partial double WeightedD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<int> w, Span<double> dp);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileType(Source, "Cases.E"));

    public static TheoryData<int> Sizes() => new(ReducedLossTests.Sizes);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Per_element_losses_and_their_backward_pass(int n)
    {
        var random = new Random(n);
        double[] p = Reference.RoundToFloat(Reference.Sample(random, n, -3, 3));
        double[] t = Reference.RoundToFloat(Reference.Sample(random, n, -3, 3));
        double[] dloss = Reference.RoundToFloat(Reference.Sample(random, n, -2, 2));

        var forwardF = Compiled.Value.Method<Elementwise2<float>>("SquaredF");
        var lossF = new float[n];
        forwardF(F(p), F(t), lossF);
        Reference.GradientClose(p.Zip(t, (a, b) => (a - b) * (a - b)).ToArray(), D(lossF), 1e-6, "loss (float)");

        var backwardD = Compiled.Value.Method<ElementwiseBackward2<double>>("SquaredBackwardD");
        double[] loss = new double[n], dp = new double[n], dt = new double[n];
        backwardD(p, t, loss, dloss, dp, dt);
        for (int i = 0; i < n; i++)
        {
            // The vector-Jacobian product: dloss_i · ∂loss_i/∂p_i, with the derivative by central difference.
            double expected = dloss[i] * Reference.Derivative(x => (x - t[i]) * (x - t[i]), p[i]);
            Reference.Close((p[i] - t[i]) * (p[i] - t[i]), loss[i], 1e-14, $"loss[{i}]");
            Reference.Close(expected, dp[i], 1e-7, $"dp[{i}]");
            Reference.Close(-expected, dt[i], 1e-7, $"dt[{i}]");
        }

        var backwardF = Compiled.Value.Method<ElementwiseBackward2<float>>("SquaredBackwardF");
        float[] lf = new float[n], dpf = new float[n], dtf = new float[n];
        backwardF(F(p), F(t), lf, F(dloss), dpf, dtf);
        Reference.GradientClose(dp, D(dpf), 1e-5, "dp (float)");
        Reference.GradientClose(dt, D(dtf), 1e-5, "dt (float)");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Backward_without_a_loss_output_writes_only_the_gradient(int n)
    {
        var random = new Random(n + 7);
        double[] p = Reference.Sample(random, n, -40, 40), t = Reference.Sample(random, n, 0, 1), dloss = Reference.Sample(random, n, -1, 1);
        var vjp = Compiled.Value.Method<Vjp<double>>("LogitsVjpD");
        var dp = new double[n];
        vjp(p, t, dloss, dp);
        // d/dx (softplus(x) − x·t) = σ(x) − t, from the definition. σ(x) − t cancels where σ(x) ≈ t, so the check is
        // norm-wise (relative to the largest component) rather than per component.
        double[] expected = Enumerable.Range(0, n).Select(i => dloss[i] * ((1 / (1 + Math.Exp(-p[i]))) - t[i])).ToArray();
        Reference.GradientClose(expected, dp, 1e-12, "dp");
    }

    [Fact]
    public void Per_element_losses_with_a_reduction_inside_differentiate_through_it()
    {
        const int n = 37;
        var random = new Random(5);
        double[] p = Reference.Sample(random, n, -2, 2), t = Reference.Sample(random, n, 0, 1), dloss = Reference.Sample(random, n, -1, 1);
        var centered = Compiled.Value.Method<ElementwiseBackward2<double>>("CenteredD");
        double[] loss = new double[n], dp = new double[n], dt = new double[n];
        centered(p, t, loss, dloss, dp, dt);

        // The VJP is the gradient of Σ dloss_i·loss_i; difference that sum, which couples the elements through mean(p).
        double Weighted(double[] x)
        {
            double m = x.Sum() / n;
            return Enumerable.Range(0, n).Sum(i => dloss[i] * (x[i] - m) * (x[i] - m) * t[i]);
        }

        double mean = p.Sum() / n;
        for (int i = 0; i < n; i++)
        {
            Reference.Close((p[i] - mean) * (p[i] - mean) * t[i], loss[i], 1e-12, $"loss[{i}]");
            double[] up = (double[])p.Clone(), down = (double[])p.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            Reference.Close((Weighted(up) - Weighted(down)) / 2e-6, dp[i], 1e-6, $"dp[{i}]");
            Reference.Close(dloss[i] * (p[i] - mean) * (p[i] - mean), dt[i], 1e-12, $"dt[{i}]");
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    [InlineData(3.0)]
    public void Huber_delta_option_is_honoured(double delta)
    {
        const int n = 1001;
        var random = new Random(11);
        double[] p = Reference.RoundToFloat(Reference.Sample(random, n, -4, 4)), t = Reference.RoundToFloat(Reference.Sample(random, n, -4, 4));
        double Huber(double e) => Math.Abs(e) <= delta ? 0.5 * e * e : delta * (Math.Abs(e) - (0.5 * delta));
        double expected = p.Zip(t, (a, b) => Huber(a - b)).Sum() / n;

        var huberD = Compiled.Value.Method<HuberFn<double>>("HuberD");
        var dp = new double[n];
        Reference.Close(expected, huberD(p, t, dp, delta), 1e-12, "Huber (double)");
        for (int i = 0; i < n; i++)
        {
            double e = p[i] - t[i];
            Reference.Close((Math.Abs(e) <= delta ? e : delta * Math.Sign(e)) / n, dp[i], 1e-12, $"dp[{i}]");
        }

        var huberF = Compiled.Value.Method<HuberFn<float>>("HuberF");
        var dpf = new float[n];
        Reference.Close(expected, huberF(F(p), F(t), dpf, (float)delta), 1e-5, "Huber (float)");
        Reference.GradientClose(dp, D(dpf), 1e-5, "dp (float)");
    }

    [Theory]
    [InlineData(2.0f, 3, true)]
    [InlineData(0.5f, 2, false)]
    public void Float_int_and_bool_options_convert_and_select(float scale, int k, bool squared)
    {
        const int n = 77;
        var random = new Random(k);
        double[] p = Reference.Sample(random, n, -2, 2), t = Reference.Sample(random, n, -2, 2);
        double Term(double a, double b) => scale * (squared ? Math.Pow(Math.Abs(a - b), k) : Math.Abs(a - b));
        var options = Compiled.Value.Method<OptionsFn>("Options");
        var dp = new double[n];
        double loss = options(p, t, dp, scale, k, squared);
        Reference.Close(p.Zip(t, Term).Sum() / n, loss, 1e-12, "loss");
        double[] expected = Enumerable.Range(0, n).Select(i => Reference.Derivative(x => Term(x, t[i]), p[i]) / n).ToArray();
        Reference.GradientClose(expected, dp, 1e-6, "dp");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Integer_inputs_are_read_as_numbers_at_every_width(int n)
    {
        var random = new Random(n + 3);
        double[] p = Reference.RoundToFloat(Reference.Sample(random, n, -2, 2)), t = Reference.RoundToFloat(Reference.Sample(random, n, -2, 2));
        int[] w = Enumerable.Range(0, n).Select(_ => random.Next(-5, 6)).ToArray();
        double expected = Enumerable.Range(0, n).Sum(i => w[i] * (p[i] - t[i]) * (p[i] - t[i])) / n;

        var weightedD = Compiled.Value.Method<WeightedFn<double>>("WeightedD");
        var dp = new double[n];
        Reference.Close(expected, weightedD(p, t, w, dp), 1e-12, "weighted (double)");
        Reference.GradientClose(Enumerable.Range(0, n).Select(i => 2.0 * w[i] * (p[i] - t[i]) / n).ToArray(), dp, 1e-12, "dp (double)");

        var weightedF = Compiled.Value.Method<WeightedFn<float>>("WeightedF");
        var dpf = new float[n];
        Reference.Close(expected, weightedF(F(p), F(t), w, dpf), 1e-5, "weighted (float)");
        Reference.GradientClose(dp, D(dpf), 1e-5, "dp (float)");
    }

    internal static float[] F(double[] x) => x.Select(v => (float)v).ToArray();

    internal static double[] D(float[] x) => x.Select(v => (double)v).ToArray();
}
