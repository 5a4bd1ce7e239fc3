using LossDsl.Generator.IR;

namespace LossDsl.Generator.Differentiation;

/// <summary>
/// The local derivative rules: for node y = f(x₀, x₁, …) with adjoint ȳ, the contribution ȳ · ∂y/∂xₖ to xₖ's adjoint.
/// Non-differentiable points follow PyTorch: d|x|/dx at 0 is 0, relu'(0) is 0, the gradient of min/max at a tie is
/// split evenly, clamp passes the gradient on the closed interval [lo, hi].
/// </summary>
internal sealed class DerivativeRules
{
    private readonly ExprFactory _f;

    public DerivativeRules(ExprFactory factory) => _f = factory;

    /// <summary>The contribution to operand <paramref name="k"/> of <paramref name="y"/>, or null when it is zero.</summary>
    public Expr? Contribution(Expr y, int k, Expr g)
    {
        Expr a = y.Args[0];
        switch (y.Op)
        {
            case Op.Add:
                return g;
            case Op.Subtract:
                return k == 0 ? g : _f.Negate(g);
            case Op.Multiply:
                return _f.Multiply(g, y.Args[1 - k]);
            case Op.Divide:
                // d(a/b)/da = 1/b;  d(a/b)/db = -(a/b)/b, reusing the forward quotient.
                return k == 0 ? _f.Divide(g, y.B) : _f.Negate(_f.Divide(_f.Multiply(g, y), y.B));
            case Op.Negate:
                return _f.Negate(g);
            case Op.Power:
                return PowerRule(y, k, g);
            case Op.MultiplyAdd:
                return k == 2 ? g : _f.Multiply(g, y.Args[1 - k]);
            case Op.Abs:
                return _f.Multiply(g, _f.Make(Op.Sign, a));
            case Op.Sqrt:
                return _f.Divide(_f.Multiply(_f.Constant(0.5), g), y);
            case Op.Exp:
                return _f.Multiply(g, y);
            case Op.Log:
                return _f.Divide(g, a);
            case Op.Log1p:
                return _f.Divide(g, _f.Add(_f.Constant(1), a));
            case Op.Expm1:
                return _f.Multiply(g, _f.Add(y, _f.Constant(1)));
            case Op.Sigmoid:
                // σ' = σ(x)·σ(−x): both factors are accurate where σ saturates, unlike σ·(1 − σ).
                return _f.Multiply(g, _f.Multiply(y, _f.Make(Op.Sigmoid, _f.Negate(a))));
            case Op.LogSigmoid:
                return _f.Multiply(g, _f.Make(Op.Sigmoid, _f.Negate(a)));
            case Op.Softplus:
                return _f.Multiply(g, _f.Make(Op.Sigmoid, a));
            case Op.Tanh:
                return _f.Multiply(g, _f.Subtract(_f.Constant(1), _f.Multiply(y, y)));
            case Op.Cosh:
                return _f.Multiply(g, _f.Make(Op.Sinh, a));
            case Op.Sinh:
                return _f.Multiply(g, _f.Make(Op.Cosh, a));
            case Op.LogCosh:
                return _f.Multiply(g, _f.Make(Op.Tanh, a));
            case Op.Relu:
                return _f.Make(Op.Where, _f.Make(Op.Greater, a, _f.Constant(0)), g, _f.Constant(0));
            case Op.Min:
            case Op.Max:
                return MinMaxRule(y, k, g);
            case Op.Clamp:
                return ClampRule(y, k, g);
            case Op.Where:
                return k == 0 ? null : k == 1 ? _f.Make(Op.Where, a, g, _f.Constant(0)) : _f.Make(Op.Where, a, _f.Constant(0), g);
            case Op.Sum:
            case Op.RowSum:
            case Op.ColumnSum:
                return g;
            case Op.RowMax:
            case Op.RowMin:
                // As PyTorch's amax/amin: the gradient is shared evenly by the elements that attain the extreme.
                Expr attains = _f.Make(Op.ToReal, _f.Make(Op.Equal, a, y));
                return _f.Multiply(_f.Divide(g, _f.Make(Op.RowSum, attains)), attains);
            case Op.ColumnMin:
            case Op.ColumnMax:
                // The same down each column: the elements attaining the column's extreme share its gradient.
                Expr reaches = _f.Make(Op.ToReal, _f.Make(Op.Equal, a, y));
                return _f.Multiply(_f.Divide(g, _f.Make(Op.ColumnSum, reaches)), reaches);
            case Op.LogSumExp:
                return _f.Multiply(g, _f.Make(Op.Exp, _f.Subtract(a, y)));
            case Op.RowNorm:
                // x/‖x‖, and 0 for a zero row (PyTorch's subgradient) instead of 0/0.
                return _f.Multiply(_f.Make(Op.Where, _f.Make(Op.Equal, y, _f.Constant(0)), _f.Constant(0), _f.Divide(g, y)), a);
            case Op.Gather:
                // The gathered column receives the adjoint; the others nothing. The index has no gradient.
                return k == 1 ? null : _f.Make(Op.Where,
                    _f.Make(Op.Equal, _f.Make(Op.ToReal, _f.ColumnIndex()), _f.Make(Op.ToReal, y.B)), g, _f.Constant(0));
            default:
                // Sign, detach, comparisons, logic, conversions and leaves have no gradient.
                return null;
        }
    }

    private Expr? PowerRule(Expr y, int k, Expr g)
    {
        Expr x = y.A, e = y.B;
        if (k == 0)
        {
            // d(x^e)/dx = e·x^(e−1); with a constant exponent this folds to 2·x for a square. PyTorch defines it as 0
            // where e = 0 (x^0 is constant 1), instead of the 0·0^(−1) = NaN the formula gives at x = 0.
            Expr power = _f.Make(Op.Power, x, _f.Subtract(e, _f.Constant(1)));
            Expr derivative = _f.Multiply(g, _f.Multiply(e, power));
            return e.Op == Op.Constant ? derivative : _f.Make(Op.Where, _f.Make(Op.Equal, e, _f.Constant(0)), _f.Constant(0), derivative);
        }

        // d(x^e)/de = x^e·ln x, which PyTorch defines as 0 where x = 0 and e ≥ 0 (instead of 0·(−∞) = NaN).
        Expr zeroBase = _f.Make(Op.And, _f.Make(Op.Equal, x, _f.Constant(0)), _f.Make(Op.GreaterEqual, e, _f.Constant(0)));
        return _f.Make(Op.Where, zeroBase, _f.Constant(0), _f.Multiply(g, _f.Multiply(y, _f.Make(Op.Log, x))));
    }

    private Expr MinMaxRule(Expr y, int k, Expr g)
    {
        Expr self = y.Args[k], other = y.Args[1 - k];
        Op wins = y.Op == Op.Max ? Op.Greater : Op.Less;
        Expr half = _f.Multiply(_f.Constant(0.5), g);
        Expr tie = _f.Make(Op.Where, _f.Make(Op.Equal, self, other), half, _f.Constant(0));
        return _f.Make(Op.Where, _f.Make(wins, self, other), g, tie);
    }

    private Expr ClampRule(Expr y, int k, Expr g)
    {
        Expr x = y.A, lo = y.B, hi = y.C;
        Expr zero = _f.Constant(0);
        return k switch
        {
            0 => _f.Make(Op.Where, _f.Make(Op.And, _f.Make(Op.GreaterEqual, x, lo), _f.Make(Op.LessEqual, x, hi)), g, zero),
            1 => _f.Make(Op.Where, _f.Make(Op.And, _f.Make(Op.Less, x, lo), _f.Make(Op.Less, lo, hi)), g, zero),
            _ => _f.Make(Op.Where, _f.Make(Op.Or, _f.Make(Op.Greater, x, hi), _f.Make(Op.Greater, lo, hi)), g, zero),
        };
    }
}
