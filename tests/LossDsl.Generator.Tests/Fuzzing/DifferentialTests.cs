using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;
using Xunit.Abstractions;

namespace LossDsl.Generator.Tests.Fuzzing;

/// <summary>
/// "Computes what the formula means": random well-typed formulas are compiled by the generator and run on random
/// inputs; the loss must match an independent double-precision evaluation of the same expression and the gradients
/// must match its central finite differences.
/// </summary>
public sealed class DifferentialTests
{
    private const int FormulaSeed = 90210;
    private const int FormulaCount = 150;
    private const int FloatCount = 30;
    private const int ForwardCount = 15;
    private const int MaxDepth = 5;
    private static readonly int[] Sizes = { 1, 7, 33, 100 };

    // Samples are kept this far from every kink, and finite differences must not cross one.
    private const double KinkMargin = 1e-3;

    public delegate double DoubleLoss(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Span<double> dt, double a, double b);

    public delegate float FloatLoss(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt, float a, float b);

    public delegate double DoubleForward(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double a, double b);

    private static readonly Lazy<Suite> Compiled = new(Build);

    private static long CompileMilliseconds;

    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    /// <summary>A reduction-only formula (no gradient): a combination of top-level means and sums.</summary>
    private sealed record ForwardLoss(string Text, Func<EvalPoint, int, (double Value, double Scale)> Evaluate, ExprNode[] Terms);

    private sealed record Suite(List<GeneratedLoss> Losses, List<ForwardLoss> Forward, HashSet<string> Used, Type Type, Dictionary<string, string> CompileFailures);

    [Fact]
    public void GeneratedFormulasCoverTheLanguage()
    {
        Suite suite = Compiled.Value;
        string[] required =
        {
            "+", "-", "*", "/", "^", "**", "unary -", "sqrt", "log", "log1p", "exp", "expm1", "cosh", "sigmoid", "tanh", "softplus",
            "log_sigmoid", "log_cosh", "abs", "relu", "sign", "min", "max", "clamp", "where", "pow", "<", "<=", ">", ">=", "==", "!=",
            "&", "|", "!", "mask as number", "binding", "mean", "sum",
        };
        string[] missing = required.Where(r => !suite.Used.Contains(r)).ToArray();
        Assert.True(missing.Length == 0, "the random formulas never use: " + string.Join(", ", missing));
        Assert.True(suite.Losses.Count == FormulaCount);
        _output.WriteLine($"{suite.Losses.Count} double, {FloatCount} float and {suite.Forward.Count} reduction formulas compiled in {CompileMilliseconds} ms; for example:");
        foreach (string text in suite.Losses.Where((_, k) => k % 15 == 4).Select(l => l.Text).Concat(suite.Forward.Take(2).Select(f => f.Text)))
        {
            _output.WriteLine("  " + text);
        }
        Assert.True(suite.Losses.Max(l => l.Text.Length) > 100, "formulas are suspiciously short");
    }

    [Fact]
    public void DoubleLossAndGradientsMatchReference()
    {
        Suite suite = Compiled.Value;
        var failures = new List<string>();
        int checkedCases = 0, skippedSamples = 0;
        double worstLoss = 0, worstGradient = 0;
        for (int k = 0; k < suite.Losses.Count; k++)
        {
            GeneratedLoss loss = suite.Losses[k];
            string method = "D" + k.ToString(CultureInfo.InvariantCulture);
            if (suite.CompileFailures.TryGetValue(method, out string? error))
            {
                failures.Add($"{method} {FuzzCorpus.Quote(loss.Text)} does not compile: {error}");
                continue;
            }

            DoubleLoss run = suite.Type.GetMethod(method)!.CreateDelegate<DoubleLoss>();
            for (int s = 0; s < Sizes.Length; s++)
            {
                int n = Sizes[s];
                int seed = (FormulaSeed * 11) + (k * 31) + s;
                EvalPoint? x = Sample(loss.Term, n, new Random(seed), toFloat: false);
                if (x is null)
                {
                    skippedSamples++;
                    continue;
                }

                var dp = new double[n];
                var dt = new double[n];
                Array.Fill(dp, double.NaN);
                Array.Fill(dt, double.NaN);
                double got = run(x.P, x.T, dp, dt, x.A, x.B);
                string where = $"{method} {FuzzCorpus.Quote(loss.Text)} n={n} sample seed {seed} (a={R(x.A)}, b={R(x.B)})";
                checkedCases++;

                (double expected, double scale) = ReferenceLoss(loss, x);
                // The generated sum runs in another order (vector lanes, unrolled blocks), so its rounding error is
                // relative to the sum of |terms|, not to |sum| when terms cancel.
                double lossError = Math.Abs(got - expected) / ((1e-9 * Math.Max(Math.Abs(expected), scale)) + 1e-12);
                worstLoss = Math.Max(worstLoss, double.IsNaN(lossError) ? double.PositiveInfinity : lossError);
                if (!(lossError <= 1))
                {
                    failures.Add($"{where}: loss {R(got)}, reference {R(expected)}");
                    continue;
                }

                for (int i = 0; i < n; i++)
                {
                    foreach ((string name, double[] input, double[] gradient) in new[] { ("dp", x.P, dp), ("dt", x.T, dt) })
                    {
                        double fd = FiniteDifference(loss.Term, x, input, i);
                        double perElement = gradient[i] * (loss.IsMean ? n : 1);
                        double ratio = Math.Abs(perElement - fd) / (1e-5 * Math.Max(1, Math.Abs(fd)));
                        worstGradient = Math.Max(worstGradient, double.IsNaN(ratio) ? double.PositiveInfinity : ratio);
                        if (!(ratio <= 1))
                        {
                            failures.Add($"{where}: {name}[{i}] = {R(gradient[i])}, finite difference {R(loss.IsMean ? fd / n : fd)} at p={R(x.P[i])}, t={R(x.T[i])}");
                        }
                    }
                }
            }
        }

        _output.WriteLine($"double: {checkedCases} (formula, n) cases checked; {skippedSamples} skipped for lack of a kink-free sample; " +
            $"worst loss error {worstLoss:G3} x tolerance, worst gradient error {worstGradient:G3} x tolerance");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches (formula seed {FormulaSeed}); first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(skippedSamples <= checkedCases / 20, $"{skippedSamples} cases had no kink-free sample");
    }

    [Fact]
    public void FloatLossAndGradientsMatchReferenceWithinFloatRounding()
    {
        Suite suite = Compiled.Value;
        var failures = new List<string>();
        int checkedCases = 0, skippedSamples = 0;
        double worstLoss = 0, worstGradient = 0;
        for (int k = 0; k < FloatCount; k++)
        {
            GeneratedLoss loss = suite.Losses[k];
            string method = "F" + k.ToString(CultureInfo.InvariantCulture);
            if (suite.CompileFailures.TryGetValue(method, out string? error))
            {
                failures.Add($"{method} {FuzzCorpus.Quote(loss.Text)} does not compile: {error}");
                continue;
            }

            FloatLoss run = suite.Type.GetMethod(method)!.CreateDelegate<FloatLoss>();
            for (int s = 0; s < Sizes.Length; s++)
            {
                int n = Sizes[s];
                int seed = (FormulaSeed * 13) + (k * 31) + s;
                // Inputs are drawn as floats, so the reference sees exactly the values the float kernel reads.
                EvalPoint? x = Sample(loss.Term, n, new Random(seed), toFloat: true);
                if (x is null)
                {
                    skippedSamples++;
                    continue;
                }

                float[] p = x.P.Select(v => (float)v).ToArray(), t = x.T.Select(v => (float)v).ToArray();
                var dp = new float[n];
                var dt = new float[n];
                Array.Fill(dp, float.NaN);
                Array.Fill(dt, float.NaN);
                float got = run(p, t, dp, dt, (float)x.A, (float)x.B);
                string where = $"{method} {FuzzCorpus.Quote(loss.Text)} n={n} sample seed {seed} (a={R(x.A)}, b={R(x.B)})";
                checkedCases++;

                // float carries 24 bits (6e-8 relative) through up to ~20 operations whose error can be amplified by
                // cancellation; 1e-4 relative to the scale of the terms is well above that and far below any
                // wrong derivative or wrong branch.
                (double expected, double scale) = ReferenceLoss(loss, x);
                double lossError = Math.Abs(got - expected) / (1e-4 * Math.Max(Math.Abs(expected), scale) + 1e-7);
                worstLoss = Math.Max(worstLoss, double.IsNaN(lossError) ? double.PositiveInfinity : lossError);
                if (!(lossError <= 1))
                {
                    failures.Add($"{where}: loss {R(got)}, reference {R(expected)}");
                    continue;
                }

                for (int i = 0; i < n; i++)
                {
                    foreach ((string name, double[] input, float[] gradient) in new[] { ("dp", x.P, dp), ("dt", x.T, dt) })
                    {
                        double fd = FiniteDifference(loss.Term, x, input, i);
                        double perElement = gradient[i] * (double)(loss.IsMean ? n : 1);
                        double ratio = Math.Abs(perElement - fd) / (1e-4 * Math.Max(1, Math.Abs(fd)));
                        worstGradient = Math.Max(worstGradient, double.IsNaN(ratio) ? double.PositiveInfinity : ratio);
                        if (!(ratio <= 1))
                        {
                            failures.Add($"{where}: {name}[{i}] = {R(gradient[i])}, finite difference {R(loss.IsMean ? fd / n : fd)} at p={R(x.P[i])}, t={R(x.T[i])}");
                        }
                    }
                }
            }
        }

        _output.WriteLine($"float: {checkedCases} (formula, n) cases checked; {skippedSamples} skipped; worst loss error {worstLoss:G3} x tolerance, worst gradient error {worstGradient:G3} x tolerance");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches (formula seed {FormulaSeed}); first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(skippedSamples <= checkedCases / 20, $"{skippedSamples} cases had no kink-free sample");
    }

    [Fact]
    public void ReductionCombinationsMatchReference()
    {
        Suite suite = Compiled.Value;
        var failures = new List<string>();
        int checkedCases = 0;
        double worst = 0;
        for (int k = 0; k < suite.Forward.Count; k++)
        {
            ForwardLoss loss = suite.Forward[k];
            string method = "G" + k.ToString(CultureInfo.InvariantCulture);
            if (suite.CompileFailures.TryGetValue(method, out string? error))
            {
                failures.Add($"{method} {FuzzCorpus.Quote(loss.Text)} does not compile: {error}");
                continue;
            }

            DoubleForward run = suite.Type.GetMethod(method)!.CreateDelegate<DoubleForward>();
            for (int s = 0; s < Sizes.Length; s++)
            {
                int n = Sizes[s];
                int seed = (FormulaSeed * 17) + (k * 31) + s;
                var random = new Random(seed);
                EvalPoint? x = SampleAll(loss.Terms, n, random);
                if (x is null)
                {
                    continue;
                }

                checkedCases++;
                double got = run(x.P, x.T, x.A, x.B);
                (double expected, double scale) = loss.Evaluate(x, n);
                double ratio = Math.Abs(got - expected) / ((1e-9 * Math.Max(Math.Abs(expected), scale)) + 1e-12);
                worst = Math.Max(worst, double.IsNaN(ratio) ? double.PositiveInfinity : ratio);
                if (!(ratio <= 1))
                {
                    failures.Add($"{method} {FuzzCorpus.Quote(loss.Text)} n={n} sample seed {seed}: {R(got)}, reference {R(expected)}");
                }
            }
        }

        _output.WriteLine($"reductions: {checkedCases} cases checked; worst error {worst:G3} x tolerance");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches (formula seed {FormulaSeed}); first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(checkedCases >= ForwardCount * Sizes.Length * 9 / 10);
    }

    // ---- reference ------------------------------------------------------------------------------------------------

    private static (double Value, double Scale) ReferenceLoss(GeneratedLoss loss, EvalPoint x)
    {
        int n = x.P.Length;
        double sum = 0, abs = 0;
        for (int i = 0; i < n; i++)
        {
            double f = loss.Term.Eval(x, i, null);
            sum += f;
            abs += Math.Abs(f);
        }

        return loss.IsMean ? (sum / n, abs / n) : (sum, abs);
    }

    private static double Step(double x) => 1e-6 * Math.Max(1, Math.Abs(x));

    // Central difference of the per-element term in one input element; the term has no reductions, so no other
    // element's term depends on it.
    private static double FiniteDifference(ExprNode term, EvalPoint x, double[] input, int i)
    {
        double x0 = input[i], h = Step(x0);
        input[i] = x0 + h;
        double up = term.Eval(x, i, null);
        double hUp = input[i];
        input[i] = x0 - h;
        double down = term.Eval(x, i, null);
        double hDown = input[i];
        input[i] = x0;
        return (up - down) / (hUp - hDown);
    }

    /// <summary>
    /// Random inputs in [-2, 2] for which element's term is at least <see cref="KinkMargin"/> from every kink and keeps
    /// the same side of each kink over the finite-difference stencil; offending elements (and from time to time the
    /// options) are redrawn. Null if no such sample was found.
    /// </summary>
    private static EvalPoint? Sample(ExprNode term, int n, Random random, bool toFloat) => SampleAll(new[] { term }, n, random, toFloat);

    private static EvalPoint? SampleAll(ExprNode[] terms, int n, Random random, bool toFloat = false)
    {
        double Draw()
        {
            double v = ((random.NextDouble() * 2) - 1) * WellTypedExpressions.InputRange;
            return toFloat ? (float)v : v;
        }

        var x = new EvalPoint { P = new double[n], T = new double[n], A = Draw(), B = Draw() };
        for (int i = 0; i < n; i++)
        {
            x.P[i] = Draw();
            x.T[i] = Draw();
        }

        for (int attempt = 0; attempt < 200; attempt++)
        {
            var bad = Enumerable.Range(0, n).Where(i => !terms.All(term => IsSafe(term, x, i))).ToList();
            if (bad.Count == 0)
            {
                return x;
            }

            foreach (int i in bad)
            {
                x.P[i] = Draw();
                x.T[i] = Draw();
            }

            if (attempt % 4 == 3)
            {
                x.A = Draw();
                x.B = Draw();
            }
        }

        return null;
    }

    private static bool IsSafe(ExprNode term, EvalPoint x, int i)
    {
        // A margin of exactly 0 that stays 0 over the stencil is a structural tie (min(p, p), clamp(x, 1, 1)): the
        // function is smooth there and the tie rules must give its derivative. Any other margin below KinkMargin is rejected.
        var center = new List<double>();
        if (!double.IsFinite(term.Eval(x, i, center)) || center.Any(m => double.IsNaN(m) || (m != 0 && Math.Abs(m) < KinkMargin)))
        {
            return false;
        }

        foreach (double[] input in new[] { x.P, x.T })
        {
            double x0 = input[i];
            foreach (int direction in new[] { -1, 1 })
            {
                input[i] = x0 + (direction * Step(x0));
                var moved = new List<double>();
                double value = term.Eval(x, i, moved);
                input[i] = x0;
                if (!double.IsFinite(value) || moved.Count != center.Count)
                {
                    return false;
                }

                for (int j = 0; j < moved.Count; j++)
                {
                    if (Math.Sign(moved[j]) != Math.Sign(center[j]))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    // ---- the compiled suite ---------------------------------------------------------------------------------------

    private static Suite Build()
    {
        var generator = new WellTypedExpressions(new Random(FormulaSeed));
        var losses = new List<GeneratedLoss>();
        for (int k = 0; k < FormulaCount; k++)
        {
            losses.Add(generator.NextLoss(1 + (k % MaxDepth)));
        }

        List<ForwardLoss> forward = Enumerable.Range(0, ForwardCount).Select(k => NextForward(generator, new Random(FormulaSeed + 1 + k))).ToList();

        var methods = new List<(string Name, string Declaration)>();
        for (int k = 0; k < losses.Count; k++)
        {
            methods.Add(($"D{k}", Declaration(losses[k].Text, "double", $"D{k}", "ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Span<double> dt, double a, double b")));
            if (k < FloatCount)
            {
                methods.Add(($"F{k}", Declaration(losses[k].Text, "float", $"F{k}", "ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Span<float> dt, float a, float b")));
            }
        }

        for (int k = 0; k < forward.Count; k++)
        {
            methods.Add(($"G{k}", Declaration(forward[k].Text, "double", $"G{k}", "ReadOnlySpan<double> p, ReadOnlySpan<double> t, double a, double b")));
        }

        // Methods whose generated code does not compile are reported as failures and left out of a second build, so
        // one bad formula cannot hide the results of all the others.
        var failures = new Dictionary<string, string>();
        for (int round = 0; round < 3; round++)
        {
            var included = methods.Where(m => !failures.ContainsKey(m.Name)).ToList();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            (Assembly? assembly, List<Diagnostic> errors) = Compile(Source(included));
            CompileMilliseconds += watch.ElapsedMilliseconds;
            if (assembly != null)
            {
                return new Suite(losses, forward, generator.Used, assembly.GetType("Differential.Losses")!, failures);
            }

            foreach (Diagnostic d in errors)
            {
                string file = d.Location.SourceTree?.FilePath ?? "";
                string? owner = included.Select(m => m.Name).FirstOrDefault(name => file.Contains("." + name + ".", StringComparison.Ordinal));
                if (owner is null && d.Location.IsInSource && d.Location.SourceTree!.FilePath == "File0.cs")
                {
                    string line = d.Location.SourceTree.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString();
                    owner = included.Select(m => m.Name).FirstOrDefault(name => line.Contains(" " + name + "(", StringComparison.Ordinal) || line.EndsWith("//" + name, StringComparison.Ordinal));
                }

                if (owner is null)
                {
                    throw new InvalidOperationException("Unattributable compile error: " + d);
                }

                failures.TryAdd(owner, d.ToString());
            }
        }

        throw new InvalidOperationException("The differential suite still does not compile after removing failing methods: " + string.Join("; ", failures));
    }

    // The generator as a build runs it, then one Emit (its diagnostics are the compile errors): binding two hundred
    // kernels twice, as GetDiagnostics and then Emit would, doubles the slowest part of these tests.
    private static (Assembly? Assembly, List<Diagnostic> Errors) Compile(string source)
    {
        CSharpCompilation input = GeneratorHarness.CreateCompilation(source);
        input = input.WithOptions(input.Options.WithConcurrentBuild(false));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Exception? thrown = driver.GetRunResult().Results.Select(r => r.Exception).FirstOrDefault(e => e != null);
        if (thrown != null)
        {
            throw new InvalidOperationException("The generator threw", thrown);
        }

        using var stream = new MemoryStream();
        EmitResult emit = output.Emit(stream);
        var errors = generatorDiagnostics.Concat(emit.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return (errors.Count == 0 ? Assembly.Load(stream.ToArray()) : null, errors);
    }

    private static string Declaration(string formula, string returnType, string name, string parameters) =>
        $"    [Loss({FuzzCorpus.Quote(formula, int.MaxValue)})] //{name}\n    public static partial {returnType} {name}({parameters});\n";

    private static string Source(IEnumerable<(string Name, string Declaration)> methods)
    {
        var sb = new StringBuilder("using System;\nusing LossDsl;\n\nnamespace Differential;\n\npublic static partial class Losses\n{\n");
        foreach ((_, string declaration) in methods)
        {
            sb.Append(declaration);
        }

        return sb.Append("}\n").ToString();
    }

    // R1, R1 + R2, R1 - R2, R1 * R2, R1 / (1 + R2^2) or a * R1 + R2, each R a mean or a sum of a random term: several
    // reductions accumulated in one pass and combined afterwards.
    private static ForwardLoss NextForward(WellTypedExpressions generator, Random random)
    {
        ExprNode Term()
        {
            while (true)
            {
                ExprNode e = generator.NextTerm(1 + random.Next(4));
                if (e.UsesP || e.UsesT)
                {
                    return e;
                }
            }
        }

        ExprNode t1 = Term(), t2 = Term();
        bool mean1 = random.Next(2) == 0, mean2 = random.Next(2) == 0;
        string r1 = (mean1 ? "mean(" : "sum(") + t1.Text + ")", r2 = (mean2 ? "mean(" : "sum(") + t2.Text + ")";
        int shape = random.Next(6);
        string text = shape switch
        {
            0 => r1,
            1 => $"{r1} + {r2}",
            2 => $"{r1} - {r2}",
            3 => $"{r1} * {r2}",
            4 => $"{r1} / (1 + {r2}^2)",
            _ => $"a * {r1} + {r2}",
        };

        (double Value, double Scale) Evaluate(EvalPoint x, int n)
        {
            (double v1, double s1) = Reduce(t1, x, n, mean1);
            (double v2, double s2) = Reduce(t2, x, n, mean2);
            // Scale: the size of the rounding error each reduction may carry (its sum of |terms|), propagated to
            // first order through the combination.
            return shape switch
            {
                0 => (v1, s1),
                1 => (v1 + v2, s1 + s2),
                2 => (v1 - v2, s1 + s2),
                3 => (v1 * v2, (s1 * Math.Abs(v2)) + (Math.Abs(v1) * s2)),
                4 => (v1 / (1 + (v2 * v2)), s1 + (Math.Abs(v1) * s2)),
                _ => ((x.A * v1) + v2, (Math.Abs(x.A) * s1) + s2),
            };
        }

        return new ForwardLoss(text, Evaluate, shape == 0 ? new[] { t1 } : new[] { t1, t2 });
    }

    private static (double Value, double Scale) Reduce(ExprNode term, EvalPoint x, int n, bool mean)
    {
        double sum = 0, abs = 0;
        for (int i = 0; i < n; i++)
        {
            double f = term.Eval(x, i, null);
            sum += f;
            abs += Math.Abs(f);
        }

        return mean ? (sum / n, abs / n) : (sum, abs);
    }
}
