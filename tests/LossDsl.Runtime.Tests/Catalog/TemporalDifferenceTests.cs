using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using RL = LossDsl.Losses.ReinforcementLearning;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(RL.TemporalDifference))]
public class TemporalDifferenceTests
{
    private static double Reference(double[] q, int[] actions, double[] rewards, double[] nextQ, double[] dones, int a, double gamma, bool huber, double delta)
    {
        int n = actions.Length;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double max = Enumerable.Range(0, a).Max(j => nextQ[i * a + j]);
            double e = q[i * a + actions[i]] - (rewards[i] + gamma * (1 - dones[i]) * max);
            total += !huber ? e * e : Math.Abs(e) <= delta ? 0.5 * e * e : delta * (Math.Abs(e) - 0.5 * delta);
        }

        return total / n;
    }

    [Theory]
    [InlineData(1, 2, 0.99, true, 1.0)]
    [InlineData(16, 4, 0.99, true, 1.0)]
    [InlineData(50, 3, 0.9, false, 1.0)]
    [InlineData(20, 5, 0.5, true, 0.3)]
    public void Matches_the_DQN_loss(int n, int a, double gamma, bool huber, double delta)
    {
        double[] q = Check.Normal(n * a, n, 2), nextQ = Check.Normal(n * a, n + 1, 2), rewards = Check.Normal(n, n + 2);
        double[] dones = Check.Uniform(n, n + 3, 0, 1).Select(v => v < 0.3 ? 1.0 : 0.0).ToArray();
        int[] actions = Check.Classes(n, a, n + 4);
        nint[] shape = [n, a];
        ScalarLossSuite.Run(
            (x, g) => g is null
                ? RL.TemporalDifference(new ReadOnlyTensorSpan<double>(x[0], shape, default), actions, x[1], new ReadOnlyTensorSpan<double>(x[2], shape, default), x[3], gamma, huber, delta)
                : RL.TemporalDifference(new ReadOnlyTensorSpan<double>(x[0], shape, default), actions, x[1], new ReadOnlyTensorSpan<double>(x[2], shape, default), x[3], new TensorSpan<double>(g[0], shape, default), gamma, huber, delta),
            (x, g) => g is null
                ? RL.TemporalDifference(new ReadOnlyTensorSpan<float>(x[0], shape, default), actions, x[1], new ReadOnlyTensorSpan<float>(x[2], shape, default), x[3], (float)gamma, huber, (float)delta)
                : RL.TemporalDifference(new ReadOnlyTensorSpan<float>(x[0], shape, default), actions, x[1], new ReadOnlyTensorSpan<float>(x[2], shape, default), x[3], new TensorSpan<float>(g[0], shape, default), (float)gamma, huber, (float)delta),
            x => Reference(x[0], actions, x[1], x[2], x[3], a, gamma, huber, delta), [q, rewards, nextQ, dones], [0], $"n={n}, A={a}, γ={gamma}, huber={huber}, δ={delta}");
    }

    [Fact]
    public void The_target_is_not_differentiated()
    {
        // One transition, Q(s, ·) = (1, 5), action 0, r = 0, Q'(s', ·) = (2, 4), not done: e = 1 − 0.5·4 = −1, squared 1.
        double[] q = [1, 5], nextQ = [2, 4], dq = new double[2];
        double loss = RL.TemporalDifference(new ReadOnlyTensorSpan<double>(q, [1, 2], default), [0], [0.0], new ReadOnlyTensorSpan<double>(nextQ, [1, 2], default), [0.0],
            new TensorSpan<double>(dq, [1, 2], default), gamma: 0.5, huber: false);
        Assert.Equal(1, loss);
        Assert.Equal([-2, 0], dq); // 2e at the action taken, nothing elsewhere; nothing flows to next_q
        // Done: no bootstrap, e = 1, Huber ½.
        Assert.Equal(0.5, RL.TemporalDifference(new ReadOnlyTensorSpan<double>(q, [1, 2], default), [0], [0.0], new ReadOnlyTensorSpan<double>(nextQ, [1, 2], default), [1.0]));
    }

    [Fact]
    public void Bad_actions_and_shapes_are_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RL.TemporalDifference(new ReadOnlyTensorSpan<double>(new double[4], [2, 2], default), [0, 2], new double[2],
            new ReadOnlyTensorSpan<double>(new double[4], [2, 2], default), new double[2]));
        Assert.Equal("actions", e.ParamName);
        var e2 = Assert.ThrowsAny<ArgumentException>(() => RL.TemporalDifference(new ReadOnlyTensorSpan<double>(new double[4], [2, 2], default), [0, 1], new double[2],
            new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), new double[2]));
        Assert.Contains("'next_q'", e2.Message);
    }
}
