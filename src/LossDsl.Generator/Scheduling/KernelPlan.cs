using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Scheduling;

/// <summary>A per-element value written to an output span.</summary>
/// <param name="Parameter">The output span's name.</param>
/// <param name="Value">What is written at each element (a scalar value fills the span; a value with fewer axes than
/// the output is repeated along the others, as a per-sample gradient repeated along a matrix row).</param>
/// <param name="Target">The output's shape.</param>
internal sealed record OutputWrite(string Parameter, Expr Value, Shape Target)
{
    /// <summary>
    /// A term that is non-zero in one column of each row only (the one-hot part of a cross-entropy gradient): added
    /// to the element at column <c>Index</c> after the row is written, instead of a compare and select per element.
    /// </summary>
    public (Expr Index, Expr Value)? Fixup { get; init; }
}

/// <summary>
/// One loop: over the samples (a pass over memory) or over the columns of one row. It accumulates
/// <see cref="Reductions"/> and writes <see cref="Writes"/>, evaluating <see cref="Body"/> per element and reading
/// <see cref="Invariants"/>, values computed before it.
/// </summary>
/// <param name="Number">1-based position of the loop among its siblings.</param>
/// <param name="Reductions">Reduction nodes whose operands are accumulated in this loop.</param>
/// <param name="Writes">Outputs written in this loop.</param>
/// <param name="Body">Per-element nodes evaluated in the loop, arguments first.</param>
/// <param name="Invariants">Nodes the body reads that do not vary along the loop.</param>
/// <param name="Inputs">Input spans the body reads, by name.</param>
internal sealed record Pass(int Number, ImmutableArray<Expr> Reductions, ImmutableArray<OutputWrite> Writes,
    ImmutableArray<Expr> Body, ImmutableArray<Expr> Invariants, ImmutableArray<string> Inputs)
{
    /// <summary>
    /// For a pass over the rows of matrices, what each row does in order; default for a pass over vector elements.
    /// <see cref="Body"/> and <see cref="Inputs"/> are then empty, <see cref="Reductions"/> are the sums over samples
    /// and <see cref="Writes"/> every output the pass writes.
    /// </summary>
    public ImmutableArray<RowStage> Stages { get; init; }

    /// <summary>
    /// Whether this pass treats its tensors as flat runs of N·C elements: it only does elementwise work on tensors of
    /// the loss's one shape (no row reductions, gathers, per-sample or per-class vectors), so element k of every tensor
    /// is at offset k and the loop vectorizes whatever the rank.
    /// </summary>
    public bool IsOverAllElements { get; init; }

    /// <summary>The value a reduction of this loop adds up per element: in a flat pass, sum(row_sum(x)) adds x.</summary>
    public Expr Accumulated(Expr reduction) =>
        IsOverAllElements && reduction.Op == Op.Sum && reduction.A.Op == Op.RowSum ? reduction.A.A : reduction.A;

    /// <summary>
    /// For a loop over columns (in a row pass, or over a per-column vector alone): the axis it walks, the classes j
    /// (length C) or the pair axis k (length M). <see cref="Axis.Sample"/> for a pass over samples.
    /// </summary>
    public Axis ColumnAxis { get; init; } = Axis.Sample;

    /// <summary>Whether this pass walks rows (and loops over columns inside each).</summary>
    public bool IsRowwise => !Stages.IsDefault;

    /// <summary>Column sums this column loop adds each row into (one double per class, in a buffer).</summary>
    public ImmutableArray<Expr> Accumulations { get; init; } = ImmutableArray<Expr>.Empty;

    /// <summary>
    /// Values this loop does not recompute but reads back from an output an earlier loop over the same row stored
    /// them in (the row's exp(x − max) of cross-entropy, kept in <c>dx</c> until the gradient overwrites it).
    /// </summary>
    public ImmutableDictionary<Expr, string> Reloads { get; init; } = ImmutableDictionary<Expr, string>.Empty;

    /// <summary>Column sums of earlier passes this loop reads, one value per class, from their buffers.</summary>
    public ImmutableArray<Expr> Buffers { get; init; } = ImmutableArray<Expr>.Empty;
}

/// <summary>A step of a row pass: per-sample values computed in scalar code, then a loop over the row's columns.</summary>
/// <param name="RowValues">Per-sample nodes computed before the loop (the row's scalars: loads, gathers, their arithmetic).</param>
/// <param name="Loop">The loop over the columns that follows, if any: it accumulates row reductions and writes matrix outputs.</param>
internal sealed record RowStage(ImmutableArray<Expr> RowValues, Pass? Loop);

/// <summary>What the emitter writes: the passes in order, spans filled with a single value, and the returned value.</summary>
/// <param name="Signature">The method's parameters and roles.</param>
/// <param name="Passes">The loops over memory, in order.</param>
/// <param name="Fills">Outputs whose value is the same at every element, with the pass after which it is known (0: before any).</param>
/// <param name="ReturnValue">For a reduced loss, the value returned; null for a void method.</param>
/// <param name="Inputs">The leaf node of every input, by name (its shape says whether it is a matrix, per-sample or per-class).</param>
/// <param name="ClassIndices">Integer inputs used as class indices, checked against [0, C) before any pass runs.</param>
/// <param name="ClassLoops">Loops over the classes alone (reductions of per-class values, per-class outputs), with the
/// pass after which they run (0: before any).</param>
internal sealed record KernelPlan(BoundSignature Signature, ImmutableArray<Pass> Passes, ImmutableArray<(OutputWrite Write, int AfterPass)> Fills, Expr? ReturnValue,
    ImmutableDictionary<string, Expr> Inputs, ImmutableArray<ClassIndexUse> ClassIndices, ImmutableArray<(Pass Loop, int AfterPass)> ClassLoops)
{
    /// <summary>The materialized nodes: each computed into its buffer before the passes, and its backward run after the pass that completes its adjoint.</summary>
    public ImmutableArray<ScheduledCall> Materialized { get; init; } = ImmutableArray<ScheduledCall>.Empty;

    /// <summary>Label inputs that <c>same(y)</c> reads along the pair axis: they also hold one value per column.</summary>
    public ImmutableArray<string> PairLabels { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// Real options this kernel assumes finite with a clear sign bit (+0 or positive): it is only run when they are. A
    /// min with such an option, or a max with its negation, then has a non-NaN operand of the right sign, so the emitter
    /// may use the one-instruction native min/max (exact then, ±0 and NaN included).
    /// </summary>
    public ImmutableArray<string> AssumedNonNegative { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>How an output is named in explanations: a parameter by its name, a materialized node's adjoint buffer by its call.</summary>
    public string DescribeOutput(string name) =>
        Materialized.FirstOrDefault(m => m.Call.AdjointBuffer == name) is { } call ? $"the adjoint of {call.Call.Leaf.Name}" : name;

    /// <summary>The materialized nodes whose backward adds into the input that output <paramref name="output"/> is the
    /// gradient of (none for an output that is not a gradient).</summary>
    public IEnumerable<ScheduledCall> BackwardsInto(string output) =>
        Signature.Find(output) is { Role: ParameterRole.Gradient, GradientOf: { } input }
            ? Materialized.Where(c => c.HasBackward && c.Call.Arguments.Contains(input))
            : Enumerable.Empty<ScheduledCall>();

    /// <summary>
    /// Whether the gradient of <paramref name="input"/> gets a part from the passes (written, or filled with a value
    /// other than 0) as well as from a node's backward. The passes write it with <c>=</c> in whichever pass the value
    /// is ready, while the backward adds (a pairwise one during a row pass), so the backward adds into scratch of the
    /// input's own, added into the gradient after the last pass.
    /// </summary>
    public bool AddsAfterPasses(string input) =>
        Signature.GradientFor(input) is { } g && BackwardsInto(g.Name).Any() &&
        !Fills.Any(f => f.Write.Parameter == g.Name && f.Write.Value.IsConstant(0));

    /// <summary>Whether the kernel has pair matrices (the pair axis k, of length M).</summary>
    public bool IsPairwise => Materialized.Any(m => m.Call.IsPairwise);

    /// <summary>Every column sum the kernel accumulates.</summary>
    public ImmutableArray<Expr> ColumnSums => Passes.SelectMany(p => p.Reductions).Where(r => OpInfo.IsColumnReduction(r.Op)).ToImmutableArray();
}

/// <summary>A materialized node in the schedule.</summary>
/// <param name="Call">The node.</param>
/// <param name="HasBackward">Whether its adjoint is written and its backward called.</param>
/// <param name="BackwardAfterPass">The pass after which the backward runs (0: before any); -1 without a backward.</param>
internal sealed record ScheduledCall(MaterializedCall Call, bool HasBackward, int BackwardAfterPass)
{
    /// <summary>
    /// For a pairwise matrix consumed row by row in one row pass (every read of it, and the write of its adjoint, in
    /// that pass's column loops): the pass's number. The matrix is then never stored: each row is computed into an
    /// M-element buffer at the start of the row, and the row's part of the backward runs at its end. 0 otherwise.
    /// </summary>
    public int StreamedInPass { get; init; }
}
