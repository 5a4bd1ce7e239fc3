using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LossDsl.Generator.Model;

/// <summary>
/// A source location as plain data, turned back into a <see cref="Location"/> only when a diagnostic is reported.
/// It keeps the syntax tree (not a node): a tree compares by reference, so the location changes exactly when its file
/// is edited, and a diagnostic located in the tree honours <c>#pragma warning disable</c> and .editorconfig severities,
/// which a path-only external location does not (dotnet/roslyn#68291). Only the diagnostics branch of the pipeline
/// holds locations; code generation works from the location-free <see cref="LossMethodSpec"/>.
/// </summary>
/// <param name="Tree">The syntax tree the location is in.</param>
/// <param name="Span">The characters.</param>
internal sealed record LocationInfo(SyntaxTree Tree, TextSpan Span)
{
    /// <summary>The file's path.</summary>
    public string FilePath => Tree.FilePath;

    /// <summary>The characters as lines and columns.</summary>
    public LinePositionSpan LineSpan => Tree.GetLineSpan(Span).Span;

    /// <summary>The Roslyn location.</summary>
    public Location ToLocation() => Location.Create(Tree, Span);

    /// <summary>Captures <paramref name="location"/>.</summary>
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree, location.SourceSpan);
}
