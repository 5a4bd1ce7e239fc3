using System.Collections.Generic;
using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Optimization;

/// <summary>
/// Rewrites numerically fragile forms into stable ones before differentiation, so both the loss and its derivative
/// use the stable form: <c>log(sigmoid(x))</c> → <c>log_sigmoid(x)</c>, <c>log(1 + x)</c> → <c>log1p(x)</c>, and so on.
/// Each rewrite applied is recorded, and the generated code's documentation lists them.
/// </summary>
internal static class StableRewrites
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

            if (name is null && e.Op is Op.Add or Op.Subtract && SoftplusInChain(f, e) is { } chain)
            {
                (name, result) = ("max(x, 0) + log1p(exp(-abs(x))) → softplus(x)", chain);
            }

            if (name != null)
            {
                applied.Add(name);
            }

            return result;
        }

        return new Rewriter(f, Rule, cancellationToken).Rewrite(root);
    }

    // The usual hand-stabilised softplus, max(x, 0) + log(1 + exp(−|x|)), written anywhere in a sum (as in
    // BCE-with-logits: max(x, 0) − x·t + log1p(exp(−|x|))). As softplus(x) its derivative is σ(x), instead of the sum
    // of the pieces' derivatives with their tie rules at 0.
    private static Expr? SoftplusInChain(ExprFactory f, Expr e)
    {
        var terms = new List<(bool Positive, Expr Term)>();
        Flatten(e, true, terms);
        for (int k = 0; k < terms.Count; k++)
        {
            if (!terms[k].Positive || !IsMaxWithZero(terms[k].Term, out Expr? x))
            {
                continue;
            }

            int partner = terms.FindIndex(t => t.Positive && IsLog1pExpNegAbs(t.Term, x!));
            if (partner < 0)
            {
                continue;
            }

            Expr result = f.Make(Op.Softplus, x!);
            for (int j = 0; j < terms.Count; j++)
            {
                if (j != k && j != partner)
                {
                    result = terms[j].Positive ? f.Add(result, terms[j].Term) : f.Subtract(result, terms[j].Term);
                }
            }

            return result;
        }

        return null;
    }

    private static void Flatten(Expr e, bool positive, List<(bool, Expr)> terms)
    {
        switch (e.Op)
        {
            case Op.Add:
                Flatten(e.A, positive, terms);
                Flatten(e.B, positive, terms);
                break;
            case Op.Subtract:
                Flatten(e.A, positive, terms);
                Flatten(e.B, !positive, terms);
                break;
            case Op.Negate:
                Flatten(e.A, !positive, terms);
                break;
            default:
                terms.Add((positive, e));
                break;
        }
    }

    private static bool IsMaxWithZero(Expr e, out Expr? x)
    {
        x = e.Op == Op.Max && e.A.IsConstant(0) ? e.B : e.Op == Op.Max && e.B.IsConstant(0) ? e.A : null;
        return x != null;
    }

    // log1p(exp(−|x|)), which the rules above may already have turned into softplus(−|x|).
    private static bool IsLog1pExpNegAbs(Expr e, Expr x)
    {
        Expr? inner = e.Op == Op.Softplus ? e.A : e.Op == Op.Log1p && e.A.Op == Op.Exp ? e.A.A : null;
        return inner is { Op: Op.Negate } && inner.A.Op == Op.Abs && ReferenceEquals(inner.A.A, x);
    }
}
