using System;
using System.IO;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using LossDsl.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>User code the kernel must coexist with: names that match its locals and the types it uses, odd declarations.</summary>
public class NamingAndEdgeCaseTests
{
    public delegate float Hostile(ReadOnlySpan<float> i, ReadOnlySpan<float> Math, ReadOnlySpan<float> n, ReadOnlySpan<float> w, Span<float> di, Span<float> dMath, float Unsafe, int __n);

    public delegate double PowFn(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dx, Span<double> dy);

    [Fact]
    public void Parameters_named_like_kernel_locals_and_types_compile_and_compute()
    {
        Type type = GeneratorHarness.CompileType("""
            using System;
            using LossDsl;
            namespace Cases
            {
                public static partial class Outer<TTag>
                {
                    internal static partial class L
                    {
                        [Loss("mean((i - Math)^2 * n + w * Unsafe + __n)")]
                        public static partial float F(ReadOnlySpan<float> i, ReadOnlySpan<float> Math, ReadOnlySpan<float> n, ReadOnlySpan<float> w, Span<float> di, Span<float> dMath, float Unsafe, int __n);
                    }
                }
            }
            """, "Cases.Outer`1+L");
        var f = type.MakeGenericType(typeof(int)).GetMethod("F")!.CreateDelegate<Hostile>();
        float[] i = { 1, 2, 3 }, m = { 0, 0, 1 }, n = { 1, 2, 3 }, w = { 1, 1, 1 };
        float[] di = new float[3], dm = new float[3];
        float loss = f(i, m, n, w, di, dm, 0.5f, 2);
        Assert.Equal(((1 * 1) + (4 * 2) + (4 * 3) + (3 * 0.5) + (3 * 2)) / 3.0, loss, 5);
        Assert.Equal(new[] { 2f / 3, 8f / 3, 12f / 3 }, di);
        Assert.Equal(di.Select(v => -v), dm);
    }

    [Fact]
    public void Pow_gradient_is_zero_where_the_exponent_is_zero_as_in_PyTorch()
    {
        var f = GeneratorHarness.CompileType("""
            using System;
            using LossDsl;
            public static partial class P
            {
                [Loss("sum(x^y)")]
                public static partial double F(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dx, Span<double> dy);
            }
            """, "P").GetMethod("F")!.CreateDelegate<PowFn>();
        double[] x = { 0, double.NaN, 2, 0, -2 }, y = { 0, 0, 3, 2, 2 };
        double[] dx = new double[5], dy = new double[5];
        double loss = f(x, y, dx, dy);

        // torch.pow: 0^0 = NaN^0 = 1; d/dx is masked to 0 where y = 0; d/dy is masked to 0 where x = 0 and y >= 0.
        // A runtime exponent goes through exp(y·ln|x|), exact to a few ulps (not bit-exact like std::pow).
        Assert.Equal(1 + 1 + 8 + 0 + 4, loss, 1e-13);
        Assert.Equal(0, dx[0]);
        Assert.Equal(0, dx[1]);
        Assert.Equal(12, dx[2], 1e-13);
        Assert.Equal(0, dx[3]);
        Assert.Equal(-4, dx[4], 1e-13);
        Assert.Equal(0, dy[0]);
        Assert.Equal(8 * Math.Log(2), dy[2], 1e-13);
        Assert.Equal(0, dy[3]);
        Assert.True(double.IsNaN(dy[4]), "d/dy of (-2)^y is NaN (log of a negative base), as in PyTorch");
    }

    [Fact]
    public void Diagnostics_honour_pragmas_in_a_real_build()
    {
        // csc filters generator diagnostics through #pragma only when they are located in a syntax tree; building a
        // real project is the only faithful check. One file suppresses LD0016, the other does not.
        string dir = Path.Combine(Path.GetTempPath(), "lossdsl-pragma-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string runtime = RepositoryRoot.Resolve("src/LossDsl.Runtime/LossDsl.Runtime.csproj");
            string generator = RepositoryRoot.Resolve("src/LossDsl.Generator/LossDsl.Generator.csproj");
            File.WriteAllText(Path.Combine(dir, "Pragma.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{runtime}" />
                    <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Suppressed.cs"), """
                using System;
                using LossDsl;
                public static partial class Suppressed
                {
                #pragma warning disable LD0016
                    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
                #pragma warning restore LD0016
                }
                """);
            File.WriteAllText(Path.Combine(dir, "Reported.cs"), """
                using System;
                using LossDsl;
                public static partial class Reported
                {
                    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
                }
                """);

            CommandResult build = DotnetProcess.Build(dir, "Pragma.csproj");
            Assert.True(build.ExitCode == 0, build.Describe());
            string[] warnings = build.Output.Split('\n').Where(l => l.Contains("warning LD0016", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToArray();
            Assert.True(warnings.Length > 0 && warnings.All(l => l.Contains("Reported.cs", StringComparison.Ordinal)), string.Join("\n", warnings));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
