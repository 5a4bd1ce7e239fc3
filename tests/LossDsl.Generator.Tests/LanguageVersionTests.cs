using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>The generated code needs C# 11 (file-local types); older projects get LD0021, not errors in generated files.</summary>
public class LanguageVersionTests
{
    private const string Source = """
        using System;
        using LossDsl;
        public static partial class L
        {
            [Loss("mean((p - t)^2)")]
            public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t);

            [Loss("mean(abs(p - t))")]
            public static partial double Mae(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp);
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    public void Older_versions_get_LD0021_on_each_method_and_no_generated_code(LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.ParseOptions.WithLanguageVersion(version), Source);

        Diagnostic[] reported = run.GeneratorDiagnostics.Where(d => d.Id == "LD0021").ToArray();
        Assert.Equal(["Mse", "Mae"], reported.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        Assert.All(reported, d => Assert.Contains($"compiles C# {version.ToDisplayString()}", d.GetMessage()));
        Assert.Empty(run.Sources);
        // Nothing is reported inside generated files (there are none): the user sees the cause, not CS8936.
        Assert.DoesNotContain(run.All, d => d.Id == "CS8936" || d.Id == "CS8773");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public void From_CSharp_11_the_code_compiles(LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.ParseOptions.WithLanguageVersion(version), Source);

        Assert.DoesNotContain(run.All, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(2, run.Sources.Count);
        Assert.NotNull(run.Load().GetType("L")!.GetMethod("Mae"));
    }
}
