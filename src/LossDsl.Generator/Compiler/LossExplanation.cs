using System.Collections.Immutable;

namespace LossDsl.Generator.Compiler;

/// <summary>The derivative of the loss with respect to one input, as the compiler derived and simplified it.</summary>
/// <param name="Output">The gradient output parameter.</param>
/// <param name="Input">The input it differentiates.</param>
/// <param name="Text">The derivative in the formula language (per element, before lowering to primitives).</param>
internal sealed record GradientExplanation(string Output, string Input, string Text);

/// <summary>What the compiler did with a formula, for the generated documentation and for tools.</summary>
/// <param name="Formula">The formula as written.</param>
/// <param name="Loss">The loss after stable rewrites, in the formula language.</param>
/// <param name="Shared">Subexpressions shared by the loss and its gradients, named _1, _2…</param>
/// <param name="Gradients">Each gradient output's derivative.</param>
/// <param name="Rewrites">The stable rewrites applied.</param>
/// <param name="Passes">One line per pass over memory.</param>
internal sealed record LossExplanation(string Formula, string Loss, ImmutableArray<string> Shared, ImmutableArray<GradientExplanation> Gradients,
    ImmutableArray<string> Rewrites, ImmutableArray<string> Passes)
{
    /// <summary>
    /// One line per output that no pass writes because it holds the same value at every element (a constant gradient such
    /// as the 0 of an input the loss does not depend on, or a scalar such as 1/N): it is filled, before the first pass or
    /// after the pass its value needs.
    /// </summary>
    public ImmutableArray<string> Fills { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Whether the formula has the class axis j (length C: classes or features, the columns of its matrices).</summary>
    public bool HasClassAxis { get; init; }

    /// <summary>Whether the formula has the pair axis k (length M: one per row of a pairwise function's second argument).</summary>
    public bool HasPairAxis { get; init; }

    /// <summary>One line per specialised kernel (loop unswitching on the sign of an option): when it runs and what it does differently.</summary>
    public ImmutableArray<string> Specializations { get; init; } = ImmutableArray<string>.Empty;
}
