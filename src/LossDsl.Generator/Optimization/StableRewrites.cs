using System.Collections.Generic;
using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Optimization;

/// <summary>
/// Rewrites numerically fragile forms into stable ones before differentiation, so both the loss and its derivative
/// use the stable form: <c>log(sigmoid(x))</c> → <c>log_sigmoid(x)</c>, <c>log(1 + x)</c> → <c>log1p(x)</c>, and so on.
/// Each rewrite applied is recorded, and the generated code's documentation lists them.
/// </summary>
public static class StableRewrites
{
    /// <summary>Rewrites <paramref name="root"/>; the names of the rewrites applied are added to <paramref name="applied"/>.</summary>
    public static Expr Apply(ExprFactory f, Expr root, ISet<string> applied, CancellationToken cancellationToken)
    {
        Expr? Rule(Expr e)
        {
            string? name = null;
            Expr? result = null;
            switch (e.Op)
            {
                case Op.Log when e.A.Op == Op.Sigmoid:
                    (name, result) = ("log(sigmoid(x)) → log_sigmoid(x)", f.Make(Op.LogSigmoid, e.A.A));
                    break;
                case Op.Log when e.A.Op == Op.Subtract && e.A.A.IsConstant(1) && e.A.B.Op == Op.Sigmoid:
                    (name, result) = ("log(1 - sigmoid(x)) → log_sigmoid(-x)", f.Make(Op.LogSigmoid, f.Negate(e.A.B.A)));
                    break;
                case Op.Log when e.A.Op == Op.Add && (e.A.A.IsConstant(1) || e.A.B.IsConstant(1)):
                    Expr x = e.A.A.IsConstant(1) ? e.A.B : e.A.A;
                    (name, result) = x.Op == Op.Exp
                        ? ("log(1 + exp(x)) → softplus(x)", f.Make(Op.Softplus, x.A))
                        : ("log(1 + x) → log1p(x)", f.Make(Op.Log1p, x));
                    break;
                case Op.Log1p when e.A.Op == Op.Exp:
                    (name, result) = ("log1p(exp(x)) → softplus(x)", f.Make(Op.Softplus, e.A.A));
                    break;
                case Op.Log when e.A.Op == Op.Exp:
                    (name, result) = ("log(exp(x)) → x", e.A.A);
                    break;
                case Op.Log when e.A.Op == Op.Cosh:
                    (name, result) = ("log(cosh(x)) → log_cosh(x)", f.Make(Op.LogCosh, e.A.A));
                    break;
                case Op.Subtract when e.A.Op == Op.Exp && e.B.IsConstant(1):
                    (name, result) = ("exp(x) - 1 → expm1(x)", f.Make(Op.Expm1, e.A.A));
                    break;
                case Op.Subtract when e.A.IsConstant(1) && e.B.Op == Op.Sigmoid:
                    (name, result) = ("1 - sigmoid(x) → sigmoid(-x)", f.Make(Op.Sigmoid, f.Negate(e.B.A)));
                    break;
                case Op.Divide when e.A.IsConstant(1) && e.B.Op == Op.Add && e.B.A.IsConstant(1) && e.B.B.Op == Op.Exp:
                    (name, result) = ("1 / (1 + exp(-x)) → sigmoid(x)", f.Make(Op.Sigmoid, f.Negate(e.B.B.A)));
                    break;
                case Op.Sqrt when e.A.Op == Op.Multiply && ReferenceEquals(e.A.A, e.A.B):
                    (name, result) = ("sqrt(x * x) → abs(x)", f.Make(Op.Abs, e.A.A));
                    break;
                case Op.Sqrt when e.A.Op == Op.Power && e.A.B.IsConstant(2):
                    (name, result) = ("sqrt(x^2) → abs(x)", f.Make(Op.Abs, e.A.A));
                    break;
            }

            if (name != null)
            {
                applied.Add(name);
            }

            return result;
        }

        return new Rewriter(f, Rule, cancellationToken).Rewrite(root);
    }
}
