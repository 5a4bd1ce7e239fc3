using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// Compiles every case of <see cref="ReducedLossCases"/> with the generator, in float and double, forward-only and with
/// gradients, and checks values against the closed forms and gradients against central differences of the closed
/// forms, at sizes that exercise every vector width, the unrolled loop, the block flush and the scalar tail.
/// </summary>
public class ReducedLossTests
{
    public static readonly int[] Sizes = { 0, 1, 3, 15, 16, 17, 63, 64, 65, 1000, 100_000 };

    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var source = new StringBuilder("using System;\nusing LossDsl;\nnamespace Cases;\npublic static partial class L\n{\n");
        foreach (LossCase c in ReducedLossCases.All)
        {
            foreach (string t in new[] { "float", "double" })
            {
                string suffix = t == "float" ? "F" : "D";
                source.AppendLine($"    [Loss(\"{c.Formula}\")] public static partial {t} {c.Name}{suffix}(ReadOnlySpan<{t}> p, ReadOnlySpan<{t}> t, Span<{t}> dp, Span<{t}> dt);");
                source.AppendLine($"    [Loss(\"{c.Formula}\")] public static partial {t} {c.Name}Forward{suffix}(ReadOnlySpan<{t}> p, ReadOnlySpan<{t}> t);");
            }
        }

        return GeneratorHarness.CompileType(source.Append("}\n").ToString(), "Cases.L");
    });

    public static IEnumerable<object[]> CasesAndSizes() =>
        from c in ReducedLossCases.All from n in Sizes select new object[] { c.Name, n };

    [Theory]
    [MemberData(nameof(CasesAndSizes))]
    public void Double_values_and_gradients_match_the_closed_form(string name, int n)
    {
        LossCase c = ReducedLossCases.All.Single(x => x.Name == name);
        (double[] p, double[] t) = Inputs(c, n, seed: n + name.Length);
        var grad = Compiled.Value.Method<Gradient2<double>>(c.Name + "D");
        var forward = Compiled.Value.Method<Forward2<double>>(c.Name + "ForwardD");

        var dp = new double[n];
        var dt = new double[n];
        double loss = grad(p, t, dp, dt);
        double expected = c.Loss(p, t);
        Reference.Close(expected, loss, 1e-10, $"{name} loss, N={n}");

        // The forward-only kernel has a lighter body and may unroll differently, so it sums in another fixed order:
        // the two agree to a few ulps, and each is deterministic run to run.
        Reference.Close(loss, forward(p, t), 1e-14, $"{name} forward-only vs forward+gradient, N={n}");
        Assert.Equal(forward(p, t), forward(p, t));
        CheckGradients(c, p, t, dp, dt, c.Total is null ? 1e-6 : 1e-4, $"{name}, N={n}");
    }

    [Theory]
    [MemberData(nameof(CasesAndSizes))]
    public void Float_values_and_gradients_match_the_closed_form(string name, int n)
    {
        LossCase c = ReducedLossCases.All.Single(x => x.Name == name);
        (double[] p, double[] t) = Inputs(c, n, seed: (3 * n) + name.Length);
        p = Reference.RoundToFloat(p);
        t = Reference.RoundToFloat(t);
        var grad = Compiled.Value.Method<Gradient2<float>>(c.Name + "F");
        var forward = Compiled.Value.Method<Forward2<float>>(c.Name + "ForwardF");

        float[] pf = p.Select(v => (float)v).ToArray(), tf = t.Select(v => (float)v).ToArray();
        var dp = new float[n];
        var dt = new float[n];
        float loss = grad(pf, tf, dp, dt);

        // Float tolerances: each term carries a few ulps (2^-24 ≈ 6e-8) from exp/log and the inputs' subtraction;
        // 2e-5 relative leaves room for the cancellation in the formulas with several terms, and no more.
        Reference.Close(c.Loss(p, t), loss, 2e-5, $"{name} float loss, N={n}");
        Reference.Close(loss, forward(pf, tf), 1e-6, $"{name} float forward-only vs forward+gradient, N={n}");
        CheckGradients(c, p, t, dp.Select(v => (double)v).ToArray(), dt.Select(v => (double)v).ToArray(), 2e-4, $"{name} float, N={n}");
    }

    private static (double[] P, double[] T) Inputs(LossCase c, int n, int seed)
    {
        var random = new Random(seed);
        var p = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            do
            {
                p[i] = c.P.Lo + ((c.P.Hi - c.P.Lo) * random.NextDouble());
                t[i] = c.T.Lo + ((c.T.Hi - c.T.Lo) * random.NextDouble());
            }
            while (c.Valid != null && !(c.Valid(p[i], t[i]) && c.Valid((float)p[i], (float)t[i])));
        }

        return (p, t);
    }

    private static void CheckGradients(LossCase c, double[] p, double[] t, double[] dp, double[] dt, double tolerance, string what)
    {
        int n = p.Length;
        if (c.Element is { } f)
        {
            // An elementwise term: ∂loss/∂p_i is the term's own derivative at i, scaled by 1/N for a mean.
            double scale = c.IsSum ? 1 : 1.0 / n;
            double[] expectedP = Enumerable.Range(0, n).Select(i => scale * Reference.Derivative(x => f(x, t[i]), p[i])).ToArray();
            double[] expectedT = Enumerable.Range(0, n).Select(i => scale * Reference.Derivative(x => f(p[i], x), t[i])).ToArray();
            Reference.GradientClose(expectedP, dp, tolerance, $"dp ({what})");
            Reference.GradientClose(expectedT, dt, tolerance, $"dt ({what})");
            return;
        }

        // Reductions inside the formula couple the elements: difference the whole loss at a sample of coordinates.
        int[] indices = Enumerable.Range(0, n).Where(i => n <= 24 || i % (n / 24) == 0).ToArray();
        foreach ((double[] x, double[] g, string label) in new[] { (p, dp, "dp"), (t, dt, "dt") })
        {
            double[] expected = indices.Select(i =>
            {
                double saved = x[i];
                double h = 1e-4 * Math.Max(1, Math.Abs(saved));
                x[i] = saved + h;
                double up = c.Loss(p, t);
                x[i] = saved - h;
                double down = c.Loss(p, t);
                x[i] = saved;
                return (up - down) / (2 * h);
            }).ToArray();
            Reference.GradientClose(expected, indices.Select(i => g[i]).ToArray(), tolerance, $"{label} ({what})");
        }
    }
}
