using System.Collections.Generic;

namespace LossDsl.CatalogDocs;

/// <summary>
/// The entries whose public methods are written in C# around several generated pieces rather than one formula: each
/// piece (a private <c>[Loss]</c> method of the entry's family) with what it computes, and how the public method combines
/// them. The page prints each piece's formula and derivation under its label, then the combination. The sentences are
/// read off the catalog code (src/LossDsl.Runtime/Catalog); a piece whose method is renamed or loses its generated
/// documentation makes the tool throw rather than drop the formula.
/// </summary>
public static class ComposedEntries
{
    /// <summary>One generated piece: its private method and what it is, as the page labels its formula.</summary>
    public sealed record Piece(string Method, string Label);

    /// <summary>An entry's pieces, in the order the page shows them, and how its public method combines them.</summary>
    public sealed record Composition(Piece[] Pieces, string Combination);

    /// <summary>Every composed entry, by name.</summary>
    public static IReadOnlyDictionary<string, Composition> All { get; } = new Dictionary<string, Composition>
    {
        // Margin.cs: MultiLabelMarginRun / MultiLabelMarginReduced.
        ["MultiLabelMargin"] = new(
            [new("MultiLabelMarginSlot", "per target position, `MultiLabelMarginSlot`")],
            "The public method builds `m`, the {0, 1} mask of each sample's listed classes, runs `MultiLabelMarginSlot` once per " +
            "position t of the target lists (up to the longest list) with `yt` the t-th listed class of each sample (−1, which is " +
            "`end`, past a shorter list), and adds the slots' per-sample losses (and `dx`) over t: the unreduced form writes these " +
            "sums; the reduced loss is their total for `Reduction.Sum` and their total / N for `Mean` and `BatchMean` (its " +
            "backward runs the slots with `dloss` = 1 or 1/N)."),

        // Generative.cs: Perceptual.
        ["Perceptual"] = new(
            [new("PerceptualLayerCore", "per layer, `PerceptualLayerCore`")],
            "The public method calls `PerceptualLayerCore` on each layer's slice of `pred` and `target` (and `dpred`), with " +
            "`scale` = 1/(L·nₗ) for L layers and nₗ values in layer l, and adds the L results."),

        // Generative.cs: VariationalAutoencoder.
        ["VariationalAutoencoder"] = new(
            [new("VaeReconstructionCore", "reconstruction term, `VaeReconstructionCore`"), new("VaeKlCore", "KL term, `VaeKlCore`")],
            "The public method checks that every `recon_x` is in [0, 1] and returns the reconstruction term plus the KL term; " +
            "the first writes `drecon_x`, the second `dmu` and `dlogvar`."),
    };
}
