using System.Linq;
using System.Text;
using LossDsl.Generator.Parsing;

namespace LossDsl.Cli;

/// <summary>
/// Prints a parsed formula with every operation of an operand in parentheses, so the reader sees how the parser
/// grouped it: <c>-x^2</c> prints as <c>-(x ^ 2)</c>, <c>a - b - c</c> as <c>(a - b) - c</c>.
/// </summary>
internal static class SyntaxPrinter
{
    /// <summary>The bindings, one per line (<c>e = …;</c>), then the result.</summary>
    public static string Print(FormulaSyntax formula)
    {
        var text = new StringBuilder();
        foreach (BindingSyntax b in formula.Bindings)
        {
            text.Append(b.Name).Append(" = ").Append(Print(b.Value)).Append(";\n");
        }

        return text.Append(Print(formula.Result)).ToString();
    }

    /// <summary>One expression, with its operands' operations in parentheses.</summary>
    public static string Print(ExpressionSyntax e) => e switch
    {
        NumberSyntax n => n.Text,
        NameSyntax n => n.Name,
        UnarySyntax u => Operator(u.Operator) + Operand(u.Operand),
        BinarySyntax b => $"{Operand(b.Left)} {Operator(b.Operator)} {Operand(b.Right)}",
        CallSyntax c => $"{c.Name}({string.Join(", ", c.Arguments.Select(Print))})",
        IndexSyntax ix => $"{Operand(ix.Target)}[{Print(ix.Index)}]",
        _ => "?",
    };

    private static string Operand(ExpressionSyntax e) => e is UnarySyntax or BinarySyntax ? $"({Print(e)})" : Print(e);

    private static string Operator(TokenKind kind) => kind switch
    {
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.Caret => "^",
        TokenKind.Less => "<",
        TokenKind.LessEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterEqual => ">=",
        TokenKind.EqualEqual => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Ampersand => "&",
        TokenKind.Bar => "|",
        TokenKind.Bang => "!",
        _ => kind.ToString(),
    };
}
