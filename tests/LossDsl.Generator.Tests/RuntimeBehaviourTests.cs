using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>What the generated methods do with bad input, empty input, extreme input, huge input, and the heap.</summary>
public class RuntimeBehaviourTests
{
    private const string Source = """
        using System;
        using LossDsl;
        namespace Cases;
        public static partial class R
        {
            [Loss("mean((p - t)^2)")]
            public static partial float MseF(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
            [Loss("mean((p - t)^2)")]
            public static partial float MseGradF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt);
            [Loss("mean((p - t)^2)")]
            public static partial double MseGradD(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Span<double> dt);
            [Loss("sum(abs(p - t))")]
            public static partial float SumF(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
            [Loss("mean(max(p, 0) - p * t + log1p(exp(-abs(p))))")]
            public static partial float BceLogitsF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt);
            [Loss("mean(-(t * log(sigmoid(p)) + (1 - t) * log(1 - sigmoid(p))))")]
            public static partial float NaiveBceF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt);
            [Loss("mean(log(cosh(p - t)))")]
            public static partial float LogCoshF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt);
            [Loss("mean(softplus(p) * t + tanh(p) + log_sigmoid(p) + sigmoid(p))")]
            public static partial float SaturatingF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt);
            [Loss("(p - t)^2")]
            public static partial void SquaredBackwardF(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, ReadOnlySpan<float> dloss, Span<float> dp, Span<float> dt);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileType(Source, "Cases.R"));

    [Fact]
    public void Spans_of_different_lengths_throw_naming_both_parameters()
    {
        var mse = Compiled.Value.Method<Gradient2<float>>("MseGradF");
        var e = Assert.Throws<ArgumentException>(() => mse(new float[4], new float[3], new float[4], new float[4]));
        Assert.Equal("t", e.ParamName);
        Assert.Contains("'p'", e.Message);
        Assert.Contains("'t'", e.Message);

        e = Assert.Throws<ArgumentException>(() => mse(new float[4], new float[4], new float[4], new float[5]));
        Assert.Equal("dt", e.ParamName);
        Assert.Contains("'p' has length 4", e.Message);
    }

    [Fact]
    public void An_output_overlapping_an_input_is_refused()
    {
        var mse = Compiled.Value.Method<Gradient2<float>>("MseGradF");
        var buffer = new float[8];
        var e = Assert.Throws<ArgumentException>(() => mse(buffer.AsSpan(0, 4), new float[4], buffer.AsSpan(3, 4), new float[4]));
        Assert.Equal("dp", e.ParamName);
        Assert.Contains("'p'", e.Message);

        e = Assert.Throws<ArgumentException>(() => mse(new float[4], new float[4], buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)));
        Assert.Equal("dp", e.ParamName);
        Assert.Contains("'dt'", e.Message);

        // Adjacent but disjoint is fine.
        mse(buffer.AsSpan(0, 4), new float[4], buffer.AsSpan(4, 4), new float[4]);
    }

    [Fact]
    public void Mean_of_nothing_is_NaN_and_sum_of_nothing_is_zero_as_in_PyTorch()
    {
        Assert.True(float.IsNaN(Compiled.Value.Method<Forward2<float>>("MseF")(default, default)));
        Assert.Equal(0f, Compiled.Value.Method<Forward2<float>>("SumF")(default, default));
    }

    [Fact]
    public void Forward_and_gradient_calls_allocate_nothing()
    {
        var forward = Compiled.Value.Method<Forward2<float>>("MseF");
        var grad = Compiled.Value.Method<Gradient2<float>>("BceLogitsF");
        var gradD = Compiled.Value.Method<Gradient2<double>>("MseGradD");
        var backward = Compiled.Value.Method<ElementwiseBackward2<float>>("SquaredBackwardF");
        const int n = 10_007;
        float[] p = new float[n], t = new float[n], dp = new float[n], dt = new float[n], loss = new float[n], dloss = new float[n];
        double[] pd = new double[n], td = new double[n], dpd = new double[n], dtd = new double[n];

        void CallAll()
        {
            forward(p, t);
            grad(p, t, dp, dt);
            gradD(pd, td, dpd, dtd);
            backward(p, t, loss, dloss, dp, dt);
        }

        // Warm up so tiering and delegate stubs are in place before measuring.
        for (int k = 0; k < 50; k++)
        {
            CallAll();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++)
        {
            CallAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_float_mean_over_ten_million_elements_stays_within_1e_6_of_double()
    {
        const int n = 10_000_000;
        var random = new Random(2026);
        var p = new float[n];
        var t = new float[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = (float)((random.NextDouble() * 4) - 2);
            t[i] = (float)((random.NextDouble() * 4) - 2);
        }

        // The reference takes the float inputs exactly and does everything in double (each term is exact in double).
        double exact = 0;
        for (int i = 0; i < n; i++)
        {
            double e = (double)p[i] - t[i];
            exact += e * e;
        }

        exact /= n;
        float got = Compiled.Value.Method<Forward2<float>>("MseF")(p, t);
        Assert.True(Math.Abs(got - exact) / exact < 1e-6, $"relative error {Math.Abs(got - exact) / exact:E2}");

        // A naive running float sum would be far off; this shows the test can fail.
        float naive = 0;
        for (int i = 0; i < n; i++)
        {
            float e = p[i] - t[i];
            naive += e * e;
        }

        Assert.True(Math.Abs((naive / n) - exact) / exact > 1e-5, "the naive float sum should be visibly inaccurate at this size");
    }

    [Theory]
    [InlineData(1e4f)]
    [InlineData(-1e4f)]
    [InlineData(88f)]
    [InlineData(-104f)]
    public void Logit_losses_are_finite_with_finite_gradients_for_extreme_logits(float logit)
    {
        float[] p = Enumerable.Repeat(logit, 37).ToArray();
        float[] t = Enumerable.Range(0, 37).Select(i => (float)(i % 3) / 2).ToArray();
        foreach (string name in new[] { "BceLogitsF", "NaiveBceF", "SaturatingF" })
        {
            var f = Compiled.Value.Method<Gradient2<float>>(name);
            float[] dp = new float[37], dt = new float[37];
            float loss = f(p, t, dp, dt);
            Assert.True(float.IsFinite(loss), $"{name}({logit}) = {loss}");
            Assert.All(dp, g => Assert.True(float.IsFinite(g), $"{name}: d/dp = {g}"));
            Assert.All(dt, g => Assert.True(float.IsFinite(g), $"{name}: d/dt = {g}"));
        }

        // BCE from logits has the closed form softplus(x) − x·t; for |x| this large it is max(x, 0) − x·t to float precision.
        float[] dp2 = new float[37], dt2 = new float[37];
        double expected = t.Average(ti => Math.Max(logit, 0) - (logit * ti) + Math.Log(1 + Math.Exp(-Math.Abs(logit))));
        Reference.Close(expected, Compiled.Value.Method<Gradient2<float>>("NaiveBceF")(p, t, dp2, dt2), 1e-5, "log(sigmoid) form, rewritten");
    }

    [Fact]
    public void Log_cosh_does_not_overflow_where_cosh_does()
    {
        float[] p = { 100f, -300f, 1e30f, 0.001f };
        float[] t = { 0f, 0f, 0f, 0f };
        float[] dp = new float[4], dt = new float[4];
        float loss = Compiled.Value.Method<Gradient2<float>>("LogCoshF")(p, t, dp, dt);
        double expected = ((100 - Math.Log(2)) + (300 - Math.Log(2)) + (1e30 - Math.Log(2)) + Math.Log(Math.Cosh(0.001))) / 4;
        Reference.Close(expected, loss, 1e-6, "log_cosh");
        Reference.Close(Math.Tanh(0.001) / 4, dp[3], 1e-5, "tanh(0.001)/4");
        Assert.Equal(new[] { 0.25f, -0.25f, 0.25f }, dp.Take(3));
    }
}
