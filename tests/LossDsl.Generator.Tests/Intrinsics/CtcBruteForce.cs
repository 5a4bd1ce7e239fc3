using System;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary>
/// CTC by definition, independent of any recursion: enumerate every path of the sample's frames over all classes,
/// keep those that collapse (merge repeats, then drop blanks) to the target, and sum their probabilities.
/// </summary>
internal static class CtcBruteForce
{
    /// <summary>
    /// The loss −log Σ_paths p(path) of sample <paramref name="n"/> and its exact gradient
    /// −Σ_{paths with π_t = c} p(path) / Σ_paths p(path), as a (T, C) array (frames past <paramref name="frames"/> are 0).
    /// </summary>
    public static (double Loss, double[] Gradient) Sample(
        double[] logProbs, int timeSteps, int batch, int classes, int n, int frames, int[] target, int blank)
    {
        var occupancy = new double[timeSteps * classes];
        var path = new int[frames];
        long count = 1;
        for (int t = 0; t < frames; t++)
        {
            count *= classes;
        }

        double total = 0;
        for (long code = 0; code < count; code++)
        {
            long rest = code;
            for (int t = 0; t < frames; t++)
            {
                path[t] = (int)(rest % classes);
                rest /= classes;
            }

            if (!CollapsesTo(path, target, blank))
            {
                continue;
            }

            double logProbability = 0;
            for (int t = 0; t < frames; t++)
            {
                logProbability += logProbs[(((t * batch) + n) * classes) + path[t]];
            }

            double probability = Math.Exp(logProbability);
            total += probability;
            for (int t = 0; t < frames; t++)
            {
                occupancy[(t * classes) + path[t]] += probability;
            }
        }

        var gradient = new double[timeSteps * classes];
        if (total > 0)
        {
            for (int k = 0; k < gradient.Length; k++)
            {
                gradient[k] = -occupancy[k] / total;
            }
        }

        return (-Math.Log(total), gradient);
    }

    private static bool CollapsesTo(int[] path, int[] target, int blank)
    {
        int matched = 0;
        int previous = -1;
        foreach (int symbol in path)
        {
            if (symbol != previous && symbol != blank)
            {
                if (matched == target.Length || target[matched] != symbol)
                {
                    return false;
                }

                matched++;
            }

            previous = symbol;
        }

        return matched == target.Length;
    }
}
