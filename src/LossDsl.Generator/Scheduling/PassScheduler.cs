using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Scheduling;

/// <summary>
/// Groups the work into the fewest passes over memory the data dependencies allow. A node's <em>level</em> is the
/// number of reductions it waits for: a reduction whose operand is at level k is accumulated in pass k + 1, and a
/// per-element output at level k is written in pass k + 1. So an elementwise loss with its gradient is one fused
/// pass, and a ratio of global sums (Dice) is a reduction pass followed by a gradient pass.
/// </summary>
public static class PassScheduler
{
    /// <summary>Schedules the outputs of a compiled loss.</summary>
    public static KernelPlan Schedule(BoundSignature signature, Expr? returnValue, IReadOnlyList<OutputWrite> writes)
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
            level[e] = e.Op == Op.Sum ? l + 1 : l;
        }

        var sums = level.Keys.Where(e => e.Op == Op.Sum).ToList();
        // An output that is the same at every element (a constant, or a value known before the loop) is filled, not looped.
        static bool IsFill(OutputWrite w) => w.Value.Shape.IsScalar || w.Value.Op == Op.Constant;
        var vectorWrites = writes.Where(w => !IsFill(w)).ToList();
        int passCount = System.Math.Max(
            sums.Count == 0 ? 0 : sums.Max(s => level[s]),
            vectorWrites.Count == 0 ? 0 : vectorWrites.Max(w => level[w.Value] + 1));

        var passes = ImmutableArray.CreateBuilder<Pass>(passCount);
        for (int k = 1; k <= passCount; k++)
        {
            ImmutableArray<Expr> reductions = sums.Where(s => level[s] == k).OrderBy(s => s.Id).ToImmutableArray();
            ImmutableArray<OutputWrite> passWrites = vectorWrites.Where(w => level[w.Value] + 1 == k).ToImmutableArray();
            passes.Add(BuildPass(k, reductions, passWrites));
        }

        ImmutableArray<(OutputWrite, int)> fills = writes.Where(IsFill)
            .Select(w => (w, level[w.Value])).ToImmutableArray();
        return new KernelPlan(signature, passes.MoveToImmutable(), fills, returnValue);
    }

    private static Pass BuildPass(int number, ImmutableArray<Expr> reductions, ImmutableArray<OutputWrite> writes)
    {
        var body = new HashSet<Expr>();
        var invariants = new HashSet<Expr>();
        var stack = new Stack<Expr>(reductions.Select(r => r.A).Concat(writes.Select(w => w.Value)));
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (e.Op == Op.Constant)
            {
                continue; // written inline, whatever its shape
            }

            if (e.Shape.IsScalar)
            {
                invariants.Add(e); // computed once before the loop
                continue;
            }

            if (body.Add(e))
            {
                foreach (Expr a in e.Args)
                {
                    stack.Push(a);
                }
            }
        }

        return new Pass(number, reductions, writes,
            body.OrderBy(e => e.Id).ToImmutableArray(),
            invariants.OrderBy(e => e.Id).ToImmutableArray(),
            body.Where(e => e.Op == Op.Input).Select(e => e.Name!).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToImmutableArray());
    }
}
