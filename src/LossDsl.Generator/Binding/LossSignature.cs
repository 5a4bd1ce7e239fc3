namespace LossDsl.Generator.Binding;

/// <summary>The number type a loss computes in.</summary>
internal enum ElementType
{
    /// <summary><c>float</c></summary>
    Float,
    /// <summary><c>double</c></summary>
    Double,
}

/// <summary>What a loss method returns.</summary>
internal enum ReturnKind
{
    /// <summary><c>float</c>: the formula reduces to one value.</summary>
    Float,
    /// <summary><c>double</c>: the formula reduces to one value.</summary>
    Double,
    /// <summary><c>void</c>: per-element losses are written into a <c>loss</c> span.</summary>
    Void,
    /// <summary>Anything else (an error).</summary>
    Other,
}

/// <summary>How a parameter is passed.</summary>
internal enum ParameterForm
{
    /// <summary><c>ReadOnlySpan&lt;X&gt;</c></summary>
    ReadOnlySpan,
    /// <summary><c>Span&lt;X&gt;</c></summary>
    Span,
    /// <summary>A plain value: <c>X</c>.</summary>
    Scalar,
    /// <summary><c>ReadOnlyTensorSpan&lt;X&gt;</c>: a matrix (N, C) or a higher-rank (N, C, d₁…dₖ) input.</summary>
    ReadOnlyTensorSpan,
    /// <summary><c>TensorSpan&lt;X&gt;</c>: the gradient of a tensor input, or per-element losses of a matrix formula.</summary>
    TensorSpan,
    /// <summary>Anything else (an array, a ref parameter, another type: an error).</summary>
    Other,
}

/// <summary>The element type of a parameter.</summary>
internal enum ScalarType
{
    /// <summary><c>float</c></summary>
    Float,
    /// <summary><c>double</c></summary>
    Double,
    /// <summary><c>int</c></summary>
    Int32,
    /// <summary><c>long</c> (class indices as PyTorch stores them)</summary>
    Int64,
    /// <summary><c>bool</c></summary>
    Boolean,
    /// <summary><c>LossDsl.Reduction</c>: the option that chooses how <c>reduce(...)</c> reduces.</summary>
    Reduction,
    /// <summary>Any other type.</summary>
    Other,
}

/// <summary>A parameter as declared: its name, how it is passed and what it holds.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Form">Span, read-only span, scalar, or other.</param>
/// <param name="Element">The element type.</param>
/// <param name="TypeDisplay">The type as the user wrote it, for messages (for example <c>ReadOnlySpan&lt;float&gt;</c>).</param>
/// <param name="IsScoped">Whether the declaration says <c>scoped</c> (the implementation must repeat it).</param>
/// <param name="SourceType">The declared type, fully qualified with its ref kind, as the implementing part must repeat it
/// (null when built outside a compilation, e.g. by tools).</param>
/// <param name="IsPerClass">Whether the parameter carries <c>[PerClass]</c>: a vector with one value per class, broadcast
/// along the rows of a matrix.</param>
internal sealed record ParameterDecl(string Name, ParameterForm Form, ScalarType Element, string TypeDisplay, bool IsScoped = false, string? SourceType = null, bool IsPerClass = false)
{
    /// <summary>Whether the parameter is read-only memory (a span or a tensor span).</summary>
    public bool IsReadOnlyMemory => Form is ParameterForm.ReadOnlySpan or ParameterForm.ReadOnlyTensorSpan;

    /// <summary>Whether the parameter is writable memory (a span or a tensor span).</summary>
    public bool IsWritableMemory => Form is ParameterForm.Span or ParameterForm.TensorSpan;

    /// <summary>Whether the parameter is a tensor span.</summary>
    public bool IsTensor => Form is ParameterForm.ReadOnlyTensorSpan or ParameterForm.TensorSpan;
}

/// <summary>A loss method's signature, free of Roslyn types so tools can build one from a string.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="Return">What it returns.</param>
/// <param name="ReturnDisplay">The return type as written, for messages.</param>
/// <param name="Parameters">Its parameters in order.</param>
/// <param name="ReturnSourceType">The declared return type, fully qualified (null when built outside a compilation).</param>
internal sealed record LossSignature(string MethodName, ReturnKind Return, string ReturnDisplay, EquatableArray<ParameterDecl> Parameters, string? ReturnSourceType = null);
