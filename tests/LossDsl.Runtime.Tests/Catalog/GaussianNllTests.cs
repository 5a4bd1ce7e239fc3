using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using R = LossDsl.Losses.Regression;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(R.GaussianNll))]
public class GaussianNllTests
{
    // PyTorch's gaussian_nll_loss: 0.5·(log v + (p − t)²/v) with v = max(var, eps), + 0.5·log(2π) with full.
    private static double Element(double p, double t, double var, bool full, double eps)
    {
        double v = Math.Max(var, eps);
        return 0.5 * (Math.Log(v) + (p - t) * (p - t) / v) + (full ? 0.5 * Math.Log(2 * Math.PI) : 0);
    }

    // PyTorch clamps var under no_grad: near a given var₀ the loss it differentiates is the unclamped element at
    // v + (max(var₀, eps) − var₀) (evaluated with no further clamp: eps = 0 below), so below eps the gradient is that of the unclamped formula at eps.
    private static double[] NoGradClamp(double[] vs, double[] var0, double eps) =>
        vs.Select((v, i) => v + (Math.Max(var0[i], eps) - var0[i])).ToArray();

    private static double[] PerElement(double[] p, double[] t, double[] var, bool full, double eps) =>
        p.Select((x, i) => Element(x, t[i], var[i], full, eps)).ToArray();

    [Theory]
    [InlineData(false, 1e-6)]
    [InlineData(true, 1e-6)]
    [InlineData(false, 0.5)]
    public void Matches_gaussian_nll_loss(bool full, double eps)
    {
        foreach (int n in new[] { 1, 3, 8, 17, 33, 100 })
        {
            double[] p = Check.Normal(n, n, 3), t = Check.Normal(n, n + 1), var = Check.Uniform(n, n + 2, 0.05, 3);
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.BatchMean })
            {
                string at = $"n={n}, {reduction}";
                double Loss(double[] ps, double[] vs) => Check.Reduce(PerElement(ps, t, vs, full, eps), reduction, n);
                Check.Close(Loss(p, var), R.GaussianNll(p, t, var, full, eps, reduction), 1e-12, $"loss ({at})");
                double[] dp = new double[n], dvar = new double[n];
                Check.Close(Loss(p, var), R.GaussianNll(p, t, var, dp, dvar, full, eps, reduction), 1e-12, $"loss with gradient ({at})");
                Check.Close(Check.FiniteDifferences(ps => Loss(ps, var), p), dp, 1e-6, $"dp ({at})");
                Check.Close(Check.FiniteDifferences(vs => Check.Reduce(PerElement(p, t, NoGradClamp(vs, var, eps), full, 0), reduction, n), var), dvar, 1e-6, $"dvar ({at})");

                float[] pf = Check.ToFloat(p), tf = Check.ToFloat(t), vf = Check.ToFloat(var);
                double[] pr = Check.ToDouble(pf), tr = Check.ToDouble(tf), vr = Check.ToDouble(vf);
                double LossF(double[] ps, double[] vs) => Check.Reduce(ps.Select((x, i) => Element(x, tr[i], vs[i], full, eps)).ToArray(), reduction, n);
                Check.Close(LossF(pr, vr), R.GaussianNll(pf, tf, vf, full, (float)eps, reduction), 2e-5, $"float loss ({at})");
                float[] dpf = new float[n], dvf = new float[n];
                Check.Close(LossF(pr, vr), R.GaussianNll(pf, tf, vf, dpf, dvf, full, (float)eps, reduction), 2e-5, $"float loss with gradient ({at})");
                Check.Close(Check.FiniteDifferences(ps => LossF(ps, vr), pr), dpf, 2e-5, $"float dp ({at})");
                Check.Close(Check.FiniteDifferences(vs => Check.Reduce(PerElement(pr, tr, NoGradClamp(vs, vr, eps), full, 0), reduction, n), vr), dvf, 2e-5, $"float dvar ({at})");
            }

            var loss = new double[n];
            R.GaussianNllUnreduced(p, t, var, loss, full, eps);
            Check.Close(PerElement(p, t, var, full, eps), loss, 1e-12, $"unreduced (n={n})");
            double[] upstream = Check.Normal(n, n + 99), vjp = new double[n], vjpVar = new double[n];
            R.GaussianNllUnreduced(p, t, var, upstream, vjp, vjpVar, full, eps);
            double Weighted(double[] ps, double[] vs) => PerElement(ps, t, vs, full, eps).Select((l, i) => l * upstream[i]).Sum();
            Check.Close(Check.FiniteDifferences(ps => Weighted(ps, var), p), vjp, 1e-6, $"vjp p (n={n})");
            Check.Close(Check.FiniteDifferences(vs => PerElement(p, t, NoGradClamp(vs, var, eps), full, 0).Select((l, i) => l * upstream[i]).Sum(), var), vjpVar, 1e-6, $"vjp var (n={n})");

            float[] lossF = new float[n], vjpF = new float[n], vjpVarF = new float[n];
            float[] pf2 = Check.ToFloat(p), tf2 = Check.ToFloat(t), vf2 = Check.ToFloat(var);
            R.GaussianNllUnreduced(pf2, tf2, vf2, lossF, full, (float)eps);
            Check.Close(PerElement(Check.ToDouble(pf2), Check.ToDouble(tf2), Check.ToDouble(vf2), full, eps), lossF, 2e-5, $"float unreduced (n={n})");
            R.GaussianNllUnreduced(pf2, tf2, vf2, Check.ToFloat(upstream), vjpF, vjpVarF, full, (float)eps);
            Check.Close(vjp, vjpF, 2e-3, $"float vjp p (n={n})");
            Check.Close(vjpVar, vjpVarF, 2e-3, $"float vjp var (n={n})");
        }
    }

    // PyTorch clamps var under no_grad, so below eps its var gradient is the unclamped formula at eps, not 0.
    [Fact]
    public void Variance_below_eps_is_clamped_and_its_gradient_flows_as_in_pytorch()
    {
        const double eps = 0.5;
        double[] p = [1, 1, 1], t = [0, 0, 0], var = [0.1, 0.5, 2], dp = new double[3], dvar = new double[3];
        double loss = R.GaussianNll(p, t, var, dp, dvar, eps: eps, reduction: Reduction.Sum);
        Check.Close(2 * Element(1, 0, 0.5, false, eps) + Element(1, 0, 2, false, eps), loss, 1e-15, "loss");
        Check.Close([1 / eps, 1 / eps, 1 / 2.0], dp, 1e-15, "dp");
        double pytorchAtEps = 0.5 * (1 / eps - 1 / (eps * eps));
        Check.Close([pytorchAtEps, pytorchAtEps, 0.5 * (1 / 2.0 - 1 / 4.0)], dvar, 1e-15, "dvar");
    }

    [Fact]
    public void Zero_variance_uses_eps_and_full_adds_the_constant()
    {
        double[] p = [0.001], t = [0], var = [0];
        Check.Close(0.5 * (Math.Log(1e-6) + 1e-6 / 1e-6), R.GaussianNll(p, t, var), 1e-12, "var 0");
        Check.Close(0.5 * Math.Log(2 * Math.PI), R.GaussianNll([2.0], [2.0], [1.0], full: true), 1e-15, "full");
    }

    [Fact]
    public void Negative_variance_and_bad_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => R.GaussianNll(new double[3], new double[3], [1, -0.5, 1]));
        Assert.Equal("var", e.ParamName);
        Assert.Contains("var[1]", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => R.GaussianNllUnreduced(new float[2], new float[2], [-1f, 1f], new float[2]));
        Assert.Equal("var", e.ParamName);
        var l = Assert.ThrowsAny<ArgumentException>(() => R.GaussianNll(new double[3], new double[3], new double[2], new double[3], new double[3]));
        Assert.Contains("'var'", l.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => R.GaussianNll(new double[3], new double[3], new double[3], reduction: (Reduction)3));
    }

    [Fact]
    public void Does_not_allocate()
    {
        double[] p = Check.Normal(1000, 1), t = Check.Normal(1000, 2), var = Check.Uniform(1000, 3, 0.1, 2), dp = new double[1000], dvar = new double[1000];
        for (int k = 0; k < 50; k++)
        {
            R.GaussianNll(p, t, var, dp, dvar);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        R.GaussianNll(p, t, var, dp, dvar);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
