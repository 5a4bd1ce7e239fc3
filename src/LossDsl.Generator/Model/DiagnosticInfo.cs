using System.Linq;
using LossDsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace LossDsl.Generator.Model;

/// <summary>A diagnostic ready to report: id, location and message arguments, all equatable.</summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Location">Where it is.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>The Roslyn diagnostic.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.Items.ToArray());

    /// <summary>A diagnostic for <paramref name="descriptor"/> at <paramref name="location"/>.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] args) =>
        new(descriptor.Id, LocationInfo.From(location), args.ToEquatableArray());
}
