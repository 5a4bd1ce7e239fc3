using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;
using static LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.ReferenceSelfTests;

/// <summary>The finite-difference helper and the gradient comparison, including that the comparison can fail.</summary>
public class FiniteDifferenceTests
{
    [Fact]
    public void Central_differences_of_a_polynomial_match_its_derivative()
    {
        // f = Σ x³ + x0·x1: ∂f/∂x_i = 3x_i² (+ x1 for i = 0, + x0 for i = 1).
        double[] x = { 0.3, -1.7, 4.2, -3, 0, 2.5 };
        static double F(double[] v) => v.Sum(t => t * t * t) + (v[0] * v[1]);
        double[] expected = x.Select(t => 3 * t * t).ToArray();
        expected[0] += x[1];
        expected[1] += x[0];
        double[] copy = (double[])x.Clone();
        double[] fd = ShapedReference.Gradient(F, x);
        Assert.Equal(copy, x);
        Assert.True(GradientError(expected, fd) < 1e-9, $"error {GradientError(expected, fd):E2}");
    }

    [Fact]
    public void The_relative_step_keeps_the_rounding_error_small_at_plus_minus_1e4()
    {
        // f = Σ softplus(x): ∂f/∂x = sigmoid(x) = (1, 0, σ(3)). f ≈ 1e4 carries a rounding error of about an ulp of 1e4
        // (1.8e-12); divided by an absolute step of 2e-6 that would be ~1e-6, divided by the relative step 2e-2 it is
        // ~1e-10.
        double[] x = { 1e4, -1e4, 3 };
        double[] fd = ShapedReference.Gradient(v => v.Sum(Softplus), x);
        Assert.True(Math.Abs(fd[0] - 1) < 1e-9, $"∂f/∂x0 = {fd[0]:R}");
        ShapedReference.AssertGradientClose(new[] { 1, 0, Sigmoid(3) }, fd, DoubleGradientTolerance, "softplus");
    }

    [Fact]
    public void The_comparison_fails_on_a_wrong_component_and_passes_within_tolerance()
    {
        double[] expected = { 1.0, -0.5, 0.25, 0 };
        ShapedReference.AssertGradientClose(expected, new[] { 1.0, -0.5, 0.25 + 5e-7, 1e-7 }, 1e-6, "close");
        ShapedReference.AssertGradientClose(expected, new[] { 1f, -0.5f, 0.25f, 0f }, FloatGradientTolerance, "float");
        var wrong = Assert.Throws<XunitException>(() => ShapedReference.AssertGradientClose(expected, new[] { 1.0, -0.5, 0.25, 1e-4 }, 1e-6, "wrong", loss: 2));
        Assert.Contains("component 3", wrong.Message);
        Assert.Contains("rounding floor", wrong.Message);
        Assert.Throws<XunitException>(() => ShapedReference.AssertGradientClose(expected, new[] { 1.0, -0.5 }, 1e-6, "short"));
        Assert.Throws<XunitException>(() => ShapedReference.AssertGradientClose(expected, new[] { 1.0, -0.5, double.NaN, 0 }, 1e-6, "NaN"));
    }

    [Fact]
    public void Finite_differences_catch_a_gradient_with_a_dropped_term()
    {
        // The smoothing term of the weighted label-smoothed CE removed from the analytic gradient: the check must fail.
        (double[] x, int[] y, double[] w) = CrossEntropyReferenceTests.RandomCase(2, 4, 3);
        double[] withoutSmoothing = CrossEntropyGradient(x, 4, 3, y, w, labelSmoothing: 0).Select(g => g * 0.8).ToArray();
        Assert.Throws<XunitException>(() => ShapedReference.AssertMatchesFiniteDifference(v => CrossEntropy(v, 4, 3, y, w, labelSmoothing: 0.2), x, withoutSmoothing, DoubleGradientTolerance, "dropped term"));
    }
}
