using System;
using System.Collections.Generic;
using System.Linq;

namespace LossDsl.Generator.Tests;

/// <summary>
/// A loss formula and its independent reference: the per-element closed form (for mean/sum of an elementwise term)
/// or the whole loss (for formulas with reductions inside), written from the definition in double.
/// </summary>
public sealed record LossCase(
    string Name,
    string Formula,
    (double Lo, double Hi) P,
    (double Lo, double Hi) T,
    Func<double, double, double>? Element = null,
    bool IsSum = false,
    Func<double[], double[], double>? Total = null,
    Func<double, double, bool>? Valid = null)
{
    public override string ToString() => Name;

    public double Loss(double[] p, double[] t)
    {
        if (Total != null)
        {
            return Total(p, t);
        }

        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += Element!(p[i], t[i]);
        }

        return IsSum ? sum : sum / p.Length;
    }
}

public static class ReducedLossCases
{
    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double LogCosh(double x) => Math.Log(Math.Cosh(x));

    private static bool AwayFrom(double x, double kink) => Math.Abs(x - kink) > 1e-3;

    public static IReadOnlyList<LossCase> All { get; } = new LossCase[]
    {
        new("SquaredError", "mean((p - t)^2)", (-3, 3), (-3, 3), (p, t) => (p - t) * (p - t)),
        new("AbsoluteError", "mean(abs(p - t))", (-3, 3), (-3, 3), (p, t) => Math.Abs(p - t), Valid: (p, t) => AwayFrom(p, t)),
        new("Huber", "e = p - t; mean(where(abs(e) <= 1.0, 0.5 * e^2, 1.0 * (abs(e) - 0.5)))", (-3, 3), (-3, 3),
            (p, t) => Math.Abs(p - t) <= 1 ? 0.5 * (p - t) * (p - t) : Math.Abs(p - t) - 0.5, Valid: (p, t) => AwayFrom(Math.Abs(p - t), 1) && AwayFrom(p, t)),
        new("BinaryCrossEntropy", "mean(-(t * log(p) + (1 - t) * log(1 - p)))", (0.02, 0.98), (0, 1),
            (p, t) => -((t * Math.Log(p)) + ((1 - t) * Math.Log(1 - p)))),
        new("BceWithLogits", "mean(max(p, 0) - p * t + log1p(exp(-abs(p))))", (-8, 8), (0, 1),
            (p, t) => Softplus(p) - (p * t), Valid: (p, t) => AwayFrom(p, 0)),
        new("SoftplusForm", "mean(softplus(p) - p * t)", (-30, 30), (0, 1), (p, t) => Softplus(p) - (p * t)),
        new("LogOfSigmoid", "mean(log(sigmoid(p)) * t + log(1 - sigmoid(p)) * (1 - t))", (-20, 20), (0, 1),
            (p, t) => (-Softplus(-p) * t) + (-Softplus(p) * (1 - t))),
        new("TanhLogCosh", "mean(tanh(p) * t + log_cosh(p - t))", (-4, 4), (-4, 4), (p, t) => (Math.Tanh(p) * t) + LogCosh(p - t)),
        new("LogOfCosh", "mean(log(cosh(p - t)))", (-30, 30), (-30, 30), (p, t) => Math.Abs(p - t) > 20 ? Math.Abs(p - t) - Math.Log(2) : LogCosh(p - t)),
        new("Expm1Log1p", "mean(expm1(p) * log1p(t))", (-2, 2), (-0.9, 3), (p, t) => (Math.Exp(p) - 1) * Math.Log(1 + t)),
        new("SmallArguments", "mean(expm1(p * 1e-4) * 1e4 + log1p(t * 1e-4) * 1e4)", (-1, 1), (-1, 1),
            (p, t) => (Expm1Exact(p * 1e-4) * 1e4) + (Log1pExact(t * 1e-4) * 1e4)),
        new("SquareRoot", "mean(sqrt(p^2 + t^2 + 1))", (-3, 3), (-3, 3), (p, t) => Math.Sqrt((p * p) + (t * t) + 1)),
        new("Piecewise", "mean(relu(p - t) + min(p, t) * max(p, 2 * t) + clamp(p, -0.5, 0.5) * sign(t))", (-2, 2), (-2, 2),
            (p, t) => Math.Max(p - t, 0) + (Math.Min(p, t) * Math.Max(p, 2 * t)) + (Math.Clamp(p, -0.5, 0.5) * Math.Sign(t)),
            Valid: (p, t) => AwayFrom(p, t) && AwayFrom(p, 2 * t) && AwayFrom(Math.Abs(p), 0.5) && AwayFrom(t, 0)),
        new("RealPower", "mean(pow(abs(p) + 0.1, t))", (-2, 2), (-2, 2), (p, t) => Math.Pow(Math.Abs(p) + 0.1, t), Valid: (p, t) => AwayFrom(p, 0)),
        new("IntegerPowers", "mean(p^3 - 2 / t + t^-2 + p^0.5 * 0 + 1 / p^4)", (0.5, 2), (0.5, 2), (p, t) => (p * p * p) - (2 / t) + (1 / (t * t)) + (1 / (p * p * p * p))),
        new("Masks", "mean(where((p > 0) & (t < 0.5) | (p < -1), p * t, -p))", (-2, 2), (-1, 1),
            (p, t) => (p > 0 && t < 0.5) || p < -1 ? p * t : -p, Valid: (p, t) => AwayFrom(p, 0) && AwayFrom(t, 0.5) && AwayFrom(p, -1)),
        new("MaskAsNumber", "mean((p > t) * p + !(p > t) * t)", (-2, 2), (-2, 2), (p, t) => p > t ? p : t, Valid: (p, t) => AwayFrom(p, t)),
        new("HalfSumOfSquares", "0.5 * sum((p - t)^2)", (-3, 3), (-3, 3), (p, t) => 0.5 * (p - t) * (p - t), IsSum: true),
        new("GaussianAndCosh", "mean(exp(-(p - t)^2) * cosh(t / 4))", (-3, 3), (-3, 3), (p, t) => Math.Exp(-(p - t) * (p - t)) * Math.Cosh(t / 4)),
        new("SigmoidForms", "mean(sigmoid(p) * t - log_sigmoid(-p) * 0.5 + 1 / (1 + exp(-t)))", (-30, 30), (-5, 5),
            (p, t) => (Sigmoid(p) * t) + (0.5 * Softplus(p)) + Sigmoid(t)),
        new("ConstantBase", "mean(pow(2, p) * t + pi)", (-3, 3), (-3, 3), (p, t) => (Math.Pow(2, p) * t) + Math.PI),
        new("NegativeBase", "mean(pow(p, 3.0) + pow(t - 3, 2))", (-2, 2), (-2, 2), (p, t) => (p * p * p) + ((t - 3) * (t - 3))),
        new("RatioOfSums", "sum((p - t)^2) / sum(t^2 + 1)", (-3, 3), (-3, 3),
            Total: (p, t) => p.Zip(t, (a, b) => (a - b) * (a - b)).Sum() / t.Sum(b => (b * b) + 1)),
        new("VarianceAndMeans", "mean((p - mean(p))^2) + mean(t) * mean(p)", (-3, 3), (-3, 3),
            Total: (p, t) =>
            {
                double mp = p.Sum() / p.Length;
                return (p.Sum(a => (a - mp) * (a - mp)) / p.Length) + (t.Sum() / t.Length * mp);
            }),
    };

    // Series where the naive forms lose digits, so the reference itself is accurate for tiny arguments.
    private static double Expm1Exact(double x) => Math.Abs(x) < 1e-3 ? x + (x * x / 2) + (x * x * x / 6) + (x * x * x * x / 24) : Math.Exp(x) - 1;

    private static double Log1pExact(double x) => Math.Abs(x) < 1e-3 ? x - (x * x / 2) + (x * x * x / 3) - (x * x * x * x / 4) : Math.Log(1 + x);
}
