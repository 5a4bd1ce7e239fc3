using System;
using Xunit.Sdk;

namespace LossDsl.Generator.Tests.Infrastructure;

// Central finite differences of any reference, and the comparison of a computed gradient against them.
public static partial class ShapedReference
{
    /// <summary>
    /// Suggested norm-wise tolerance for a <b>double</b> kernel's gradient against <see cref="Gradient"/> of a double
    /// reference: the central difference has truncation error O(h²) ≈ 1e-12 and rounding error ≈ 2.2e-16·|f| / h
    /// ≈ 2e-10·|f|, so 1e-6 of the largest component holds while |f| / max|∂f| stays below ~1e3 (a mean over up to
    /// about a thousand samples). Larger ratios need a larger tolerance: <see cref="AssertGradientClose(ReadOnlySpan{double}, ReadOnlySpan{double}, double, string, double)"/>
    /// reports the rounding floor when it fails.
    /// </summary>
    public const double DoubleGradientTolerance = 1e-6;

    /// <summary>
    /// Suggested norm-wise tolerance for a <b>float</b> kernel's gradient against a double reference evaluated at the
    /// float-rounded inputs (<see cref="Reference.RoundToFloat"/>): float rounding is 6e-8 per operation, a row of
    /// C = 1000 adds a few hundred ulps at most with blocked sums, so 1e-4 leaves an order of magnitude of room while
    /// still catching a wrong term (which is O(1) relative).
    /// </summary>
    public const double FloatGradientTolerance = 1e-4;

    /// <summary>
    /// Central finite-difference gradient of <paramref name="f"/> at <paramref name="x"/>: for each i,
    /// (f(x + h_i e_i) − f(x − h_i e_i)) / (2 h_i) with h_i = h·max(1, |x_i|): a relative step, because the rounding
    /// error of f grows with the inputs (logits of ±1e4 give losses of ~1e4) and is divided by the step. The divisor is the difference of the two probe points as
    /// stored, not 2 h_i, which removes the error of rounding x_i ± h_i. <paramref name="x"/> is not modified;
    /// <paramref name="f"/> receives a scratch copy and must not keep it. Costs 2·x.Length evaluations of f.
    /// Only meaningful where f is smooth within ±h_i: keep inputs away from kinks (relu/max/min/clamp ties).
    /// </summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double h = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        if (!(h > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "The step must be positive.");
        }

        var probe = (double[])x.Clone();
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double step = h * Math.Max(1, Math.Abs(x[i]));
            double up = x[i] + step, down = x[i] - step;
            probe[i] = up;
            double fUp = f(probe);
            probe[i] = down;
            double fDown = f(probe);
            probe[i] = x[i];
            gradient[i] = (fUp - fDown) / (up - down);
        }

        return gradient;
    }

    /// <summary>
    /// Norm-wise relative error: max_i |actual_i − expected_i| / max_i |expected_i| (0 when both are all zero; +∞ when
    /// only the expected gradient is all zero). NaN in either position counts as agreement only when both are NaN.
    /// </summary>
    public static double GradientError(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"Lengths differ: expected {expected.Length}, actual {actual.Length}.", nameof(actual));
        }

        double scale = 0, worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]) && double.IsNaN(actual[i]))
            {
                continue;
            }

            double diff = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(diff))
            {
                return double.NaN;
            }

            worst = Math.Max(worst, diff);
        }

        return worst == 0 ? 0 : worst / scale;
    }

    /// <summary>
    /// Asserts |actual_i − expected_i| ≤ tolerance·max_j |expected_j| for every i (a norm-wise check: finite-difference
    /// error is absolute, about the same on every component, so small components are held to the same absolute error
    /// as the largest). On failure the message names the worst component and, when <paramref name="loss"/> is given,
    /// the finite-difference rounding floor 2.2e-16·|loss| / 1e-6 relative to the largest component, so a tolerance
    /// below the noise is recognisable as such.
    /// </summary>
    public static void AssertGradientClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what, double loss = double.NaN)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: gradient has {actual.Length} components; expected {expected.Length}.");
        }

        double scale = 0;
        foreach (double e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }

        double allowed = tolerance * scale;
        for (int i = 0; i < expected.Length; i++)
        {
            bool bothNaN = double.IsNaN(expected[i]) && double.IsNaN(actual[i]);
            if (!bothNaN && !(Math.Abs(actual[i] - expected[i]) <= allowed) && expected[i] != actual[i])
            {
                string floor = double.IsNaN(loss) || scale == 0 ? string.Empty : $"; finite-difference rounding floor ≈ {2.2e-16 * Math.Abs(loss) / 1e-6 / scale:E1} relative";
                throw new XunitException(
                    $"{what}: component {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R}; " +
                    $"norm-wise error {GradientError(expected, actual):E2} > tolerance {tolerance:E1} (max |expected| {scale:E2}){floor}");
            }
        }
    }

    /// <summary>Float overload of <see cref="AssertGradientClose(ReadOnlySpan{double}, ReadOnlySpan{double}, double, string, double)"/>.</summary>
    public static void AssertGradientClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what, double loss = double.NaN)
    {
        var widened = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        AssertGradientClose(expected, widened, tolerance, what, loss);
    }

    /// <summary>
    /// Central differences of <paramref name="f"/> at <paramref name="x"/> compared norm-wise with
    /// <paramref name="actual"/> (see <see cref="AssertGradientClose(ReadOnlySpan{double}, ReadOnlySpan{double}, double, string, double)"/>).
    /// </summary>
    public static void AssertMatchesFiniteDifference(Func<double[], double> f, double[] x, ReadOnlySpan<double> actual, double tolerance, string what, double h = 1e-6) =>
        AssertGradientClose(Gradient(f, x, h), actual, tolerance, what, f(x));
}
