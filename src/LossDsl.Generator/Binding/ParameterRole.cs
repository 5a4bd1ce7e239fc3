namespace LossDsl.Generator.Binding;

/// <summary>What a parameter is for, decided from its type and name.</summary>
internal enum ParameterRole
{
    /// <summary>A <c>ReadOnlySpan</c> read element by element: predictions, targets, weights.</summary>
    Input,
    /// <summary>A scalar option usable by name.</summary>
    Option,
    /// <summary>A <c>Span</c> named d + an input's name that receives the gradient.</summary>
    Gradient,
    /// <summary>The <c>Span</c> named <c>loss</c> of a void method, receiving per-element losses.</summary>
    LossOutput,
    /// <summary>The <c>ReadOnlySpan</c> named <c>dloss</c> of a void method: the upstream gradient.</summary>
    UpstreamGradient,
    /// <summary>A parameter that could not be classified (a diagnostic was reported).</summary>
    Invalid,
}

/// <summary>A parameter with its role.</summary>
/// <param name="Decl">The declaration.</param>
/// <param name="Index">Its position in the method.</param>
/// <param name="Role">What it is for.</param>
/// <param name="GradientOf">For a gradient output, the input it differentiates.</param>
internal sealed record BoundParameter(ParameterDecl Decl, int Index, ParameterRole Role, string? GradientOf)
{
    /// <summary>The parameter's name.</summary>
    public string Name => Decl.Name;
}
