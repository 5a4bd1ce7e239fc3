using System;

namespace LossDsl.Generator.Parsing;

/// <summary>A range of characters in a formula string: diagnostics point at it.</summary>
internal readonly record struct FormulaSpan(int Start, int Length)
{
    /// <summary>One past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static FormulaSpan Cover(FormulaSpan first, FormulaSpan last) =>
        new(first.Start, Math.Max(first.End, last.End) - first.Start);

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}..{End})";
}
