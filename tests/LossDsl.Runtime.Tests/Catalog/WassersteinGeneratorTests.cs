using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using G = LossDsl.Losses.Generative;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(G.WassersteinGenerator))]
public class WassersteinGeneratorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    public void Matches_seed_003_wgan_loss_generator(int n)
    {
        double[] fake = Check.Normal(n, n + 9, 5, -2);
        ScalarLossSuite.Run(
            (x, g) => g is null ? G.WassersteinGenerator(x[0]) : G.WassersteinGenerator(x[0], g[0]),
            (x, g) => g is null ? G.WassersteinGenerator(x[0]) : G.WassersteinGenerator(x[0], g[0]),
            x => -x[0].Average(), [fake], [0], $"n={n}");
    }

    [Fact]
    public void Gradient_is_minus_one_over_n_and_lengths_are_checked()
    {
        var d = new double[4];
        Assert.Equal(-2.5, G.WassersteinGenerator([1.0, 2, 3, 4], d));
        Assert.All(d, v => Assert.Equal(-0.25, v));
        var e = Assert.ThrowsAny<ArgumentException>(() => G.WassersteinGenerator(new double[3], new double[4]));
        Assert.Contains("'dfake'", e.Message);
    }
}
