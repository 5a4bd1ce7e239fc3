using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using G = LossDsl.Losses.Generative;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(G.WassersteinDiscriminator))]
public class WassersteinDiscriminatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100)]
    public void Matches_seed_003_wgan_loss_discriminator(int n)
    {
        double[] real = Check.Normal(n, n, 5, 1), fake = Check.Normal(n, n + 1, 5);
        ScalarLossSuite.Run(
            (x, g) => g is null ? G.WassersteinDiscriminator(x[0], x[1]) : G.WassersteinDiscriminator(x[0], x[1], g[0], g[1]),
            (x, g) => g is null ? G.WassersteinDiscriminator(x[0], x[1]) : G.WassersteinDiscriminator(x[0], x[1], g[0], g[1]),
            x => -(x[0].Average() - x[1].Average()), [real, fake], [0, 1], $"n={n}");
    }

    [Fact]
    public void Batches_of_different_lengths_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => G.WassersteinDiscriminator(new float[2], new float[5]));
        Assert.Contains("'fake'", e.Message);
    }
}
