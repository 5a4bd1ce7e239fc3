using System.Collections.Immutable;
using LossDsl.Analyzers.Flow;
using LossDsl.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Formula;

/// <summary>What the formula checks need to know about a parameter of a <c>[Loss]</c> method.</summary>
/// <param name="Name">The name the formula uses.</param>
/// <param name="IsInput">A <c>ReadOnlySpan&lt;T&gt;</c> or <c>ReadOnlyTensorSpan&lt;T&gt;</c>: a per-element input (not an option, a gradient or <c>loss</c>).</param>
/// <param name="IsInteger">An input of <c>int</c> or <c>long</c>: class indices or labels, which can gather.</param>
/// <param name="IsPerClass">Declared <c>[PerClass]</c>: one value per class, not per sample.</param>
/// <param name="Kind">The value kind its attribute declares (<c>[Probabilities]</c> ...), if any.</param>
internal sealed record FormulaParameter(string Name, bool IsInput, bool IsInteger, bool IsPerClass, ValueKind? Kind);

/// <summary>A pitfall found in a formula: the diagnostic, the formula characters it points at, and its text fix, if mechanical.</summary>
/// <param name="Descriptor">What is reported.</param>
/// <param name="Span">The formula characters reported.</param>
/// <param name="Arguments">The message's arguments.</param>
/// <param name="FixTitle">The code fix's title, or null when there is no fix.</param>
/// <param name="Edits">The fix: formula characters to replace (an empty span inserts before that character) and their replacement.</param>
internal sealed record FormulaFinding(DiagnosticDescriptor Descriptor, FormulaSpan Span, object[] Arguments, string? FixTitle,
    ImmutableArray<(FormulaSpan Region, string Text)> Edits);
