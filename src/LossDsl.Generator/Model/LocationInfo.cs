using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LossDsl.Generator.Model;

/// <summary>
/// A source location without the syntax tree, so the pipeline model stays equatable and cacheable; it is turned back
/// into a <see cref="Location"/> only when a diagnostic is reported.
/// </summary>
/// <param name="FilePath">The file.</param>
/// <param name="Span">The characters.</param>
/// <param name="LineSpan">The same characters as lines and columns.</param>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>The Roslyn location.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>Captures <paramref name="location"/>.</summary>
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
