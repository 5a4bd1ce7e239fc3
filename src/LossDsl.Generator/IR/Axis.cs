namespace LossDsl.Generator.IR;

/// <summary>An index that a value varies along.</summary>
internal enum Axis
{
    /// <summary>The sample index <c>i</c> (length N: the rows of a matrix, every element of a vector input).</summary>
    Sample,

    /// <summary>The class or feature index <c>j</c> (length C: the columns of a matrix, a per-class vector).</summary>
    Class,

    /// <summary>The second sample index <c>k</c> of pair matrices (length M: the rows of a pairwise function's second
    /// argument). A value never varies along both <see cref="Class"/> and <see cref="Pair"/>.</summary>
    Pair,
}
