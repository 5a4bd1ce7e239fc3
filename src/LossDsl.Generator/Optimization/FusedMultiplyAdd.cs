using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Optimization;

/// <summary>
/// Fuses a·b + c into one multiply-add in per-element code: one rounding instead of two and one instruction instead
/// of two where the CPU has FMA. Loop-invariant arithmetic is left alone; it runs once.
/// </summary>
internal static class FusedMultiplyAdd
{
    /// <summary>A rewriter that fuses; reuse one for several roots so shared nodes are visited once.</summary>
    public static Rewriter Create(ExprFactory f, CancellationToken cancellationToken) => new(f, e => Fuse(f, e), cancellationToken);

    private static Expr? Fuse(ExprFactory f, Expr e)
    {
        if (e.Shape.IsScalar || e.Op != Op.Add)
        {
            return null;
        }

        if (e.A.Op == Op.Multiply)
        {
            return f.Make(Op.MultiplyAdd, e.A.A, e.A.B, e.B);
        }

        return e.B.Op == Op.Multiply ? f.Make(Op.MultiplyAdd, e.B.A, e.B.B, e.A) : null;
    }
}
