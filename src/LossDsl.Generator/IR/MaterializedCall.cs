using System.Collections.Immutable;
using System.Globalization;

namespace LossDsl.Generator.IR;

/// <summary>The all-pairs functions a formula can call; each gives an N×M matrix over rows of two tensors.</summary>
internal enum PairwiseFunction
{
    /// <summary><c>sqdist(a, b)</c>: ‖aᵢ − bₖ‖².</summary>
    SquaredDistance,
    /// <summary><c>cdist(a, b)</c>: ‖aᵢ − bₖ‖₂.</summary>
    Distance,
    /// <summary><c>dots(a, b)</c>: aᵢ · bₖ.</summary>
    Dot,
    /// <summary><c>cosine_sim(a, b)</c>: aᵢ · bₖ / (max(‖aᵢ‖, 1e-8) · max(‖bₖ‖, 1e-8)).</summary>
    Cosine,
    /// <summary>The intrinsic <c>emd_points(a, b)</c> (<c>LossDsl.Intrinsics.EarthMoversPoints</c>): one value per point.</summary>
    EarthMoversPoints,
    /// <summary>The intrinsic <c>emd_hist(p, q)</c> (<c>LossDsl.Intrinsics.EarthMoversHistogram</c>): one value per bin.</summary>
    EarthMoversHistogram,
    /// <summary>The intrinsic <c>ctc(log_probs, targets, input_lengths, target_lengths, blank, zero_infinity)</c>
    /// (<c>LossDsl.Intrinsics.Ctc</c>): one value per sample, the samples being axis 1 of the (T, N, C) log-probabilities.</summary>
    ConnectionistTemporalClassification,
    /// <summary>A runtime intrinsic of the user's project (a <c>[LossIntrinsic]</c> class, <see cref="MaterializedCall.Intrinsic"/>):
    /// one value per element of its first input's axis 0.</summary>
    UserIntrinsic,
}

/// <summary>
/// A materialized node: a call whose value a hand-written runtime routine computes into a pooled buffer before the
/// passes that read it (<c>LossDsl.Kernels.PairwiseKernels.Forward</c>), and whose gradient is a second runtime call
/// (<c>Backward</c>) that turns the node's adjoint, written into a second buffer by the passes, into the gradients of
/// its arguments. Its <see cref="Leaf"/> stands for it in the IR; the passes read the buffer like a matrix input.
/// </summary>
/// <param name="Leaf">The <see cref="Op.Materialized"/> node.</param>
/// <param name="Function">What the runtime computes.</param>
/// <param name="Arguments">The parameters it reads, in order (a: N×D, then b: M×D). For <c>ctc</c>: the four inputs, then
/// the blank (an int option's name or a non-negative integer literal), then the zero_infinity bool option's name or
/// <c>false</c>.</param>
internal sealed record MaterializedCall(Expr Leaf, PairwiseFunction Function, ImmutableArray<string> Arguments)
{
    /// <summary>For <see cref="PairwiseFunction.UserIntrinsic"/>, the class and its parameters; its <see cref="Arguments"/>
    /// are then one per parameter of Forward before <c>losses</c>: a parameter's name, or a literal (an option given as a
    /// number, or an omitted option's default).</summary>
    public Model.IntrinsicSpec? Intrinsic { get; init; }

    /// <summary>The name under which the passes read the value buffer. It starts with a digit, so it can be no parameter's name.</summary>
    public string ValueBuffer => ValueBufferOf(Leaf);

    /// <summary>The name of the buffer the passes write the adjoint into.</summary>
    public string AdjointBuffer => "0g" + Leaf.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value buffer's name for a <see cref="Op.Materialized"/> leaf.</summary>
    public static string ValueBufferOf(Expr leaf) => "0m" + leaf.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="name"/> is a buffer of a materialized node rather than a parameter.</summary>
    public static bool IsBuffer(string name) => name.Length > 0 && char.IsDigit(name[0]);

    /// <summary>Whether this is a pairwise function (an N×M matrix) rather than a runtime intrinsic (one value per sample).</summary>
    public bool IsPairwise => Function is PairwiseFunction.SquaredDistance or PairwiseFunction.Distance or PairwiseFunction.Dot or PairwiseFunction.Cosine;

    /// <summary>The function's name in formulas.</summary>
    public string FunctionName => Function switch
    {
        PairwiseFunction.SquaredDistance => "sqdist",
        PairwiseFunction.Distance => "cdist",
        PairwiseFunction.Dot => "dots",
        PairwiseFunction.Cosine => "cosine_sim",
        PairwiseFunction.EarthMoversPoints => "emd_points",
        PairwiseFunction.ConnectionistTemporalClassification => "ctc",
        PairwiseFunction.UserIntrinsic => Intrinsic!.Name,
        _ => "emd_hist",
    };
}
