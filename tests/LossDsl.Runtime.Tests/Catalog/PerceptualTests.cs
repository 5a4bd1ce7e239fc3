using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using G = LossDsl.Losses.Generative;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(G.Perceptual))]
public class PerceptualTests
{
    // Seed 003: Σ over layers of mse_loss(pred_features, target_features), divided by the number of layers.
    private static double Reference(double[] pred, double[] target, int[] sizes)
    {
        double total = 0;
        int start = 0;
        foreach (int size in sizes)
        {
            double sum = 0;
            for (int k = start; k < start + size; k++)
            {
                sum += (pred[k] - target[k]) * (pred[k] - target[k]);
            }

            total += sum / size;
            start += size;
        }

        return total / sizes.Length;
    }

    [Theory]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { 64, 32, 16 })]
    [InlineData(new[] { 1, 100, 7, 33 })]
    public void Matches_seed_003_PerceptualLoss_on_given_features(int[] sizes)
    {
        int n = sizes.Sum();
        double[] pred = Check.Normal(n, n, 2), target = Check.Normal(n, n + 1, 2);
        ScalarLossSuite.Run(
            (x, g) => g is null ? G.Perceptual(x[0], x[1], sizes) : G.Perceptual(x[0], x[1], sizes, g[0]),
            (x, g) => g is null ? G.Perceptual(x[0], x[1], sizes) : G.Perceptual(x[0], x[1], sizes, g[0]),
            x => Reference(x[0], x[1], sizes), [pred, target], [0], $"layers {string.Join(",", sizes)}");
    }

    [Fact]
    public void Layers_weigh_equally_whatever_their_size()
    {
        // Layer 1: 4 values off by 1 (MSE 1); layer 2: 1 value off by 3 (MSE 9): (1 + 9) / 2.
        double[] pred = [1, 1, 1, 1, 3], target = new double[5];
        Assert.Equal(5, G.Perceptual(pred, target, [4, 1]));
        Assert.True(double.IsNaN(G.Perceptual(pred, target, [5, 0])));
    }

    [Fact]
    public void Bad_layouts_are_refused()
    {
        Assert.Equal("layer_sizes", Assert.Throws<ArgumentException>(() => G.Perceptual(new double[5], new double[5], [2, 2])).ParamName);
        Assert.Equal("layer_sizes", Assert.Throws<ArgumentException>(() => G.Perceptual(new double[5], new double[5], [6, -1])).ParamName);
        Assert.Equal("layer_sizes", Assert.Throws<ArgumentException>(() => G.Perceptual(new float[0], new float[0], [])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => G.Perceptual(new double[5], new double[4], [5])).ParamName);
        Assert.Equal("dpred", Assert.Throws<ArgumentException>(() => G.Perceptual(new float[5], new float[5], [5], new float[4])).ParamName);
    }
}
