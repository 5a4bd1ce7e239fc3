using System;

namespace LossDsl;

/// <summary>
/// Declares a loss by its formula. Put it on a <c>static partial</c> method without a body; the LossDsl
/// source generator compiles the formula at build time into fused, vectorized forward and gradient code.
/// </summary>
/// <remarks>
/// <para>The formula names the method's parameters (see docs/dsl.md for the grammar and the functions):</para>
/// <list type="bullet">
/// <item><description>a <c>ReadOnlySpan&lt;T&gt;</c> is an input read element by element (predictions, targets, weights);</description></item>
/// <item><description>a <c>Span&lt;T&gt;</c> named <c>d</c> + an input's name (<c>dp</c> for <c>p</c>, <c>dLogits</c> for
/// <c>logits</c>) receives the gradient of the loss with respect to that input;</description></item>
/// <item><description>a scalar parameter (<c>T</c>, <c>int</c> or <c>bool</c>) is an option, usable by name, with a default if it has one;</description></item>
/// <item><description>a <c>void</c> method without an outer <c>mean</c> or <c>sum</c> writes per-element losses into a
/// <c>Span&lt;T&gt;</c> named <c>loss</c>; given a <c>ReadOnlySpan&lt;T&gt;</c> named <c>dloss</c> (the upstream gradient) it
/// writes the vector-Jacobian product into its gradient spans.</description></item>
/// </list>
/// <code>
/// [Loss("mean(abs(p - t))")]
/// public static partial float MeanAbsolute(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, Span&lt;float&gt; dp);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <summary>Declares a loss computed by <paramref name="formula"/>.</summary>
    /// <param name="formula">The loss formula, for example <c>"mean((p - t)^2)"</c>.</param>
    public LossAttribute(string formula) => Formula = formula;

    /// <summary>The loss formula, as written in the attribute.</summary>
    public string Formula { get; }
}
