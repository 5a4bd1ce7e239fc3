namespace LossDsl.Generator.Parsing;

/// <summary>A token of a formula with the characters it covers.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Span">Where it is.</param>
/// <param name="Text">The characters themselves.</param>
/// <param name="Value">For a number, its value.</param>
internal readonly record struct Token(TokenKind Kind, FormulaSpan Span, string Text, double Value = 0);
