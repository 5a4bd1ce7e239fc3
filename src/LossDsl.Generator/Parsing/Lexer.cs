using System.Collections.Generic;
using System.Globalization;

namespace LossDsl.Generator.Parsing;

/// <summary>Turns formula text into tokens. Never throws: unknown characters become <see cref="TokenKind.Bad"/> tokens.</summary>
internal static class Lexer
{
    /// <summary>Tokenizes <paramref name="text"/>; the last token is always <see cref="TokenKind.End"/>.</summary>
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, new FormulaSpan(text.Length, 0), ""));
                return tokens;
            }

            int start = i;
            char c = text[i];
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i = ScanNumber(text, i);
                string s = text.Substring(start, i - start);
                bool ok = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v);
                tokens.Add(new Token(ok ? TokenKind.Number : TokenKind.Bad, new FormulaSpan(start, i - start), s, v));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, new FormulaSpan(start, i - start), text.Substring(start, i - start)));
                continue;
            }

            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind kind, int length) = (c, next) switch
            {
                ('<', '=') => (TokenKind.LessEqual, 2),
                ('>', '=') => (TokenKind.GreaterEqual, 2),
                ('=', '=') => (TokenKind.EqualEqual, 2),
                ('!', '=') => (TokenKind.NotEqual, 2),
                ('*', '*') => (TokenKind.Caret, 2), // Python's power operator reads as ^, since formulas are often copied from PyTorch code.
                ('&', '&') => (TokenKind.Ampersand, 2),
                ('|', '|') => (TokenKind.Bar, 2),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('^', _) => (TokenKind.Caret, 1),
                ('(', _) => (TokenKind.OpenParen, 1),
                (')', _) => (TokenKind.CloseParen, 1),
                ('[', _) => (TokenKind.OpenBracket, 1),
                (']', _) => (TokenKind.CloseBracket, 1),
                (',', _) => (TokenKind.Comma, 1),
                (';', _) => (TokenKind.Semicolon, 1),
                ('=', _) => (TokenKind.Assign, 1),
                ('<', _) => (TokenKind.Less, 1),
                ('>', _) => (TokenKind.Greater, 1),
                ('&', _) => (TokenKind.Ampersand, 1),
                ('|', _) => (TokenKind.Bar, 1),
                ('!', _) => (TokenKind.Bang, 1),
                _ => (TokenKind.Bad, char.IsSurrogate(c) && char.IsSurrogatePair(c, next) ? 2 : 1),
            };
            tokens.Add(new Token(kind, new FormulaSpan(start, length), text.Substring(start, length)));
            i += length;
        }
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }
}
