using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using static LossDsl.Runtime.Tests.Infrastructure.ClassificationSuite;
using C = LossDsl.Losses.Classification;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(C.BinaryFocal))]
public class BinaryFocalTests
{
    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    // torchvision.ops.sigmoid_focal_loss: p = σ(x); ce = BCE-with-logits; p_t = p·t + (1 − p)·(1 − t);
    // loss = ce·(1 − p_t)^γ; if α ≥ 0: loss·(α·t + (1 − α)·(1 − t)).
    private static double Element(double x, double t, double alpha, double gamma)
    {
        double p = Sigmoid(x);
        double ce = t * Softplus(-x) + (1 - t) * Softplus(x);
        double pt = p * t + (1 - p) * (1 - t);
        double loss = ce * Math.Pow(1 - pt, gamma);
        return alpha >= 0 ? (alpha * t + (1 - alpha) * (1 - t)) * loss : loss;
    }

    private static VectorEntry Entry(double alpha, double gamma)
    {
        float a = (float)alpha, g = (float)gamma;
        return new(
            (x, t, r) => C.BinaryFocal(x, t, alpha, gamma, r), (x, t, dx, r) => C.BinaryFocal(x, t, dx, alpha, gamma, r),
            (x, t, r) => C.BinaryFocal(x, t, a, g, r), (x, t, dx, r) => C.BinaryFocal(x, t, dx, a, g, r),
            (x, t, l) => C.BinaryFocalUnreduced(x, t, l, alpha, gamma), (x, t, d, dx) => C.BinaryFocalUnreduced(x, t, d, dx, alpha, gamma),
            (x, t, l) => C.BinaryFocalUnreduced(x, t, l, a, g), (x, t, d, dx) => C.BinaryFocalUnreduced(x, t, d, dx, a, g));
    }

    [Theory]
    [InlineData(0.25, 2.0)]
    [InlineData(-1.0, 2.0)]
    [InlineData(0.75, 0.5)]
    [InlineData(0.5, 0.0)]
    public void Matches_torchvision_sigmoid_focal_loss(double alpha, double gamma)
    {
        // Options are rounded to float so that the float forms and the reference see the same values.
        double a = (float)alpha, g = (float)gamma;
        ElementwiseSuite.Run(Entry(a, g), (x, t) => Element(x, t, a, g),
            (n, seed) => (Check.Normal(n, seed, 3), Check.Classes(n, 2, seed + 1).Select(v => (double)v).ToArray()));
        ElementwiseSuite.Run(Entry(a, g), (x, t) => Element(x, t, a, g),
            (n, seed) => (Check.Normal(n, seed, 3), Check.Uniform(n, seed + 1, 0, 1)));
    }

    [Fact]
    public void Defaults_and_a_known_value()
    {
        double[] x = Check.Normal(9, 4, 2), t = Check.Classes(9, 2, 5).Select(v => (double)v).ToArray();
        Check.Close(x.Select((v, i) => Element(v, t[i], 0.25, 2)).Average(), C.BinaryFocal(x, t), 1e-14, "α = 0.25, γ = 2 by default");
        // x = 0: p_t = ½, ce = ln 2; t = 1: 0.25·¼·ln 2, t = 0: 0.75·¼·ln 2.
        Check.Close(0.25 * 0.25 * Math.Log(2) + 0.75 * 0.25 * Math.Log(2), C.BinaryFocal(new double[] { 0, 0 }, new double[] { 1, 0 }, reduction: Reduction.Sum), 1e-15, "x = 0");
    }

    [Fact]
    public void Extreme_logits_give_finite_values_and_gradients()
    {
        double[] x = Extreme(30, 9), t = Check.Classes(30, 2, 10).Select(v => (double)v).ToArray();
        Reduced("plain", x, xs => xs.Select((v, i) => Element(v, t[i], 0.25, 2)).Average(), xs => C.BinaryFocal(xs, t),
            (xs, dx) => C.BinaryFocal(xs, t, (Span<double>)dx), step: ExtremeStep);
        var dxf = new float[30];
        float lossF = C.BinaryFocal(Check.ToFloat(x), Check.ToFloat(t), (Span<float>)dxf);
        Finite("float loss", new[] { lossF });
        Finite("float dx", dxf);
        Check.Close(x.Select((v, i) => Element(v, t[i], 0.25, 2)).Average(), lossF, 1e-6, "float loss at ±1e4");
    }
}
