using System.Collections.Immutable;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Scheduling;

/// <summary>A per-element value written to an output span.</summary>
/// <param name="Parameter">The output span's name.</param>
/// <param name="Value">What is written at each element (a scalar value fills the span).</param>
public sealed record OutputWrite(string Parameter, Expr Value);

/// <summary>
/// One pass over memory: a loop over the elements that accumulates <see cref="Reductions"/> and writes
/// <see cref="Writes"/>, evaluating <see cref="Body"/> per element and reading <see cref="Invariants"/> computed before it.
/// </summary>
/// <param name="Number">1-based position of the pass.</param>
/// <param name="Reductions">Sum nodes whose operands are accumulated in this pass.</param>
/// <param name="Writes">Outputs written in this pass.</param>
/// <param name="Body">Per-element nodes evaluated in the loop, arguments first.</param>
/// <param name="Invariants">Loop-invariant (scalar) nodes the body reads.</param>
/// <param name="Inputs">Input spans the body reads, by name.</param>
public sealed record Pass(int Number, ImmutableArray<Expr> Reductions, ImmutableArray<OutputWrite> Writes,
    ImmutableArray<Expr> Body, ImmutableArray<Expr> Invariants, ImmutableArray<string> Inputs);

/// <summary>What the emitter writes: the passes in order, spans filled with a single value, and the returned value.</summary>
/// <param name="Signature">The method's parameters and roles.</param>
/// <param name="Passes">The loops over memory, in order.</param>
/// <param name="Fills">Outputs whose value is the same at every element, with the pass after which it is known (0: before any).</param>
/// <param name="ReturnValue">For a reduced loss, the value returned; null for a void method.</param>
public sealed record KernelPlan(BoundSignature Signature, ImmutableArray<Pass> Passes, ImmutableArray<(OutputWrite Write, int AfterPass)> Fills, Expr? ReturnValue);
