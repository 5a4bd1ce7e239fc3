using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace LossDsl.Package.Tests.Infrastructure;

/// <summary>
/// The code of the consumer projects: what a user writes after <c>dotnet add package LossDsl</c>. The package readme's
/// example, as it is written; then a loss declared with <c>[Loss]</c>, called on the inputs below, printing the loss and
/// its gradient with every digit; and two mistakes that the package's compiler plug-ins must report as warnings.
/// </summary>
public static class ConsumerProgram
{
    /// <summary>37 logits: four Vector256&lt;double&gt; blocks, and a tail the vector loop does not cover.</summary>
    public static readonly double[] Logits = Inputs(seed: 1, count: 37, scale: 12, offset: -6);

    /// <summary>Soft targets in [0, 1], as binary cross-entropy takes them.</summary>
    public static readonly double[] Targets = Inputs(seed: 2, count: 37, scale: 1, offset: 0);

    /// <summary>The generator's warning for a parameter the formula does not use.</summary>
    public const string GeneratorWarning = "LD0016";

    /// <summary>The analyzers' warning for {-1, +1} labels passed where {0, 1} labels are declared.</summary>
    public const string AnalyzerWarning = "LD2009";

    /// <summary>The package readme's example, as the readme states it: loss = 4/3, dp = { 0, 0, -4/3 }.</summary>
    public const string ReadmeClaim = "// loss = 4/3, dp = { 0, 0, -4/3 }";

    /// <summary>
    /// The two C# blocks of the package readme (src/LossDsl.Runtime/PackageReadme.md): the declarations, which become
    /// the consumer's Readme.cs as they are, and the call, which opens its Program.cs.
    /// </summary>
    public static (string Declarations, string Call) ReadmeBlocks(string markdown)
    {
        var blocks = Regex.Matches(markdown.Replace("\r\n", "\n"), "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .ToArray();
        if (blocks.Length != 2 || !blocks[0].Contains("partial class MyLosses", StringComparison.Ordinal) || !blocks[1].Contains(ReadmeClaim, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The package readme should have two C# blocks, the MyLosses class and a call commented \"{ReadmeClaim}\"; update the package tests with it.");
        }

        return (blocks[0], blocks[1]);
    }

    /// <summary>The Program.cs text: the readme's call, then the test's own loss, each printing what it computed.</summary>
    public static string Program(string readmeCall) => "using System.Globalization;\nusing LossDsl;\n\n" + readmeCall + $$"""
        Console.WriteLine("readme=" + loss.ToString("R", CultureInfo.InvariantCulture) + ";" + string.Join(";", dp.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

        double[] logits = { {{Literals(Logits)}} };
        double[] targets = { {{Literals(Targets)}} };
        double[] gradient = new double[logits.Length];
        double bce = Losses.BceWithLogits(logits, targets, gradient);
        Console.WriteLine("loss=" + bce.ToString("R", CultureInfo.InvariantCulture));
        Console.WriteLine("dx=" + string.Join(";", gradient.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

        public static partial class Losses
        {
            // Binary cross-entropy on logits, in the form that is stable for any x.
            [Loss("mean(max(x, 0) - x * t + log1p(exp(-abs(x))))")]
            public static partial double BceWithLogits([Logits] ReadOnlySpan<double> x, [BinaryLabels] ReadOnlySpan<double> t, Span<double> dx);

            // {{GeneratorWarning}} from the generator: the formula never reads delta.
            [Loss("mean(abs(p - t))")]
            public static partial double MeanAbsolute(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double delta = 1.0);
        }

        public static class Mistakes
        {
            // {{AnalyzerWarning}} from the analyzers: {-1, +1} labels into a parameter declared [BinaryLabels]. Never called.
            public static double SignLabelsIntoBinaryCrossEntropy(double[] x, double[] dx)
            {
                double[] labels = { -1, 1, -1 };
                return Losses.BceWithLogits(x, labels, dx);
            }
        }
        """;

    private static double[] Inputs(int seed, int count, double scale, double offset)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * scale + offset, 3)).ToArray();
    }

    private static string Literals(double[] values) =>
        string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
