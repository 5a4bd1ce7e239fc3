using System.Linq;
using LossDsl.Generator.Parsing;

namespace LossDsl.Generator.Diagnostics;

/// <summary>What a diagnostic points at.</summary>
internal enum DiagnosticTarget
{
    /// <summary>Characters of the formula.</summary>
    Formula,
    /// <summary>A parameter of the method.</summary>
    Parameter,
    /// <summary>The method itself.</summary>
    Method,
}

/// <summary>
/// A diagnostic from the formula compiler, located in the formula or on a parameter. It holds no Roslyn location, so it
/// can be cached in the incremental pipeline and printed by tools; the generator maps it to source at report time.
/// </summary>
/// <param name="Id">The diagnostic id (LD0001…).</param>
/// <param name="Target">What it points at.</param>
/// <param name="Span">For <see cref="DiagnosticTarget.Formula"/>, the characters.</param>
/// <param name="ParameterIndex">For <see cref="DiagnosticTarget.Parameter"/>, the parameter's position.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record CompilerDiagnostic(string Id, DiagnosticTarget Target, FormulaSpan Span, int ParameterIndex, EquatableArray<string> Arguments)
{
    /// <summary>The message, formatted.</summary>
    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture,
        DiagnosticDescriptors.ById(Id).MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), Arguments.Items.ToArray());

    /// <summary>Whether the diagnostic stops code generation.</summary>
    public bool IsError => DiagnosticDescriptors.ById(Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error;

    /// <summary>A diagnostic on formula characters.</summary>
    public static CompilerDiagnostic AtFormula(Microsoft.CodeAnalysis.DiagnosticDescriptor d, FormulaSpan span, params string[] args) =>
        new(d.Id, DiagnosticTarget.Formula, span, -1, args.ToEquatableArray());

    /// <summary>A diagnostic on a parameter.</summary>
    public static CompilerDiagnostic AtParameter(Microsoft.CodeAnalysis.DiagnosticDescriptor d, int index, params string[] args) =>
        new(d.Id, DiagnosticTarget.Parameter, default, index, args.ToEquatableArray());

    /// <summary>A diagnostic on the method.</summary>
    public static CompilerDiagnostic AtMethod(Microsoft.CodeAnalysis.DiagnosticDescriptor d, params string[] args) =>
        new(d.Id, DiagnosticTarget.Method, default, -1, args.ToEquatableArray());

    /// <inheritdoc/>
    public override string ToString() => Target switch
    {
        DiagnosticTarget.Formula => $"{Id} {Span}: {Message}",
        DiagnosticTarget.Parameter => $"{Id} parameter #{ParameterIndex}: {Message}",
        _ => $"{Id}: {Message}",
    };
}
