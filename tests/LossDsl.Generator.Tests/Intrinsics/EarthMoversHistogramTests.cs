using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LossDsl.Intrinsics;
using Xunit;
using static LossDsl.Generator.Tests.Intrinsics.IntrinsicTestKit;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary><see cref="EarthMoversHistogram"/> against closed forms, the quantile coupling, finite differences, bad input and the heap.</summary>
public sealed class EarthMoversHistogramTests
{
    private static double[] Forward<T>(double[] p, double[] q)
        where T : IFloatingPointIeee754<T>
    {
        var losses = new T[p.Length];
        EarthMoversHistogram.Forward<T>(As<T>(p), As<T>(q), losses);
        return ToDouble(losses);
    }

    private static (double[] DP, double[] DQ) Backward(double[] p, double[] q, double[] upstream)
    {
        var dp = new double[p.Length];
        var dq = new double[q.Length];
        EarthMoversHistogram.Backward<double>(p, q, upstream, dp, dq);
        return (dp, dq);
    }

    [Fact]
    public void Point_masses_are_as_far_apart_as_their_bins()
    {
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double[] p = new double[6], q = new double[6];
                p[i] = 1;
                q[j] = 2.5;
                Assert.Equal(Math.Abs(i - j), Forward<double>(p, q).Sum(), 14);
                Assert.Equal(Math.Abs(i - j), Forward<float>(p, q).Sum(), 6);
            }
        }
    }

    [Fact]
    public void Per_bin_losses_are_the_cdf_gaps_worked_by_hand()
    {
        // CDFs (0.2, 0.5, 1) and (0.5, 0.8, 1): gaps 0.3, 0.3 and, at the last bin, 0. In transport terms, 0.3 of the
        // mass moves from bin 2 to bin 0: 0.3 · 2 = 0.6.
        double[] losses = Forward<double>([0.2, 0.3, 0.5], [0.5, 0.3, 0.2]);
        Assert.Equal(0.3, losses[0], 15);
        Assert.Equal(0.3, losses[1], 15);
        Assert.Equal(0.0, losses[2]);

        // Splitting a point mass at 0 into halves at 0 and 2 moves half the mass two bins.
        Assert.Equal(1.0, Forward<double>([1, 0, 0], [0.5, 0, 0.5]).Sum(), 15);
    }

    [Fact]
    public void Total_matches_the_quantile_coupling_of_integer_counts()
    {
        // With M unit atoms per histogram, W1 is the mean gap between the sorted atom positions (the 1-D optimal coupling),
        // a computation that never forms a CDF. Counts are scaled differently to exercise the normalisation.
        var rng = new Random(7);
        for (int trial = 0; trial < 40; trial++)
        {
            int bins = 1 + (trial % 8);
            const int M = 12;
            int[] countP = RandomCounts(rng, bins, M), countQ = RandomCounts(rng, bins, M);
            double[] atomsP = Atoms(countP), atomsQ = Atoms(countQ);
            double expected = atomsP.Zip(atomsQ, (x, y) => Math.Abs(x - y)).Sum() / M;
            double[] p = countP.Select(c => c * 0.37).ToArray();
            double[] q = countQ.Select(c => c * 5.0).ToArray();
            Close(expected, Forward<double>(p, q).Sum(), 1e-14, $"trial {trial}");
            Close(expected, Forward<float>(p, q).Sum(), 1e-5, $"trial {trial}, float");
        }

        static int[] RandomCounts(Random rng, int bins, int total)
        {
            var counts = new int[bins];
            for (int k = 0; k < total; k++)
            {
                counts[rng.Next(bins)]++;
            }

            return counts;
        }

        static double[] Atoms(int[] counts) => counts.SelectMany((c, k) => Enumerable.Repeat((double)k, c)).ToArray();
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_of_the_normalised_distance()
    {
        var rng = new Random(13);
        for (int trial = 0; trial < 10; trial++)
        {
            int bins = 2 + trial;
            double[] p = Enumerable.Range(0, bins).Select(_ => 0.1 + rng.NextDouble()).ToArray();
            double[] q = Enumerable.Range(0, bins).Select(_ => 0.1 + (3 * rng.NextDouble())).ToArray();
            double[] upstream = Normal(rng, bins);
            (double[] dp, double[] dq) = Backward(p, q, upstream);

            double Objective(double[] x, double[] y) => Forward<double>(x, y).Select((l, k) => upstream[k] * l).Sum();
            const double H = 1e-6;
            for (int k = 0; k < bins; k++)
            {
                double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
                plus[k] += H;
                minus[k] -= H;
                Close((Objective(plus, q) - Objective(minus, q)) / (2 * H), dp[k], 1e-8, $"trial {trial}: dP[{k}]");

                plus = (double[])q.Clone();
                minus = (double[])q.Clone();
                plus[k] += H;
                minus[k] -= H;
                Close((Objective(p, plus) - Objective(p, minus)) / (2 * H), dq[k], 1e-8, $"trial {trial}: dQ[{k}]");
            }

            // Scaling a histogram does not change the distance, so the gradient is orthogonal to it.
            Assert.True(Math.Abs(p.Zip(dp, (x, g) => x * g).Sum()) < 1e-12);
            Assert.True(Math.Abs(q.Zip(dq, (x, g) => x * g).Sum()) < 1e-12);
        }
    }

    [Fact]
    public void Equal_cdfs_give_zero_loss_and_zero_gradient()
    {
        // sign(0) = 0: identical histograms (one of them scaled) have every gap exactly 0.
        double[] p = [0.25, 0.5, 0.25];
        double[] q = [1, 2, 1];
        Assert.All(Forward<double>(p, q), l => Assert.Equal(0.0, l));
        (double[] dp, double[] dq) = Backward(p, q, [1, 1, 1]);
        Assert.All(dp, g => Assert.Equal(0.0, g));
        Assert.All(dq, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Empty_histograms_write_nothing()
    {
        EarthMoversHistogram.Forward<double>([], [], []);
        EarthMoversHistogram.Backward<double>([], [], [], [], []);
    }

    public static TheoryData<string, Type, string> BadArguments() => new()
    {
        { "q shorter", typeof(ArgumentException), "q" },
        { "negative mass in p", typeof(ArgumentOutOfRangeException), "p" },
        { "NaN in q", typeof(ArgumentOutOfRangeException), "q" },
        { "infinite mass in p", typeof(ArgumentOutOfRangeException), "p" },
        { "zero total in q", typeof(ArgumentException), "q" },
        { "losses too short", typeof(ArgumentException), "losses" },
        { "losses over p", typeof(ArgumentException), "losses" },
        { "upstream too long", typeof(ArgumentException), "upstream" },
        { "dQ too short", typeof(ArgumentException), "dQ" },
        { "dQ over dP", typeof(ArgumentException), "dQ" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_throw_naming_the_argument(string situation, Type exception, string parameter)
    {
        double[] p = [0.2, 0.3, 0.5], q = [0.5, 0.3, 0.2], gradient = new double[5];
        Action call = situation switch
        {
            "q shorter" => () => EarthMoversHistogram.Forward<double>(p, [1, 1], new double[3]),
            "negative mass in p" => () => EarthMoversHistogram.Forward<double>([0.5, -0.1, 0.6], q, new double[3]),
            "NaN in q" => () => EarthMoversHistogram.Forward<double>(p, [0.5, double.NaN, 0.6], new double[3]),
            "infinite mass in p" => () => EarthMoversHistogram.Forward<double>([0.5, double.PositiveInfinity, 0.6], q, new double[3]),
            "zero total in q" => () => EarthMoversHistogram.Forward<double>(p, [0, 0, 0], new double[3]),
            "losses too short" => () => EarthMoversHistogram.Forward<double>(p, q, new double[2]),
            "losses over p" => () => EarthMoversHistogram.Forward<double>(p, q, p),
            "upstream too long" => () => EarthMoversHistogram.Backward<double>(p, q, new double[4], new double[3], new double[3]),
            "dQ too short" => () => EarthMoversHistogram.Backward<double>(p, q, new double[3], new double[3], new double[2]),
            "dQ over dP" => () => EarthMoversHistogram.Backward<double>(p, q, new double[3], gradient.AsSpan(0, 3), gradient.AsSpan(2, 3)),
            _ => throw new InvalidOperationException(situation),
        };

        ArgumentException thrown = (ArgumentException)Assert.Throws(exception, call);
        Assert.Equal(parameter, thrown.ParamName);
    }

    private static long Allocations<T>()
        where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(9);
        T[] p = As<T>(Enumerable.Range(0, 64).Select(_ => rng.NextDouble()).ToArray());
        T[] q = As<T>(Enumerable.Range(0, 64).Select(_ => rng.NextDouble()).ToArray());
        T[] upstream = As<T>(Normal(rng, 64));
        var losses = new T[64];
        var dp = new T[64];
        var dq = new T[64];
        return AllocatedAfterWarmUp(() =>
        {
            EarthMoversHistogram.Forward<T>(p, q, losses);
            EarthMoversHistogram.Backward<T>(p, q, upstream, dp, dq);
        });
    }

    [Fact]
    public void Forward_and_backward_allocate_nothing_after_warm_up()
    {
        Assert.Equal(0, Allocations<double>());
        Assert.Equal(0, Allocations<float>());
    }
}
