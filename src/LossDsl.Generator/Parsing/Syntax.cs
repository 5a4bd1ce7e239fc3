using System.Collections.Immutable;

namespace LossDsl.Generator.Parsing;

/// <summary>A parsed formula: zero or more <c>name = expr;</c> bindings, then the result expression.</summary>
/// <param name="Bindings">The bindings, in order.</param>
/// <param name="Result">The expression whose value is the loss.</param>
internal sealed record FormulaSyntax(ImmutableArray<BindingSyntax> Bindings, ExpressionSyntax Result);

/// <summary><c>name = value;</c></summary>
/// <param name="Name">The bound name.</param>
/// <param name="NameSpan">Where the name is written.</param>
/// <param name="Value">The bound expression.</param>
internal sealed record BindingSyntax(string Name, FormulaSpan NameSpan, ExpressionSyntax Value);

/// <summary>An expression of the formula language; every node keeps the characters it covers.</summary>
internal abstract record ExpressionSyntax(FormulaSpan Span);

/// <summary>A numeric literal.</summary>
internal sealed record NumberSyntax(FormulaSpan Span, double Value, string Text) : ExpressionSyntax(Span);

/// <summary>A name: a parameter, a binding or a constant.</summary>
internal sealed record NameSyntax(FormulaSpan Span, string Name) : ExpressionSyntax(Span);

/// <summary>A prefix operator: <c>-x</c>, <c>+x</c>, <c>!m</c>.</summary>
internal sealed record UnarySyntax(FormulaSpan Span, TokenKind Operator, ExpressionSyntax Operand) : ExpressionSyntax(Span);

/// <summary>An infix operator.</summary>
internal sealed record BinarySyntax(FormulaSpan Span, TokenKind Operator, FormulaSpan OperatorSpan, ExpressionSyntax Left, ExpressionSyntax Right) : ExpressionSyntax(Span);

/// <summary>A function call <c>name(arg, ...)</c>.</summary>
internal sealed record CallSyntax(FormulaSpan Span, string Name, FormulaSpan NameSpan, ImmutableArray<ExpressionSyntax> Arguments) : ExpressionSyntax(Span);

/// <summary>An index <c>x[y]</c>: a gather by class indices, or a column pick <c>boxes[0]</c>.</summary>
/// <param name="Span">The whole expression.</param>
/// <param name="Target">The indexed value.</param>
/// <param name="BracketSpan">Where the <c>[</c> is written.</param>
/// <param name="Index">The index expression.</param>
internal sealed record IndexSyntax(FormulaSpan Span, ExpressionSyntax Target, FormulaSpan BracketSpan, ExpressionSyntax Index) : ExpressionSyntax(Span);
