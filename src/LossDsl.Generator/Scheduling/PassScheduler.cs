using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Scheduling;

/// <summary>
/// Groups the work into the fewest passes over memory the data dependencies allow. A node's <em>level</em> is the
/// number of sums over samples it waits for: a sum whose operand is at level k is accumulated in pass k + 1, and a
/// per-element output at level k is written in pass k + 1. So an elementwise loss with its gradient is one fused
/// pass, and a ratio of global sums (Dice) is a reduction pass followed by a gradient pass.
/// <para>A pass that touches matrices walks their rows. Inside a row the same idea applies to row reductions: a
/// node's <em>row level</em> counts the row reductions it waits for, and each level is one loop over the row's columns
/// while the row is in cache. Cross-entropy is then one pass: per row, a loop for the max, a loop for Σ exp(x − max),
/// and a loop that writes the gradient row.</para>
/// </summary>
internal static class PassScheduler
{
    /// <summary>Schedules the outputs of a compiled loss.</summary>
    /// <param name="signature">The method's parameters.</param>
    /// <param name="returnValue">The reduced loss, or null for a void method.</param>
    /// <param name="writes">Every output write (gradients, the per-element loss, adjoint buffers of materialized nodes).</param>
    /// <param name="inputs">The leaf of every input, by name.</param>
    /// <param name="classIndices">Class-index inputs to range-check.</param>
    /// <param name="materialized">The materialized nodes, computed before the passes.</param>
    /// <param name="withBackward">Those whose adjoint one of <paramref name="writes"/> writes into their adjoint buffer.</param>
    public static KernelPlan Schedule(BoundSignature signature, Expr? returnValue, IReadOnlyList<OutputWrite> writes,
        ImmutableDictionary<string, Expr> inputs, ImmutableArray<ClassIndexUse> classIndices,
        IReadOnlyList<MaterializedCall>? materialized = null, IReadOnlyList<MaterializedCall>? withBackward = null)
    {
        var roots = new List<Expr>(writes.Select(w => w.Value));
        if (returnValue != null)
        {
            roots.Add(returnValue);
        }

        var level = new Dictionary<Expr, int>();
        foreach (Expr e in Topology.Reachable(roots))
        {
            int l = e.Args.IsEmpty ? 0 : e.Args.Max(a => level[a]);
            level[e] = OpInfo.IsSampleReduction(e.Op) ? l + 1 : l;
        }

        var sums = level.Keys.Where(e => OpInfo.IsSampleReduction(e.Op)).ToList();
        // An output that is the same at every element (a constant, or a value known before the loop) is filled, not looped.
        static bool IsFill(OutputWrite w) => (w.Value.Shape.IsScalar || w.Value.Op == Op.Constant) && w.Fixup is null;
        var vectorWrites = writes.Where(w => !IsFill(w) && !w.Target.Equals(Shape.Classes)).ToList();
        int passCount = System.Math.Max(
            sums.Count == 0 ? 0 : sums.Max(s => level[s]),
            vectorWrites.Count == 0 ? 0 : vectorWrites.Max(w => level[w.Value] + 1));

        var passes = ImmutableArray.CreateBuilder<Pass>(passCount);
        for (int k = 1; k <= passCount; k++)
        {
            ImmutableArray<Expr> reductions = sums.Where(s => level[s] == k).OrderBy(s => s.Id).ToImmutableArray();
            ImmutableArray<OutputWrite> passWrites = vectorWrites.Where(w => level[w.Value] + 1 == k).ToImmutableArray();
            Pass pass = !TouchesMatrices(reductions, passWrites) ? BuildLoop(k, reductions, passWrites, Axis.Sample)
                : IsElementwiseOverMatrices(reductions, passWrites) ? BuildLoop(k, reductions, passWrites, Axis.Sample, flat: true)
                : BuildRowPass(k, reductions, passWrites);
            passes.Add(pass);
        }

        ImmutableArray<(OutputWrite, int)> fills = writes.Where(IsFill)
            .Select(w => (w, level[w.Value])).ToImmutableArray();

        // A materialized node's backward runs once its adjoint buffer is complete: after the pass that writes it (or,
        // for an adjoint known before any loop, after the fills that set it).
        var calls = ImmutableArray.CreateBuilder<ScheduledCall>();
        foreach (MaterializedCall call in materialized ?? System.Array.Empty<MaterializedCall>())
        {
            OutputWrite? adjoint = withBackward?.Contains(call) == true ? writes.First(w => w.Parameter == call.AdjointBuffer) : null;
            calls.Add(new ScheduledCall(call, adjoint != null, adjoint is null ? -1 : IsFill(adjoint) ? level[adjoint.Value] : level[adjoint.Value] + 1));
        }

        ImmutableArray<Pass> built = passes.MoveToImmutable();
        ImmutableArray<(Pass, int)> classLoops = ScheduleClassLoops(level, writes.Where(w => !IsFill(w) && w.Target.Equals(Shape.Classes)).ToList());
        return new KernelPlan(signature, built, fills, returnValue, inputs, classIndices, classLoops)
        {
            Materialized = calls.Select(c => c with { StreamedInPass = StreamingPass(c, built, classLoops) }).ToImmutableArray(),
        };
    }

    // A pairwise matrix read in the column loops of one row pass only, whose adjoint (if any) that pass writes and whose
    // backward may run right after it, need never be whole in memory: each row is made, used and differentiated in turn.
    private static int StreamingPass(ScheduledCall call, ImmutableArray<Pass> passes, ImmutableArray<(Pass Loop, int AfterPass)> classLoops)
    {
        string value = call.Call.ValueBuffer, adjoint = call.Call.AdjointBuffer;
        if (!call.Call.IsPairwise || classLoops.Any(c => c.Loop.Inputs.Contains(value) || c.Loop.Writes.Any(w => w.Parameter == adjoint)))
        {
            return 0;
        }

        var readers = passes.Where(p => ColumnLoops(p).Any(l => l.Inputs.Contains(value)) || p.Inputs.Contains(value)).ToList();
        if (readers.Count != 1 || !readers[0].IsRowwise)
        {
            return 0;
        }

        Pass pass = readers[0];
        bool writesAdjoint = ColumnLoops(pass).Any(l => l.Writes.Any(w => w.Parameter == adjoint));
        if (call.HasBackward && (!writesAdjoint || call.BackwardAfterPass != pass.Number || passes.Any(p => p != pass && p.Writes.Any(w => w.Parameter == adjoint))))
        {
            return 0;
        }

        return pass.Number;
    }

    private static IEnumerable<Pass> ColumnLoops(Pass pass) =>
        pass.IsRowwise ? pass.Stages.Where(s => s.Loop != null).Select(s => s.Loop!) : Enumerable.Empty<Pass>();

    // The name a loop reads a leaf from: an input parameter, or the buffer of a materialized node.
    private static string? SourceName(Expr e) =>
        e.Op == Op.Input ? e.Name : e.Op == Op.Materialized ? MaterializedCall.ValueBufferOf(e) : null;

    private static ImmutableArray<string> SourceNames(IEnumerable<Expr> body) =>
        body.Select(SourceName).Where(n => n != null).Select(n => n!).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToImmutableArray();

    // Reductions of per-class values (the mean over classes of a per-class Dice) and per-class outputs (the gradient of
    // a class weight) loop over the C classes once their column sums are known: after the pass of their level. A
    // class reduction that reads another runs in a later loop.
    private static ImmutableArray<(Pass, int)> ScheduleClassLoops(Dictionary<Expr, int> level, List<OutputWrite> classWrites)
    {
        var sublevel = new Dictionary<Expr, int>();
        foreach (Expr e in level.Keys.OrderBy(e => e.Id))
        {
            int l = e.Args.IsEmpty ? 0 : e.Args.Max(a => sublevel[a]);
            sublevel[e] = IsClassReduction(e) ? l + 1 : l;
        }

        var groups = level.Keys.Where(IsClassReduction).Select(r => (Reduction: r, Key: (level[r], sublevel[r])))
            .Select(x => (x.Key, Reduction: (Expr?)x.Reduction, Write: (OutputWrite?)null, Axis: x.Reduction.A.Shape.ColumnAxis!.Value))
            .Concat(classWrites.Select(w => (Key: (level[w.Value], sublevel[w.Value] + 1), Reduction: (Expr?)null, Write: (OutputWrite?)w, Axis: w.Target.ColumnAxis!.Value)))
            .GroupBy(x => (x.Key, x.Axis))
            .OrderBy(g => g.Key.Key.Item1).ThenBy(g => g.Key.Key.Item2).ThenBy(g => g.Key.Axis);
        var loops = ImmutableArray.CreateBuilder<(Pass, int)>();
        foreach (var group in groups)
        {
            ImmutableArray<Expr> reductions = group.Where(x => x.Reduction != null).Select(x => x.Reduction!).OrderBy(e => e.Id).ToImmutableArray();
            ImmutableArray<OutputWrite> loopWrites = group.Where(x => x.Write != null).Select(x => x.Write!).ToImmutableArray();
            loops.Add((BuildLoop(loops.Count + 1, reductions, loopWrites, group.Key.Axis), group.Key.Key.Item1));
        }

        return loops.ToImmutable();
    }

    private static bool IsClassReduction(Expr e) => OpInfo.IsRowReduction(e.Op) && !e.A.Shape.Has(Axis.Sample) && e.A.Shape.HasColumns;

    private static bool TouchesMatrices(ImmutableArray<Expr> reductions, ImmutableArray<OutputWrite> writes) =>
        writes.Any(w => w.Target.HasColumns) ||
        PerElementNodes(reductions.SelectMany(r => r.Args).Concat(writes.Select(w => w.Value)))
            .Any(e => e.Shape.HasColumns || e.Op == Op.Gather || OpInfo.IsRowReduction(e.Op));

    // The per-element nodes reachable from the roots without crossing a scalar (computed before any loop) or a constant.
    private static IEnumerable<Expr> PerElementNodes(IEnumerable<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (e.Shape.IsScalar || e.Op == Op.Constant || !seen.Add(e))
            {
                continue;
            }

            yield return e;
            foreach (Expr a in e.Args)
            {
                stack.Push(a);
            }
        }
    }

    // A column loop that writes a matrix output and recomputes an expensive value an earlier loop of the same row
    // already computed (cross-entropy's exp(x − max): summed in loop 2, needed again for the gradient in loop 3) gets
    // it back from memory instead: the earlier loop also stores it into that output, which nothing reads before the
    // later loop overwrites it. One exp per element instead of two; the results are the same bits.
    private static void StashExpensiveValues(ImmutableArray<RowStage>.Builder stages)
    {
        for (int late = 0; late < stages.Count; late++)
        {
            Pass? loop = stages[late].Loop;
            if (loop is null)
            {
                continue;
            }

            var reloads = new Dictionary<Expr, string>();
            var used = new HashSet<string>();
            Shape matrix = Shape.MatrixOf(loop.ColumnAxis);
            foreach (OutputWrite write in loop.Writes.Where(w => w.Target.Equals(matrix)))
            {
                // The costliest matrix value of this loop that an earlier loop also computes.
                Expr? best = null;
                int bestEarly = -1, bestCost = 0;
                foreach (Expr e in loop.Body.Where(e => e.Shape.Equals(matrix) && !reloads.ContainsKey(e)))
                {
                    int cost = Cost(e);
                    if (cost < ExpensiveCost || cost <= bestCost)
                    {
                        continue;
                    }

                    int earlier = -1;
                    for (int k = 0; k < late; k++)
                    {
                        if (stages[k].Loop?.Body.Contains(e) == true)
                        {
                            earlier = k;
                        }
                    }

                    if (earlier >= 0)
                    {
                        (best, bestEarly, bestCost) = (e, earlier, cost);
                    }
                }

                if (best is null || !used.Add(write.Parameter))
                {
                    continue;
                }

                reloads[best] = write.Parameter;
                Pass early = stages[bestEarly].Loop!;
                stages[bestEarly] = stages[bestEarly] with { Loop = early with { Writes = early.Writes.Add(new OutputWrite(write.Parameter, best, matrix)) } };
            }

            if (reloads.Count > 0)
            {
                stages[late] = stages[late] with { Loop = Prune(loop, reloads) };
            }
        }
    }

    private const int ExpensiveCost = 8;

    // A rough cost of evaluating a node's subtree: transcendental functions dominate.
    private static int Cost(Expr e) => Topology.Reachable(e).Sum(n => n.Op switch
    {
        Op.Exp or Op.Log or Op.Sqrt or Op.Power => 8,
        Op.Divide => 4,
        Op.Input or Op.Constant or Op.Option => 0,
        _ => 1,
    });

    // The loop with the reloaded values as leaves: what only they needed leaves the body.
    private static Pass Prune(Pass loop, Dictionary<Expr, string> reloads)
    {
        var body = new HashSet<Expr>();
        var invariants = new HashSet<Expr>();
        var stack = new Stack<Expr>(loop.Reductions.Select(loop.Accumulated).Concat(loop.Writes.Select(w => w.Value)).Concat(loop.Accumulations.Select(c => c.A)));
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (loop.Invariants.Contains(e))
            {
                invariants.Add(e);
            }

            if (!loop.Body.Contains(e) || !body.Add(e) || reloads.ContainsKey(e) || OpInfo.IsSampleReduction(e.Op))
            {
                continue;
            }

            foreach (Expr a in e.Args)
            {
                stack.Push(a);
            }
        }

        return loop with
        {
            Body = loop.Body.Where(body.Contains).ToImmutableArray(),
            Invariants = loop.Invariants.Where(invariants.Contains).ToImmutableArray(),
            Inputs = SourceNames(body),
            Reloads = reloads.ToImmutableDictionary(),
        };
    }

    // Every per-element value of the pass is a whole matrix (or a constant), combined elementwise: no row structure.
    private static bool IsElementwiseOverMatrices(ImmutableArray<Expr> reductions, ImmutableArray<OutputWrite> writes)
    {
        if (writes.Any(w => !w.Target.Equals(Shape.Rows) || w.Fixup != null))
        {
            return false;
        }

        // A sum over everything is sum(row_sum(x)); flat, it adds x element by element.
        if (reductions.Any(r => r.Op == Op.SumLog || r.A.Op != Op.RowSum))
        {
            return false;
        }

        return PerElementNodes(reductions.Select(r => r.A.A).Concat(writes.Select(w => w.Value)))
            .All(e => e.Shape.Equals(Shape.Rows) && e.Op is not (Op.Gather or Op.ColumnIndex) && !OpInfo.IsRowReduction(e.Op));
    }

    // A loop along `axis`: its body is every node that varies along the axis, reached from the roots without crossing
    // a node that does not (those are computed before the loop and read as invariants).
    private static Pass BuildLoop(int number, ImmutableArray<Expr> reductions, ImmutableArray<OutputWrite> writes, Axis axis, bool flat = false,
        ImmutableArray<Expr> accumulations = default)
    {
        var body = new HashSet<Expr>();
        var invariants = new HashSet<Expr>();
        accumulations = accumulations.IsDefault ? ImmutableArray<Expr>.Empty : accumulations;
        var shell = new Pass(number, reductions, writes, ImmutableArray<Expr>.Empty, ImmutableArray<Expr>.Empty, ImmutableArray<string>.Empty)
        {
            IsOverAllElements = flat,
            Accumulations = accumulations,
            ColumnAxis = axis,
        };
        var stack = new Stack<Expr>(reductions.Select(shell.Accumulated).Concat(writes.Select(w => w.Value)).Concat(accumulations.Select(c => c.A)));
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (e.Op == Op.Constant)
            {
                continue; // written inline, whatever its shape
            }

            if (!e.Shape.Has(axis))
            {
                invariants.Add(e); // computed once before the loop
                continue;
            }

            // A column sum of an earlier pass is read from its buffer, not recomputed.
            if (body.Add(e) && !OpInfo.IsSampleReduction(e.Op))
            {
                foreach (Expr a in e.Args)
                {
                    stack.Push(a);
                }
            }
        }

        return shell with
        {
            Body = body.OrderBy(e => e.Id).ToImmutableArray(),
            Invariants = invariants.OrderBy(e => e.Id).ToImmutableArray(),
            Inputs = SourceNames(body),
            Buffers = body.Where(e => OpInfo.IsColumnReduction(e.Op)).OrderBy(e => e.Id).ToImmutableArray(),
        };
    }

    // The column axes a row pass may loop over at each row level, in the order of their loops.
    private static readonly Axis[] ColumnAxes = { Axis.Class, Axis.Pair };

    private static Pass BuildRowPass(int number, ImmutableArray<Expr> sums, ImmutableArray<OutputWrite> writes)
    {
        // Everything the pass evaluates per sample, without crossing scalars (computed before the pass).
        var rowLevel = new Dictionary<Expr, int>();
        var scalars = new HashSet<Expr>();
        var order = new List<Expr>();
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(sums.SelectMany(s => s.Args).Concat(writes.Select(w => w.Value))
            .Concat(writes.Where(w => w.Fixup != null).SelectMany(w => new[] { w.Fixup!.Value.Index, w.Fixup!.Value.Value })));
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            if (e.Shape.IsScalar)
            {
                if (e.Op != Op.Constant)
                {
                    scalars.Add(e);
                }

                continue;
            }

            order.Add(e);
            if (OpInfo.IsSampleReduction(e.Op))
            {
                continue; // a column sum of an earlier pass: read from its buffer
            }

            foreach (Expr a in e.Args)
            {
                stack.Push(a);
            }
        }

        order.Sort((x, y) => x.Id.CompareTo(y.Id));
        foreach (Expr e in order)
        {
            int l = 0;
            foreach (Expr a in e.Args)
            {
                if (rowLevel.TryGetValue(a, out int al) && al > l)
                {
                    l = al;
                }
            }

            rowLevel[e] = OpInfo.IsRowReduction(e.Op) ? l + 1 : l;
        }

        // A row reduction at row level r is accumulated by column loop r; a matrix output at row level r is written by
        // column loop r + 1; a per-sample value at row level r is computed after column loop r. Level r has a loop over
        // the classes and one over the pair axis when both have work.
        var rowReductions = order.Where(e => OpInfo.IsRowReduction(e.Op)).ToList();
        var matrixWrites = writes.Where(w => w.Target.HasColumns).ToList();
        var rowValues = order.Where(e => !e.Shape.HasColumns && !OpInfo.IsRowReduction(e.Op)).ToList();
        var columnSums = sums.Where(s => OpInfo.IsColumnReduction(s.Op)).ToList();
        int LevelOf(Expr e) => rowLevel.TryGetValue(e, out int l) ? l : 0; // scalars and constants: 0
        int loops = System.Math.Max(
            rowReductions.Count == 0 ? 0 : rowReductions.Max(r => rowLevel[r]),
            System.Math.Max(matrixWrites.Count == 0 ? 0 : matrixWrites.Max(w => LevelOf(w.Value) + 1),
                columnSums.Count == 0 ? 0 : columnSums.Max(c => LevelOf(c.A) + 1)));
        int lastValues = rowValues.Count == 0 ? 0 : rowValues.Max(v => rowLevel[v]);

        var stages = ImmutableArray.CreateBuilder<RowStage>();
        for (int r = 0; r <= System.Math.Max(loops, lastValues); r++)
        {
            ImmutableArray<Expr> values = rowValues.Where(v => rowLevel[v] == r).ToImmutableArray();
            var levelLoops = new List<Pass>();
            if (r + 1 <= loops)
            {
                foreach (Axis axis in ColumnAxes)
                {
                    ImmutableArray<Expr> reductions = rowReductions.Where(x => rowLevel[x] == r + 1 && x.A.Shape.ColumnAxis == axis).OrderBy(x => x.Id).ToImmutableArray();
                    ImmutableArray<OutputWrite> loopWrites = matrixWrites.Where(w => LevelOf(w.Value) == r && w.Target.ColumnAxis == axis).ToImmutableArray();
                    ImmutableArray<Expr> accumulations = columnSums.Where(c => LevelOf(c.A) == r && c.A.Shape.ColumnAxis == axis).ToImmutableArray();
                    if (!reductions.IsEmpty || !loopWrites.IsEmpty || !accumulations.IsEmpty)
                    {
                        levelLoops.Add(BuildLoop(r + 1, reductions, loopWrites, axis, accumulations: accumulations));
                    }
                }
            }

            stages.Add(new RowStage(values, levelLoops.Count > 0 ? levelLoops[0] : null));
            foreach (Pass extra in levelLoops.Skip(1))
            {
                stages.Add(new RowStage(ImmutableArray<Expr>.Empty, extra));
            }
        }

        StashExpensiveValues(stages);

        return new Pass(number, sums, writes, ImmutableArray<Expr>.Empty, scalars.OrderBy(e => e.Id).ToImmutableArray(), ImmutableArray<string>.Empty)
        {
            Stages = stages.ToImmutable(),
        };
    }
}
