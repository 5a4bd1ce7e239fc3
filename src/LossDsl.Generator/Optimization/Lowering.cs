using System;
using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Optimization;

/// <summary>
/// Expands high-level functions into the primitives the emitter writes (arithmetic, exp, log, sqrt, abs, min, max,
/// comparisons, selects), choosing forms that stay accurate and finite over the whole range of the element type.
/// Runs after differentiation, so derivatives are taken of the whole functions and keep their closed forms.
/// </summary>
internal static class Lowering
{
    private const double Ln2 = 0.69314718055994530942;

    // Recognises (x − m) − log s where s = row_sum(exp(x − m)): the lowered x − logsumexp(x), that is log_softmax(x).
    private static (Expr Exp, Expr Sum)? SoftmaxParts(Expr d)
    {
        if (d.Op == Op.Subtract && d.A.Op == Op.Subtract && d.B.Op == Op.Log && d.B.A.Op == Op.RowSum &&
            d.B.A.A.Op == Op.Exp && ReferenceEquals(d.B.A.A.A, d.A))
        {
            return (d.B.A.A, d.B.A);
        }

        return null;
    }

    // Recognises m + log s where s = row_sum(exp(x − m)): a lowered logsumexp(x), as (m, log s).
    private static (Expr Max, Expr Log)? LogSumExpParts(Expr e)
    {
        if (e.Op != Op.Add)
        {
            return null;
        }

        foreach ((Expr m, Expr log) in new[] { (e.A, e.B), (e.B, e.A) })
        {
            if (log.Op == Op.Log && log.A.Op == Op.RowSum && log.A.A.Op == Op.Exp && log.A.A.A.Op == Op.Subtract &&
                ReferenceEquals(log.A.A.A.B, m))
            {
                return (m, log);
            }
        }

        return null;
    }

    // u + log s or log s + u, with s a row's sum of exponentials (non-negative): (u, s).
    private static (Expr Other, Expr RowSum)? SumOfRowLogs(Expr e)
    {
        if (e.Op != Op.Add)
        {
            return null;
        }

        foreach ((Expr log, Expr rest) in new[] { (e.A, e.B), (e.B, e.A) })
        {
            if (log.Op == Op.Log && log.A.Op == Op.RowSum && log.A.A.Op == Op.Exp && log.Shape.Has(Axis.Sample) && !log.Shape.HasColumns)
            {
                return (rest, log.A);
            }
        }

        return null;
    }

    private static Expr? InvariantProduct(ExprFactory f, Expr e)
    {
        foreach ((Expr a, Expr inner) in new[] { (e.A, e.B), (e.B, e.A) })
        {
            if (inner.Op != Op.Multiply || !ExprFactory.IsInvariantAlong(a, inner))
            {
                continue;
            }

            foreach ((Expr b, Expr v) in new[] { (inner.A, inner.B), (inner.B, inner.A) })
            {
                if (ExprFactory.IsInvariantAlong(b, v))
                {
                    return f.Multiply(f.Multiply(a, b), v);
                }
            }
        }

        return null;
    }

    /// <summary>A rewriter that lowers; reuse one for several roots so shared nodes are lowered once.</summary>
    public static Rewriter Create(ExprFactory f, CancellationToken cancellationToken) => new(f, e => Lower(f, e), cancellationToken);

    private static Expr? Lower(ExprFactory f, Expr e)
    {
        Expr zero = f.Constant(0), one = f.Constant(1), half = f.Constant(0.5);
        switch (e.Op)
        {
            case Op.Power:
                return Power(f, e.A, e.B);
            case Op.LogSumExp:
            {
                // m + log Σ exp(x − m) with m the row's max: no term exceeds 1, so nothing overflows. A row whose max
                // is infinite uses m = 0 instead, so an all −∞ row gives −∞ and a row holding +∞ gives +∞, not NaN.
                // m only shifts: a NaN in the row reaches the sum whatever m is (RowMaxShift).
                Expr max = f.Make(Op.RowMaxShift, e.A);
                Expr m = f.Make(Op.Where, f.Make(Op.Equal, f.Make(Op.Abs, max), f.Constant(double.PositiveInfinity)), zero, max);
                return f.Add(m, f.Make(Op.Log, f.Make(Op.RowSum, f.Make(Op.Exp, f.Subtract(e.A, m)))));
            }

            // A difference with a logsumexp subtracts the row's max first, as PyTorch's log_softmax and cross_entropy
            // do: (x − m) − log s and (m − x[y]) + log s. Written as x − (m + log s), the sum m + log s is rounded at
            // the size of m, so with logits of 10⁴ a float cross-entropy of ln 2 came out as 0.69336.
            case Op.Subtract when LogSumExpParts(e.B) is { } right:
                return f.Subtract(f.Subtract(e.A, right.Max), right.Log);
            case Op.Subtract when LogSumExpParts(e.A) is { } left:
                return f.Add(f.Subtract(left.Max, e.B), left.Log);
            // Σᵢ (u + log sᵢ) with sᵢ a row's Σ exp (a lowered logsumexp, as cross-entropy's loss): one reduction that adds
            // u per row and takes the logs as the log of a running product, so the row loop takes one log every many rows
            // instead of one per row (about a third of the time at C = 10). sᵢ ≥ 0, so the product's logs add up to the
            // sum of logs.
            case Op.Sum when SumOfRowLogs(e.A) is { } split:
                return f.Make(Op.SumLog, split.Other, split.RowSum);

            // a · (b · v) with a and b the same along v's loop (no class axis in a row pass, scalars in a flat one):
            // (a · b) · v, a product computed once per row or per call, then one multiply per element (softmax's 1/s
            // times the mean's 1/N in cross-entropy's gradient).
            case Op.Multiply when InvariantProduct(f, e) is { } hoisted:
                return hoisted;
            case Op.RowNorm:
                return f.Make(Op.Sqrt, f.Make(Op.RowSum, f.Multiply(e.A, e.A)));
            case Op.Exp when SoftmaxParts(e.A) is { } parts:
                // exp(x − (m + log s)) with s = Σ exp(x − m): softmax as exp(x − m)/s, which reuses the row's
                // exp(x − m) from the loop that summed it (one exp per element for cross-entropy and its gradient).
                return f.Multiply(parts.Exp, f.Divide(one, parts.Sum));
            case Op.Sigmoid:
            {
                // e = exp(-|x|) never overflows; σ(x) = 1/(1+e) for x ≥ 0 and e/(1+e) below.
                Expr ex = f.Make(Op.Exp, f.Negate(f.Make(Op.Abs, e.A)));
                Expr r = f.Divide(one, f.Add(one, ex));
                return f.Make(Op.Where, f.Make(Op.GreaterEqual, e.A, zero), r, f.Multiply(ex, r));
            }

            case Op.LogSigmoid:
                // log σ(x) = min(x, 0) − log1p(exp(−|x|)): finite for every finite x.
                return f.Subtract(f.Make(Op.Min, e.A, zero), Log1p(f, f.Make(Op.Exp, f.Negate(f.Make(Op.Abs, e.A)))));
            case Op.Softplus:
                return f.Add(f.Make(Op.Max, e.A, zero), Log1p(f, f.Make(Op.Exp, f.Negate(f.Make(Op.Abs, e.A)))));
            case Op.Log1p:
                return Log1p(f, e.A);
            case Op.Expm1:
                return Expm1(f, e.A);
            case Op.Tanh:
            {
                // tanh|x| = −t/(t+2) with t = expm1(−2|x|): accurate near 0, exactly ±1 far out, no overflow.
                Expr t = Expm1(f, f.Multiply(f.Constant(-2), f.Make(Op.Abs, e.A)));
                Expr r = f.Divide(f.Negate(t), f.Add(t, f.Constant(2)));
                return CopySign(f, r, e.A);
            }

            case Op.Cosh:
            {
                // h = exp(|x|/2); cosh = (h/2)·h + (1/2)/h/h: finite wherever cosh is representable.
                Expr h = f.Make(Op.Exp, f.Multiply(half, f.Make(Op.Abs, e.A)));
                return f.Add(f.Multiply(f.Multiply(half, h), h), f.Divide(f.Divide(half, h), h));
            }

            case Op.Sinh:
                return CopySign(f, SinhOfAbs(f, f.Make(Op.Abs, e.A)), e.A);
            case Op.LogCosh:
            {
                // Below 1, log cosh a = log1p(2·sinh²(a/2)) keeps full relative accuracy (a²/2 for small a);
                // above, a + log1p(exp(−2a)) − ln 2 never overflows.
                Expr a = f.Make(Op.Abs, e.A);
                Expr s = SinhOfAbs(f, f.Multiply(half, a));
                Expr small = Log1p(f, f.Multiply(f.Constant(2), f.Multiply(s, s)));
                Expr large = f.Subtract(f.Add(a, Log1p(f, f.Make(Op.Exp, f.Multiply(f.Constant(-2), a)))), f.Constant(Ln2));
                return f.Make(Op.Where, f.Make(Op.Less, a, one), small, large);
            }

            case Op.Relu:
                return f.Make(Op.Max, e.A, zero);
            case Op.Sign:
                // Keeps 0, −0 and NaN as they are, as torch.sign does.
                return f.Make(Op.Where, f.Make(Op.Greater, e.A, zero), one,
                    f.Make(Op.Where, f.Make(Op.Less, e.A, zero), f.Constant(-1), e.A));
            case Op.Clamp:
                return f.Make(Op.Min, f.Make(Op.Max, e.A, e.B), e.C);
            case Op.Detach:
                // Its only meaning was for differentiation, which is done.
                return e.A;
            default:
                return null;
        }
    }

    // log1p(x) = log(u) − ((u − 1) − x)/u with u = 1 + x: the second term is exactly the rounding error of u, so
    // the result keeps full relative accuracy near 0. The reciprocal 1/u is the node σ uses too, so softplus and
    // its derivative share one division. Beyond |x| < 1/2 (and for x = −1 or ∞, where the correction is 0·∞), log(u)
    // is exact enough; for an argument known to lie in [0, 1] (exp of a non-positive value) no select is needed.
    private static Expr Log1p(ExprFactory f, Expr x)
    {
        Expr one = f.Constant(1);
        Expr u = f.Add(one, x);
        Expr logU = f.Make(Op.Log, u);
        Expr corrected = f.Subtract(logU, f.Multiply(f.Subtract(f.Subtract(u, one), x), f.Divide(one, u)));
        return IsInUnitInterval(x) ? corrected : f.Make(Op.Where, f.Make(Op.Less, f.Make(Op.Abs, x), f.Constant(0.5)), corrected, logU);
    }

    private static bool IsInUnitInterval(Expr x) => x.Op == Op.Exp && IsNonPositive(x.A);

    private static bool IsNonPositive(Expr a) => a.Op switch
    {
        Op.Constant => a.Value <= 0,
        Op.Negate => a.A.Op is Op.Abs or Op.Exp or Op.Sqrt,
        Op.Multiply => (a.A.Op == Op.Constant && a.A.Value <= 0 && a.B.Op is Op.Abs or Op.Exp or Op.Sqrt) ||
                       (a.B.Op == Op.Constant && a.B.Value <= 0 && a.A.Op is Op.Abs or Op.Exp or Op.Sqrt),
        _ => false,
    };

    // expm1 for |x| < 1/2 is Kahan's (u−1)·x/log(u) with u = eˣ; beyond, eˣ − 1 loses at most a bit or two.
    private static Expr Expm1(ExprFactory f, Expr x)
    {
        Expr u = f.Make(Op.Exp, x);
        Expr d = f.Subtract(u, f.Constant(1));
        Expr corrected = f.Make(Op.Where, f.Make(Op.Equal, u, f.Constant(1)), x, f.Multiply(d, f.Divide(x, f.Make(Op.Log, u))));
        return f.Make(Op.Where, f.Make(Op.Less, f.Make(Op.Abs, x), f.Constant(0.5)), corrected, d);
    }

    // sinh a for a ≥ 0: (E + E/(E+1))/2 with E = expm1(a) below 1; (h/2)·h − (1/2)/h/h with h = exp(a/2) above.
    private static Expr SinhOfAbs(ExprFactory f, Expr a)
    {
        Expr half = f.Constant(0.5);
        Expr big = Expm1(f, a);
        Expr small = f.Multiply(half, f.Add(big, f.Divide(big, f.Add(big, f.Constant(1)))));
        Expr h = f.Make(Op.Exp, f.Multiply(half, a));
        Expr large = f.Subtract(f.Multiply(f.Multiply(half, h), h), f.Divide(f.Divide(half, h), h));
        return f.Make(Op.Where, f.Make(Op.Less, a, f.Constant(1)), small, large);
    }

    private static Expr CopySign(ExprFactory f, Expr magnitude, Expr sign) =>
        f.Make(Op.Where, f.Make(Op.Less, sign, f.Constant(0)), f.Negate(magnitude), magnitude);

    private static Expr Power(ExprFactory f, Expr x, Expr y)
    {
        if (y.Op == Op.Constant)
        {
            double c = y.Value;
            if (c == Math.Floor(c) && Math.Abs(c) <= 32)
            {
                Expr p = IntegerPower(f, x, (int)Math.Abs(c));
                return c < 0 ? f.Divide(f.Constant(1), p) : p;
            }

            if (c == 0.5)
            {
                return f.Make(Op.Sqrt, x);
            }

            if (c == -0.5)
            {
                return f.Divide(f.Constant(1), f.Make(Op.Sqrt, x));
            }
        }

        // General x^y as torch.pow: exp(y·ln|x|), negated for a negative base with an odd integer exponent,
        // NaN for a negative base with a non-integer exponent, and 1 whenever y = 0.
        Expr zero = f.Constant(0);
        Expr magnitude = f.Make(Op.Exp, f.Multiply(y, f.Make(Op.Log, f.Make(Op.Abs, x))));
        Expr isInteger = f.Make(Op.Equal, f.Make(Op.Truncate, y), y);
        Expr halfY = f.Multiply(f.Constant(0.5), y);
        Expr isOdd = f.Make(Op.NotEqual, f.Make(Op.Truncate, halfY), halfY);
        Expr negativeBase = f.Make(Op.Where, isInteger, f.Make(Op.Where, isOdd, f.Negate(magnitude), magnitude), f.Constant(double.NaN));
        Expr value = f.Make(Op.Where, f.Make(Op.Less, x, zero), negativeBase, magnitude);
        return f.Make(Op.Where, f.Make(Op.Equal, y, zero), f.Constant(1), value);
    }

    // Binary exponentiation: x^5 is (x²)²·x, three multiplications.
    private static Expr IntegerPower(ExprFactory f, Expr x, int n)
    {
        Expr? result = null;
        Expr square = x;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result = result is null ? square : f.Multiply(result, square);
            }

            n >>= 1;
            if (n > 0)
            {
                square = f.Multiply(square, square);
            }
        }

        return result ?? f.Constant(1);
    }
}
