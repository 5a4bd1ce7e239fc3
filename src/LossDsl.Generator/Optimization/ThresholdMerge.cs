using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Optimization;

/// <summary>
/// Merges a <c>where</c> that splits on |x| against a threshold into one branch, for a threshold <c>a</c> known to be a
/// finite number with its sign bit clear (+0 or positive): an option the kernel is specialised for (the caller emits that
/// kernel behind a test of the option, and the general kernel for other values). A constant threshold is not merged: the
/// factory has already folded it into the branches (½·1 is 0.5), so it can no longer be replaced by min(a, |x|).
/// <list type="bullet">
/// <item><b>One branch at min(a, |x|)</b>: <c>where(|x| ≤ a, P, Q)</c> (also <c>&lt;</c>, the comparison mirrored, or
/// <c>&gt;</c>/<c>≥</c> with the branches swapped) whose outside branch Q, with a replaced by |x|, is the inside branch P
/// as a polynomial in |x| and sign(x) becomes Q with a replaced by c = min(a, |x|). Huber's
/// <c>where(|e| ≤ δ, ½e², δ(|e| − ½δ))</c> becomes <c>c(|e| − ½c)</c>, and its gradient
/// <c>where(|e| ≤ δ, e/N, (δ/N)·sign(e))</c> becomes <c>(c·sign(e))/N</c>.</item>
/// <item><b>A clamp</b>: <c>sign(x)·min(a, |x|)</c> becomes <c>clamp(x, −a, a)</c>: one max and one min instead of two
/// compares, two selects and a multiply.</item>
/// </list>
/// Why it is exact, for such an a: at |x| &gt; a, c = a and the result is Q itself (rebuilt by the factory, which may regroup
/// a product with loop-invariant factors: for Huber, δ·(1/N)·sign(e) becomes (1/N)·(δ·sign(e)), the same number). At |x| &lt; a, and at the tie |x| = a
/// (where a and |x| are the same number, +0 included), it is Q at a = |x|, which equals P in real arithmetic; evaluated in
/// floating point it can round differently from P's own expression (for Huber: ½e² computed as |e|·(|e| − ½|e|), which
/// is the same number except where ½e² is subnormal, within one subnormal ulp, or where e² overflows and ½e² does not,
/// where it is the finite value; the gradient is the same number everywhere, a multiplication by sign(x) being exact).
/// A NaN x gives NaN either way: both branches must contain x and reach it through arithmetic only (+, −, ·, integer
/// powers, |x|, sign(x); anything free of x is a variable), so NaN propagates through them, and min(a, NaN) is NaN. The clamp
/// agrees with sign(x)·min(a, |x|) at ±0 (±0 either way), at NaN and at ±∞ because a is finite and not −0; it is not
/// exact for a negative a (sign(x)·a is not a clamp), which is why the threshold must be known non-negative.
/// </summary>
internal static class ThresholdMerge
{
    /// <summary>
    /// Applies both rules to <paramref name="root"/>, treating the real options named in <paramref name="assumed"/> as
    /// finite with a clear sign bit; the names of the assumed options a rewrite relied on are added to <paramref name="used"/>.
    /// </summary>
    public static Expr Apply(ExprFactory f, Expr root, IReadOnlyCollection<string> assumed, ISet<string> used, CancellationToken cancellationToken)
    {
        bool IsThreshold(Expr a) => a.Op == Op.Option && a.Kind == ValueKind.Real && assumed.Contains(a.Name!);
        void Used(Expr a) => used.Add(a.Name!);

        Expr merged = new Rewriter(f, e => e.Op == Op.Where && Merge(f, e, IsThreshold, cancellationToken) is { } m ? Use(m, Used) : null, cancellationToken).Rewrite(root);
        return new Rewriter(f, e => Clamp(f, e, IsThreshold) is { } c ? Use(c, Used) : null, cancellationToken).Rewrite(merged);
    }

    private static Expr Use((Expr Result, Expr Threshold) r, System.Action<Expr> used)
    {
        used(r.Threshold);
        return r.Result;
    }

    // where(|x| ≤ a, P, Q) and its spellings: (x, a, inside branch, outside branch).
    private static (Expr X, Expr A, Expr Inside, Expr Outside)? Split(Expr where)
    {
        Expr m = where.A;
        if (m.Args.Length != 2)
        {
            return null;
        }

        // |x| on the left: ≤ and < keep the true branch inside; ≥ and > put it outside. Mirrored with |x| on the right.
        (Expr abs, Expr a, bool insideIsTrue) = m.Op switch
        {
            Op.LessEqual or Op.Less when m.A.Op == Op.Abs => (m.A, m.B, true),
            Op.GreaterEqual or Op.Greater when m.A.Op == Op.Abs => (m.A, m.B, false),
            Op.GreaterEqual or Op.Greater when m.B.Op == Op.Abs => (m.B, m.A, true),
            Op.LessEqual or Op.Less when m.B.Op == Op.Abs => (m.B, m.A, false),
            _ => (null!, null!, false),
        };
        if (abs is null || !a.Shape.IsScalar || abs.Shape.IsScalar)
        {
            return null;
        }

        return insideIsTrue ? (abs.A, a, where.B, where.C) : (abs.A, a, where.C, where.B);
    }

    private static (Expr, Expr)? Merge(ExprFactory f, Expr where, System.Func<Expr, bool> isThreshold, CancellationToken cancellationToken)
    {
        if (Split(where) is not { } s || !isThreshold(s.A))
        {
            return null;
        }

        // Both branches must carry x's NaN (arithmetic only, x present), and the outside branch must use a.
        var insideNodes = Topology.Reachable(s.Inside);
        var outsideNodes = Topology.Reachable(s.Outside);
        if (!insideNodes.Contains(s.X) || !outsideNodes.Contains(s.X) || !outsideNodes.Contains(s.A))
        {
            return null;
        }

        Polynomial? inside = Polynomial.Of(s.Inside, s.X, s.A, substitute: false);
        Polynomial? atAbs = Polynomial.Of(s.Outside, s.X, s.A, substitute: true);
        if (inside is null || atAbs is null || !inside.Equals(atAbs))
        {
            return null;
        }

        Expr c = f.Make(Op.Min, s.A, f.Make(Op.Abs, s.X));
        Expr result = new Rewriter(f, e => ReferenceEquals(e, s.A) ? c : null, cancellationToken).Rewrite(s.Outside);
        return (result, s.A);
    }

    // sign(x) · min(a, |x|) · r → clamp(x, −a, a) · r, for at most one other factor r (the invariant 1/N, an upstream
    // gradient): with two factors besides the exact ±1, the product is one rounding whatever the order.
    private static (Expr, Expr)? Clamp(ExprFactory f, Expr e, System.Func<Expr, bool> isThreshold)
    {
        if (e.Op != Op.Multiply)
        {
            return null;
        }

        var factors = new List<Expr>();
        Factors(e, factors);
        if (factors.Count > 3)
        {
            return null;
        }

        foreach (Expr sign in factors.Where(s => s.Op == Op.Sign))
        {
            foreach (Expr min in factors.Where(m => m.Op == Op.Min))
            {
                foreach ((Expr a, Expr abs) in new[] { (min.A, min.B), (min.B, min.A) })
                {
                    if (abs.Op == Op.Abs && ReferenceEquals(abs.A, sign.A) && a.Shape.IsScalar && isThreshold(a))
                    {
                        Expr clamp = f.Make(Op.Clamp, sign.A, f.Negate(a), a);
                        Expr? rest = factors.Count == 3 ? factors.First(r => !ReferenceEquals(r, sign) && !ReferenceEquals(r, min)) : null;
                        return (rest is null ? clamp : f.Multiply(rest, clamp), a);
                    }
                }
            }
        }

        return null;
    }

    private static void Factors(Expr e, List<Expr> factors)
    {
        if (e.Op == Op.Multiply)
        {
            Factors(e.A, factors);
            Factors(e.B, factors);
        }
        else
        {
            factors.Add(e);
        }
    }

    /// <summary>
    /// A polynomial in u = |x| and s = sign(x) (x itself is s·u) with loop-invariant scalars as further variables and
    /// real coefficients, for deciding whether two expressions are the same function of x in real arithmetic.
    /// </summary>
    internal sealed class Polynomial
    {
        private const int U = -1;
        private const int S = -2;

        // Monomial (variable → power, as a canonical string key) → (coefficient, powers).
        private readonly Dictionary<string, (double Coefficient, SortedDictionary<int, int> Powers)> _terms = new();

        // Set when a coefficient could not be computed exactly in double (1e16 + 1): such a polynomial equals nothing.
        private bool _inexact;

        private Polynomial()
        {
        }

        /// <summary>The polynomial of <paramref name="e"/> in x, or null if it is not one (a where, a min, an exp… of x).
        /// With <paramref name="substitute"/>, <paramref name="a"/> stands for |x|. Arithmetic (+, −, ·, integer powers) is
        /// expanded; any other node that depends on neither x nor a substituted a (1/N, an upstream gradient) is a
        /// variable of its own.</summary>
        public static Polynomial? Of(Expr e, Expr x, Expr a, bool substitute)
        {
            var depends = new HashSet<Expr>();
            foreach (Expr n in Topology.Reachable(e))
            {
                if (ReferenceEquals(n, x) || (substitute && ReferenceEquals(n, a)) || n.Args.Any(depends.Contains))
                {
                    depends.Add(n);
                }
            }

            var memo = new Dictionary<Expr, Polynomial?>();
            return Convert(e, x, a, substitute, depends, memo);
        }

        private static Polynomial? Convert(Expr e, Expr x, Expr a, bool substitute, HashSet<Expr> depends, Dictionary<Expr, Polynomial?> memo)
        {
            if (memo.TryGetValue(e, out Polynomial? known))
            {
                return known;
            }

            Polynomial? Arg(int k) => Convert(e.Args[k], x, a, substitute, depends, memo);
            Polynomial? result;
            if (substitute && ReferenceEquals(e, a))
            {
                result = Variable(U);
            }
            else if (ReferenceEquals(e, x))
            {
                result = Product(Variable(S), Variable(U));
            }
            else if (e.Op == Op.Abs && ReferenceEquals(e.A, x))
            {
                result = Variable(U);
            }
            else if (e.Op == Op.Sign && ReferenceEquals(e.A, x))
            {
                result = Variable(S);
            }
            else if (e.Op == Op.Constant)
            {
                result = Number(e.Value);
            }
            else if (e.Op is Op.Add or Op.Subtract or Op.Multiply or Op.Negate)
            {
                result = Arithmetic(e, Arg);
            }
            else if (e.Op == Op.Power && e.B.Op == Op.Constant && e.B.Value is >= 1 and <= 4 && e.B.Value == System.Math.Floor(e.B.Value))
            {
                result = Arg(0) is { } b ? Power(b, (int)e.B.Value) : null;
            }
            else
            {
                // Anything else must not involve x (NaN would not propagate through it) nor the substituted a.
                result = depends.Contains(e) ? null : Variable(e.Id);
            }

            memo[e] = result;
            return result;
        }

        private static Polynomial? Arithmetic(Expr e, System.Func<int, Polynomial?> arg)
        {
            Polynomial? p = arg(0);
            if (p is null)
            {
                return null;
            }

            if (e.Op == Op.Negate)
            {
                return Scale(p, -1);
            }

            Polynomial? q = arg(1);
            return q is null ? null : e.Op switch
            {
                Op.Add => Sum(p, q, 1),
                Op.Subtract => Sum(p, q, -1),
                _ => Product(p, q),
            };
        }

        private static Polynomial Number(double value)
        {
            var p = new Polynomial();
            p.AddTerm(value, new SortedDictionary<int, int>());
            return p;
        }

        private static Polynomial Variable(int id)
        {
            var p = new Polynomial();
            p.AddTerm(1, new SortedDictionary<int, int> { [id] = 1 });
            return p;
        }

        private static Polynomial Scale(Polynomial p, double k)
        {
            var r = new Polynomial { _inexact = p._inexact };
            foreach ((double c, SortedDictionary<int, int> powers) in p._terms.Values)
            {
                r.AddTerm(r.Times(k, c), powers);
            }

            return r;
        }

        private static Polynomial Sum(Polynomial p, Polynomial q, double sign)
        {
            var r = Scale(p, 1);
            r._inexact |= q._inexact;
            foreach ((double c, SortedDictionary<int, int> powers) in q._terms.Values)
            {
                r.AddTerm(sign * c, powers);
            }

            return r;
        }

        private static Polynomial Product(Polynomial p, Polynomial q)
        {
            var r = new Polynomial { _inexact = p._inexact || q._inexact };
            foreach ((double c1, SortedDictionary<int, int> m1) in p._terms.Values)
            {
                foreach ((double c2, SortedDictionary<int, int> m2) in q._terms.Values)
                {
                    var m = new SortedDictionary<int, int>(m1);
                    foreach (KeyValuePair<int, int> kv in m2)
                    {
                        m[kv.Key] = m.TryGetValue(kv.Key, out int had) ? had + kv.Value : kv.Value;
                    }

                    r.AddTerm(r.Times(c1, c2), m);
                }
            }

            return r;
        }

        // a·b, noting whether it was rounded (Dekker's product: the split halves multiply exactly).
        private double Times(double a, double b)
        {
            double product = a * b;
            if (double.IsInfinity(product) || double.IsNaN(product) || System.Math.Abs(a) > 1e150 || System.Math.Abs(b) > 1e150)
            {
                _inexact |= !(a == 0 || b == 0);
                return product;
            }

            (double ah, double al) = Split(a);
            (double bh, double bl) = Split(b);
            double error = ((((ah * bh) - product) + (ah * bl)) + (al * bh)) + (al * bl);
            _inexact |= error != 0;
            return product;
        }

        private static (double High, double Low) Split(double a)
        {
            double t = 134217729.0 * a; // 2²⁷ + 1
            double high = t - (t - a);
            return (high, a - high);
        }

        private static Polynomial Power(Polynomial p, int n)
        {
            Polynomial r = p;
            for (int k = 1; k < n; k++)
            {
                r = Product(r, p);
            }

            return r;
        }

        private void AddTerm(double coefficient, SortedDictionary<int, int> powers)
        {
            // s² = 1 wherever x ≠ 0, and a monomial with a factor u is 0 where x = 0: so s²ᵏ·uᵐ = uᵐ for m ≥ 1.
            if (powers.TryGetValue(S, out int sp) && sp >= 2 && powers.TryGetValue(U, out int up) && up >= 1)
            {
                powers = new SortedDictionary<int, int>(powers);
                if (sp % 2 == 0)
                {
                    powers.Remove(S);
                }
                else
                {
                    powers[S] = 1;
                }
            }

            string key = string.Join(",", powers.Select(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) + "^" + kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            double before = _terms.TryGetValue(key, out var had) ? had.Coefficient : 0;
            double sum = before + coefficient;
            // Knuth's two-sum: the rounding error of before + coefficient, 0 when the sum is exact.
            double back = sum - before;
            _inexact |= !double.IsInfinity(sum) && ((before - (sum - back)) + (coefficient - back)) != 0;
            _inexact |= double.IsInfinity(sum) || double.IsNaN(sum);
            if (sum == 0)
            {
                _terms.Remove(key);
            }
            else
            {
                _terms[key] = (sum, powers);
            }
        }

        /// <summary>Whether both are the same polynomial (same monomials, same coefficients, all computed exactly).</summary>
        public bool Equals(Polynomial other) =>
            !_inexact && !other._inexact && _terms.Count == other._terms.Count && _terms.All(t => other._terms.TryGetValue(t.Key, out var o) && o.Coefficient == t.Value.Coefficient);
    }
}
