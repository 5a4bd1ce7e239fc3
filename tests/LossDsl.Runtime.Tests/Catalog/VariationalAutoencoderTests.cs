using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using G = LossDsl.Losses.Generative;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(G.VariationalAutoencoder))]
public class VariationalAutoencoderTests
{
    // binary_cross_entropy(recon, x, reduction='sum') with PyTorch's log clamp at −100, plus β times the Gaussian KL.
    private static double Reference(double[] r, double[] x, double[] mu, double[] logvar, double beta) =>
        -r.Select((ri, i) => x[i] * Math.Max(Math.Log(ri), -100) + (1 - x[i]) * Math.Max(Math.Log(1 - ri), -100)).Sum()
        + beta * -0.5 * mu.Select((m, i) => 1 + logvar[i] - m * m - Math.Exp(logvar[i])).Sum();

    [Theory]
    [InlineData(12, 5, 1.0)]
    [InlineData(1, 1, 1.0)]
    [InlineData(100, 20, 4.0)]
    [InlineData(7, 30, 0.5)]
    public void Matches_seed_003_vae_loss(int d, int k, double beta)
    {
        double[] r = Check.Uniform(d, d, 0.02, 0.98), x = Check.Uniform(d, d + 1, 0, 1);
        double[] mu = Check.Normal(k, k, 1), logvar = Check.Normal(k, k + 1, 0.7);
        ScalarLossSuite.Run(
            (a, g) => g is null ? G.VariationalAutoencoder(a[0], a[1], a[2], a[3], beta) : G.VariationalAutoencoder(a[0], a[1], a[2], a[3], g[0], g[1], g[2], beta),
            (a, g) => g is null ? G.VariationalAutoencoder(a[0], a[1], a[2], a[3], (float)beta) : G.VariationalAutoencoder(a[0], a[1], a[2], a[3], g[0], g[1], g[2], (float)beta),
            a => Reference(a[0], a[1], a[2], a[3], beta), [r, x, mu, logvar], [0, 2, 3], $"D={d}, K={k}, β={beta}", floatTolerance: 5e-5);
    }

    [Fact]
    public void Logs_are_clamped_at_minus_100_as_PyTorch()
    {
        // r = 0 with x = 1 and r = 1 with x = 0 cost 100 each; r = 0 with x = 0 costs nothing. KL of N(0, 1) is 0.
        double[] r = [0, 1, 0], x = [1, 0, 0];
        double[] dr = new double[3], dmu = new double[1], dlv = new double[1];
        double loss = G.VariationalAutoencoder(r, x, [0.0], [0.0], dr, dmu, dlv);
        Assert.Equal(200, loss);
        Assert.All(dr.Concat(dmu).Concat(dlv), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(200f, G.VariationalAutoencoder([0f, 1, 0], [1f, 0, 0], [0f], [0f]));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => G.VariationalAutoencoder([0.5, 1.5], [0.0, 1], [0.0], [0.0]));
        Assert.Equal("recon_x", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => G.VariationalAutoencoder([float.NaN], [0f], [0f], [0f]));
        Assert.Equal("recon_x", e.ParamName);
        var e2 = Assert.ThrowsAny<ArgumentException>(() => G.VariationalAutoencoder([0.5, 0.5], [0.0], [0.0], [0.0]));
        Assert.Contains("'x'", e2.Message);
        e2 = Assert.ThrowsAny<ArgumentException>(() => G.VariationalAutoencoder([0.5], [0.0], [0.0, 1], [0.0]));
        Assert.Contains("'logvar'", e2.Message);
    }
}
