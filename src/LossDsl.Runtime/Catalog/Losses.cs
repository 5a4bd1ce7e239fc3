namespace LossDsl;

/// <summary>
/// The built-in catalog: every loss the project's source documents describe, each declared as a <c>[Loss]</c> formula
/// so the generator writes its fused forward and gradient code, with PyTorch's semantics and options where PyTorch has
/// the loss. Entries are grouped by family, one nested class each (<see cref="Regression"/>, …), so IntelliSense lists a family at a time.
/// </summary>
/// <remarks>
/// <para>Every entry comes in <c>float</c> and <c>double</c>, forward only and forward + gradient (one <c>Span</c> or
/// <c>TensorSpan</c> named <c>d</c> + an input's name per differentiable input). Where PyTorch has a <c>reduction</c>
/// argument the entry takes a <see cref="Reduction"/> option (mean by default), and an <c>…Unreduced</c> overload pair
/// is PyTorch's <c>reduction='none'</c>: one writes the per-element losses into <c>loss</c>, the other takes the
/// upstream gradient <c>dloss</c> and writes the vector-Jacobian product.</para>
/// <para>Bad input is an exception naming the argument (lengths that disagree, a class index out of range, an option
/// outside its domain); what PyTorch accepts gives PyTorch's result (a mean over only ignored targets is NaN).</para>
/// </remarks>
public static partial class Losses
{
}
