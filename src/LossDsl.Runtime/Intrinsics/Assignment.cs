using System;
using System.Buffers;

namespace LossDsl.Intrinsics;

/// <summary>
/// Exact minimum-cost perfect matching of n rows to n columns (the linear assignment problem), by shortest augmenting
/// paths with dual potentials (the Hungarian method in the form of Jonker and Volgenant), O(n³) time.
/// </summary>
public static class Assignment
{
    /// <summary>
    /// Finds the assignment of rows to columns with the smallest total cost and returns that cost.
    /// </summary>
    /// <remarks>
    /// Costs may be negative and may tie; among optimal assignments the one returned is deterministic (it depends only on
    /// the cost values). The potentials are updated in <see cref="double"/>; the returned total is summed from
    /// <paramref name="cost"/> directly, not from the potentials.
    /// </remarks>
    /// <param name="cost">The n × n cost matrix, row-major: the cost of matching row i to column j is <c>cost[i * n + j]</c>. Every cost must be finite.</param>
    /// <param name="n">The number of rows and of columns, at least 0.</param>
    /// <param name="assignment">Receives, for each row i, the column matched to it; length n.</param>
    /// <returns>Σ_i cost[i, assignment[i]]; 0 when n is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or too large.</exception>
    /// <exception cref="ArgumentException"><paramref name="cost"/> is not n × n, holds a NaN or infinite cost or a range
    /// so wide that (largest − smallest) · (n + 1) overflows, or
    /// <paramref name="assignment"/> does not have length n.</exception>
    public static double Solve(ReadOnlySpan<double> cost, int n, Span<int> assignment)
    {
        if (n < 0 || n > 46_340)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The size of an assignment problem must be in [0, 46340], so that n × n costs fit in a span.");
        }

        if (cost.Length != n * n)
        {
            throw new ArgumentException($"'{nameof(cost)}' has length {cost.Length} but an assignment of size {n} needs {n} × {n} = {n * n} costs.", nameof(cost));
        }

        if (assignment.Length != n)
        {
            throw new ArgumentException($"'{nameof(assignment)}' has length {assignment.Length} but the problem has {n} rows.", nameof(assignment));
        }

        LossDsl.Kernels.LossGuard.NoOverlap(nameof(assignment), (ReadOnlySpan<int>)assignment, nameof(cost), cost);

        double smallest = double.PositiveInfinity;
        double largest = double.NegativeInfinity;
        for (int k = 0; k < cost.Length; k++)
        {
            if (!double.IsFinite(cost[k]))
            {
                throw new ArgumentException($"'{nameof(cost)}' has {cost[k]} at row {k / n}, column {k % n}; every cost must be finite.", nameof(cost));
            }

            smallest = Math.Min(smallest, cost[k]);
            largest = Math.Max(largest, cost[k]);
        }

        // Potentials and reduced costs stay within about n times the range of the costs; past double's range they would
        // overflow to infinity and the search would lose its way.
        if (n > 0 && !double.IsFinite((largest - smallest) * (n + 1)))
        {
            throw new ArgumentException(
                $"'{nameof(cost)}' ranges from {smallest} to {largest}; (largest − smallest) · (n + 1) must be finite in double.",
                nameof(cost));
        }

        if (n == 0)
        {
            return 0;
        }

        double[] reals = ArrayPool<double>.Shared.Rent(3 * (n + 1));
        int[] ints = ArrayPool<int>.Shared.Rent(3 * (n + 1));
        try
        {
            SolveCore(cost, n, assignment, reals.AsSpan(0, 3 * (n + 1)), ints.AsSpan(0, 3 * (n + 1)));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<double>.Shared.Return(reals);
        }

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += cost[(i * n) + assignment[i]];
        }

        return total;
    }

    /// <summary>
    /// Adds the rows one at a time; each addition grows a Dijkstra tree over the columns on reduced costs
    /// cost[i, j] − u[i] − v[j] (never negative) until it reaches a free column, then flips the path. Index 0 of the
    /// column arrays is a virtual column that holds the row being added, so rows and columns are 1-based here.
    /// </summary>
    private static void SolveCore(ReadOnlySpan<double> cost, int n, Span<int> assignment, Span<double> reals, Span<int> ints)
    {
        Span<double> rowPotential = reals.Slice(0, n + 1);
        Span<double> columnPotential = reals.Slice(n + 1, n + 1);
        Span<double> slack = reals.Slice(2 * (n + 1), n + 1);
        Span<int> rowOfColumn = ints.Slice(0, n + 1);
        Span<int> previousColumn = ints.Slice(n + 1, n + 1);
        Span<int> visited = ints.Slice(2 * (n + 1), n + 1);
        rowPotential.Clear();
        columnPotential.Clear();
        rowOfColumn.Clear();

        for (int row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            int column = 0;
            slack.Fill(double.PositiveInfinity);
            visited.Clear();
            do
            {
                visited[column] = 1;
                int i = rowOfColumn[column];
                ReadOnlySpan<double> costs = cost.Slice((i - 1) * n, n);
                double delta = double.PositiveInfinity;
                int nextColumn = -1;
                for (int j = 1; j <= n; j++)
                {
                    if (visited[j] != 0)
                    {
                        continue;
                    }

                    double reduced = costs[j - 1] - rowPotential[i] - columnPotential[j];
                    if (reduced < slack[j])
                    {
                        slack[j] = reduced;
                        previousColumn[j] = column;
                    }

                    if (slack[j] < delta)
                    {
                        delta = slack[j];
                        nextColumn = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (visited[j] != 0)
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    }
                    else
                    {
                        slack[j] -= delta;
                    }
                }

                column = nextColumn;
            }
            while (rowOfColumn[column] != 0);

            // Flip the augmenting path back to the virtual column.
            do
            {
                int previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        for (int j = 1; j <= n; j++)
        {
            assignment[rowOfColumn[j] - 1] = j - 1;
        }
    }
}
