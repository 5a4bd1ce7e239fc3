namespace LossDsl.Generator.IR;

/// <summary>The operations of the IR. High-level functions (sigmoid, softplus…) stay whole through differentiation so their
/// derivatives keep their stable forms; <see cref="Optimization.Lowering"/> expands them into primitives before emission.</summary>
internal enum Op
{
    // Leaves
    /// <summary>A number.</summary>
    Constant,
    /// <summary>An element of an input span.</summary>
    Input,
    /// <summary>A scalar option parameter.</summary>
    Option,
    /// <summary>N, the number of elements, as a real.</summary>
    Length,
    /// <summary>C, the number of columns (classes or features), as a real.</summary>
    Columns,
    /// <summary>The column index j, an integer varying along the class axis.</summary>
    ColumnIndex,
    /// <summary>The row index i, an integer varying along the sample axis (<c>eye()</c> compares it with j).</summary>
    RowIndex,
    /// <summary>A value a runtime routine computes into a buffer before the passes that read it (a pairwise matrix such
    /// as <c>sqdist(a, b)</c>); the passes read it like an input. Its name is the call as written, and
    /// <see cref="MaterializedCall"/> says what computes it.</summary>
    Materialized,

    // Arithmetic
    /// <summary>a + b</summary>
    Add,
    /// <summary>a - b</summary>
    Subtract,
    /// <summary>a * b</summary>
    Multiply,
    /// <summary>a / b</summary>
    Divide,
    /// <summary>-a</summary>
    Negate,
    /// <summary>a ^ b</summary>
    Power,
    /// <summary>a * b + c, fused where the hardware has FMA (introduced by lowering only).</summary>
    MultiplyAdd,

    // Elementwise functions
    /// <summary>|a|</summary>
    Abs,
    /// <summary>√a</summary>
    Sqrt,
    /// <summary>eᵃ</summary>
    Exp,
    /// <summary>ln a</summary>
    Log,
    /// <summary>ln(1 + a), accurate near 0</summary>
    Log1p,
    /// <summary>eᵃ − 1, accurate near 0</summary>
    Expm1,
    /// <summary>1 / (1 + e⁻ᵃ)</summary>
    Sigmoid,
    /// <summary>ln σ(a) = −softplus(−a)</summary>
    LogSigmoid,
    /// <summary>ln(1 + eᵃ)</summary>
    Softplus,
    /// <summary>tanh a</summary>
    Tanh,
    /// <summary>cosh a</summary>
    Cosh,
    /// <summary>sinh a (appears as the derivative of cosh)</summary>
    Sinh,
    /// <summary>ln cosh a, without overflow</summary>
    LogCosh,
    /// <summary>max(a, 0)</summary>
    Relu,
    /// <summary>−1, 0 or 1</summary>
    Sign,
    /// <summary>a itself, through which no gradient flows (PyTorch's <c>detach</c>); lowered away after differentiation.</summary>
    Detach,
    /// <summary>The integer part of a (introduced by lowering only, for pow with a negative base).</summary>
    Truncate,
    /// <summary>The smaller of a and b (NaN if either is NaN).</summary>
    Min,
    /// <summary>The larger of a and b (NaN if either is NaN).</summary>
    Max,
    /// <summary>min(max(a, lo), hi), as PyTorch's clamp.</summary>
    Clamp,

    // Masks
    /// <summary>a &lt; b</summary>
    Less,
    /// <summary>a &lt;= b</summary>
    LessEqual,
    /// <summary>a &gt; b</summary>
    Greater,
    /// <summary>a &gt;= b</summary>
    GreaterEqual,
    /// <summary>a == b</summary>
    Equal,
    /// <summary>a != b</summary>
    NotEqual,
    /// <summary>m &amp; n</summary>
    And,
    /// <summary>m | n</summary>
    Or,
    /// <summary>!m</summary>
    Not,
    /// <summary>where(m, a, b)</summary>
    Where,
    /// <summary>An integer or a mask (1 or 0) used as a real.</summary>
    ToReal,

    // Indexing
    /// <summary>x[k]: the element of each row of x at column k, where k is a class-index input (a gather, one column
    /// per sample), an integer option or an integer constant (a column pick).</summary>
    Gather,

    // Reductions
    /// <summary>The sum over the samples (and so over everything: the operand has no class axis).</summary>
    Sum,
    /// <summary>Σᵢ (uᵢ + log sᵢ) over the samples, sᵢ a per-row sum of non-negative terms (a lowered logsumexp's Σ exp):
    /// made by lowering, after differentiation; u is summed as by <see cref="Sum"/>, and the logs are taken as the log of
    /// a running product, one every many rows, into the same double accumulator.</summary>
    SumLog,
    /// <summary>The sum over the samples of each column: one value per class (a per-class total, as Dice per class needs).</summary>
    ColumnSum,
    /// <summary>The smallest element of each column over the samples (the nearest point of the first set, for each point of the second).</summary>
    ColumnMin,
    /// <summary>The largest element of each column over the samples.</summary>
    ColumnMax,
    /// <summary>The sum of each row over the class axis.</summary>
    RowSum,
    /// <summary>The largest element of each row.</summary>
    RowMax,
    /// <summary>
    /// The largest element of each row where it only shifts the row before an exp (lowered logsumexp and softmax): a
    /// NaN anywhere in the row makes the result NaN through the sum of exponentials whatever the shift is, and the
    /// sign of a zero shift changes nothing, so the emitter uses the CPU's max (one instruction) instead of IEEE 754's.
    /// </summary>
    RowMaxShift,
    /// <summary>The smallest element of each row.</summary>
    RowMin,
    /// <summary>log Σⱼ exp(xᵢⱼ) of each row (lowered to the max-subtracted form).</summary>
    LogSumExp,
    /// <summary>√(Σⱼ xᵢⱼ²), the Euclidean norm of each row (its gradient is 0 at a zero row, as PyTorch's).</summary>
    RowNorm,
}
