using System;
using System.Collections.Generic;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// Every diagnostic id, reported on the exact characters: inside the formula's string literal (through escapes,
/// verbatim and raw strings) or on the offending parameter or name. Markers [| |] in a test source show where each
/// expected diagnostic must be; every reported diagnostic must be expected (none may go unasserted).
/// </summary>
public class DiagnosticLocationTests
{
    private static string Losses(string members) => $$"""
        using System;
        using LossDsl;
        namespace Cases;
        public static partial class L
        {
        {{members}}
        }
        """;

    public static TheoryData<string, string> Cases() => new()
    {
        { "LD0001", Losses("""    [Loss("mean[|(|](p - t)^2")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0001", Losses("""    [Loss("mean(p [|$|] t)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0001", Losses("""    [Loss("mean(p < t [|<|] p)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0001", Losses("""    [Loss("[||]")] public static partial float F(ReadOnlySpan<float> p);""") },
        { "LD0002", Losses("""    [Loss("mean(abs(p - [|q|]))")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0002", Losses("""    [Loss("mean(abs(p - [|\u0071|]))")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0002", Losses("    [Loss(@\"e = p - t;\n        mean(abs(e) + [|q|])\")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);") },
        { "LD0002", Losses("    [Loss(\"\"\"mean(p + t + [|q|])\"\"\")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);") },
        { "LD0002", Losses("""    const string Formula = "mean(q)"; [Loss([|Formula|])] public static partial float F(ReadOnlySpan<float> p);""") },
        { "LD0002", Losses("""    [Loss("mean(p - [|dp|])")] public static partial float F(ReadOnlySpan<float> p, Span<float> dp);""") },
        { "LD0003", Losses("""    [Loss("mean([|lg|](p))")] public static partial float F(ReadOnlySpan<float> p);""") },
        { "LD0004", Losses("""    [Loss("mean([|pow(p)|])")] public static partial float F(ReadOnlySpan<float> p);""") },
        { "LD0005", Losses("""    [Loss("mean(where([|p|], p, t))")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0005", Losses("""    [Loss("mean(where((p > 0) & [|t|], p, t))")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0006", Losses("""    [Loss("mean(p)")] public static float [|F|](ReadOnlySpan<float> p) => 0;""") },
        { "LD0006", Losses("""    [Loss("mean(p)")] public partial float [|F|](ReadOnlySpan<float> p);""") },
        { "LD0007", """
            using System;
            using LossDsl;
            public static class [|Outer|]
            {
                public static partial class L
                {
                    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p);
                }
            }
            """ },
        { "LD0008", Losses("""    [Loss("mean(p)")] public static partial int [|F|](ReadOnlySpan<float> p);""") },
        { "LD0009", Losses("""    [Loss("mean(p)")] public static partial float F([|float[] p|]);""") },
        { "LD0009", Losses("""    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, [|string name|]);""") },
        { "LD0009", Losses("""    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, [|ref float x|]);""") },
        { "LD0010", Losses("""    [Loss("mean(p * c)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<int> c, [|Span<float> dc|]);""") },
        { "LD0011", Losses("""    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, [|Span<float> dq|]);""") },
        { "LD0011", Losses("""    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, [|Span<float> loss|]);""") },
        { "LD0012", Losses("""    [Loss("e = p - t; [|e^2|]")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0012", Losses("""    [Loss("[|(p - t)|]")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0012", Losses("""    [Loss("[|mean(p - t)|]")] public static partial void F(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);""") },
        { "LD0013", Losses("""    [Loss("p - t")] public static partial void [|F|](ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0013", Losses("""    [Loss("p - t")] public static partial void [|F|](ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);""") },
        { "LD0014", Losses("""    [Loss("mean(p - t)")] public static partial float F(ReadOnlySpan<float> p, [|ReadOnlySpan<double> t|]);""") },
        { "LD0015", Losses("""    [Loss("[|p|] = t; mean(p)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0015", Losses("""    [Loss("e = p; [|e|] = t; mean(e)")] public static partial float F(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""") },
        { "LD0016", Losses("""    [Loss("mean(p)")] public static partial float F(ReadOnlySpan<float> p, [|ReadOnlySpan<float> t|]);""") },
        { "LD0018", Losses("""    [Loss("mean(x[[|t|]])")] public static partial float F(System.Numerics.Tensors.ReadOnlyTensorSpan<float> x, ReadOnlySpan<float> t);""") },
        { "LD0018", Losses("""    [Loss("mean(row_sum([|p|]))")] public static partial float F(ReadOnlySpan<float> p);""") },
        { "LD0018", Losses("""    [Loss("[|x * 2|]")] public static partial void F(System.Numerics.Tensors.ReadOnlyTensorSpan<float> x, Span<float> loss);""") },
        { "LD0019", Losses("""    [Loss("mean(row_min(sqdist([|p|], b)))")] public static partial float F(ReadOnlySpan<float> p, System.Numerics.Tensors.ReadOnlyTensorSpan<float> b);""") },
        { "LD0019", Losses("""    [Loss("mean(where([|eye()|], p, 0))")] public static partial float F(ReadOnlySpan<float> p);""") },
        { "LD0020", Losses("""    [Loss("sum(emd_hist(p, [|x|]))")] public static partial float F(ReadOnlySpan<float> p, System.Numerics.Tensors.ReadOnlyTensorSpan<float> x);""") },
        { "LD0022", """
            using System;
            using System.Numerics;
            using LossDsl.Intrinsics;
            [LossIntrinsic("twice")]
            public class [|Twice|]
            {
                public static void Forward<T>(ReadOnlySpan<T> x, Span<T> losses) where T : IFloatingPointIeee754<T> { }
                public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> upstream, Span<T> dX) where T : IFloatingPointIeee754<T> { }
            }
            """ },
        { "LD0017", Losses("""    [Loss("mean(p)")] public static partial float [|F|]<T>(ReadOnlySpan<float> p);""") },
        { "LD0021", LangVersionMarker + "10\n" + Losses("""    [Loss("mean(p)")] public static partial float [|F|](ReadOnlySpan<float> p);""") },
    };

    // A case whose source starts with this line is compiled as that C# version.
    private const string LangVersionMarker = "// LangVersion=";

    private static CSharpParseOptions OptionsFor(string source)
    {
        if (!source.StartsWith(LangVersionMarker, StringComparison.Ordinal))
        {
            return GeneratorHarness.ParseOptions;
        }

        return GeneratorHarness.ParseOptionsFor(source.Substring(LangVersionMarker.Length, source.IndexOf('\n') - LangVersionMarker.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_is_reported_on_the_exact_characters(string id, string markedSource)
    {
        (string source, List<TextSpan> expected) = Unmark(markedSource);
        GeneratorRun run = GeneratorHarness.Run(OptionsFor(source), source);
        var reported = run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("LD", StringComparison.Ordinal)).ToList();

        Assert.True(reported.Count == expected.Count, $"expected {expected.Count} diagnostic(s), got:\n{string.Join("\n", reported)}");
        for (int k = 0; k < expected.Count; k++)
        {
            Diagnostic d = reported[k];
            Assert.Equal(id, d.Id);
            Assert.Equal(expected[k], d.Location.SourceSpan);
            Assert.Equal(source.Substring(expected[k].Start, expected[k].Length), source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));

            // The line/column span must agree with the character span, or IDEs would squiggle elsewhere.
            LinePositionSpan lines = d.Location.GetLineSpan().Span;
            SourceText text = SourceText.From(source);
            Assert.Equal(text.Lines.GetLinePositionSpan(expected[k]), lines);
            Assert.False(string.IsNullOrWhiteSpace(d.GetMessage()));

            // A location in the user's syntax tree (not a path-only external location) is what lets
            // #pragma warning disable and .editorconfig severities apply to it.
            Assert.True(d.Location.IsInSource, "diagnostics must be located in the source tree");
            Assert.Same(run.Output.SyntaxTrees.First(), d.Location.SourceTree);
            Assert.EndsWith(id + ".md", d.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        // A broken formula or signature leaves no compiler noise beyond its own diagnostics: the partial method is still
        // completed. (A method that is not static partial, sits in a non-partial type, is generic or needs a newer C# cannot be completed;
        // the C# compiler reports those declarations too.)
        if (id is not ("LD0006" or "LD0007" or "LD0017" or "LD0021"))
        {
            Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void Every_diagnostic_id_has_a_location_test()
    {
        var tested = Cases().Select(row => (string)row[0]).ToHashSet();
        var missing = LossDsl.Generator.Diagnostics.DiagnosticDescriptors.All.Select(d => d.Id).Where(id => !tested.Contains(id)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Messages_say_what_is_wrong_and_suggest_the_fix()
    {
        string Message(string formula, string parameters = "ReadOnlySpan<float> p, ReadOnlySpan<float> t") =>
            GeneratorHarness.Run(Losses($"""    [Loss("{formula}")] public static partial float F({parameters});"""))
                .GeneratorDiagnostics.First(d => d.Severity == DiagnosticSeverity.Error).GetMessage();

        Assert.Contains("did you mean 'log1p'?", Message("mean(logp1(p))"));
        Assert.Contains("known names: 'p', 't'", Message("mean(q)"));
        Assert.Contains("did you mean 'delta'?", Message("mean(p * dleta)", "ReadOnlySpan<float> p, float delta = 1"));
        Assert.Contains("did you mean 'err'?", Message("err = p - t; mean(erro^2)"));
        Assert.Contains("known names: 'p', 't'", Message("mean(target)"));
        Assert.Contains("wrap it in mean(...) or sum(...)", Message("p - t"));
        Assert.Contains("'==", Message("mean(p = t)"));
        Assert.Contains("never closed", Message("mean((p - t)"));
        Assert.Contains("'mean(x)' takes 1 argument, but 2 are given", Message("mean(p, t)"));
    }

    private static (string Source, List<TextSpan> Spans) Unmark(string marked)
    {
        var spans = new List<TextSpan>();
        var text = new System.Text.StringBuilder();
        int start = -1;
        for (int i = 0; i < marked.Length; i++)
        {
            if (string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
            {
                start = text.Length;
                i++;
            }
            else if (string.CompareOrdinal(marked, i, "|]", 0, 2) == 0 && start >= 0)
            {
                spans.Add(new TextSpan(start, text.Length - start));
                start = -1;
                i++;
            }
            else
            {
                text.Append(marked[i]);
            }
        }

        return (text.ToString(), spans);
    }
}
