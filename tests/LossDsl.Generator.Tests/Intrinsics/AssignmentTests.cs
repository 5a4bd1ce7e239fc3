using System;
using System.Linq;
using LossDsl.Intrinsics;
using Xunit;
using static LossDsl.Generator.Tests.Intrinsics.IntrinsicTestKit;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary><see cref="Assignment.Solve"/> against exhaustive search, a 1-D closed form, bad input and the heap.</summary>
public sealed class AssignmentTests
{
    private static double BruteForceMinimum(double[] cost, int n)
    {
        double best = double.PositiveInfinity;
        foreach (int[] permutation in Permutations(n))
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                total += cost[(i * n) + permutation[i]];
            }

            best = Math.Min(best, total);
        }

        return best;
    }

    private static void AssertPermutation(int[] assignment, int n)
    {
        Assert.Equal(Enumerable.Range(0, n), assignment.Order());
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Real_costs_including_negative_ones_reach_the_exhaustive_minimum(int seed)
    {
        var rng = new Random(seed);
        for (int n = 0; n <= 7; n++)
        {
            double[] cost = Enumerable.Range(0, n * n).Select(_ => (rng.NextDouble() * 20) - 10).ToArray();
            var assignment = new int[n];
            double total = Assignment.Solve(cost, n, assignment);
            AssertPermutation(assignment, n);
            Assert.Equal(Enumerable.Range(0, n).Sum(i => cost[(i * n) + assignment[i]]), total, 12);
            Close(BruteForceMinimum(cost, n), total, 1e-12, $"seed {seed}, n {n}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Small_integer_costs_full_of_ties_reach_the_exhaustive_minimum_exactly(int seed)
    {
        var rng = new Random(100 + seed);
        for (int n = 1; n <= 7; n++)
        {
            // Values in {-2, ..., 2}: many optimal assignments, and sums of small integers are exact in double.
            double[] cost = Enumerable.Range(0, n * n).Select(_ => (double)rng.Next(-2, 3)).ToArray();
            var assignment = new int[n];
            double total = Assignment.Solve(cost, n, assignment);
            AssertPermutation(assignment, n);
            Assert.Equal(BruteForceMinimum(cost, n), total);
        }
    }

    [Fact]
    public void Constant_and_degenerate_matrices_are_solved()
    {
        Assert.Equal(0.0, Assignment.Solve([], 0, []));
        var one = new int[1];
        Assert.Equal(-3.5, Assignment.Solve([-3.5], 1, one));
        Assert.Equal([0], one);

        var five = new int[5];
        Assert.Equal(35.0, Assignment.Solve(Enumerable.Repeat(7.0, 25).ToArray(), 5, five));
        AssertPermutation(five, 5);

        // An anti-diagonal of zeros among ones.
        double[] anti = Enumerable.Range(0, 16).Select(k => (k / 4) + (k % 4) == 3 ? 0.0 : 1.0).ToArray();
        var four = new int[4];
        Assert.Equal(0.0, Assignment.Solve(anti, 4, four));
        Assert.Equal([3, 2, 1, 0], four);
    }

    [Fact]
    public void Large_one_dimensional_convex_problem_matches_the_sorted_matching()
    {
        // For points on a line and a strictly convex cost (x - y)^2, the optimal matching pairs the points in sorted order.
        const int N = 120;
        var rng = new Random(17);
        double[] x = Enumerable.Range(0, N).Select(_ => rng.NextDouble() * 100).ToArray();
        double[] y = Enumerable.Range(0, N).Select(_ => rng.NextDouble() * 100).ToArray();
        double[] cost = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                cost[(i * N) + j] = (x[i] - y[j]) * (x[i] - y[j]);
            }
        }

        int[] xOrder = Enumerable.Range(0, N).OrderBy(i => x[i]).ToArray();
        int[] yOrder = Enumerable.Range(0, N).OrderBy(j => y[j]).ToArray();
        var expected = new int[N];
        for (int r = 0; r < N; r++)
        {
            expected[xOrder[r]] = yOrder[r];
        }

        var assignment = new int[N];
        double total = Assignment.Solve(cost, N, assignment);
        Assert.Equal(expected, assignment);
        Close(Enumerable.Range(0, N).Sum(i => cost[(i * N) + expected[i]]), total, 1e-12, "total");
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_argument()
    {
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Assignment.Solve([], -1, [])).ParamName);
        Assert.Equal("cost", Assert.Throws<ArgumentException>(() => Assignment.Solve([1, 2, 3], 2, new int[2])).ParamName);
        Assert.Equal("assignment", Assert.Throws<ArgumentException>(() => Assignment.Solve([1, 2, 3, 4], 2, new int[3])).ParamName);
        ArgumentException nan = Assert.Throws<ArgumentException>(() => Assignment.Solve([1, 2, double.NaN, 4], 2, new int[2]));
        Assert.Equal("cost", nan.ParamName);
        Assert.Contains("row 1, column 0", nan.Message, StringComparison.Ordinal);
        Assert.Equal("cost", Assert.Throws<ArgumentException>(() => Assignment.Solve([1, double.PositiveInfinity, 3, 4], 2, new int[2])).ParamName);
        Assert.Equal("cost", Assert.Throws<ArgumentException>(() => Assignment.Solve([1, double.NegativeInfinity, 3, 4], 2, new int[2])).ParamName);
        Assert.Equal("cost", Assert.Throws<ArgumentException>(() => Assignment.Solve([1e308, -1e308, 0, 0], 2, new int[2])).ParamName);
    }

    [Fact]
    public void Solve_allocates_nothing_after_warm_up()
    {
        const int N = 40;
        var rng = new Random(3);
        double[] cost = Enumerable.Range(0, N * N).Select(_ => rng.NextDouble()).ToArray();
        var assignment = new int[N];
        Assert.Equal(0, AllocatedAfterWarmUp(() => Assignment.Solve(cost, N, assignment)));
    }
}
