using System.Linq;
using LossDsl.Generator.Binding;

namespace LossDsl.Generator.Model;

/// <summary>A type that contains a loss method, as it must be re-declared in the generated file.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The name with its type parameter list, for example <c>Losses&lt;T&gt;</c>.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>
/// Everything needed to generate one loss method, with no source locations: an edit that only moves the method
/// leaves this equal, so the compiled code is reused from the cache.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Modifiers">The method's accessibility and static modifiers, as declared.</param>
/// <param name="Signature">The method's signature.</param>
/// <param name="Formula">The formula.</param>
/// <param name="Documentation">The declaration's documentation comment, one <c>///</c> line per line, or null when it has
/// none. The implementation repeats it (C# shows the implementing part's comment) with the derivation added to its
/// remarks.</param>
internal sealed record LossMethodSpec(string? Namespace, EquatableArray<ContainingTypeSpec> ContainingTypes, string Modifiers,
    LossSignature Signature, string Formula, string? Documentation = null)
{
    /// <summary>The intrinsics of the user's project whose names the formula mentions (see <see cref="IntrinsicSpec"/>).</summary>
    public EquatableArray<IntrinsicSpec> Intrinsics { get; init; } = EquatableArray<IntrinsicSpec>.Empty;

    /// <summary>The generated file's name: unique per method, overloads included.</summary>
    public string HintName
    {
        get
        {
            string prefix = (Namespace is null ? "" : Namespace + ".") + string.Join(".", ContainingTypes.Select(t => Sanitize(t.Name)));
            string parameters = string.Join(",", Signature.Parameters.Select(p => p.TypeDisplay));
            return $"{prefix}.{Signature.MethodName}.{StableHash(parameters):x8}.g.cs";
        }
    }

    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

    // FNV-1a: string.GetHashCode is randomized per process and would change file names between builds.
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}

/// <summary>Where a loss method's parts are, to place diagnostics.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Parameters">Each parameter, in order.</param>
/// <param name="Formula">The formula's literal and its character map.</param>
internal sealed record LossMethodLocations(LocationInfo? Method, EquatableArray<LocationInfoBox> Parameters, FormulaSourceMap? Formula);

/// <summary>An equatable holder for an optional location (records in arrays must be non-null).</summary>
/// <param name="Location">The location, if known.</param>
internal sealed record LocationInfoBox(LocationInfo? Location);

/// <summary>The transform's result for one <c>[Loss]</c> method.</summary>
/// <param name="MethodName">The method's name, for messages.</param>
/// <param name="Spec">What to compile, or null when the method cannot be implemented (see <paramref name="Diagnostics"/>).</param>
/// <param name="Locations">Where its parts are.</param>
/// <param name="Diagnostics">Errors found in the declaration itself (not partial, not static…).</param>
internal sealed record LossMethodModel(string MethodName, LossMethodSpec? Spec, LossMethodLocations Locations, EquatableArray<DiagnosticInfo> Diagnostics);
