using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LossDsl.Generator.Tests.Fuzzing;

/// <summary>The values an expression is evaluated at: the inputs' elements and the two options.</summary>
public sealed class EvalPoint
{
    public double[] P = Array.Empty<double>();
    public double[] T = Array.Empty<double>();
    public double A;
    public double B;
}

/// <summary>
/// Evaluates an expression at element <c>i</c>. When <c>kinks</c> is not null, every point of non-differentiability on
/// the way (an argument of abs, relu or sign, the two sides of min, max, clamp and of each comparison) adds its
/// signed distance from the kink, so samples can be kept away from kinks and finite differences can be checked not
/// to straddle one.
/// </summary>
public delegate double Evaluator(EvalPoint x, int i, List<double>? kinks);

/// <summary>A closed interval that contains every value an expression can take for inputs in the sampled ranges.</summary>
public readonly record struct Interval(double Lo, double Hi)
{
    public double Magnitude => Math.Max(Math.Abs(Lo), Math.Abs(Hi));

    public bool IsFinite => double.IsFinite(Lo) && double.IsFinite(Hi);

    public static Interval Of(params double[] values) => new(values.Min(), values.Max());

    public static Interval operator +(Interval x, Interval y) => new(x.Lo + y.Lo, x.Hi + y.Hi);

    public static Interval operator -(Interval x, Interval y) => new(x.Lo - y.Hi, x.Hi - y.Lo);

    public static Interval operator *(Interval x, Interval y) => Of(x.Lo * y.Lo, x.Lo * y.Hi, x.Hi * y.Lo, x.Hi * y.Hi);

    public static Interval operator -(Interval x) => new(-x.Hi, -x.Lo);

    public Interval Union(Interval y) => new(Math.Min(Lo, y.Lo), Math.Max(Hi, y.Hi));

    public Interval Monotone(Func<double, double> f) => Of(f(Lo), f(Hi));

    /// <summary>The range of an even function that increases with |x|.</summary>
    public Interval Even(Func<double, double> f)
    {
        double inner = Lo <= 0 && Hi >= 0 ? 0 : Math.Min(Math.Abs(Lo), Math.Abs(Hi));
        return new(f(inner), f(Magnitude));
    }
}

/// <summary>
/// A generated expression: its formula text with its precedence (so it is parenthesized only where the grammar
/// needs it), an independent evaluator, and a conservative range used to keep every function on its domain.
/// </summary>
public sealed record ExprNode(string Text, int Precedence, bool IsMask, Interval Range, Evaluator Eval, bool UsesP, bool UsesT);

/// <summary>A generated loss formula with its reference semantics.</summary>
/// <param name="Text">The formula.</param>
/// <param name="Term">The per-element term of the outer mean or sum.</param>
/// <param name="IsMean">Whether the outer reduction is a mean (else a sum).</param>
public sealed record GeneratedLoss(string Text, ExprNode Term, bool IsMean);

/// <summary>
/// Generates random well-typed formulas over inputs p, t and options a, b, each with an evaluator written here in
/// plain double arithmetic (System.Math and textbook series), independent of the generator's code. Functions are
/// only applied where they are defined, differentiable and far from overflow: logs and square roots get arguments
/// bounded away from zero, exponentials get bounded arguments, divisions get denominators of at least 1/4.
/// </summary>
public sealed class WellTypedExpressions
{
    // Precedence levels of the formula grammar, loosest first (the parser: or, and, comparison, additive,
    // multiplicative, unary, power, primary).
    private const int Or = 1, And = 2, Comparison = 3, Additive = 4, Multiplicative = 5, Unary = 6, Power = 7, Primary = 8;

    /// <summary>Inputs and options are sampled from [-Range, Range].</summary>
    public const double InputRange = 2;

    // Larger values are squashed back: it keeps losses and gradients far from overflow and FD error small.
    private const double MaxMagnitude = 1000;

    private readonly Random _random;
    private readonly List<ExprNode> _bindings = new();

    public WellTypedExpressions(Random random) => _random = random;

    /// <summary>Every function and operator the generated formulas used so far (for a coverage check).</summary>
    public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

    /// <summary>A formula <c>[bindings] mean(expr)</c> or <c>sum(expr)</c> whose expression uses both p and t.</summary>
    public GeneratedLoss NextLoss(int maxDepth)
    {
        while (true)
        {
            _bindings.Clear();
            var prefix = new List<string>();
            if (_random.Next(3) == 0)
            {
                int count = 1 + _random.Next(2);
                for (int k = 0; k < count; k++)
                {
                    string name = k == 0 ? "u" : "v";
                    bool mask = _random.Next(5) == 0;
                    ExprNode value = mask ? Mask(maxDepth - 2) : Real(maxDepth - 2);
                    prefix.Add($"{name} = {value.Text};{Space()}");
                    _bindings.Add(value with { Text = name, Precedence = Primary });
                    Used.Add(mask ? "mask binding" : "binding");
                }
            }

            ExprNode term = Real(maxDepth);
            if (!term.UsesP || !term.UsesT)
            {
                continue;
            }

            bool isMean = _random.Next(4) != 0;
            Used.Add(isMean ? "mean" : "sum");
            string text = string.Concat(prefix) + (isMean ? "mean(" : "sum(") + term.Text + ")" + (_random.Next(5) == 0 ? ";" : "");
            return new GeneratedLoss(text, term, isMean);
        }
    }

    /// <summary>A real expression without bindings.</summary>
    public ExprNode NextTerm(int depth)
    {
        _bindings.Clear();
        return Real(depth);
    }

    private string Space() => _random.Next(4) == 0 ? "" : " ";

    private static ExprNode Leaf(string text, Interval range, Evaluator eval, bool usesP = false, bool usesT = false) =>
        new(text, Primary, false, range, eval, usesP, usesT);

    private ExprNode LeafNode()
    {
        if (_bindings.Count > 0 && _random.Next(4) == 0)
        {
            ExprNode b = _bindings[_random.Next(_bindings.Count)];
            if (!b.IsMask)
            {
                return b;
            }
        }

        var input = new Interval(-InputRange, InputRange);
        switch (_random.Next(10))
        {
            case 0: case 1: case 2:
                return Leaf("p", input, (x, i, _) => x.P[i], usesP: true);
            case 3: case 4: case 5:
                return Leaf("t", input, (x, i, _) => x.T[i], usesT: true);
            case 6:
                return Leaf("a", input, (x, _, _) => x.A);
            case 7:
                return Leaf("b", input, (x, _, _) => x.B);
            case 8 when _random.Next(4) == 0:
                return Leaf("pi", new Interval(Math.PI, Math.PI), (_, _, _) => Math.PI);
            default:
                string[] literals = { "0.5", ".5", "5e-1", "2", "2.0", "3", "1.5", "0.25", "1", "10", "1E-3", "0.1", "4" };
                string literal = literals[_random.Next(literals.Length)];
                double value = double.Parse(literal, CultureInfo.InvariantCulture);
                return Leaf(literal, new Interval(value, value), (_, _, _) => value);
        }
    }

    private static string Wrap(ExprNode node, int minimum) => node.Precedence >= minimum ? node.Text : "(" + node.Text + ")";

    private string Op(ExprNode left, string op, ExprNode right, int leftMinimum, int rightMinimum)
    {
        string s = Space();
        return Wrap(left, leftMinimum) + s + op + s + Wrap(right, rightMinimum);
    }

    private static string Call(string name, params ExprNode[] args) => name + "(" + string.Join(", ", args.Select(a => a.Text)) + ")";

    private static ExprNode Node(string text, int precedence, Interval range, Evaluator eval, params ExprNode[] from) =>
        new(text, precedence, false, range, eval, from.Any(f => f.UsesP), from.Any(f => f.UsesT));

    // ---- real-valued expressions -------------------------------------------------------------------------------

    public ExprNode Real(int depth)
    {
        if (depth <= 0 || _random.Next(6) == 0)
        {
            return LeafNode();
        }

        ExprNode result = _random.Next(30) switch
        {
            0 or 1 => Add(Real(depth - 1), Real(depth - 1)),
            2 or 3 => Subtract(Real(depth - 1), Real(depth - 1)),
            4 or 5 => Multiply(Real(depth - 1), Real(depth - 1)),
            6 => Divide(Real(depth - 1), Real(depth - 1)),
            7 => Negate(Real(depth - 1)),
            8 => IntegerPower(Real(depth - 1)),
            9 => GeneralPower(Real(depth - 1), Real(depth - 1)),
            10 => Function("sqrt", Positive(Real(depth - 1), 0.05), Math.Sqrt, r => r.Monotone(Math.Sqrt)),
            11 => Function("log", Positive(Real(depth - 1), 0.05), Math.Log, r => r.Monotone(Math.Log)),
            12 => Function("log1p", AboveMinusOne(Real(depth - 1)), Reference.Log1p, r => r.Monotone(Reference.Log1p)),
            13 => Function("exp", Bounded(Real(depth - 1), 6), Math.Exp, r => r.Monotone(Math.Exp)),
            14 => Function("expm1", Bounded(Real(depth - 1), 6), Reference.Expm1, r => r.Monotone(Reference.Expm1)),
            15 => Function("cosh", Bounded(Real(depth - 1), 6), Math.Cosh, r => r.Even(Math.Cosh)),
            16 => Function("sigmoid", Real(depth - 1), Reference.Sigmoid, r => r.Monotone(Reference.Sigmoid)),
            17 => Function("tanh", Real(depth - 1), Math.Tanh, r => r.Monotone(Math.Tanh)),
            18 => Function("softplus", Real(depth - 1), Reference.Softplus, r => r.Monotone(Reference.Softplus)),
            19 => Function("log_sigmoid", Real(depth - 1), Reference.LogSigmoid, r => r.Monotone(Reference.LogSigmoid)),
            20 => Function("log_cosh", Real(depth - 1), Reference.LogCosh, r => r.Even(Reference.LogCosh)),
            21 => Kinked("abs", Real(depth - 1), Math.Abs, r => r.Even(Math.Abs)),
            22 => Kinked("relu", Real(depth - 1), v => Math.Max(v, 0), r => r.Monotone(v => Math.Max(v, 0))),
            23 => Multiply(Kinked("sign", Real(depth - 1), Reference.Sign, r => new Interval(-1, 1)), Real(depth - 1)),
            24 => MinMax(_random.Next(2) == 0 ? "min" : "max", Real(depth - 1), Real(depth - 1)),
            25 => Clamp(Real(depth - 1), Real(depth - 2), Real(depth - 2)),
            26 or 27 => Where(Mask(depth - 1), Real(depth - 1), Real(depth - 1)),
            28 => MaskTimes(Mask(depth - 1), Real(depth - 1)),
            _ => UnaryPlusOrParenthesized(Real(depth - 1)),
        };
        return Squash(result);
    }

    private ExprNode Add(ExprNode x, ExprNode y)
    {
        Used.Add("+");
        return Node(Op(x, "+", y, Additive, Multiplicative), Additive, x.Range + y.Range, (e, i, k) => x.Eval(e, i, k) + y.Eval(e, i, k), x, y);
    }

    private ExprNode Subtract(ExprNode x, ExprNode y)
    {
        Used.Add("-");
        return Node(Op(x, "-", y, Additive, Multiplicative), Additive, x.Range - y.Range, (e, i, k) => x.Eval(e, i, k) - y.Eval(e, i, k), x, y);
    }

    private ExprNode Multiply(ExprNode x, ExprNode y)
    {
        Used.Add("*");
        return Node(Op(x, "*", y, Multiplicative, Unary), Multiplicative, x.Range * y.Range, (e, i, k) => x.Eval(e, i, k) * y.Eval(e, i, k), x, y);
    }

    private ExprNode Divide(ExprNode x, ExprNode y)
    {
        Used.Add("/");
        ExprNode d = Positive(y, 0.25);
        Interval range = x.Range * new Interval(1 / d.Range.Hi, 1 / d.Range.Lo);
        return Node(Op(x, "/", d, Multiplicative, Unary), Multiplicative, range, (e, i, k) => x.Eval(e, i, k) / d.Eval(e, i, k), x, d);
    }

    private ExprNode Negate(ExprNode x)
    {
        Used.Add("unary -");
        return Node("-" + Wrap(x, Unary), Unary, -x.Range, (e, i, k) => -x.Eval(e, i, k), x);
    }

    private ExprNode UnaryPlusOrParenthesized(ExprNode x)
    {
        if (_random.Next(2) == 0)
        {
            Used.Add("unary +");
            return Node("+" + Wrap(x, Unary), Unary, x.Range, x.Eval, x);
        }

        return x with { Text = "(" + x.Text + ")", Precedence = Primary };
    }

    private string PowerOperator()
    {
        string op = _random.Next(3) == 0 ? "**" : "^";
        Used.Add(op);
        return op;
    }

    // x^2 and x^3 for any x; x^-1, x^-2, x^0.5, x^-0.5 and x^1.5 for a base bounded away from zero.
    private ExprNode IntegerPower(ExprNode x)
    {
        string[] exponents = { "2", "3", "2", "-1", "-2", "0.5", "-0.5", "1.5" };
        string exponent = exponents[_random.Next(exponents.Length)];
        double n = double.Parse(exponent, CultureInfo.InvariantCulture);
        ExprNode b = n is 2 or 3 ? Bounded(x, 30) : Positive(Bounded(x, 30), 0.25);
        Interval range = n == 2 ? b.Range.Even(v => v * v) : n == 3 ? b.Range.Monotone(v => v * v * v) : b.Range.Monotone(v => Math.Pow(v, n));
        string text = Wrap(b, Primary) + Space() + PowerOperator() + Space() + (exponent.StartsWith('-') && _random.Next(2) == 0 ? "(" + exponent + ")" : exponent);
        return Node(text, Power, range, (e, i, k) => Math.Pow(b.Eval(e, i, k), n), b);
    }

    private ExprNode GeneralPower(ExprNode x, ExprNode y)
    {
        ExprNode b = Positive(Bounded(x, 30), 0.1);
        ExprNode p = Bounded(y, 2.5);
        Interval range = Interval.Of(Math.Pow(b.Range.Lo, p.Range.Lo), Math.Pow(b.Range.Lo, p.Range.Hi), Math.Pow(b.Range.Hi, p.Range.Lo), Math.Pow(b.Range.Hi, p.Range.Hi));
        string text;
        int precedence;
        if (_random.Next(2) == 0)
        {
            Used.Add("pow");
            text = Call("pow", b, p);
            precedence = Primary;
        }
        else
        {
            text = Wrap(b, Primary) + Space() + PowerOperator() + Space() + Wrap(p, Unary);
            precedence = Power;
        }

        return Node(text, precedence, range, (e, i, k) => Math.Pow(b.Eval(e, i, k), p.Eval(e, i, k)), b, p);
    }

    private ExprNode Function(string name, ExprNode x, Func<double, double> f, Func<Interval, Interval> range)
    {
        Used.Add(name);
        return Node(Call(name, x), Primary, range(x.Range), (e, i, k) => f(x.Eval(e, i, k)), x);
    }

    private ExprNode Kinked(string name, ExprNode x, Func<double, double> f, Func<Interval, Interval> range)
    {
        Used.Add(name);
        return Node(Call(name, x), Primary, range(x.Range), (e, i, k) =>
        {
            double v = x.Eval(e, i, k);
            k?.Add(v);
            return f(v);
        }, x);
    }

    private ExprNode MinMax(string name, ExprNode x, ExprNode y)
    {
        Used.Add(name);
        bool isMin = name == "min";
        Interval range = isMin ? new(Math.Min(x.Range.Lo, y.Range.Lo), Math.Min(x.Range.Hi, y.Range.Hi)) : new(Math.Max(x.Range.Lo, y.Range.Lo), Math.Max(x.Range.Hi, y.Range.Hi));
        return Node(Call(name, x, y), Primary, range, (e, i, k) =>
        {
            double a = x.Eval(e, i, k), b = y.Eval(e, i, k);
            k?.Add(a - b);
            return isMin ? Math.Min(a, b) : Math.Max(a, b);
        }, x, y);
    }

    private ExprNode Clamp(ExprNode x, ExprNode lo, ExprNode hi)
    {
        Used.Add("clamp");
        if (hi.Text == lo.Text)
        {
            // clamp(x, c, c) has PyTorch's degenerate gradient (see the NaN kink below); keep the bounds distinct.
            hi = Add(hi, LeafConstant("1"));
        }

        return Node(Call("clamp", x, lo, hi), Primary, x.Range.Union(lo.Range).Union(hi.Range), (e, i, k) =>
        {
            double v = x.Eval(e, i, k), l = lo.Eval(e, i, k), h = hi.Eval(e, i, k);
            k?.Add(v - l);
            k?.Add(v - h);
            // lo = hi is no smooth tie: clamp is then constant, but PyTorch's (and the generator's) gradient rule
            // passes nothing to lo or hi when x < lo = hi. NaN rejects such samples.
            k?.Add(l == h ? double.NaN : l - h);
            return Math.Min(Math.Max(v, l), h); // torch.clamp: when lo > hi every value becomes hi.
        }, x, lo, hi);
    }

    private ExprNode Where(ExprNode mask, ExprNode x, ExprNode y)
    {
        Used.Add("where");
        return Node(Call("where", mask, x, y), Primary, x.Range.Union(y.Range), (e, i, k) =>
        {
            // Both branches are evaluated so the list of kinks has the same shape whichever branch is taken.
            double m = mask.Eval(e, i, k), a = x.Eval(e, i, k), b = y.Eval(e, i, k);
            return m != 0 ? a : b;
        }, mask, x, y);
    }

    // A mask used as a number is 1 or 0.
    private ExprNode MaskTimes(ExprNode mask, ExprNode x)
    {
        Used.Add("mask as number");
        Interval range = x.Range.Union(new Interval(0, 0));
        return _random.Next(2) == 0
            ? Node(Op(mask, "*", x, Multiplicative, Unary), Multiplicative, range, (e, i, k) => mask.Eval(e, i, k) * x.Eval(e, i, k), mask, x)
            : Node(Op(x, "*", mask, Multiplicative, Unary), Multiplicative, range, (e, i, k) => x.Eval(e, i, k) * mask.Eval(e, i, k), mask, x);
    }

    // ---- domain guards --------------------------------------------------------------------------------------------

    /// <summary>x itself if it is at least <paramref name="minimum"/> everywhere, else a positive expression made of it.</summary>
    private ExprNode Positive(ExprNode x, double minimum)
    {
        if (x.Range.Lo >= minimum)
        {
            return x;
        }

        ExprNode c = LeafConstant(_random.Next(2) == 0 ? "0.5" : "1");
        switch (_random.Next(5))
        {
            case 0:
                return Add(Kinked("abs", x, Math.Abs, r => r.Even(Math.Abs)), c);
            case 1:
                ExprNode square = Node(Wrap(x, Primary) + Space() + PowerOperator() + Space() + "2", Power, x.Range.Even(v => v * v), (e, i, k) => { double v = x.Eval(e, i, k); return v * v; }, x);
                return Add(square, c);
            case 2:
                return Add(Function("softplus", x, Reference.Softplus, r => r.Monotone(Reference.Softplus)), c);
            case 3:
                return Add(Function("sigmoid", x, Reference.Sigmoid, r => r.Monotone(Reference.Sigmoid)), c);
            default:
                return Function("cosh", Bounded(x, 6), Math.Cosh, r => r.Even(Math.Cosh));
        }
    }

    private ExprNode AboveMinusOne(ExprNode x)
    {
        if (x.Range.Lo > -0.75)
        {
            return x;
        }

        return _random.Next(3) switch
        {
            0 => Kinked("abs", x, Math.Abs, r => r.Even(Math.Abs)),
            1 => Function("sigmoid", x, Reference.Sigmoid, r => r.Monotone(Reference.Sigmoid)),
            _ => Multiply(LeafConstant("0.5"), Function("tanh", x, Math.Tanh, r => r.Monotone(Math.Tanh))),
        };
    }

    /// <summary>x itself if |x| ≤ <paramref name="limit"/> everywhere, else a bounded function of it.</summary>
    private ExprNode Bounded(ExprNode x, double limit)
    {
        if (x.Range.IsFinite && x.Range.Magnitude <= limit)
        {
            return x;
        }

        ExprNode scale = LeafConstant(limit >= 4 ? "2" : "0.5");
        return _random.Next(3) switch
        {
            0 => Multiply(scale, Function("tanh", x, Math.Tanh, r => r.Monotone(Math.Tanh))),
            1 => Multiply(scale, Function("sigmoid", x, Reference.Sigmoid, r => r.Monotone(Reference.Sigmoid))),
            _ => SoftSign(x),
        };
    }

    // x / (|x| + 1) lies in (-1, 1), which interval arithmetic on its parts cannot see.
    private ExprNode SoftSign(ExprNode x)
    {
        Used.Add("/");
        ExprNode denominator = Add(Kinked("abs", x, Math.Abs, r => r.Even(Math.Abs)), LeafConstant("1"));
        return Node(Op(x, "/", denominator, Multiplicative, Unary), Multiplicative, new Interval(-1, 1), (e, i, k) => x.Eval(e, i, k) / denominator.Eval(e, i, k), x);
    }

    private ExprNode Squash(ExprNode x) => x.Range.IsFinite && x.Range.Magnitude <= MaxMagnitude ? x : Bounded(x, 4);

    private static ExprNode LeafConstant(string literal)
    {
        double value = double.Parse(literal, CultureInfo.InvariantCulture);
        return Leaf(literal, new Interval(value, value), (_, _, _) => value);
    }

    // ---- masks -----------------------------------------------------------------------------------------------

    public ExprNode Mask(int depth)
    {
        if (_bindings.Count > 0 && _random.Next(4) == 0)
        {
            ExprNode b = _bindings[_random.Next(_bindings.Count)];
            if (b.IsMask)
            {
                return b;
            }
        }

        int choice = depth <= 1 ? 0 : _random.Next(8);
        switch (choice)
        {
            case 4:
                Used.Add("!");
                ExprNode m = Mask(depth - 1);
                return MaskNode("!" + Wrap(m, Unary), Unary, (e, i, k) => m.Eval(e, i, k) != 0 ? 0 : 1, m);
            case 5:
            case 6:
                bool and = choice == 5;
                Used.Add(and ? "&" : "|");
                ExprNode l = Mask(depth - 1), r = Mask(depth - 1);
                string op = and ? (_random.Next(3) == 0 ? "&&" : "&") : (_random.Next(3) == 0 ? "||" : "|");
                return and
                    ? MaskNode(Op(l, op, r, And, Comparison), And, (e, i, k) => { double a = l.Eval(e, i, k), b = r.Eval(e, i, k); return a != 0 && b != 0 ? 1 : 0; }, l, r)
                    : MaskNode(Op(l, op, r, Or, And), Or, (e, i, k) => { double a = l.Eval(e, i, k), b = r.Eval(e, i, k); return a != 0 || b != 0 ? 1 : 0; }, l, r);
            case 7:
            {
                // Equality tests on continuous values are almost never true; on signs they are a real branch.
                ExprNode x = Kinked("sign", Real(depth - 2), Reference.Sign, _ => new Interval(-1, 1));
                ExprNode y = Kinked("sign", Real(depth - 2), Reference.Sign, _ => new Interval(-1, 1));
                bool equal = _random.Next(2) == 0;
                Used.Add(equal ? "==" : "!=");
                return MaskNode(Op(x, equal ? "==" : "!=", y, Additive, Additive), Comparison, (e, i, k) =>
                {
                    double a = x.Eval(e, i, k), b = y.Eval(e, i, k);
                    return (a == b) == equal ? 1 : 0;
                }, x, y);
            }

            default:
            {
                ExprNode x = Real(depth - 1), y = Real(depth - 1);
                string[] ops = { "<", "<=", ">", ">=" };
                string op2 = ops[_random.Next(ops.Length)];
                Used.Add(op2);
                return MaskNode(Op(x, op2, y, Additive, Additive), Comparison, (e, i, k) =>
                {
                    double a = x.Eval(e, i, k), b = y.Eval(e, i, k);
                    k?.Add(a - b);
                    bool result = op2 switch { "<" => a < b, "<=" => a <= b, ">" => a > b, _ => a >= b };
                    return result ? 1 : 0;
                }, x, y);
            }
        }
    }

    private static ExprNode MaskNode(string text, int precedence, Evaluator eval, params ExprNode[] from) =>
        new(text, precedence, true, new Interval(0, 1), eval, from.Any(f => f.UsesP), from.Any(f => f.UsesT));
}

/// <summary>Reference implementations of the language's functions in double, accurate to a few ulps where it matters.</summary>
public static class Reference
{
    // Below 1e-3 the Taylor series to x^7 is exact to double precision; above, log(1 + x) loses at most
    // eps/|x| ≈ 2e-13 relative, far inside the tolerances of the differential tests.
    public static double Log1p(double x)
    {
        if (Math.Abs(x) < 1e-3)
        {
            double x2 = x * x;
            return x - (x2 / 2) + (x2 * x / 3) - (x2 * x2 / 4) + (x2 * x2 * x / 5) - (x2 * x2 * x2 / 6) + (x2 * x2 * x2 * x / 7);
        }

        return Math.Log(1 + x);
    }

    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 1e-3)
        {
            double x2 = x * x;
            return x + (x2 / 2) + (x2 * x / 6) + (x2 * x2 / 24) + (x2 * x2 * x / 120) + (x2 * x2 * x2 / 720) + (x2 * x2 * x2 * x / 5040);
        }

        return Math.Exp(x) - 1;
    }

    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    public static double LogSigmoid(double x) => Math.Min(x, 0) - Log1p(Math.Exp(-Math.Abs(x)));

    // log cosh x = log(1 + 2 sinh²(x/2)) keeps relative accuracy near 0, where it is x²/2; far out, |x| + log1p(e^(-2|x|)) - ln 2.
    public static double LogCosh(double x)
    {
        double a = Math.Abs(x);
        if (a < 1)
        {
            double s = Math.Sinh(a / 2);
            return Log1p(2 * s * s);
        }

        return a + Log1p(Math.Exp(-2 * a)) - Math.Log(2);
    }

    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;
}
