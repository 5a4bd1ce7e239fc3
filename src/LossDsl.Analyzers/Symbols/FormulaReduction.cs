using LossDsl.Analyzers.Flow;

namespace LossDsl.Analyzers.Symbols;

/// <summary>Reads a <c>[Loss]</c> formula's reduction from its text: the final expression is one <c>mean(...)</c> or <c>sum(...)</c>.</summary>
/// <remarks>
/// Only the outermost call counts: <c>e = p - t; mean(e^2)</c> is a mean, <c>mean(a) + sum(b)</c> and
/// <c>0.5 * sum(e^2)</c> are unknown (the scale of a sum times a constant is still a sum, but LD2010 stays quiet
/// rather than read more of the language than it must). A broken formula is the generator's business (LD0001).
/// </remarks>
internal static class FormulaReduction
{
    public static Reduction? Of(string formula)
    {
        string last = LastStatement(formula).Trim();
        if (last.StartsWith("mean", System.StringComparison.Ordinal) && Spans(last, 4))
        {
            return Reduction.Mean;
        }

        if (last.StartsWith("sum", System.StringComparison.Ordinal) && Spans(last, 3))
        {
            return Reduction.Sum;
        }

        return null;
    }

    private static string LastStatement(string formula)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < formula.Length; i++)
        {
            switch (formula[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ';' when depth == 0:
                    if (formula.Substring(i + 1).Trim().Length > 0)
                    {
                        start = i + 1;
                    }

                    break;
            }
        }

        return formula.Substring(start).TrimEnd(' ', '\t', '\r', '\n', ';');
    }

    // True when the call that opens after the name closes at the very end of the text.
    private static bool Spans(string text, int nameLength)
    {
        int i = nameLength;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '(')
        {
            return false;
        }

        int depth = 0;
        for (; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i == text.Length - 1;
            }
        }

        return false;
    }
}
