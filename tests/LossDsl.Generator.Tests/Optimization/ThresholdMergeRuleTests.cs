using System.Collections.Generic;
using System.Threading;
using LossDsl.Generator.IR;
using LossDsl.Generator.Optimization;
using Xunit;

namespace LossDsl.Generator.Tests.Optimization;

/// <summary>The ThresholdMerge rule on IR built by hand: when it fires, what it builds, and every case it must refuse.</summary>
public class ThresholdMergeRuleTests
{
    private readonly ExprFactory _f = new();
    private readonly Expr _e;
    private readonly Expr _u;
    private readonly Expr _delta;
    private readonly Expr _half;

    public ThresholdMergeRuleTests()
    {
        _e = _f.Subtract(_f.Input("p", ValueKind.Real, Shape.Samples), _f.Input("t", ValueKind.Real, Shape.Samples));
        _u = _f.Make(Op.Abs, _e);
        _delta = _f.Option("delta", ValueKind.Real);
        _half = _f.Constant(0.5);
    }

    private Expr Square(Expr x) => _f.Make(Op.Power, x, _f.Constant(2));

    // ½e² and δ(|e| − ½δ): Huber's branches.
    private Expr Quadratic => _f.Multiply(_half, Square(_e));

    private Expr Linear(Expr a) => _f.Multiply(a, _f.Subtract(_u, _f.Multiply(_half, a)));

    private (Expr Result, ISet<string> Used) Apply(Expr root, params string[] assumed)
    {
        var used = new HashSet<string>();
        return (ThresholdMerge.Apply(_f, root, assumed, used, CancellationToken.None), used);
    }

    [Theory]
    [InlineData("LessEqual", false)]
    [InlineData("Less", false)]
    [InlineData("Greater", true)]
    [InlineData("GreaterEqual", true)]
    public void Huber_loss_becomes_one_branch_at_min_of_the_threshold_and_abs(string comparison, bool swapped)
    {
        Expr mask = _f.Make(System.Enum.Parse<Op>(comparison), _u, _delta);
        Expr where = swapped ? _f.Make(Op.Where, mask, Linear(_delta), Quadratic) : _f.Make(Op.Where, mask, Quadratic, Linear(_delta));

        (Expr result, ISet<string> used) = Apply(where, "delta");

        Expr c = _f.Make(Op.Min, _delta, _u);
        Assert.Same(Linear(c), result);
        Assert.Equal(new[] { "delta" }, used);
    }

    [Fact]
    public void Threshold_on_the_left_of_the_comparison_is_mirrored()
    {
        Expr where = _f.Make(Op.Where, _f.Make(Op.GreaterEqual, _delta, _u), Quadratic, Linear(_delta));
        Assert.Same(Linear(_f.Make(Op.Min, _delta, _u)), Apply(where, "delta").Result);
    }

    [Fact]
    public void Huber_gradient_becomes_a_clamp_times_the_invariant_factor()
    {
        // where(|e| ≤ δ, e/N, (δ/N)·sign(e)), as reverse mode derives it from mean(...).
        Expr inv = _f.Divide(_f.Constant(1), _f.Length());
        Expr gradient = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, _delta), _f.Multiply(inv, _e),
            _f.Multiply(_f.Multiply(_delta, inv), _f.Make(Op.Sign, _e)));

        (Expr result, ISet<string> used) = Apply(gradient, "delta");

        Assert.Same(_f.Multiply(inv, _f.Make(Op.Clamp, _e, _f.Negate(_delta), _delta)), result);
        Assert.Contains("delta", used);
    }

    [Fact]
    public void Nothing_changes_without_the_assumption_on_an_option()
    {
        Expr where = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, _delta), Quadratic, Linear(_delta));
        (Expr result, ISet<string> used) = Apply(where);
        Assert.Same(where, result);
        Assert.Empty(used);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(2.5)]
    public void A_constant_threshold_is_not_merged(double threshold)
    {
        // The factory folds it into the branches (½·a becomes one number), so it cannot be replaced by min(a, |x|).
        Expr a = _f.Constant(threshold);
        Expr where = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, a), Quadratic, Linear(a));
        (Expr result, ISet<string> used) = Apply(where);
        Assert.Same(where, result);
        Assert.Empty(used);
    }

    [Fact]
    public void Branches_that_do_not_meet_at_the_threshold_are_left_alone()
    {
        // δ·|e| at δ = |e| is e², not ½e².
        Expr where = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, _delta), Quadratic, _f.Multiply(_delta, _u));
        Assert.Same(where, Apply(where, "delta").Result);
    }

    [Fact]
    public void SmoothL1_is_left_alone_because_its_identity_is_not_exact()
    {
        // where(|e| < β, ½e²/β, |e| − ½β): Q at β = |e| is ½|e|, not ½e²/β.
        Expr beta = _f.Option("beta", ValueKind.Real);
        Expr where = _f.Make(Op.Where, _f.Make(Op.Less, _u, beta), _f.Divide(Quadratic, beta), _f.Subtract(_u, _f.Multiply(_half, beta)));
        Assert.Same(where, Apply(where, "beta").Result);
    }

    [Fact]
    public void An_outside_branch_without_x_is_left_alone_because_it_would_turn_a_NaN_x_from_finite_to_NaN()
    {
        // where(|e| ≤ δ, ½e², ½δ²): a capped square. Q at δ = |e| is ½e², but at e = NaN the where gives ½δ².
        Expr where = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, _delta), Quadratic, _f.Multiply(_half, Square(_delta)));
        Assert.Same(where, Apply(where, "delta").Result);
    }

    [Fact]
    public void A_branch_that_is_not_arithmetic_is_left_alone()
    {
        Expr where = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, _delta), _f.Make(Op.Exp, _u), _f.Make(Op.Exp, _delta));
        Assert.Same(where, Apply(where, "delta").Result);
    }

    [Fact]
    public void A_varying_threshold_is_left_alone()
    {
        Expr w = _f.Input("w", ValueKind.Real, Shape.Samples);
        Expr where = _f.Make(Op.Where, _f.Make(Op.LessEqual, _u, w), Quadratic, Linear(w));
        Assert.Same(where, Apply(where, "w").Result);
    }

    [Fact]
    public void The_clamp_needs_the_assumption_too()
    {
        Expr product = _f.Multiply(_f.Make(Op.Sign, _e), _f.Make(Op.Min, _delta, _u));
        Assert.Same(product, Apply(product).Result);
        Assert.Same(_f.Make(Op.Clamp, _e, _f.Negate(_delta), _delta), Apply(product, "delta").Result);
    }

    [Fact]
    public void Polynomials_see_x_as_sign_times_abs()
    {
        Expr x = _e;
        Expr s = _f.Make(Op.Sign, x);
        // |x|·sign(x) is x; |x|·|x| is x²; sign(x)² alone is not 1 (it is 0 at x = 0).
        Assert.True(Poly(_f.Multiply(_u, s)).Equals(Poly(x)));
        Assert.True(Poly(_f.Multiply(_u, _u)).Equals(Poly(Square(x))));
        Assert.False(Poly(_f.Multiply(s, s)).Equals(Poly(_f.Constant(1))));
        Assert.Null(ThresholdMerge.Polynomial.Of(_f.Make(Op.Exp, x), x, _delta, substitute: false));
        // Coefficients that double cannot hold exactly make a polynomial equal to nothing: (1e16 + 1)·x − 1e16·x is x,
        // but 1e16 + 1 rounds to 1e16, which would make it look like 0.
        Expr big = _f.Subtract(_f.Multiply(_f.Add(_f.Multiply(_f.Constant(1e16), _u), _u), s), _f.Multiply(_f.Constant(1e16), x));
        Assert.False(Poly(big).Equals(Poly(_f.Constant(0))));
        Assert.False(Poly(big).Equals(Poly(x)));
        Assert.True(Poly(_f.Subtract(_f.Multiply(_f.Add(_f.Multiply(_f.Constant(3), _u), _u), s), _f.Multiply(_f.Constant(3), x))).Equals(Poly(x)));
    }

    private ThresholdMerge.Polynomial Poly(Expr e) => ThresholdMerge.Polynomial.Of(e, _e, _delta, substitute: false)!;
}
