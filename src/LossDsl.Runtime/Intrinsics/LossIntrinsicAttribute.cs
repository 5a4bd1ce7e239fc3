using System;

namespace LossDsl.Intrinsics;

/// <summary>
/// Marks a static class as a runtime intrinsic: a loss that is an algorithm rather than a formula (a dynamic
/// programme, an optimal assignment), callable from a formula by <see cref="Name"/> like any other function.
/// </summary>
/// <remarks>
/// <para>The class holds exactly one public generic <c>Forward</c> and one public generic <c>Backward</c> method over
/// <c>T : IFloatingPointIeee754&lt;T&gt;</c> (<see cref="float"/> or <see cref="double"/>), with parameters in this order:</para>
/// <list type="number">
/// <item><description>the inputs (<c>ReadOnlySpan&lt;T&gt;</c>, <c>ReadOnlyTensorSpan&lt;T&gt;</c>, integer spans or tensor spans);</description></item>
/// <item><description>the options (scalars; a <see cref="System.ComponentModel.DefaultValueAttribute"/> on an option gives the value a formula
/// that omits it gets);</description></item>
/// <item><description><c>Forward</c>: a <c>Span&lt;T&gt; losses</c> that receives one value per output element;
/// <c>Backward</c>: a <c>ReadOnlySpan&lt;T&gt; upstream</c> (the gradient flowing into <c>losses</c>, same length) followed by one
/// gradient output per differentiable input, named <c>d</c> + the input's name (<c>dLogProbs</c> for <c>logProbs</c>).</description></item>
/// </list>
/// <para><c>Backward</c> overwrites (never accumulates) every element of its gradient outputs with
/// <c>Σ_n upstream[n] · ∂losses[n]/∂input</c>. It recomputes what it needs from the inputs, so it does not depend on a
/// previous <c>Forward</c> call. Neither method allocates after the first call (workspace comes from
/// the shared <see cref="System.Buffers.ArrayPool{T}"/>). See docs/intrinsics.md.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LossIntrinsicAttribute : Attribute
{
    /// <summary>Declares the intrinsic that formulas call as <paramref name="name"/>.</summary>
    /// <param name="name">The function name used in formulas, for example <c>"ctc"</c>.</param>
    public LossIntrinsicAttribute(string name) => Name = name;

    /// <summary>The function name used in formulas.</summary>
    public string Name { get; }
}
