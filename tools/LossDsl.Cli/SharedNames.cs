using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LossDsl.Cli;

/// <summary>
/// The compiler's explanation names subexpressions that the loss and its gradients share (<c>_1 = p - t</c>); this
/// writes a text out with those names replaced by what they stand for, for a reader who wants one formula.
/// </summary>
internal static class SharedNames
{
    private static readonly Regex Name = new(@"(?<![\w])_(\d+)(?![\w])", RegexOptions.CultureInvariant);

    /// <summary>
    /// <paramref name="text"/> with every <c>_k</c> of <paramref name="shared"/> (lines <c>_k = …</c>) replaced by its
    /// definition, itself expanded, in parentheses unless it is a name, a number or a call.
    /// </summary>
    public static string Expand(string text, IReadOnlyList<string> shared)
    {
        var definitions = new Dictionary<string, string>();
        foreach (string line in shared)
        {
            int equals = line.IndexOf(" = ", System.StringComparison.Ordinal);
            if (equals > 0)
            {
                definitions[line.Substring(0, equals).Trim()] = line.Substring(equals + 3).Trim();
            }
        }

        string Replace(string s, int depth) => depth > definitions.Count ? s : Name.Replace(s, m =>
            !definitions.TryGetValue(m.Value, out string? definition) ? m.Value
            : Delimited(s, m.Index, m.Index + m.Length) ? Replace(definition, depth + 1)
            : Atomic(Replace(definition, depth + 1)));

        return Replace(text, 0);
    }

    // A whole argument of a call (or the whole text) needs no parentheses: f(_1, _2) becomes f(p - t, …).
    private static bool Delimited(string s, int start, int end)
    {
        string before = s.Substring(0, start).TrimEnd();
        string after = s.Substring(end).TrimStart();
        return (before.Length == 0 || before.EndsWith('(') || before.EndsWith(',')) && (after.Length == 0 || after.StartsWith(')') || after.StartsWith(','));
    }

    // Parentheses keep the meaning when the definition is spliced into an operator expression.
    private static string Atomic(string s)
    {
        if (Regex.IsMatch(s, @"^[\w.]+$", RegexOptions.CultureInvariant))
        {
            return s;
        }

        // A call or a parenthesized expression whose first '(' closes at the end: f(a, b) or (a + b).
        int open = s.IndexOf('(');
        if (open >= 0 && s.EndsWith(')') && Regex.IsMatch(s.Substring(0, open), @"^\w*$", RegexOptions.CultureInvariant) && ClosesAt(s, open) == s.Length - 1)
        {
            return s;
        }

        return "(" + s + ")";
    }

    private static int ClosesAt(string s, int open)
    {
        int depth = 0;
        for (int k = open; k < s.Length; k++)
        {
            depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
            if (depth == 0)
            {
                return k;
            }
        }

        return -1;
    }
}
