using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Parsing;

namespace LossDsl.Cli;

/// <summary>
/// Prints compiler diagnostics the way the C# compiler does (<c>formula(1,12): error LD0005: …</c>), followed by the
/// line of text they point into and a caret line under the exact characters.
/// </summary>
internal static class DiagnosticPrinter
{
    /// <summary>Prints every diagnostic, errors first, each with its source line and carets.</summary>
    public static void Print(TextWriter writer, IEnumerable<CompilerDiagnostic> diagnostics, string formula, ParameterList parameters)
    {
        foreach (CompilerDiagnostic d in diagnostics.OrderBy(d => d.IsError ? 0 : 1))
        {
            string severity = d.IsError ? "error" : "warning";
            switch (d.Target)
            {
                case DiagnosticTarget.Formula:
                    Located(writer, "formula", formula, d.Span, $"{severity} {d.Id}: {d.Message}");
                    break;
                case DiagnosticTarget.Parameter when d.ParameterIndex >= 0 && d.ParameterIndex < parameters.Items.Length:
                    ParamItem item = parameters.Items[d.ParameterIndex];
                    if (parameters.Text is { } text && item.Span.Length > 0)
                    {
                        Located(writer, "params", text, item.Span, $"{severity} {d.Id}: {d.Message}");
                    }
                    else
                    {
                        writer.WriteLine($"params: {severity} {d.Id}: {d.Message} (inferred parameter {item})");
                    }

                    break;
                default:
                    writer.WriteLine($"lossdsl: {severity} {d.Id}: {d.Message}");
                    break;
            }
        }
    }

    /// <summary>
    /// Writes <c>source(line,column): message</c>, the line holding <paramref name="span"/>, and carets under the
    /// span's characters on that line (one caret for an empty span, such as an unexpected end).
    /// </summary>
    public static void Located(TextWriter writer, string source, string text, FormulaSpan span, string message)
    {
        int start = Math.Clamp(span.Start, 0, text.Length);
        int lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;

        int line = 1 + text.Take(lineStart).Count(c => c == '\n');
        int lineEnd = text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        string lineText = text.Substring(lineStart, lineEnd - lineStart).TrimEnd('\r');
        int column = start - lineStart;
        int carets = Math.Max(1, Math.Min(span.Length, lineText.Length - column));

        writer.WriteLine($"{source}({line},{column + 1}): {message}");
        writer.WriteLine("    " + lineText);
        // Tabs are copied so the carets line up in any terminal; every other character becomes a space.
        string pad = new(lineText.Take(column).Select(c => c == '\t' ? '\t' : ' ').ToArray());
        writer.WriteLine("    " + pad + new string('^', carets));
    }
}
