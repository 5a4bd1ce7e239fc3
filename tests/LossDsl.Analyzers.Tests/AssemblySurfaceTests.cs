using System;
using System.Linq;
using System.Reflection;
using LossDsl.Generator;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>
/// The generator and the analyzers are loaded side by side by the compiler, and LossDsl.Analyzers compiles the generator's
/// formula parser (src/LossDsl.Generator/Parsing) into itself. Neither assembly may export a type of the other's name: a
/// project referencing both would see two of it. Each exports only what Roslyn discovers by reflection.
/// </summary>
public sealed class AssemblySurfaceTests
{
    private static readonly Assembly Generator = typeof(LossGenerator).Assembly;
    private static readonly Assembly Analyzers = typeof(FormulaPitfallAnalyzer).Assembly;

    [Fact]
    public void The_generator_and_the_analyzers_export_no_type_of_the_same_name()
    {
        Assert.Equal("LossDsl.Generator", Generator.GetName().Name);
        Assert.Equal("LossDsl.Analyzers", Analyzers.GetName().Name);

        string[] shared = Analyzers.GetExportedTypes().Select(t => t.FullName!)
            .Intersect(Generator.GetExportedTypes().Select(t => t.FullName!), StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        Assert.Empty(shared);
    }

    [Fact]
    public void The_plug_ins_export_only_their_generator_and_analyzers()
    {
        Assert.Equal(new[] { "LossDsl.Generator.LossGenerator" }, Exported(Generator));
        Assert.Equal(new[] { "LossDsl.Analyzers.FormulaPitfallAnalyzer", "LossDsl.Analyzers.LossPitfallAnalyzer" }, Exported(Analyzers));
    }

    private static string[] Exported(Assembly assembly) =>
        assembly.GetExportedTypes().Select(t => t.FullName!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
}
