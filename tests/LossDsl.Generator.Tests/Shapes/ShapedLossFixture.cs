using System;
using System.Collections.Concurrent;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>
/// Compiles a class of shaped losses once (Roslyn compilation dominates test time) and hands out their methods.
/// </summary>
public static class ShapedLossCompiler
{
    private static readonly ConcurrentDictionary<string, Type> Compiled = new();

    /// <summary>Compiles <paramref name="members"/> (loss declarations) into a partial class <c>L</c>, once per text.</summary>
    public static Type Compile(string members) => Compiled.GetOrAdd(members, m =>
    {
        GeneratorRun run = Run(m);
        Assert.Empty(run.All);
        return run.Load().GetType("L")!;
    });

    /// <summary>Runs the generator over <paramref name="members"/> in a partial class <c>L</c>, for tests that read the
    /// generated sources or diagnostics.</summary>
    public static GeneratorRun Run(string members) => GeneratorHarness.Run($$"""
        using System;
        using System.Numerics.Tensors;
        using LossDsl;

        public static partial class L
        {
        {{members}}
        }
        """);

    public static TDelegate Get<TDelegate>(this Type type, string name) where TDelegate : Delegate =>
        type.GetMethods().Single(mi => mi.Name == name).CreateDelegate<TDelegate>();
}

/// <summary>Deterministic test data and comparisons for shaped losses.</summary>
public static class ShapedData
{
    public static double[] Normal(int count, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * (rng.NextDouble() * 2 - 1) * 2).ToArray();
    }

    public static int[] Classes(int n, int c, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => rng.Next(c)).ToArray();
    }

    public static T[] As<T>(double[] x) where T : System.Numerics.IFloatingPointIeee754<T> => x.Select(T.CreateChecked).ToArray();

    public static double[] ToDouble<T>(T[] x) where T : System.Numerics.IFloatingPointIeee754<T> => x.Select(double.CreateChecked).ToArray();

    /// <summary>
    /// Asserts that <paramref name="call"/> allocates nothing once warm: 50 calls first, so tiered compilation and
    /// delegate stubs are in place (the tier-up after 30 calls installs them on the calling thread), then 100 measured.
    /// </summary>
    public static void AssertAllocatesNothing(Action call)
    {
        for (int k = 0; k < 50; k++)
        {
            call();
        }

        // Kernels that need scratch rent it from ArrayPool<T>.Shared, which drops its cached arrays when a gen-2
        // collection runs (other test classes run in parallel and make garbage). A rent right after such a trim
        // allocates once; a kernel that allocates on every call allocates in every attempt. So up to three rounds of
        // 100 calls are measured and one of them must allocate nothing.
        long allocated = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < 100; k++)
            {
                call();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }
        }

        Assert.Equal(0, allocated);
    }

    /// <summary>Central finite differences of <paramref name="f"/> at <paramref name="x"/>, in double.</summary>
    public static double[] FiniteDifferences(Func<double[], double> f, double[] x, double h = 1e-6)
    {
        var g = new double[x.Length];
        var probe = (double[])x.Clone();
        for (int k = 0; k < x.Length; k++)
        {
            double saved = probe[k];
            probe[k] = saved + h;
            double up = f(probe);
            probe[k] = saved - h;
            double down = f(probe);
            probe[k] = saved;
            g[k] = (up - down) / (2 * h);
        }

        return g;
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(1, max |expected|) element by element.</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int k = 0; k < expected.Length; k++)
        {
            if (Math.Abs(expected[k] - actual[k]) > tolerance * scale)
            {
                Assert.Fail($"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R} (tolerance {tolerance * scale:G3})");
            }
        }
    }

    public static void Close(double expected, double actual, double tolerance, string what)
    {
        if (!(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected))))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R}");
        }
    }
}
