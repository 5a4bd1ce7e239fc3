using System;
using System.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using RL = LossDsl.Losses.ReinforcementLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(RL.PolicyGradient))]
public class PolicyGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(128)]
    public void Matches_REINFORCE(int n)
    {
        double[] logp = Check.Uniform(n, n, -5, 0), adv = Check.Normal(n, n + 1, 2);
        ScalarLossSuite.Run(
            (x, g) => g is null ? RL.PolicyGradient(x[0], x[1]) : RL.PolicyGradient(x[0], x[1], g[0]),
            (x, g) => g is null ? RL.PolicyGradient(x[0], x[1]) : RL.PolicyGradient(x[0], x[1], g[0]),
            x => -x[0].Zip(x[1], (l, a) => l * a).Average(), [logp, adv], [0], $"n={n}");
    }

    [Fact]
    public void Advantages_get_no_gradient_and_lengths_are_checked()
    {
        var d = new double[2];
        Check.Close(-(-1 * 2 + -3 * -1) / 2.0, RL.PolicyGradient([-1.0, -3], [2.0, -1], d), 1e-15, "loss");
        Assert.Equal([-1, 0.5], d);
        var e = Assert.ThrowsAny<ArgumentException>(() => RL.PolicyGradient(new double[3], new double[2]));
        Assert.Contains("'advantages'", e.Message);
    }
}
