namespace LossDsl.Analyzers.Flow;

/// <summary>
/// The last hint about a value's kind: its variable's name, for the few names that say it unambiguously. A name is
/// consulted only when nothing else is known about the value (never when paths disagree), and only these exact
/// names count (case and underscores ignored): <c>logits</c>, <c>probs</c>/<c>probabilities</c>/<c>probas</c>,
/// <c>logprobs</c>/<c>log_probs</c>/<c>logprobabilities</c>. Names of labels (<c>y</c>, <c>labels</c>, <c>targets</c>)
/// say nothing about their encoding and are not hints.
/// </summary>
internal static class NameHints
{
    public static ValueKind? KindOf(string name)
    {
        string n = name.Replace("_", string.Empty).ToLowerInvariant();
        return n switch
        {
            "logits" => ValueKind.Logits,
            "probs" or "probabilities" or "probas" => ValueKind.Probabilities,
            "logprobs" or "logprobabilities" => ValueKind.LogProbabilities,
            _ => null,
        };
    }
}
