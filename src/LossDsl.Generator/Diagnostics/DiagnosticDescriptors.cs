using Microsoft.CodeAnalysis;

namespace LossDsl.Generator.Diagnostics;

/// <summary>Every diagnostic the formula compiler reports. Ids are stable; each has a page under docs/diagnostics.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the docs pages live; a diagnostic's help link is this plus its id.</summary>
    public const string HelpLinkBase = "https://github.com/lossdsl/lossdsl/blob/main/docs/diagnostics/";

    private const string Formula = "LossDsl.Formula";
    private const string Signature = "LossDsl.Signature";

    /// <summary>LD0001: the formula is not well formed.</summary>
    public static readonly DiagnosticDescriptor SyntaxError = Error("LD0001", Formula,
        "Formula syntax error", "Formula syntax error: {0}");

    /// <summary>LD0002: a name in the formula is neither a parameter, a binding nor a constant.</summary>
    public static readonly DiagnosticDescriptor UnknownName = Error("LD0002", Formula,
        "Unknown name in formula", "{0}");

    /// <summary>LD0003: a call to a function the language does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownFunction = Error("LD0003", Formula,
        "Unknown function in formula", "'{0}' is not a function of the formula language{1}");

    /// <summary>LD0004: a function called with the wrong number of arguments.</summary>
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error("LD0004", Formula,
        "Wrong number of arguments", "'{0}' takes {1}, but {2} given");

    /// <summary>LD0005: a number where a mask is needed (the condition of where, an operand of &amp;, | or !). A mask used as a number is converted to 1 or 0, not reported.</summary>
    public static readonly DiagnosticDescriptor TypeMismatch = Error("LD0005", Formula,
        "Type mismatch in formula", "{0}");

    /// <summary>LD0006: the method is not a static partial method without a body.</summary>
    public static readonly DiagnosticDescriptor MethodNotStaticPartial = Error("LD0006", Signature,
        "Loss method must be static and partial", "Loss method '{0}' must be declared 'static partial' without a body; the generator writes the body");

    /// <summary>LD0007: a type containing the method is not partial.</summary>
    public static readonly DiagnosticDescriptor TypeNotPartial = Error("LD0007", Signature,
        "Containing type must be partial", "Type '{0}', which contains loss method '{1}', must be declared partial");

    /// <summary>LD0008: the return type is not float, double or void.</summary>
    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error("LD0008", Signature,
        "Unsupported return type", "Loss method '{0}' returns '{1}'; a loss returns float or double (a mean or sum) or void (per-element losses written into a 'loss' span)");

    /// <summary>LD0009: a parameter of a type a loss cannot take.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameter = Error("LD0009", Signature,
        "Unsupported parameter", "Parameter '{0}' of type '{1}' cannot be used by a loss: {2}");

    /// <summary>LD0010: a gradient output for an input that has no gradient.</summary>
    public static readonly DiagnosticDescriptor GradientOfNonReal = Error("LD0010", Signature,
        "Gradient output for a non-differentiable input", "'{0}' would receive the gradient with respect to '{1}', but '{1}' holds {2}, which has no gradient; remove '{0}'");

    /// <summary>LD0011: a Span&lt;T&gt; that is neither a gradient output nor the per-element loss.</summary>
    public static readonly DiagnosticDescriptor UnknownOutput = Error("LD0011", Signature,
        "Output span matches no input", "{0}");

    /// <summary>LD0012: the formula's shape does not fit the method (per-element values returned as one number, or the reverse).</summary>
    public static readonly DiagnosticDescriptor ReductionMismatch = Error("LD0012", Formula,
        "Formula does not match the method's reduction", "{0}");

    /// <summary>LD0013: a void (per-element) method without what it needs to write.</summary>
    public static readonly DiagnosticDescriptor InvalidElementwiseSignature = Error("LD0013", Signature,
        "Invalid per-element loss signature", "{0}");

    /// <summary>LD0014: real spans and the return type do not agree on float or double.</summary>
    public static readonly DiagnosticDescriptor ElementTypeMismatch = Error("LD0014", Signature,
        "Element types disagree", "Parameter '{0}' holds {1}, but loss method '{2}' computes in {3}; every real span of a loss uses the same element type");

    /// <summary>LD0015: a binding redefines a name.</summary>
    public static readonly DiagnosticDescriptor DuplicateName = Error("LD0015", Formula,
        "Name already defined", "'{0}' is already {1}; choose another name for this binding");

    /// <summary>LD0016: a parameter the formula does not use.</summary>
    public static readonly DiagnosticDescriptor UnusedParameter = new("LD0016",
        "Parameter not used by the formula", "Parameter '{0}' is not used by the formula of '{1}'{2}",
        Formula, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "LD0016.md");

    /// <summary>LD0017: a method feature a loss cannot have (generic, params, extension). Ref parameters are LD0009.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMethod = Error("LD0017", Signature,
        "Unsupported loss method", "Loss method '{0}' cannot be {1}");

    /// <summary>LD0018: values of incompatible shapes (indexing a vector, a row reduction of a vector, an output of the wrong shape).</summary>
    public static readonly DiagnosticDescriptor ShapeError = Error("LD0018", Formula,
        "Shape error in formula", "{0}");

    /// <summary>LD0019: a pairwise function, <c>same</c> or <c>eye</c> used where the pair axis does not exist or with the
    /// wrong kind of argument, a value along the classes combined with one along the pair axis, or a pair matrix
    /// indexed.</summary>
    public static readonly DiagnosticDescriptor PairwiseMisuse = Error("LD0019", Formula,
        "Pairwise function misused", "{0}");

    /// <summary>LD0020: a runtime intrinsic called with arguments it cannot take, a tensor beside <c>ctc</c>, or an
    /// integer tensor not passed to an intrinsic.</summary>
    public static readonly DiagnosticDescriptor IntrinsicMisuse = Error("LD0020", Formula,
        "Intrinsic misused", "{0}");

    /// <summary>LD0021: the project compiles a C# version older than the generated code needs.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error("LD0021", Signature,
        "C# language version too low for LossDsl", "LossDsl writes C# {0} code for loss method '{1}', but this project compiles C# {2}; set <LangVersion> to {0} or later, or remove it (the default of .NET 7 and later is newer)");

    /// <summary>LD0022: a class marked <c>[LossIntrinsic]</c> that formulas cannot call: its name, its kind of class, or its
    /// <c>Forward</c>/<c>Backward</c> do not follow the calling convention of docs/intrinsics.md.</summary>
    public static readonly DiagnosticDescriptor MalformedIntrinsic = Error("LD0022", Signature,
        "Malformed loss intrinsic", "'{0}' cannot be called from formulas as the loss intrinsic '{1}': {2}");

    /// <summary>All descriptors, for tests and docs.</summary>
    public static DiagnosticDescriptor[] All { get; } =
    {
        SyntaxError, UnknownName, UnknownFunction, WrongArgumentCount, TypeMismatch, MethodNotStaticPartial, TypeNotPartial,
        UnsupportedReturnType, UnsupportedParameter, GradientOfNonReal, UnknownOutput, ReductionMismatch,
        InvalidElementwiseSignature, ElementTypeMismatch, DuplicateName, UnusedParameter, UnsupportedMethod, ShapeError,
        PairwiseMisuse, IntrinsicMisuse, LanguageVersionTooLow, MalformedIntrinsic,
    };

    /// <summary>Finds a descriptor by id.</summary>
    public static DiagnosticDescriptor ById(string id)
    {
        foreach (DiagnosticDescriptor d in All)
        {
            if (d.Id == id)
            {
                return d;
            }
        }

        throw new System.ArgumentException($"No diagnostic {id}.", nameof(id));
    }

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
