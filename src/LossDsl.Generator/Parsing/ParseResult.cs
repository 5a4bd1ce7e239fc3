namespace LossDsl.Generator.Parsing;

/// <summary>The outcome of parsing: a tree, or the first syntax error with its span.</summary>
/// <param name="Formula">The tree, when parsing succeeded.</param>
/// <param name="ErrorMessage">What is wrong, when it failed.</param>
/// <param name="ErrorSpan">The characters that are wrong.</param>
internal sealed record ParseResult(FormulaSyntax? Formula, string? ErrorMessage, FormulaSpan ErrorSpan);
