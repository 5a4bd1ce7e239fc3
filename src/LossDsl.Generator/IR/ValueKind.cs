namespace LossDsl.Generator.IR;

/// <summary>The type of a value in a formula.</summary>
internal enum ValueKind
{
    /// <summary>A real number, computed in the loss's element type (float or double).</summary>
    Real,
    /// <summary>An integer (an <c>int</c> option or a <c>ReadOnlySpan&lt;int&gt;</c> input); converted to real where arithmetic uses it.</summary>
    Integer,
    /// <summary>A boolean mask, the result of a comparison.</summary>
    Mask,
}
