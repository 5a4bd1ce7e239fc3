using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using LossDsl.Intrinsics;

namespace LossDsl.Kernels;

/// <summary>
/// Generator support for runtime intrinsics called from formulas: the intrinsics' <c>Backward</c> methods overwrite
/// both gradients and need both, so generated code calls them through these adapters, which run the backward into
/// pooled scratch space and <em>add</em> the result into the gradients it was given (zeroed by the caller). An empty
/// gradient is skipped, and one span may receive both gradients (<c>emd_points(a, a)</c>). Not meant to be called by
/// hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IntrinsicCalls
{
    /// <summary>Adds the gradient of Σᵢ upstreamᵢ · emd_points(a, b)ᵢ into <paramref name="dA"/> and <paramref name="dB"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="a">The first point set (N, D).</param>
    /// <param name="b">The second point set (N, D).</param>
    /// <param name="upstream">N values.</param>
    /// <param name="dA">N·D values in row-major order, added to; empty when a needs no gradient.</param>
    /// <param name="dB">N·D values, added to; empty when b needs no gradient.</param>
    public static void EarthMoversPointsBackward<T>(ReadOnlyTensorSpan<T> a, ReadOnlyTensorSpan<T> b, ReadOnlySpan<T> upstream, Span<T> dA, Span<T> dB)
        where T : IFloatingPointIeee754<T>
    {
        if (dA.IsEmpty && dB.IsEmpty)
        {
            return;
        }

        int size = checked((int)a.FlattenedLength);
        T[] scratch = ArrayPool<T>.Shared.Rent(2 * size);
        var ga = new TensorSpan<T>(scratch.AsSpan(0, size), a.Lengths, default);
        var gb = new TensorSpan<T>(scratch.AsSpan(size, size), b.Lengths, default);
        EarthMoversPoints.Backward(a, b, upstream, ga, gb);
        Add(dA, scratch.AsSpan(0, size));
        Add(dB, scratch.AsSpan(size, size));
        ArrayPool<T>.Shared.Return(scratch);
    }

    /// <summary>Adds the gradient of Σₖ upstreamₖ · emd_hist(p, q)ₖ into <paramref name="dP"/> and <paramref name="dQ"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="p">The first histogram (K bins).</param>
    /// <param name="q">The second histogram (K bins).</param>
    /// <param name="upstream">K values.</param>
    /// <param name="dP">K values, added to; empty when p needs no gradient.</param>
    /// <param name="dQ">K values, added to; empty when q needs no gradient.</param>
    public static void EarthMoversHistogramBackward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, ReadOnlySpan<T> upstream, Span<T> dP, Span<T> dQ)
        where T : IFloatingPointIeee754<T>
    {
        if (dP.IsEmpty && dQ.IsEmpty)
        {
            return;
        }

        T[] scratch = ArrayPool<T>.Shared.Rent(2 * p.Length);
        Span<T> gp = scratch.AsSpan(0, p.Length), gq = scratch.AsSpan(p.Length, p.Length);
        EarthMoversHistogram.Backward(p, q, upstream, gp, gq);
        Add(dP, gp);
        Add(dQ, gq);
        ArrayPool<T>.Shared.Return(scratch);
    }

    /// <summary>Rents one buffer of <paramref name="size"/> elements for a call's materialized values and adjoints.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="size">The number of elements.</param>
    /// <returns>A pooled array of at least that many elements (return it to <see cref="ArrayPool{T}.Shared"/>).</returns>
    /// <exception cref="ArgumentException">The size exceeds the largest array.</exception>
    public static T[] Rent<T>(long size)
    {
        if (size > Array.MaxLength)
        {
            throw new ArgumentException($"The intrinsics' buffers would need {size} elements, more than an array can hold.");
        }

        return ArrayPool<T>.Shared.Rent((int)size);
    }

    private static void Add<T>(Span<T> into, ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        if (!into.IsEmpty)
        {
            TensorPrimitives.Add(into, values, into);
        }
    }
}
