using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using LossDsl.Intrinsics;
using Xunit;
using static LossDsl.Generator.Tests.Intrinsics.IntrinsicTestKit;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary><see cref="EarthMoversPoints"/> against exhaustive matching, a 1-D closed form, finite differences, bad input and the heap.</summary>
public sealed class EarthMoversPointsTests
{
    private static double Distance(double[] a, double[] b, int d, int i, int j) =>
        Math.Sqrt(Enumerable.Range(0, d).Sum(k => (a[(i * d) + k] - b[(j * d) + k]) * (a[(i * d) + k] - b[(j * d) + k])));

    /// <summary>The best and second-best permutation totals, and the best permutation.</summary>
    private static (double Best, double SecondBest, int[] Permutation) BruteForce(double[] a, double[] b, int n, int d)
    {
        double best = double.PositiveInfinity, second = double.PositiveInfinity;
        int[] argBest = [];
        foreach (int[] permutation in Permutations(n))
        {
            double total = Enumerable.Range(0, n).Sum(i => Distance(a, b, d, i, permutation[i]));
            if (total < best)
            {
                (second, best, argBest) = (best, total, permutation);
            }
            else if (total < second)
            {
                second = total;
            }
        }

        return (best, second, argBest);
    }

    private static (double[] Losses, double[] DA, double[] DB) Run<T>(double[] a, double[] b, int n, int d, double[] upstream)
        where T : IFloatingPointIeee754<T>
    {
        nint[] shape = [n, d];
        var ta = new ReadOnlyTensorSpan<T>(As<T>(a), shape);
        var tb = new ReadOnlyTensorSpan<T>(As<T>(b), shape);
        var losses = new T[n];
        var da = new T[n * d];
        var db = new T[n * d];
        EarthMoversPoints.Forward(ta, tb, losses);
        EarthMoversPoints.Backward(ta, tb, As<T>(upstream), new TensorSpan<T>(da, shape), new TensorSpan<T>(db, shape));
        return (ToDouble(losses), ToDouble(da), ToDouble(db));
    }

    private static void CheckAgainstBruteForce<T>()
        where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(typeof(T) == typeof(float) ? 11 : 12);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 1 + (trial % 6), d = 1 + (trial / 6 % 3);
            double[] a = RoundTrip<T>(Normal(rng, n * d, 3));
            double[] b = RoundTrip<T>(Normal(rng, n * d, 3));
            (double best, double second, int[] permutation) = BruteForce(a, b, n, d);
            (double[] losses, _, _) = Run<T>(a, b, n, d, new double[n]);
            Close(best, losses.Sum(), Tolerance<T>() * 10, $"trial {trial}: total");
            if (d == 1)
            {
                // On a line, |x - y| ties many matchings (any non-crossing one is optimal): only the total is determined.
                continue;
            }

            // In the plane and above, random points have a unique optimal matching, so each loss is determined.
            Assert.True(n == 1 || second - best > 1e-4, $"trial {trial}: the optimum is not unique enough to compare per point");
            for (int i = 0; i < n; i++)
            {
                Close(Distance(a, b, d, i, permutation[i]), losses[i], Tolerance<T>() * 10, $"trial {trial}: loss {i}");
            }
        }
    }

    [Fact]
    public void Losses_are_the_distances_of_the_exhaustively_optimal_matching_in_double() => CheckAgainstBruteForce<double>();

    [Fact]
    public void Losses_are_the_distances_of_the_exhaustively_optimal_matching_in_float() => CheckAgainstBruteForce<float>();

    [Fact]
    public void On_a_line_the_total_is_the_sorted_gap_sum()
    {
        // W1 between equal-size empirical measures on the real line is the mean gap between the sorted samples.
        const int N = 60;
        var rng = new Random(23);
        double[] a = Normal(rng, N, 4);
        double[] b = Normal(rng, N, 2).Select(v => v + 1).ToArray();
        double expected = a.Order().Zip(b.Order(), (x, y) => Math.Abs(x - y)).Sum();
        (double[] losses, _, _) = Run<double>(a, b, N, 1, new double[N]);
        Close(expected, losses.Sum(), 1e-12, "sum of losses");
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_with_the_matching_fixed()
    {
        const int N = 5, D = 3;
        var rng = new Random(31);
        double[] a = Normal(rng, N * D, 2), b = Normal(rng, N * D, 2);
        (double best, double second, _) = BruteForce(a, b, N, D);
        Assert.True(second - best > 1e-3, "the optimum must be unique by a margin larger than the finite-difference step moves it");
        double[] upstream = Normal(rng, N);
        (_, double[] da, double[] db) = Run<double>(a, b, N, D, upstream);

        double Objective(double[] pa, double[] pb) => Run<double>(pa, pb, N, D, upstream).Losses.Select((l, i) => upstream[i] * l).Sum();
        const double H = 1e-6;
        for (int k = 0; k < N * D; k++)
        {
            double[] plus = (double[])a.Clone(), minus = (double[])a.Clone();
            plus[k] += H;
            minus[k] -= H;
            Close((Objective(plus, b) - Objective(minus, b)) / (2 * H), da[k], 1e-8, $"dA[{k}]");

            plus = (double[])b.Clone();
            minus = (double[])b.Clone();
            plus[k] += H;
            minus[k] -= H;
            Close((Objective(a, plus) - Objective(a, minus)) / (2 * H), db[k], 1e-8, $"dB[{k}]");
        }
    }

    [Fact]
    public void Coincident_points_have_zero_loss_and_zero_gradient()
    {
        // b is a permutation of a: every point has a partner at distance 0, and the norm's subgradient at 0 is taken as 0.
        double[] a = [0, 0, 1, 2, -3, 4];
        double[] b = [-3, 4, 0, 0, 1, 2];
        (double[] losses, double[] da, double[] db) = Run<double>(a, b, 3, 2, [1, 1, 1]);
        Assert.All(losses, l => Assert.Equal(0.0, l));
        Assert.All(da, g => Assert.Equal(0.0, g));
        Assert.All(db, g => Assert.Equal(0.0, g));

        // One coincident pair among others: only that pair's rows are zero.
        double[] c = [0, 0, 10, 0];
        double[] e = [0, 0, 10, 3];
        (losses, da, db) = Run<double>(c, e, 2, 2, [1, 1]);
        Assert.Equal([0.0, 3.0], losses);
        Assert.Equal([0.0, 0.0, 0.0, -1.0], da);
        Assert.Equal([0.0, 0.0, 0.0, 1.0], db);
    }

    [Fact]
    public void Strided_points_read_the_same_elements_as_dense_ones()
    {
        const int N = 4, D = 3;
        var rng = new Random(41);
        double[] a = Normal(rng, N * D), b = Normal(rng, N * D);
        double[] upstream = [1, -2, 0.5, 3];
        (double[] losses, double[] da, double[] db) = Run<double>(a, b, N, D, upstream);

        // a stored column-major (D, N) and viewed as (N, D).
        var columnMajor = new double[N * D];
        for (int i = 0; i < N; i++)
        {
            for (int k = 0; k < D; k++)
            {
                columnMajor[(k * N) + i] = a[(i * D) + k];
            }
        }

        var strided = new ReadOnlyTensorSpan<double>(columnMajor, [N, D], [1, N]);
        var stridedLosses = new double[N];
        var stridedDa = new double[N * D];
        var stridedDb = new double[N * D];
        EarthMoversPoints.Forward(strided, new ReadOnlyTensorSpan<double>(b, [N, D]), stridedLosses);
        EarthMoversPoints.Backward(strided, new ReadOnlyTensorSpan<double>(b, [N, D]), upstream, new TensorSpan<double>(stridedDa, [N, D]), new TensorSpan<double>(stridedDb, [N, D]));
        Assert.Equal(losses, stridedLosses);
        Assert.Equal(da, stridedDa);
        Assert.Equal(db, stridedDb);
    }

    [Fact]
    public void Empty_point_sets_write_nothing()
    {
        EarthMoversPoints.Forward(new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [0, 3]), new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [0, 3]), Span<double>.Empty);
        EarthMoversPoints.Backward(
            new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [0, 3]),
            new ReadOnlyTensorSpan<double>(Array.Empty<double>(), [0, 3]),
            ReadOnlySpan<double>.Empty,
            new TensorSpan<double>(Array.Empty<double>(), [0, 3]),
            new TensorSpan<double>(Array.Empty<double>(), [0, 3]));
    }

    private static readonly double[] A = [0, 0, 1, 0, 0, 1];
    private static readonly double[] B = [1, 1, 2, 0, 0, 2];

    public static TheoryData<string, string> BadArguments() => new()
    {
        { "a of rank 1", "a" },
        { "b of rank 3", "b" },
        { "b of another shape", "b" },
        { "NaN in a", "a" },
        { "infinity in b", "b" },
        { "squared distance overflows", "a" },
        { "losses too long", "losses" },
        { "losses over a", "losses" },
        { "upstream too short", "upstream" },
        { "dA of another shape", "dA" },
        { "dB not dense", "dB" },
        { "dB over dA", "dB" },
        { "dA over b", "dA" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_throw_naming_the_argument(string situation, string parameter)
    {
        static ReadOnlyTensorSpan<double> P(double[] values, params nint[] shape) => new(values, shape);
        var grad = new double[12];
        Action call = situation switch
        {
            "a of rank 1" => () => EarthMoversPoints.Forward(P(A, 6), P(B, 3, 2), new double[3]),
            "b of rank 3" => () => EarthMoversPoints.Forward(P(A, 3, 2), P(B, 3, 2, 1), new double[3]),
            "b of another shape" => () => EarthMoversPoints.Forward(P(A, 3, 2), P(B, 2, 3), new double[3]),
            "NaN in a" => () => EarthMoversPoints.Forward(P([0, double.NaN, 1, 0, 0, 1], 3, 2), P(B, 3, 2), new double[3]),
            "infinity in b" => () => EarthMoversPoints.Forward(P(A, 3, 2), P([1, 1, 2, double.PositiveInfinity, 0, 2], 3, 2), new double[3]),
            "squared distance overflows" => () => EarthMoversPoints.Forward(P([1e200, 0], 1, 2), P([-1e200, 0], 1, 2), new double[1]),
            "losses too long" => () => EarthMoversPoints.Forward(P(A, 3, 2), P(B, 3, 2), new double[4]),
            "losses over a" => () => OverlappingLosses(),
            "upstream too short" => () => EarthMoversPoints.Backward(P(A, 3, 2), P(B, 3, 2), new double[2], new TensorSpan<double>(new double[6], [3, 2]), new TensorSpan<double>(new double[6], [3, 2])),
            "dA of another shape" => () => EarthMoversPoints.Backward(P(A, 3, 2), P(B, 3, 2), new double[3], new TensorSpan<double>(new double[6], [2, 3]), new TensorSpan<double>(new double[6], [3, 2])),
            "dB not dense" => () => EarthMoversPoints.Backward(P(A, 3, 2), P(B, 3, 2), new double[3], new TensorSpan<double>(new double[6], [3, 2]), new TensorSpan<double>(grad, [3, 2], [4, 2])),
            "dB over dA" => () => EarthMoversPoints.Backward(P(A, 3, 2), P(B, 3, 2), new double[3], new TensorSpan<double>(grad, [3, 2]), new TensorSpan<double>(grad.AsSpan(3, 6), [3, 2])),
            "dA over b" => () => GradientOverB(),
            _ => throw new InvalidOperationException(situation),
        };

        ArgumentException thrown = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, thrown.ParamName);
    }

    private static void OverlappingLosses()
    {
        double[] a = (double[])A.Clone();
        EarthMoversPoints.Forward(new ReadOnlyTensorSpan<double>(a, [3, 2]), new ReadOnlyTensorSpan<double>(B, [3, 2]), a.AsSpan(3, 3));
    }

    private static void GradientOverB()
    {
        double[] b = (double[])B.Clone();
        EarthMoversPoints.Backward(new ReadOnlyTensorSpan<double>(A, [3, 2]), new ReadOnlyTensorSpan<double>(b, [3, 2]), new double[3], new TensorSpan<double>(b, [3, 2]), new TensorSpan<double>(new double[6], [3, 2]));
    }

    private static long Allocations<T>()
        where T : IFloatingPointIeee754<T>
    {
        const int N = 30, D = 4;
        var rng = new Random(5);
        T[] a = As<T>(Normal(rng, N * D)), b = As<T>(Normal(rng, N * D)), upstream = As<T>(Normal(rng, N));
        var losses = new T[N];
        var da = new T[N * D];
        var db = new T[N * D];
        nint[] shape = [N, D];
        return AllocatedAfterWarmUp(() =>
        {
            var ta = new ReadOnlyTensorSpan<T>(a, shape);
            var tb = new ReadOnlyTensorSpan<T>(b, shape);
            EarthMoversPoints.Forward(ta, tb, losses);
            EarthMoversPoints.Backward(ta, tb, upstream, new TensorSpan<T>(da, shape), new TensorSpan<T>(db, shape));
        });
    }

    [Fact]
    public void Forward_and_backward_allocate_nothing_after_warm_up()
    {
        Assert.Equal(0, Allocations<double>());
        Assert.Equal(0, Allocations<float>());
    }
}
