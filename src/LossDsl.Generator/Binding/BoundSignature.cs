using System.Collections.Immutable;
using System.Linq;

namespace LossDsl.Generator.Binding;

/// <summary>A loss method's parameters with their roles, and the element type it computes in.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="Element">float or double.</param>
/// <param name="IsReduced">True when the method returns the loss as one value; false for per-element (void) losses.</param>
/// <param name="Parameters">Every parameter, in order.</param>
internal sealed record BoundSignature(string MethodName, ElementType Element, bool IsReduced, ImmutableArray<BoundParameter> Parameters)
{
    /// <summary>The parameters with a role of <paramref name="role"/>.</summary>
    public ImmutableArray<BoundParameter> WithRole(ParameterRole role) => Parameters.Where(p => p.Role == role).ToImmutableArray();

    /// <summary>The parameter named <paramref name="name"/>, if any.</summary>
    public BoundParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The gradient output of the input named <paramref name="input"/>, if the method asks for it.</summary>
    public BoundParameter? GradientFor(string input) => Parameters.FirstOrDefault(p => p.Role == ParameterRole.Gradient && p.GradientOf == input);

    /// <summary>The per-element loss output, if the method has one.</summary>
    public BoundParameter? LossOutput => Parameters.FirstOrDefault(p => p.Role == ParameterRole.LossOutput);

    /// <summary>The upstream gradient, if the method has one.</summary>
    public BoundParameter? UpstreamGradient => Parameters.FirstOrDefault(p => p.Role == ParameterRole.UpstreamGradient);

    /// <summary>The C# keyword of the element type.</summary>
    public string ElementKeyword => Element == ElementType.Float ? "float" : "double";
}
