using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using LossDsl.Kernels;

namespace LossDsl.Intrinsics;

/// <summary>
/// Earth mover's distance (Wasserstein-1 with uniform weights) between two point sets of the same size, through the
/// exact optimal assignment for the Euclidean ground cost. Formulas call it as <c>emd_points(a, b)</c>; its mean is W1.
/// </summary>
/// <remarks>
/// <para><c>a</c> and <c>b</c> are (N, D): N points of dimension D each. Forward finds the permutation σ minimising
/// Σ_i ‖a_i − b_σ(i)‖₂ with <see cref="Assignment.Solve"/> and writes losses[i] = ‖a_i − b_σ(i)‖₂, so
/// mean(losses) = W1(a, b) for uniform weights 1/N and sum(losses) is the optimal transport cost.</para>
/// <para><b>Gradient.</b> The optimal σ is piecewise constant in the points, so the loss is differentiable wherever the
/// optimum is unique, with the gradient of Σ_i ‖a_i − b_σ(i)‖ for σ held fixed: the standard almost-everywhere gradient.
/// Where several assignments are optimal, the gradient is that of the one <see cref="Assignment.Solve"/> returns. A pair at
/// distance 0 gets gradient 0, as PyTorch's subgradient of the norm at 0.</para>
/// <para>Every coordinate must be finite. Inputs may have any strides; gradient outputs must be dense.</para>
/// </remarks>
[LossIntrinsic("emd_points")]
public static class EarthMoversPoints
{
    /// <summary>Writes, for each point a_i, its distance to the point of <paramref name="b"/> matched to it by the optimal assignment.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; distances and the assignment are computed in <see cref="double"/>.</typeparam>
    /// <param name="a">The first point set, shape (N, D).</param>
    /// <param name="b">The second point set, shape (N, D).</param>
    /// <param name="losses">Receives ‖a_i − b_σ(i)‖₂ for each i; length N.</param>
    /// <exception cref="ArgumentException">The shapes differ or are not rank 2, a coordinate is not finite, a squared
    /// distance overflows <see cref="double"/>, or <paramref name="losses"/> has the wrong length or shares memory with an input.</exception>
    public static void Forward<T>(ReadOnlyTensorSpan<T> a, ReadOnlyTensorSpan<T> b, Span<T> losses)
        where T : IFloatingPointIeee754<T>
    {
        var points = new PointSets<T>(a, b);
        if (losses.Length != points.Count)
        {
            throw new ArgumentException(
                $"'{nameof(losses)}' has length {losses.Length} but '{nameof(a)}' has {points.Count} points; there is one loss per point.",
                nameof(losses));
        }

        points.CheckNoOverlap(nameof(losses), losses);
        int n = points.Count;
        double[] cost = ArrayPool<double>.Shared.Rent(n * n);
        int[] assignment = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Span<double> costs = cost.AsSpan(0, n * n);
            Span<int> match = assignment.AsSpan(0, n);
            points.Match(costs, match);
            for (int i = 0; i < n; i++)
            {
                losses[i] = T.CreateTruncating(costs[(i * n) + match[i]]);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(assignment);
            ArrayPool<double>.Shared.Return(cost);
        }
    }

    /// <summary>
    /// Writes the gradient of Σ_i upstream[i] · losses[i] with the optimal matching σ held fixed:
    /// dA[i] = upstream[i] · (a_i − b_σ(i)) / ‖a_i − b_σ(i)‖ and dB[σ(i)] = −dA[i] (0 for a pair at distance 0).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="a">The first point set, shape (N, D).</param>
    /// <param name="b">The second point set, shape (N, D).</param>
    /// <param name="upstream">The gradient flowing into each loss; length N.</param>
    /// <param name="dA">Receives the gradient with respect to <paramref name="a"/>, shape (N, D), dense; every element is overwritten.</param>
    /// <param name="dB">Receives the gradient with respect to <paramref name="b"/>, shape (N, D), dense; every element is overwritten.</param>
    /// <exception cref="ArgumentException">A shape or length does not match, a coordinate is not finite, an output is not
    /// dense, or an output shares memory with an input or with the other output.</exception>
    public static void Backward<T>(ReadOnlyTensorSpan<T> a, ReadOnlyTensorSpan<T> b, ReadOnlySpan<T> upstream, TensorSpan<T> dA, TensorSpan<T> dB)
        where T : IFloatingPointIeee754<T>
    {
        var points = new PointSets<T>(a, b);
        if (upstream.Length != points.Count)
        {
            throw new ArgumentException(
                $"'{nameof(upstream)}' has length {upstream.Length} but '{nameof(a)}' has {points.Count} points; there is one upstream gradient per point.",
                nameof(upstream));
        }

        Span<T> gradA = TensorViews.DenseOutput(dA, a.Lengths, nameof(dA), nameof(a));
        Span<T> gradB = TensorViews.DenseOutput(dB, b.Lengths, nameof(dB), nameof(b));
        points.CheckNoOverlap(nameof(dA), gradA);
        points.CheckNoOverlap(nameof(dB), gradB);
        LossGuard.NoOverlap(nameof(dA), (ReadOnlySpan<T>)gradA, nameof(upstream), upstream);
        LossGuard.NoOverlap(nameof(dB), (ReadOnlySpan<T>)gradB, nameof(upstream), upstream);
        LossGuard.NoOverlap(nameof(dB), (ReadOnlySpan<T>)gradB, nameof(dA), (ReadOnlySpan<T>)gradA);

        int n = points.Count;
        int d = points.Dimension;
        double[] cost = ArrayPool<double>.Shared.Rent(n * n);
        int[] assignment = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Span<double> costs = cost.AsSpan(0, n * n);
            Span<int> match = assignment.AsSpan(0, n);
            points.Match(costs, match);
            for (int i = 0; i < n; i++)
            {
                int j = match[i];
                double distance = costs[(i * n) + j];
                Span<T> rowA = gradA.Slice(i * d, d);
                Span<T> rowB = gradB.Slice(j * d, d);
                if (distance == 0)
                {
                    rowA.Clear();
                    rowB.Clear();
                    continue;
                }

                double scale = double.CreateTruncating(upstream[i]) / distance;
                for (int k = 0; k < d; k++)
                {
                    double g = scale * (points.A(i, k) - points.B(j, k));
                    rowA[k] = T.CreateTruncating(g);
                    rowB[k] = T.CreateTruncating(-g);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(assignment);
            ArrayPool<double>.Shared.Return(cost);
        }
    }

    /// <summary>The validated point sets of one call.</summary>
    private readonly ref struct PointSets<TValue>
        where TValue : IFloatingPointIeee754<TValue>
    {
        private readonly ReadOnlySpan<TValue> a;
        private readonly ReadOnlySpan<TValue> b;
        private readonly nint aRowStride;
        private readonly nint aColumnStride;
        private readonly nint bRowStride;
        private readonly nint bColumnStride;

        public PointSets(in ReadOnlyTensorSpan<TValue> a, in ReadOnlyTensorSpan<TValue> b)
        {
            if (a.Rank != 2)
            {
                throw new ArgumentException($"'{nameof(a)}' has rank {a.Rank} but a point set has shape (N, D).", nameof(a));
            }

            if (b.Rank != 2)
            {
                throw new ArgumentException($"'{nameof(b)}' has rank {b.Rank} but a point set has shape (N, D).", nameof(b));
            }

            if (!a.Lengths.SequenceEqual(b.Lengths))
            {
                throw new ArgumentException(
                    $"'{nameof(b)}' has shape {TensorViews.Shape(b.Lengths)} but '{nameof(a)}' has shape {TensorViews.Shape(a.Lengths)}; the point sets must have the same size and dimension.",
                    nameof(b));
            }

            if ((long)a.Lengths[0] * a.Lengths[0] > Array.MaxLength || a.Lengths[1] > int.MaxValue)
            {
                throw new ArgumentException(
                    $"'{nameof(a)}' has shape {TensorViews.Shape(a.Lengths)}; the N × N cost matrix of the assignment must fit in an array.",
                    nameof(a));
            }

            Count = (int)a.Lengths[0];
            Dimension = (int)a.Lengths[1];
            this.a = TensorViews.Covering(a, nameof(a));
            this.b = TensorViews.Covering(b, nameof(b));
            aRowStride = a.Strides[0];
            aColumnStride = a.Strides[1];
            bRowStride = b.Strides[0];
            bColumnStride = b.Strides[1];

            for (int i = 0; i < Count; i++)
            {
                for (int k = 0; k < Dimension; k++)
                {
                    if (!double.IsFinite(A(i, k)))
                    {
                        throw new ArgumentException($"'{nameof(a)}' has {A(i, k)} at [{i}, {k}]; every coordinate must be finite.", nameof(a));
                    }

                    if (!double.IsFinite(B(i, k)))
                    {
                        throw new ArgumentException($"'{nameof(b)}' has {B(i, k)} at [{i}, {k}]; every coordinate must be finite.", nameof(b));
                    }
                }
            }
        }

        public int Count { get; }

        public int Dimension { get; }

        public double A(int i, int k) => double.CreateTruncating(a[(int)((i * aRowStride) + (k * aColumnStride))]);

        public double B(int j, int k) => double.CreateTruncating(b[(int)((j * bRowStride) + (k * bColumnStride))]);

        public void CheckNoOverlap(string name, Span<TValue> output)
        {
            LossGuard.NoOverlap(name, (ReadOnlySpan<TValue>)output, "a", a);
            LossGuard.NoOverlap(name, (ReadOnlySpan<TValue>)output, "b", b);
        }

        /// <summary>Fills <paramref name="cost"/> with the Euclidean distances ‖a_i − b_j‖ and <paramref name="match"/> with the optimal assignment.</summary>
        public void Match(Span<double> cost, Span<int> match)
        {
            for (int i = 0; i < Count; i++)
            {
                for (int j = 0; j < Count; j++)
                {
                    double squared = 0;
                    for (int k = 0; k < Dimension; k++)
                    {
                        double difference = A(i, k) - B(j, k);
                        squared += difference * difference;
                    }

                    if (double.IsPositiveInfinity(squared))
                    {
                        throw new ArgumentException(
                            $"The squared distance between a[{i}] and b[{j}] overflows double; scale the points down.",
                            nameof(a));
                    }

                    cost[(i * Count) + j] = Math.Sqrt(squared);
                }
            }

            Assignment.Solve(cost, Count, match);
        }
    }
}
