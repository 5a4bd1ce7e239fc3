using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using G = LossDsl.Losses.Generative;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(G.GanDiscriminator))]
public class GanDiscriminatorTests
{
    // binary_cross_entropy_with_logits(real, 1) + binary_cross_entropy_with_logits(fake, 0), from −log σ(x) and −log(1 − σ(x)).
    private static double Reference(double[] real, double[] fake) =>
        real.Average(r => -Math.Log(1 / (1 + Math.Exp(-r)))) + fake.Average(f => -Math.Log(1 - 1 / (1 + Math.Exp(-f))));

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(100)]
    public void Matches_seed_003_gan_loss_discriminator(int n)
    {
        double[] real = Check.Normal(n, n, 3), fake = Check.Normal(n, n + 1, 3);
        ScalarLossSuite.Run(
            (x, g) => g is null ? G.GanDiscriminator(x[0], x[1]) : G.GanDiscriminator(x[0], x[1], g[0], g[1]),
            (x, g) => g is null ? G.GanDiscriminator(x[0], x[1]) : G.GanDiscriminator(x[0], x[1], g[0], g[1]),
            x => Reference(x[0], x[1]), [real, fake], [0, 1], $"n={n}");
    }

    [Fact]
    public void Extreme_logits_give_a_finite_loss_and_gradient()
    {
        double[] real = [1e4, -1e4], fake = [-1e4, 1e4];
        double[] dr = new double[2], df = new double[2];
        // Confident and right: 0; confident and wrong: 10⁴ per term; means over 2.
        Check.Close(1e4, G.GanDiscriminator(real, fake, dr, df), 1e-15, "loss");
        Assert.Equal([0, -0.5], dr);
        Assert.Equal([0, 0.5], df);
        float[] drf = new float[2], dff = new float[2];
        Assert.Equal(1e4f, G.GanDiscriminator(Check.ToFloat(real), Check.ToFloat(fake), drf, dff));
        Assert.Equal([0f, -0.5f], drf);
    }

    [Fact]
    public void Batches_of_different_lengths_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => G.GanDiscriminator(new double[4], new double[3]));
        Assert.Contains("'fake'", e.Message);
    }
}
