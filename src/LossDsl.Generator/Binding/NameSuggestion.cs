using System.Collections.Generic;

namespace LossDsl.Generator.Binding;

/// <summary>"Did you mean ...?" for a misspelled function, parameter or binding name.</summary>
internal static class NameSuggestion
{
    /// <summary>The candidate closest to <paramref name="name"/> (ignoring case), when one is close enough to be a typo.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        string lower = name.ToLowerInvariant();
        foreach (string candidate in candidates)
        {
            int d = EditDistance(lower, candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        // One edit in three characters is a typo (lg → log, logp1 → log1p, dleta → delta); more is a different name.
        return bestDistance <= System.Math.Max(1, (name.Length + 1) / 3) ? best : null;
    }

    // Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1 each,
    // so the commonest typo, two letters swapped (logp1), is one edit away from the intended name.
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = System.Math.Min(System.Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = System.Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
