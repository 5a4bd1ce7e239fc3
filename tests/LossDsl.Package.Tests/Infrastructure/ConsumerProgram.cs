using System;
using System.Globalization;
using System.Linq;

namespace LossDsl.Package.Tests.Infrastructure;

/// <summary>
/// The Program.cs of the consumer projects: what a user writes after <c>dotnet add package LossDsl</c>. It declares a
/// loss with <c>[Loss]</c>, calls it on the inputs below and prints the loss and its gradient with every digit; it
/// also holds two mistakes that the package's compiler plug-ins must report as warnings.
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

    /// <summary>The program text.</summary>
    public static string Source => $$"""
        using System.Globalization;
        using LossDsl;

        double[] x = { {{Literals(Logits)}} };
        double[] t = { {{Literals(Targets)}} };
        double[] dx = new double[x.Length];
        double loss = Losses.BceWithLogits(x, t, dx);
        Console.WriteLine("loss=" + loss.ToString("R", CultureInfo.InvariantCulture));
        Console.WriteLine("dx=" + string.Join(";", dx.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

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
