using System.Collections.Immutable;
using LossDsl.Generator.Parsing;
using Microsoft.CodeAnalysis.Text;

namespace LossDsl.Generator.Model;

/// <summary>
/// Maps characters of a formula back to characters of the string literal it was written in, through escape sequences
/// (<c>\"</c>, <c>\u0041</c>) and verbatim quotes (<c>""</c>), so a diagnostic squiggles exactly the wrong characters.
/// When the formula is not a single literal (a constant, a concatenation, a multi-line raw string), every span maps to
/// the whole argument instead.
/// </summary>
/// <param name="Literal">Where the attribute argument is.</param>
/// <param name="Offsets">For each formula character (and one past the end), its offset from the start of the argument; empty when unmapped.</param>
internal sealed record FormulaSourceMap(LocationInfo Literal, EquatableArray<int> Offsets)
{
    /// <summary>The source location of formula characters <paramref name="span"/>.</summary>
    public LocationInfo Locate(FormulaSpan span)
    {
        if (Offsets.Count == 0 || span.Start < 0 || span.End >= Offsets.Count)
        {
            return Literal;
        }

        // Offsets[End] is where the character after the span starts, so an escape sequence at the end is covered whole.
        int start = Offsets[span.Start];
        int end = System.Math.Max(start, Offsets[span.End]);
        return new LocationInfo(Literal.Tree, new TextSpan(Literal.Span.Start + start, end - start));
    }

    /// <summary>
    /// The offsets of each character of <paramref name="value"/> in the literal <paramref name="tokenText"/>, or an
    /// empty array when the literal's form is not one this map understands (then diagnostics cover the whole literal).
    /// </summary>
    public static ImmutableArray<int> BuildOffsets(string tokenText, string value)
    {
        var offsets = ImmutableArray.CreateBuilder<int>(value.Length + 1);
        int i;
        if (tokenText.StartsWith("@\"", System.StringComparison.Ordinal) || tokenText.StartsWith("@$\"", System.StringComparison.Ordinal))
        {
            i = tokenText.IndexOf('"') + 1;
            while (offsets.Count < value.Length && i < tokenText.Length - 1)
            {
                offsets.Add(i);
                i += tokenText[i] == '"' ? 2 : 1;
            }
        }
        else if (tokenText.StartsWith("\"\"\"", System.StringComparison.Ordinal))
        {
            int quotes = 0;
            while (quotes < tokenText.Length && tokenText[quotes] == '"')
            {
                quotes++;
            }

            if (tokenText.IndexOf('\n') >= 0)
            {
                return ImmutableArray<int>.Empty;
            }

            for (i = quotes; offsets.Count < value.Length; i++)
            {
                offsets.Add(i);
            }
        }
        else if (tokenText.StartsWith("\"", System.StringComparison.Ordinal))
        {
            i = 1;
            while (offsets.Count < value.Length && i < tokenText.Length - 1)
            {
                offsets.Add(i);
                if (tokenText[i] != '\\')
                {
                    i++;
                    continue;
                }

                char kind = i + 1 < tokenText.Length ? tokenText[i + 1] : '\0';
                int length = kind switch
                {
                    'u' => 6,
                    'U' => 10,
                    'x' => HexLength(tokenText, i + 2) + 2,
                    _ => 2,
                };
                if (kind == 'U' && offsets.Count < value.Length && char.IsHighSurrogate(value[offsets.Count - 1]))
                {
                    offsets.Add(i); // \U escapes above U+FFFF become two UTF-16 characters.
                }

                i += length;
            }
        }
        else
        {
            return ImmutableArray<int>.Empty;
        }

        if (offsets.Count != value.Length)
        {
            return ImmutableArray<int>.Empty;
        }

        offsets.Add(System.Math.Min(i, tokenText.Length));
        return offsets.MoveToImmutable();
    }

    private static int HexLength(string text, int start)
    {
        int n = 0;
        while (n < 4 && start + n < text.Length && System.Uri.IsHexDigit(text[start + n]))
        {
            n++;
        }

        return n;
    }
}
