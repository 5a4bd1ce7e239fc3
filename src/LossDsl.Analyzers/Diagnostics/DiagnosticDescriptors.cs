using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic of the analyzers: the formula pitfalls (LD1xxx) and the call-site pitfalls (LD2xxx). Ids are
/// stable; each has a page under docs/diagnostics. Warnings are for code that trains a different model than it says,
/// or breaks training with infinities and NaN, without any error; infos are for choices that may be deliberate and for
/// style.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the docs pages live; a diagnostic's help link is this plus its id (the generator uses the same base).</summary>
    public const string HelpLinkBase = "https://github.com/lossdsl/lossdsl/blob/main/docs/diagnostics/";

    /// <summary>The category of the diagnostics about what kind of numbers (logits, probabilities, labels) flow into a loss.</summary>
    public const string ValueKindCategory = "LossDsl.ValueKind";

    /// <summary>The category of the diagnostics about how a loss is reduced over the batch.</summary>
    public const string ReductionCategory = "LossDsl.Reduction";

    /// <summary>The category of the formula diagnostics about values that overflow, underflow or reach a singularity (log 0, x / 0, sqrt'(0)).</summary>
    public const string NumericsCategory = "LossDsl.Numerics";

    /// <summary>LD1001: the log of a value that can be 0 (a probability, a label, a softmax), without a clamp.</summary>
    public static readonly DiagnosticDescriptor LogOfZero = Warning("LD1001", NumericsCategory,
        "Log of a value that can be 0",
        "'{0}' takes the log of {1}, which can be 0: log(0) is -inf, and the loss and its gradient become infinite or NaN; clamp it ('{2}') or compute the loss from logits");

    /// <summary>LD1002: a fragile form the compiler rewrites to its stable equivalent anyway (log(sigmoid(x)) ...).</summary>
    public static readonly DiagnosticDescriptor StableFormRewritten = Info("LD1002", NumericsCategory,
        "Write the stable form the compiler computes",
        "'{0}' is computed stably anyway: the compiler rewrites it to '{1}'; write '{1}' to say so");

    /// <summary>LD1003: a hand-written softmax or logsumexp, which the compiler does not rewrite, and which overflows.</summary>
    public static readonly DiagnosticDescriptor UnstableFormNotRewritten = Warning("LD1003", NumericsCategory,
        "Hand-written softmax or logsumexp overflows",
        "'{0}' takes exp of the raw values, which is +inf above 88.7 in float (709.8 in double), and the compiler does not rewrite it; write '{1}', which subtracts each row's maximum first");

    /// <summary>LD1004: sqrt of a mean or sum of squares, whose gradient is NaN where the mean is 0.</summary>
    public static readonly DiagnosticDescriptor SqrtOfZero = Warning("LD1004", NumericsCategory,
        "Square root of a mean or sum that can be 0",
        "'{0}' is 0 when every term of '{1}' is 0, where the derivative of sqrt is infinite and the gradient NaN; add a small constant inside the root ('{2}')");

    /// <summary>LD1005: division by a target that can be 0 (MAPE).</summary>
    public static readonly DiagnosticDescriptor DivisionByTarget = Warning("LD1005", NumericsCategory,
        "Division by a target that can be 0",
        "'{0}' divides by '{1}', a target (it is subtracted in '{2}') that can be 0: every sample whose target is 0 makes the loss and the gradient infinite or NaN");

    /// <summary>LD1006: a mean and a sum over the samples added in one formula.</summary>
    public static readonly DiagnosticDescriptor MixedReductionsInFormula = Info("LD1006", ReductionCategory,
        "Mean and sum combined in one formula",
        "'{0}' is summed over the samples and '{1}' is averaged: their relative weight changes with the batch size");

    /// <summary>LD2001: probabilities into a loss that applies softmax itself (softmax twice).</summary>
    public static readonly DiagnosticDescriptor DoubleSoftmax = Warning("LD2001", ValueKindCategory,
        "Probabilities passed to a loss that applies softmax",
        "{0} holds probabilities ({1}), but {2} expects logits and applies softmax itself: softmax is applied twice");

    /// <summary>LD2002: probabilities into a loss that applies sigmoid itself (sigmoid twice).</summary>
    public static readonly DiagnosticDescriptor DoubleSigmoid = Warning("LD2002", ValueKindCategory,
        "Probabilities passed to a loss that applies sigmoid",
        "{0} holds probabilities ({1}), but {2} expects logits and applies sigmoid itself: sigmoid is applied twice");

    /// <summary>LD2003: logits or log-probabilities into a loss that expects probabilities.</summary>
    public static readonly DiagnosticDescriptor ScoresAsProbabilities = Warning("LD2003", ValueKindCategory,
        "Logits or log-probabilities passed to a loss that expects probabilities",
        "{0} holds {1} ({2}), but {3} expects probabilities in [0, 1]");

    /// <summary>LD2004: one-hot rows into a loss that expects class indices.</summary>
    public static readonly DiagnosticDescriptor OneHotAsClassIndices = Warning("LD2004", ValueKindCategory,
        "One-hot targets passed where class indices are expected",
        "{0} holds one-hot rows ({1}), but {2} expects class indices");

    /// <summary>LD2005: probabilities into a loss that expects log-probabilities (NLL, CTC).</summary>
    public static readonly DiagnosticDescriptor ProbabilitiesAsLogProbabilities = Warning("LD2005", ValueKindCategory,
        "Probabilities passed to a loss that expects log-probabilities",
        "{0} holds probabilities ({1}), but {2} expects log-probabilities");

    /// <summary>LD2006: probabilities as the input of a KL divergence, which must be log-probabilities.</summary>
    public static readonly DiagnosticDescriptor ProbabilitiesAsKlInput = Warning("LD2006", ValueKindCategory,
        "Probabilities passed as the input of KL divergence",
        "{0} holds probabilities ({1}), but the input of {2} must be log-probabilities");

    /// <summary>LD2007: KL divergence averaged over every element instead of over the batch.</summary>
    public static readonly DiagnosticDescriptor KlDivMeanReduction = Warning("LD2007", ReductionCategory,
        "KL divergence with mean reduction",
        "{0} with reduction Mean divides by the number of elements, not by the batch size, so it is not the KL divergence; sum and divide by the batch size (PyTorch's 'batchmean')");

    /// <summary>LD2008: {0, 1} labels into a loss that expects {-1, +1} labels.</summary>
    public static readonly DiagnosticDescriptor BinaryLabelsAsSignLabels = Warning("LD2008", ValueKindCategory,
        "{0, 1} labels passed to a loss that expects {-1, +1} labels",
        "{0} holds {{0, 1}} labels ({1}), but {2} expects {{-1, +1}} labels: a 0 is not a negative sample there");

    /// <summary>LD2009: {-1, +1} labels into a loss that expects {0, 1} labels.</summary>
    public static readonly DiagnosticDescriptor SignLabelsAsBinaryLabels = Warning("LD2009", ValueKindCategory,
        "{-1, +1} labels passed to a loss that expects {0, 1} labels",
        "{0} holds {{-1, +1}} labels ({1}), but {2} expects {{0, 1}} labels: a -1 target makes the loss unbounded below");

    /// <summary>LD2010: a sum-reduced and a mean-reduced loss added together.</summary>
    public static readonly DiagnosticDescriptor MixedReductions = Info("LD2010", ReductionCategory,
        "Sum-reduced and mean-reduced losses combined",
        "{0} is summed over the batch ({1}) and {2} is averaged ({3}): their relative weight changes with the batch size");

    /// <summary>LD2011: logits into a loss that expects log-probabilities.</summary>
    public static readonly DiagnosticDescriptor LogitsAsLogProbabilities = Warning("LD2011", ValueKindCategory,
        "Logits passed to a loss that expects log-probabilities",
        "{0} holds logits ({1}), but {2} expects log-probabilities: apply log_softmax first");

    /// <summary>LD2012: the target of a KL divergence is not in the space its log_target flag says.</summary>
    public static readonly DiagnosticDescriptor KlTargetSpace = Warning("LD2012", ValueKindCategory,
        "KL-divergence target does not match log_target",
        "{0} holds {1} ({2}), but {3} reads its target as {4} because log_target is {5}");

    /// <summary>Every LD1xxx descriptor (the formula pitfalls), in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Formula { get; } = ImmutableArray.Create(
        LogOfZero, StableFormRewritten, UnstableFormNotRewritten, SqrtOfZero, DivisionByTarget, MixedReductionsInFormula);

    /// <summary>Every LD2xxx descriptor (the call-site pitfalls), in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> CallSite { get; } = ImmutableArray.Create(
        DoubleSoftmax, DoubleSigmoid, ScoresAsProbabilities, OneHotAsClassIndices, ProbabilitiesAsLogProbabilities,
        ProbabilitiesAsKlInput, KlDivMeanReduction, BinaryLabelsAsSignLabels, SignLabelsAsBinaryLabels, MixedReductions,
        LogitsAsLogProbabilities, KlTargetSpace);

    /// <summary>Every descriptor, LD1xxx then LD2xxx, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = Formula.AddRange(CallSite);

    /// <summary>The descriptor with id <paramref name="id"/>.</summary>
    /// <param name="id">An id of <see cref="All"/>, such as <c>LD2001</c>.</param>
    public static DiagnosticDescriptor ById(string id) => All.Single(d => d.Id == id);

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Info(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
