using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.IR;

namespace LossDsl.Cli;

/// <summary><c>lossdsl explain</c>: what the compiler derives from a formula.</summary>
internal static class ExplainCommand
{
    public const string Usage = """
        Usage: lossdsl explain "<formula>" [options]

        Prints what the LossDsl compiler does with the formula: the formula as parsed, the type and shape of every
        input, option, binding and output, the derived gradient of each input after simplification, the stable
        rewrites applied, the passes over memory the scheduler chose, and the C# the generator emits.

        Options:
          --params "<list>"    the method's parameters, in order: name:kind[=default] items separated by commas.
                               kinds: vector     ReadOnlySpan<T>, one value per sample
                                      perclass   [PerClass] ReadOnlySpan<T>, one value per class
                                      matrix     ReadOnlyTensorSpan<T> of shape (N, C)
                                      indices    ReadOnlySpan<int> (class indices)
                                      indices64  ReadOnlySpan<long> (class indices as PyTorch stores them)
                                      scalar     a T option; int, bool: int and bool options (=default allowed)
                                      grad       the gradient output of the input it is named after (dp for p):
                                                 Span<T>, or TensorSpan<T> for a matrix
                                      loss       per-element losses (makes the method void): Span<T>, or
                                                 TensorSpan<T> when the formula gives one value per matrix element
                                      dloss      the upstream gradient of a void method with gradients
                               A name without a kind is a vector. Without --params, every free name of the formula
                               is a vector input with a gradient, except that an index (x[y], onehot(y)) is int
                               class indices and a name that is indexed or given to a row function (logsumexp,
                               softmax, dot...) is a matrix; the output says what was inferred.
          --type float|double  the element type T (default float)
          --reduction none     per-element losses: adds loss (and dloss when there are gradients) to the parameters
          --name <Name>        the method's name in the generated C# (default Loss)
          --no-code            leave out the generated C#
          -h, --help           this help

        Exit code: 0, 1 when the formula has errors (printed as the C# compiler prints them), 2 for a usage error.
        """;

    public static int Run(CommandLine line, TextWriter output, TextWriter error)
    {
        LossAnalysis analysis = LossAnalysis.Run(line.Request("explain"));
        DiagnosticPrinter.Print(error, analysis.Compiled.Diagnostics, analysis.Formula, analysis.Parameters);
        if (analysis.HasErrors)
        {
            return 1;
        }

        Write(output, analysis, includeCode: !line.Has("--no-code"));
        return 0;
    }

    private static void Write(TextWriter o, LossAnalysis a, bool includeCode)
    {
        LossExplanation ex = a.Compiled.Explanation!;
        BoundLoss bound = a.Bind();

        o.WriteLine("Formula");
        Indented(o, a.Formula);
        o.WriteLine();
        o.WriteLine("Parsed (every operation of an operand in parentheses)");
        Indented(o, SyntaxPrinter.Print(a.Syntax!));
        o.WriteLine();

        o.WriteLine(a.Parameters.Text is null
            ? "Parameters (inferred from the formula's names, since --params was not given; lossdsl explain --help gives the rule)"
            : "Parameters");
        Indented(o, $"--params \"{a.Parameters.ToParamsText()}\"");
        Indented(o, a.Parameters.Declaration(a.Signature));
        o.WriteLine();

        var axes = new List<string> { "[i]: one value per sample, N of them" };
        if (ex.HasClassAxis || !ex.HasPairAxis)
        {
            axes.Add("[j]: one per class or feature, C of them; [i,j]: a matrix (N, C)");
        }

        if (ex.HasPairAxis)
        {
            axes.Add("[k]: one per row of a pairwise function's second argument, M of them; [i,k]: a pair matrix (N, M)");
        }

        o.WriteLine($"Types and shapes ({string.Join("; ", axes)})");
        var rows = new List<string[]>();
        string t = bound.Signature.ElementKeyword;
        foreach (BoundParameter p in bound.Signature.Parameters)
        {
            ParamItem item = a.Parameters.Items[p.Index];
            rows.Add(p.Role switch
            {
                ParameterRole.Input => new[] { p.Name, "input", ReadBy(bound, p.Name) ?? Facts(bound.Inputs.TryGetValue(p.Name, out Expr? leaf) ? new ValueFacts(leaf.Kind, leaf.Shape) : null), p.Decl.TypeDisplay },
                ParameterRole.Option => new[] { p.Name, "option", Facts(new ValueFacts(OptionKind(p.Decl), Shape.Scalar)),
                    p.Decl.TypeDisplay + (item.Default is null ? "" : " = " + ParameterList.CSharpLiteral(item, p.Decl)) },
                ParameterRole.Gradient => new[] { p.Name, "gradient", $"∂loss/∂{p.GradientOf} {InputShape(bound, p.GradientOf!)}", p.Decl.TypeDisplay },
                ParameterRole.LossOutput => new[] { p.Name, "loss output", $"real {bound.Result.Shape}", p.Decl.TypeDisplay },
                _ => new[] { p.Name, "upstream gradient", $"real {bound.Result.Shape}", p.Decl.TypeDisplay },
            });
        }

        foreach (BoundBinding b in bound.Bindings)
        {
            rows.Add(new[] { b.Name, "binding", Facts(new ValueFacts(b.Value.Kind, b.Value.Shape)), "= " + SyntaxPrinter.Print(b.Syntax.Value) });
        }

        rows.Add(new[] { "(result)", "loss", $"real {bound.Result.Shape}", bound.Signature.IsReduced ? $"returned as {t}" : $"written to {bound.Signature.LossOutput?.Name ?? "no output (gradients only)"}" });
        Table(o, rows);
        o.WriteLine();

        o.WriteLine("Loss after stable rewrites");
        Indented(o, ex.Loss);
        if (ex.Shared.Length > 0)
        {
            o.WriteLine("Shared subexpressions");
            foreach (string s in ex.Shared)
            {
                Indented(o, s);
            }
        }

        o.WriteLine();
        if (ex.Gradients.IsEmpty)
        {
            o.WriteLine("Gradients: none (the parameters have no grad output)");
        }
        else
        {
            o.WriteLine(bound.Signature.IsReduced
                ? "Gradients (per element, after simplification; then with the shared subexpressions written out)"
                : "Gradients (per element, after simplification; then with the shared subexpressions written out; dloss is the upstream gradient)");
            foreach (GradientExplanation g in ex.Gradients)
            {
                string head = $"{g.Output} = ∂loss/∂{g.Input} = ";
                Indented(o, head + g.Text);
                string expanded = SharedNames.Expand(g.Text, ex.Shared);
                if (expanded != g.Text)
                {
                    Indented(o, new string(' ', head.Length - 2) + "= " + expanded);
                }
            }
        }

        o.WriteLine();
        o.WriteLine("Stable rewrites applied");
        Indented(o, ex.Rewrites.IsEmpty ? "(none)" : string.Join("\n", ex.Rewrites));
        o.WriteLine();
        o.WriteLine($"Schedule: {ex.Passes.Length} {(ex.Passes.Length == 1 ? "pass" : "passes")} over memory");
        foreach (string pass in ex.Passes.Concat(ex.Fills))
        {
            Indented(o, pass);
        }

        if (!ex.Specializations.IsEmpty)
        {
            o.WriteLine();
            o.WriteLine("Specialised kernels (chosen at run time by the options' values)");
            foreach (string version in ex.Specializations)
            {
                Indented(o, version);
            }
        }

        if (includeCode)
        {
            o.WriteLine();
            o.WriteLine("Generated C# (the implementing part of the declaration above, and its kernel)");
            o.WriteLine(a.GeneratedSource().TrimEnd());
        }
    }

    private static ValueKind OptionKind(ParameterDecl d) => d.Element switch
    {
        ScalarType.Int32 => ValueKind.Integer,
        ScalarType.Boolean => ValueKind.Mask,
        _ => ValueKind.Real,
    };

    private static string Facts(ValueFacts? facts) => facts is null
        ? "unused"
        : $"{facts.Kind.ToString().ToLowerInvariant()} {facts.Shape}";

    private static string InputShape(BoundLoss bound, string input) =>
        bound.Inputs.TryGetValue(input, out Expr? leaf) ? leaf.Shape.ToString()
        : ReadBy(bound, input) is { } reader ? $"(its shape; {reader.Replace("read by", "from the backward of")})"
        : "(unused: zeros)";

    // An input that only a pairwise function or a runtime intrinsic reads (the runtime reads its memory, so the formula
    // has no leaf for it): "read by ctc(...)".
    private static string? ReadBy(BoundLoss bound, string input) =>
        bound.Inputs.ContainsKey(input) ? null
        : bound.Materialized.Where(m => m.Arguments.Contains(input)).Select(m => $"read by {m.FunctionName}(...)").Distinct().ToList() is { Count: > 0 } readers
            ? string.Join(", ", readers)
            : null;

    private static void Indented(TextWriter o, string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            o.WriteLine("  " + line);
        }
    }

    private static void Table(TextWriter o, List<string[]> rows)
    {
        int columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (string[] r in rows)
        {
            string line = string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell : cell.PadRight(widths[c])));
            o.WriteLine("  " + line.TrimEnd());
        }
    }
}
