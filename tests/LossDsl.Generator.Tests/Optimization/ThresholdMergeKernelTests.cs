using System;
using System.Collections.Generic;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace LossDsl.Generator.Tests.Optimization;

/// <summary>
/// Huber-shaped formulas compile to two kernels (the merged one for a finite threshold with a clear sign bit, the general one
/// otherwise). Both are checked against closed forms written from the where definition: element by element bit for bit
/// (NaN, ±∞, ±0, ties |e| = δ, subnormal and huge residuals included), the reduced loss against double, and the gradient
/// against central finite differences. SmoothL1, whose identity is not exact, must keep one kernel.
/// </summary>
public class ThresholdMergeKernelTests
{
    public delegate T Reduced<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, Span<T> dp, T delta);

    public delegate void PerElement<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, Span<T> loss, ReadOnlySpan<T> dloss, Span<T> dp, T delta);

    private const string Le = "e = p - t; {0}(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))";
    private const string Lt = "e = p - t; a = abs(e); {0}(where(a < delta, 0.5 * e^2, delta * (a - 0.5 * delta)))";
    private const string Gt = "e = p - t; {0}(where(abs(e) > delta, delta * (abs(e) - 0.5 * delta), 0.5 * e^2))";
    private const string Ge = "e = p - t; {0}(where(delta >= abs(e), 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))";
    private const string SmoothL1 = "e = p - t; a = abs(e); {0}(where(a < delta, 0.5 * e^2 / where(delta > 0, delta, 1), a - 0.5 * delta))";

    private static readonly (string Name, string Formula)[] Forms = { ("Le", Le), ("Lt", Lt), ("Gt", Gt), ("Ge", Ge), ("SmoothL1", SmoothL1) };

    private static readonly Lazy<(Type Type, IReadOnlyDictionary<string, string> Sources)> Compiled = new(() =>
    {
        var members = new List<string>();
        foreach ((string name, string formula) in Forms)
        {
            foreach ((string t, string suffix) in new[] { ("double", "D"), ("float", "F") })
            {
                members.Add($"[Loss(\"{string.Format(formula, "mean")}\")] public static partial {t} {name}{suffix}(ReadOnlySpan<{t}> p, ReadOnlySpan<{t}> t, Span<{t}> dp, {t} delta);");
                members.Add($"[Loss(\"{string.Format(formula, "")}\")] public static partial void {name}Each{suffix}(ReadOnlySpan<{t}> p, ReadOnlySpan<{t}> t, Span<{t}> loss, ReadOnlySpan<{t}> dloss, Span<{t}> dp, {t} delta);");
            }
        }

        string source = "using System;\nusing LossDsl;\nnamespace Cases;\npublic static partial class H\n{\n" + string.Join("\n", members) + "\n}\n";
        GeneratorRun run = GeneratorHarness.Run(source);
        return (run.Load().GetType("Cases.H")!, run.Sources);
    });

    public static TheoryData<string> HuberForms() => new() { "Le", "Lt", "Gt", "Ge" };

    public static TheoryData<string, double> HuberFormsAndDeltas()
    {
        var data = new TheoryData<string, double>();
        foreach (string form in new[] { "Le", "Lt", "Gt", "Ge" })
        {
            foreach (double delta in new[] { 1, 0.3, 0, -0.5, -0.0, double.PositiveInfinity, 1e-300, 3e19 })
            {
                data.Add(form, delta);
            }
        }

        return data;
    }

    // ½e² where |e| ≤ δ (or < δ), δ(|e| − ½δ) elsewhere, as the where picks; sign as torch.sign (NaN and ±0 kept).
    private static bool Inside(string form, double u, double delta) => form is "Lt" or "SmoothL1" ? u < delta : form == "Gt" ? !(u > delta) : u <= delta;

    [Theory]
    [MemberData(nameof(HuberForms))]
    public void Huber_forms_get_the_merged_kernel_and_SmoothL1_does_not(string form)
    {
        IReadOnlyDictionary<string, string> sources = Compiled.Value.Sources;
        string Source(string method) => sources.Single(s => s.Key.Contains("." + method + ".", StringComparison.Ordinal) || s.Key.EndsWith(method + ".g.cs", StringComparison.Ordinal)).Value;
        foreach (string suffix in new[] { "D", "F", "EachD", "EachF" })
        {
            string huber = Source(form + suffix);
            Assert.Contains("ForNonNegativeThreshold", huber);
            Assert.Contains("MinNative(__s", huber); // c = min(δ, |e|) and the clamp's upper bound
            Assert.Contains("MaxNative(__s", huber); // the clamp's lower bound: the gradient is clamp(e, −δ, δ)·(1/N or dloss)
            Assert.DoesNotContain("ConditionalSelect", huber[huber.IndexOf("ForNonNegativeThreshold\n", StringComparison.Ordinal)..]);
            Assert.Contains("IsFinite(delta) && !", huber);
            Assert.DoesNotContain("ForNonNegativeThreshold", Source("SmoothL1" + suffix));
        }
    }

    [Theory]
    [MemberData(nameof(HuberFormsAndDeltas))]
    public void Per_element_loss_and_gradient_are_the_where_definition_bit_for_bit_in_double(string form, double delta)
    {
        double[] e = Specials(delta, double.Epsilon, double.MaxValue);
        var run = Compiled.Value.Type.Method<PerElement<double>>(form + "EachD");
        double[] loss = new double[e.Length], dp = new double[e.Length];
        double[] dloss = Enumerable.Repeat(1.0, e.Length).ToArray();
        run(e, new double[e.Length], loss, dloss, dp, delta);
        for (int i = 0; i < e.Length; i++)
        {
            double u = Math.Abs(e[i]);
            bool inside = Inside(form, u, delta);
            double where = inside ? 0.5 * (e[i] * e[i]) : delta * (u - (0.5 * delta));
            double gradient = inside ? e[i] : delta * Sign(e[i]);
            // The merged kernel computes ½e² as |e|·(|e| − ½|e|): one rounding of ½e² where the where rounds e² first.
            // They differ only where ½e² is subnormal or e² overflows; there the merged value is the correctly rounded one.
            double expected = Merged(delta) && inside && !double.IsNaN(e[i]) && !double.IsInfinity(e[i]) ? Math.FusedMultiplyAdd(0.5 * e[i], e[i], 0) : where;
            if (Merged(delta) && inside && (0.5 * (e[i] * e[i]) < 2.2250738585072014E-308 || double.IsInfinity(e[i] * e[i])) && !double.IsInfinity(e[i]))
            {
                Assert.True(loss[i] == expected || (loss[i] == 0 && expected == 0), $"e = {e[i]:R}: {loss[i]:R} is not the rounded ½e² {expected:R}");
            }
            else
            {
                Same(where, loss[i], $"loss at e = {e[i]:R}, δ = {delta:R}");
            }

            Same(gradient, dp[i], $"gradient at e = {e[i]:R}, δ = {delta:R}");
        }
    }

    [Theory]
    [MemberData(nameof(HuberFormsAndDeltas))]
    public void Per_element_loss_and_gradient_are_the_where_definition_bit_for_bit_in_float(string form, double deltaD)
    {
        float delta = (float)deltaD;
        float[] e = Specials(delta, float.Epsilon, float.MaxValue).Select(v => (float)v).ToArray();
        var run = Compiled.Value.Type.Method<PerElement<float>>(form + "EachF");
        float[] loss = new float[e.Length], dp = new float[e.Length];
        float[] dloss = Enumerable.Repeat(1f, e.Length).ToArray();
        run(e, new float[e.Length], loss, dloss, dp, delta);
        for (int i = 0; i < e.Length; i++)
        {
            float u = MathF.Abs(e[i]);
            bool inside = Inside(form, u, delta);
            float where = inside ? 0.5f * (e[i] * e[i]) : delta * (u - (0.5f * delta));
            float sign = float.IsNaN(e[i]) ? float.NaN : e[i] == 0 ? e[i] : MathF.Sign(e[i]);
            float gradient = inside ? e[i] : delta * sign;
            // ½e² rounded once (exact in double, then to float).
            float rounded = (float)(0.5 * ((double)e[i] * e[i]));
            bool differs = Merged(delta) && inside && !float.IsInfinity(e[i]) && (0.5f * (e[i] * e[i]) < 1.17549435E-38f || float.IsInfinity(e[i] * e[i]));
            if (differs)
            {
                Assert.True(loss[i] == rounded, $"e = {e[i]:R}: {loss[i]:R} is not the rounded ½e² {rounded:R}");
            }
            else
            {
                Same(where, loss[i], $"loss at e = {e[i]:R}, δ = {delta:R}");
            }

            Same(gradient, dp[i], $"gradient at e = {e[i]:R}, δ = {delta:R}");
        }
    }

    [Theory]
    [MemberData(nameof(HuberFormsAndDeltas))]
    public void Reduced_gradient_is_the_where_definition_bit_for_bit(string form, double delta)
    {
        double[] e = Specials(delta, double.Epsilon, double.MaxValue).Where(v => !double.IsNaN(v)).ToArray();
        var run = Compiled.Value.Type.Method<Reduced<double>>(form + "D");
        double[] dp = new double[e.Length];
        run(e, new double[e.Length], dp, delta);
        double inv = 1d / e.Length;
        for (int i = 0; i < e.Length; i++)
        {
            double expected = Inside(form, Math.Abs(e[i]), delta) ? inv * e[i] : (delta * inv) * Sign(e[i]);
            Same(expected, dp[i], $"dp at e = {e[i]:R}, δ = {delta:R}");
        }

        float deltaF = (float)delta;
        float[] ef = e.Select(v => (float)v).ToArray();
        float[] dpf = new float[ef.Length];
        Compiled.Value.Type.Method<Reduced<float>>(form + "F")(ef, new float[ef.Length], dpf, deltaF);
        float invF = 1f / ef.Length;
        for (int i = 0; i < ef.Length; i++)
        {
            float s = ef[i] == 0 ? ef[i] : MathF.Sign(ef[i]);
            float expected = Inside(form, MathF.Abs(ef[i]), deltaF) ? invF * ef[i] : (deltaF * invF) * s;
            Same(expected, dpf[i], $"dp (float) at e = {ef[i]:R}, δ = {deltaF:R}");
        }
    }

    [Theory]
    [InlineData("Le", 1.0)]
    [InlineData("Le", 0.3)]
    [InlineData("Le", 0.0)]
    [InlineData("Le", -0.5)]
    [InlineData("Lt", 1.0)]
    [InlineData("Lt", 0.3)]
    [InlineData("Lt", 0.0)]
    [InlineData("Lt", -0.5)]
    [InlineData("Gt", 0.3)]
    [InlineData("Ge", 0.3)]
    [InlineData("SmoothL1", 1.0)]
    [InlineData("SmoothL1", 0.3)]
    [InlineData("SmoothL1", 0.0)]
    public void Values_match_the_closed_form_and_gradients_match_finite_differences(string form, double delta)
    {
        const int n = 1003;
        var random = new Random(17);
        double[] p = Reference.RoundToFloat(Reference.Sample(random, n, -3, 3));
        double[] t = Reference.RoundToFloat(Reference.Sample(random, n, -3, 3));
        double Loss(double e)
        {
            double u = Math.Abs(e);
            return form == "SmoothL1"
                ? (u < delta ? 0.5 * e * e / (delta > 0 ? delta : 1) : u - (0.5 * delta))
                : Inside(form, u, delta) ? 0.5 * e * e : delta * (u - (0.5 * delta));
        }

        double expected = p.Zip(t, (a, b) => Loss(a - b)).Sum() / n;
        // Away from the kinks at |e| = δ and e = 0 the central difference is accurate.
        double[] fd = p.Select((a, i) => Reference.Derivative(x => Loss(x - t[i]), a) / n).ToArray();
        bool[] smooth = p.Select((a, i) => Math.Abs(Math.Abs(a - t[i]) - delta) > 1e-3 && Math.Abs(a - t[i]) > 1e-3).ToArray();

        double[] dp = new double[n];
        double loss = Compiled.Value.Type.Method<Reduced<double>>(form + "D")(p, t, dp, delta);
        Reference.Close(expected, loss, 1e-13, $"{form} loss (double), δ = {delta}");
        Reference.GradientClose(fd.Where((_, i) => smooth[i]).ToArray(), dp.Where((_, i) => smooth[i]).ToArray(), 1e-6, $"{form} dp (double)");

        float[] dpf = new float[n];
        float lossF = Compiled.Value.Type.Method<Reduced<float>>(form + "F")(F(p), F(t), dpf, (float)delta);
        Reference.Close(p.Zip(t, (a, b) => Loss((float)a - (float)b)).Sum() / n, lossF, 2e-6, $"{form} loss (float), δ = {delta}");
        Reference.GradientClose(fd.Where((_, i) => smooth[i]).ToArray(), dpf.Select(v => (double)v).Where((_, i) => smooth[i]).ToArray(), 1e-4, $"{form} dp (float)");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void SmoothL1_keeps_NaN_and_its_L1_gradient(double beta)
    {
        double[] e = { double.NaN, 0.0, -0.0, 2, -2, 0.5, double.PositiveInfinity };
        double[] loss = new double[e.Length], dp = new double[e.Length];
        Compiled.Value.Type.Method<PerElement<double>>("SmoothL1EachD")(e, new double[e.Length], loss, Enumerable.Repeat(1.0, e.Length).ToArray(), dp, beta);
        Assert.True(double.IsNaN(loss[0]) && double.IsNaN(dp[0]));
        Assert.Equal(0.0, loss[1]);
        Assert.Equal(beta == 0 ? 2.0 : 1.5, loss[3]);
        Assert.Equal(-1.0, dp[4]);
        Assert.Equal(double.PositiveInfinity, loss[6]);
    }

    private static bool Merged(double delta) => double.IsFinite(delta) && !double.IsNegative(delta);

    private static double Sign(double x) => double.IsNaN(x) ? double.NaN : x == 0 ? x : Math.Sign(x);

    private static float[] F(double[] x) => x.Select(v => (float)v).ToArray();

    // Residuals covering every case: NaN, ±∞, ±0, the ties ±δ, values either side of δ, subnormal and huge ones, plus
    // random values, long enough (with a ragged end) for the vector loops and the scalar tail.
    private static double[] Specials(double delta, double tiny, double huge)
    {
        var list = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, tiny, -tiny, 3 * tiny, huge, -huge };
        if (double.IsFinite(delta))
        {
            list.AddRange(new[] { delta, -delta, Math.BitIncrement(Math.Abs(delta)), -Math.BitDecrement(Math.Abs(delta)), 2 * delta, delta / 3 });
        }

        list.AddRange(new[] { 1e-160, -3e-170, 1e-25, 2e-23, 1.5e19, -2e19, 1.2e154, 1e-200 });
        var random = new Random(5);
        while (list.Count < 203)
        {
            list.Add((random.NextDouble() - 0.5) * 8);
        }

        return list.ToArray();
    }

    private static void Same(double expected, double actual, string what)
    {
        if (!(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual))))
        {
            throw new XunitException($"{what}: expected {expected:R} ({BitConverter.DoubleToInt64Bits(expected):X16}), got {actual:R} ({BitConverter.DoubleToInt64Bits(actual):X16})");
        }
    }

    private static void Same(float expected, float actual, string what)
    {
        if (!(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual))))
        {
            throw new XunitException($"{what}: expected {expected:R} ({BitConverter.SingleToInt32Bits(expected):X8}), got {actual:R} ({BitConverter.SingleToInt32Bits(actual):X8})");
        }
    }
}
