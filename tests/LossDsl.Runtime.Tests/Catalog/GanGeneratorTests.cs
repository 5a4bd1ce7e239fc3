using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using G = LossDsl.Losses.Generative;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(G.GanGenerator))]
public class GanGeneratorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(64)]
    public void Matches_seed_003_gan_loss_generator(int n)
    {
        double[] fake = Check.Normal(n, n + 3, 3);
        ScalarLossSuite.Run(
            (x, g) => g is null ? G.GanGenerator(x[0]) : G.GanGenerator(x[0], g[0]),
            (x, g) => g is null ? G.GanGenerator(x[0]) : G.GanGenerator(x[0], g[0]),
            x => x[0].Average(f => -Math.Log(1 / (1 + Math.Exp(-f)))), [fake], [0], $"n={n}");
    }

    [Fact]
    public void Extreme_logits_give_a_finite_loss_and_gradient()
    {
        var d = new float[2];
        Assert.Equal(5e3f, G.GanGenerator([1e4f, -1e4f], d));
        Assert.Equal([0f, -0.5f], d);
        Assert.Equal(0, G.GanGenerator([1e4]));
    }

    [Fact]
    public void Empty_batch_is_NaN_as_a_mean()
    {
        Assert.True(double.IsNaN(G.GanGenerator(ReadOnlySpan<double>.Empty)));
        var e = Assert.ThrowsAny<ArgumentException>(() => G.GanGenerator(new double[3], new double[2]));
        Assert.Contains("'dfake'", e.Message);
    }
}
