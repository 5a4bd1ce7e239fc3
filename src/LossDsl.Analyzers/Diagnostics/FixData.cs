namespace LossDsl.Analyzers.Diagnostics;

/// <summary>
/// The keys and values a diagnostic carries for its code fix. The analyzer decides whether a fix is mechanical (it
/// knows the data flow); the fix only rewrites syntax at the locations it is given.
/// </summary>
internal static class FixData
{
    /// <summary>Property naming the fix; absent when no fix is safe.</summary>
    public const string Fix = "LossDsl.Fix";

    /// <summary>Replace the argument with the producer's input (<c>AdditionalLocations[0]</c>): drop a softmax, a sigmoid or a one_hot.</summary>
    public const string ReplaceWithInput = "ReplaceWithInput";

    /// <summary>Replace the argument with <c>input.log_softmax(dim)</c>; input and dim are <c>AdditionalLocations[0]</c> and <c>[1]</c>.</summary>
    public const string UseLogSoftmax = "UseLogSoftmax";

    /// <summary>Rename <c>binary_cross_entropy</c> / <c>nn.BCELoss</c> at <c>AdditionalLocations[0]</c> to the with-logits form.</summary>
    public const string UseWithLogits = "UseWithLogits";

    /// <summary>Rename <c>nll_loss</c> / <c>nn.NLLLoss</c> at <c>AdditionalLocations[0]</c> to cross-entropy.</summary>
    public const string UseCrossEntropy = "UseCrossEntropy";

    /// <summary>Set the <c>log_target</c> argument of the kl_div call or KLDivLoss creation at <c>AdditionalLocations[0]</c> to <see cref="LogTarget"/>.</summary>
    public const string SetLogTarget = "SetLogTarget";

    /// <summary>Sum the kl_div call at <c>AdditionalLocations[0]</c> and divide it by its input's batch size.</summary>
    public const string KlBatchMean = "KlBatchMean";

    /// <summary>
    /// Edit the formula's text in its string literal: replace <c>AdditionalLocations[k + 1]</c> (an empty one is an
    /// insertion) with the text of property <see cref="EditPrefix"/> + k; the fix's title is <see cref="Title"/>. (Every
    /// formula diagnostic has the exact characters it is about as <c>AdditionalLocations[0]</c>: the same as its location,
    /// except for a formula written in a constant declared outside the attribute.)
    /// </summary>
    public const string FormulaEdit = "FormulaEdit";

    /// <summary>The prefix of the properties holding <see cref="FormulaEdit"/>'s replacement texts: <c>LossDsl.Edit0</c>, <c>LossDsl.Edit1</c> ...</summary>
    public const string EditPrefix = "LossDsl.Edit";

    /// <summary>The title of a fix that the analyzer words (<see cref="FormulaEdit"/>).</summary>
    public const string Title = "LossDsl.FixTitle";

    /// <summary>The value (<c>true</c> or <c>false</c>) <see cref="SetLogTarget"/> writes.</summary>
    public const string LogTarget = "LossDsl.LogTarget";

    /// <summary>Whether <c>AdditionalLocations[0]</c> of a rename is a module creation (<c>Module</c>) or the loss call itself (<c>Functional</c>).</summary>
    public const string Target = "LossDsl.Target";

    public const string Module = "Module";

    public const string Functional = "Functional";
}
