using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FormulaSpan = LossDsl.Generator.Parsing.FormulaSpan;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossDsl.Analyzers.Formula;

/// <summary>
/// Maps each character of a formula to the source characters that write it: through escape sequences (<c>\"</c>,
/// <c>\u0041</c>), verbatim quotes (<c>""</c>), the indentation and line breaks of raw string literals, concatenations
/// of literals, and a <c>const string</c> (the formula is then located in the constant's literal, wherever it is
/// declared in source). A formula written any other way (an interpolated constant, a constant from another assembly)
/// is located at the whole attribute argument, and offers no text fix.
/// </summary>
internal sealed class FormulaTextMap
{
    // Constants defined through other constants: deep chains are legal C#, but a formula is not built that way.
    private const int MaxConstantDepth = 8;

    private readonly List<SyntaxToken> _segments;
    private readonly int[] _segment;
    private readonly int[] _start;
    private readonly int[] _end;

    private FormulaTextMap(Location argument, List<SyntaxToken> segments, int[] segment, int[] start, int[] end)
    {
        Argument = argument;
        _segments = segments;
        _segment = segment;
        _start = start;
        _end = end;
    }

    /// <summary>The attribute argument: where a diagnostic goes when the formula cannot be mapped.</summary>
    public Location Argument { get; }

    /// <summary>Whether each character of the formula has its source characters.</summary>
    public bool IsMapped => _segments.Count > 0;

    /// <summary>
    /// Maps <paramref name="formula"/>, the value of <paramref name="argument"/>. <paramref name="model"/> resolves
    /// constants named in the argument's own file; a constant declared elsewhere is followed only if its initializer
    /// is made of literals.
    /// </summary>
    public static FormulaTextMap Create(ExpressionSyntax argument, string formula, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var tokens = new List<SyntaxToken>();
        if (!Collect(argument, model, tokens, 0, cancellationToken))
        {
            tokens.Clear();
        }

        var segment = new int[formula.Length];
        var start = new int[formula.Length];
        var end = new int[formula.Length];
        var value = new StringBuilder(formula.Length);
        for (int s = 0; s < tokens.Count; s++)
        {
            if (!MapToken(tokens[s], s, value, segment, start, end) || value.Length > formula.Length)
            {
                tokens.Clear();
                break;
            }
        }

        if (tokens.Count > 0 && value.ToString() != formula)
        {
            tokens.Clear();
        }

        return new FormulaTextMap(argument.GetLocation(), tokens, segment, start, end);
    }

    /// <summary>The source location of formula characters <paramref name="span"/>: exact when mapped, the whole argument otherwise.</summary>
    /// <remarks>A span that runs from one literal of a concatenation into the next is cut at the end of the first.</remarks>
    public Location Locate(FormulaSpan span)
    {
        if (!IsMapped || span.Length <= 0 || span.End > _start.Length)
        {
            return Argument;
        }

        int first = span.Start;
        int last = span.End - 1;
        while (last > first && _segment[last] != _segment[first])
        {
            last--;
        }

        SyntaxTree tree = _segments[_segment[first]].SyntaxTree!;
        return Location.Create(tree, TextSpan.FromBounds(_start[first], _end[last]));
    }

    /// <summary>
    /// The source characters to replace for the formula characters <paramref name="span"/>; an empty span is an
    /// insertion before that character (at the end of the formula: after its last character). False when the span
    /// is not mapped or would reach across two literals of a concatenation.
    /// </summary>
    public bool TryLocateEdit(FormulaSpan span, out Location location)
    {
        location = Argument;
        int length = _start.Length;
        if (!IsMapped || span.Start < 0 || span.End > length || length == 0)
        {
            return false;
        }

        int s;
        TextSpan text;
        if (span.Length == 0)
        {
            (s, text) = span.Start < length
                ? (_segment[span.Start], new TextSpan(_start[span.Start], 0))
                : (_segment[length - 1], new TextSpan(_end[length - 1], 0));
        }
        else
        {
            s = _segment[span.Start];
            if (_segment[span.End - 1] != s)
            {
                return false;
            }

            text = TextSpan.FromBounds(_start[span.Start], _end[span.End - 1]);
        }

        location = Location.Create(_segments[s].SyntaxTree!, text);
        return true;
    }

    private static bool Collect(ExpressionSyntax expression, SemanticModel? model, List<SyntaxToken> tokens, int depth, System.Threading.CancellationToken cancellationToken)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                tokens.Add(literal.Token);
                return true;
            case ParenthesizedExpressionSyntax parenthesized:
                return Collect(parenthesized.Expression, model, tokens, depth, cancellationToken);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Collect(binary.Left, model, tokens, depth, cancellationToken) && Collect(binary.Right, model, tokens, depth, cancellationToken);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when model != null && depth < MaxConstantDepth:
                ISymbol? symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
                bool isConst = symbol is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true };
                if (!isConst || symbol!.DeclaringSyntaxReferences.Length != 1
                    || symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                {
                    return false;
                }

                // The model binds names of its own file only; a constant declared in another file is followed through literals.
                SemanticModel? next = initializer.SyntaxTree == model.SyntaxTree ? model : null;
                return Collect(initializer, next, tokens, depth + 1, cancellationToken);
            default:
                return false;
        }
    }

    // Appends the token's value to value, recording for each character its segment and source characters.
    private static bool MapToken(SyntaxToken token, int s, StringBuilder value, int[] segment, int[] start, int[] end)
    {
        string text = token.Text;
        int origin = token.SpanStart;
        int before = value.Length;
        void Add(char c, int from, int to)
        {
            int k = value.Length;
            value.Append(c);
            if (k < segment.Length)
            {
                segment[k] = s;
                start[k] = origin + from;
                end[k] = origin + to;
            }
        }

        bool ok = token.Kind() switch
        {
            SyntaxKind.StringLiteralToken when text.StartsWith("@", System.StringComparison.Ordinal) => Verbatim(text, Add),
            SyntaxKind.StringLiteralToken => Regular(text, Add),
            SyntaxKind.SingleLineRawStringLiteralToken => SingleLineRaw(text, Add),
            SyntaxKind.MultiLineRawStringLiteralToken => MultiLineRaw(text, Add),
            _ => false,
        };
        return ok && value.ToString(before, value.Length - before) == token.ValueText;
    }

    private delegate void Sink(char c, int from, int to);

    private static bool Verbatim(string text, Sink add)
    {
        // @"...": a doubled quote is one quote.
        for (int i = 2; i < text.Length - 1;)
        {
            int length = text[i] == '"' ? 2 : 1;
            add(text[i], i, i + length);
            i += length;
        }

        return text.Length >= 3;
    }

    private static bool SingleLineRaw(string text, Sink add)
    {
        int quotes = LeadingQuotes(text);
        for (int i = quotes; i < text.Length - quotes; i++)
        {
            add(text[i], i, i + 1);
        }

        return text.Length >= 2 * quotes;
    }

    private static bool MultiLineRaw(string text, Sink add)
    {
        // """, a line break, the content lines, a line break, the closing line's whitespace, """. The closing line's
        // whitespace is removed from the start of every content line; whitespace-only lines are empty; the line
        // break before the closing line is not part of the value.
        int quotes = LeadingQuotes(text);
        int firstBreak = text.IndexOf('\n', quotes);
        int lastBreak = text.LastIndexOf('\n');
        if (firstBreak < 0 || lastBreak <= firstBreak)
        {
            return false;
        }

        int indentation = text.Length - quotes - (lastBreak + 1);
        int contentEnd = lastBreak > 0 && text[lastBreak - 1] == '\r' ? lastBreak - 1 : lastBreak;
        int i = firstBreak + 1;
        while (i <= contentEnd)
        {
            int lineEnd = text.IndexOf('\n', i);
            if (lineEnd < 0 || lineEnd > contentEnd)
            {
                lineEnd = contentEnd;
            }

            int contentLineEnd = lineEnd > i && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            bool blank = true;
            for (int k = i; k < contentLineEnd; k++)
            {
                blank &= char.IsWhiteSpace(text[k]);
            }

            if (!blank)
            {
                for (int k = i + indentation; k < contentLineEnd; k++)
                {
                    add(text[k], k, k + 1);
                }
            }

            if (lineEnd >= contentEnd)
            {
                break;
            }

            for (int k = contentLineEnd; k <= lineEnd; k++)
            {
                add(text[k], k, k + 1);
            }

            i = lineEnd + 1;
        }

        return true;
    }

    private static bool Regular(string text, Sink add)
    {
        for (int i = 1; i < text.Length - 1;)
        {
            if (text[i] != '\\')
            {
                add(text[i], i, i + 1);
                i++;
                continue;
            }

            if (i + 1 >= text.Length - 1)
            {
                return false;
            }

            char kind = text[i + 1];
            switch (kind)
            {
                case 'u':
                case 'U':
                case 'x':
                    int digits = kind == 'u' ? 4 : kind == 'U' ? 8 : HexLength(text, i + 2);
                    if (digits == 0 || i + 2 + digits > text.Length - 1
                        || !uint.TryParse(text.Substring(i + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint code))
                    {
                        return false;
                    }

                    int to = i + 2 + digits;
                    if (code > 0x10FFFF)
                    {
                        return false;
                    }

                    if (code > 0xFFFF)
                    {
                        // Above the BMP: two UTF-16 characters, both written by the one escape.
                        string pair = char.ConvertFromUtf32((int)code);
                        add(pair[0], i, to);
                        add(pair[1], i, to);
                    }
                    else
                    {
                        add((char)code, i, to);
                    }

                    i = to;
                    break;
                default:
                    char? simple = kind switch
                    {
                        '\'' => '\'',
                        '"' => '"',
                        '\\' => '\\',
                        '0' => '\0',
                        'a' => '\a',
                        'b' => '\b',
                        'e' => '\u001b',
                        'f' => '\f',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'v' => '\v',
                        _ => null,
                    };
                    if (simple is not { } c)
                    {
                        return false;
                    }

                    add(c, i, i + 2);
                    i += 2;
                    break;
            }
        }

        return text.Length >= 2;
    }

    private static int LeadingQuotes(string text)
    {
        int n = 0;
        while (n < text.Length && text[n] == '"')
        {
            n++;
        }

        return n;
    }

    private static int HexLength(string text, int start)
    {
        int n = 0;
        while (n < 4 && start + n < text.Length - 1 && System.Uri.IsHexDigit(text[start + n]))
        {
            n++;
        }

        return n;
    }
}
