using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LossDsl.Generator.Parsing;

/// <summary>
/// Recursive-descent parser for the formula language (grammar in docs/dsl.md). It stops at the first
/// syntax error and reports it with the exact characters; it never throws for any input.
/// </summary>
internal sealed class Parser
{
    // Deep nesting is legal but a formula thousands of parentheses deep is not a loss; refusing it keeps the
    // recursive descent (and every later recursive pass) far from the compiler's stack limit.
    private const int MaxDepth = 200;

    private readonly IReadOnlyList<Token> _tokens;
    private int _position;
    private int _depth;

    private Parser(string text) => _tokens = Lexer.Tokenize(text);

    private Token Current => _tokens[_position];

    /// <summary>Parses a whole formula.</summary>
    public static ParseResult Parse(string text)
    {
        var parser = new Parser(text);
        try
        {
            return new ParseResult(parser.ParseFormula(), null, default);
        }
        catch (SyntaxError e)
        {
            return new ParseResult(null, e.Message, e.Span);
        }
    }

    private FormulaSyntax ParseFormula()
    {
        var bindings = ImmutableArray.CreateBuilder<BindingSyntax>();
        while (true)
        {
            if (Current.Kind == TokenKind.End)
            {
                throw new SyntaxError(bindings.Count == 0 ? "the formula is empty" : "expected the result expression after the last binding", Current.Span);
            }

            if (Current.Kind == TokenKind.Identifier && _tokens[_position + 1].Kind == TokenKind.Assign)
            {
                Token name = Next();
                Next();
                ExpressionSyntax value = ParseExpression();
                Expect(TokenKind.Semicolon, $"expected ';' after the binding of '{name.Text}'");
                bindings.Add(new BindingSyntax(name.Text, name.Span, value));
                continue;
            }

            ExpressionSyntax result = ParseExpression();
            if (Current.Kind == TokenKind.Semicolon)
            {
                Next();
            }

            if (Current.Kind != TokenKind.End)
            {
                throw Current.Kind == TokenKind.Assign
                    ? new SyntaxError("only a name can be bound with '='; did you mean '=='?", Current.Span)
                    : Unexpected("expected the end of the formula");
            }

            return new FormulaSyntax(bindings.ToImmutable(), result);
        }
    }

    private ExpressionSyntax ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw new SyntaxError($"the formula nests more than {MaxDepth} levels deep", Current.Span);
        }

        try
        {
            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionSyntax ParseOr() => ParseLeftAssociative(ParseAnd, TokenKind.Bar);

    private ExpressionSyntax ParseAnd() => ParseLeftAssociative(ParseComparison, TokenKind.Ampersand);

    private ExpressionSyntax ParseComparison()
    {
        ExpressionSyntax left = ParseAdditive();
        if (IsComparison(Current.Kind))
        {
            Token op = Next();
            ExpressionSyntax right = ParseAdditive();
            if (IsComparison(Current.Kind))
            {
                throw new SyntaxError("comparisons do not chain; combine them with '&' (for example 'a < x & x < b')", Current.Span);
            }

            return new BinarySyntax(FormulaSpan.Cover(left.Span, right.Span), op.Kind, op.Span, left, right);
        }

        return left;
    }

    private ExpressionSyntax ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, TokenKind.Plus, TokenKind.Minus);

    private ExpressionSyntax ParseMultiplicative() => ParseLeftAssociative(ParseUnary, TokenKind.Star, TokenKind.Slash);

    private ExpressionSyntax ParseLeftAssociative(Func<ExpressionSyntax> operand, TokenKind op1, TokenKind op2 = TokenKind.End)
    {
        ExpressionSyntax left = operand();
        while (Current.Kind == op1 || (op2 != TokenKind.End && Current.Kind == op2))
        {
            Token op = Next();
            ExpressionSyntax right = operand();
            left = new BinarySyntax(FormulaSpan.Cover(left.Span, right.Span), op.Kind, op.Span, left, right);
        }

        return left;
    }

    // Unary minus binds looser than '^', as in mathematics and Python: -x^2 is -(x^2).
    private ExpressionSyntax ParseUnary()
    {
        if (Current.Kind is TokenKind.Minus or TokenKind.Plus or TokenKind.Bang)
        {
            Token op = Next();
            ExpressionSyntax operand = ParseUnaryNested();
            return new UnarySyntax(FormulaSpan.Cover(op.Span, operand.Span), op.Kind, operand);
        }

        return ParsePower();
    }

    private ExpressionSyntax ParseUnaryNested()
    {
        if (++_depth > MaxDepth)
        {
            throw new SyntaxError($"the formula nests more than {MaxDepth} levels deep", Current.Span);
        }

        try
        {
            return ParseUnary();
        }
        finally
        {
            _depth--;
        }
    }

    // '^' is right-associative (2^3^2 is 2^9) and its exponent may carry a sign (x^-1).
    private ExpressionSyntax ParsePower()
    {
        ExpressionSyntax left = ParsePrimary();
        if (Current.Kind == TokenKind.Caret)
        {
            Token op = Next();
            ExpressionSyntax right = ParseUnaryNested();
            return new BinarySyntax(FormulaSpan.Cover(left.Span, right.Span), op.Kind, op.Span, left, right);
        }

        return left;
    }

    // A primary followed by any number of indexes: x[y], boxes[0].
    private ExpressionSyntax ParsePrimary()
    {
        ExpressionSyntax target = ParseAtom();
        while (Current.Kind == TokenKind.OpenBracket)
        {
            Token open = Next();
            ExpressionSyntax index = ParseExpression();
            if (Current.Kind == TokenKind.End)
            {
                throw new SyntaxError("this '[' is never closed", open.Span);
            }

            Token close = Expect(TokenKind.CloseBracket, "expected ']'");
            target = new IndexSyntax(FormulaSpan.Cover(target.Span, close.Span), target, open.Span, index);
        }

        return target;
    }

    private ExpressionSyntax ParseAtom()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Next();
                return new NumberSyntax(token.Span, token.Value, token.Text);

            case TokenKind.Identifier:
                Next();
                if (Current.Kind != TokenKind.OpenParen)
                {
                    return new NameSyntax(token.Span, token.Text);
                }

                Token open = Next();
                var args = ImmutableArray.CreateBuilder<ExpressionSyntax>();
                if (Current.Kind != TokenKind.CloseParen)
                {
                    args.Add(ParseExpression());
                    while (Current.Kind == TokenKind.Comma)
                    {
                        Next();
                        args.Add(ParseExpression());
                    }
                }

                Token close = ExpectClosing(open, $"expected ',' or ')' in the arguments of '{token.Text}'");
                return new CallSyntax(FormulaSpan.Cover(token.Span, close.Span), token.Text, token.Span, args.ToImmutable());

            case TokenKind.OpenParen:
                Token paren = Next();
                ExpressionSyntax inner = ParseExpression();
                Token closing = ExpectClosing(paren, "expected ')'");
                return inner with { Span = FormulaSpan.Cover(paren.Span, closing.Span) };

            default:
                throw Unexpected("expected a number, a name, a function call or '('");
        }
    }

    private Token Next()
    {
        Token t = _tokens[_position];
        if (t.Kind != TokenKind.End)
        {
            _position++;
        }

        return t;
    }

    private Token Expect(TokenKind kind, string message)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(message);
        }

        return Next();
    }

    // At the end of the formula the useful place to point is the parenthesis that was never closed.
    private Token ExpectClosing(Token open, string message)
    {
        if (Current.Kind == TokenKind.End)
        {
            throw new SyntaxError("this '(' is never closed", open.Span);
        }

        return Expect(TokenKind.CloseParen, message);
    }

    private SyntaxError Unexpected(string expectation)
    {
        Token t = Current;
        string found = t.Kind switch
        {
            TokenKind.End => "the end of the formula",
            TokenKind.Assign => "'=' (a binding 'name = value;' comes before the result; to compare, write '==')",
            TokenKind.Bad => $"'{t.Text}', which is not part of the formula language",
            _ => $"'{t.Text}'",
        };
        return new SyntaxError($"{expectation}, found {found}", t.Kind == TokenKind.End ? new FormulaSpan(Math.Max(0, t.Span.Start - 1), t.Span.Start > 0 ? 1 : 0) : t.Span);
    }

    private static bool IsComparison(TokenKind kind) =>
        kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.EqualEqual or TokenKind.NotEqual;

    private sealed class SyntaxError : Exception
    {
        public SyntaxError(string message, FormulaSpan span)
            : base(message) => Span = span;

        public FormulaSpan Span { get; }
    }
}
