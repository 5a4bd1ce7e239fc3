namespace LossDsl.Generator.IR;

/// <summary>An index that a value varies along.</summary>
public enum Axis
{
    /// <summary>The sample index <c>i</c> (length N).</summary>
    Sample,
}
