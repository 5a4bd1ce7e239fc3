using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossDsl.Kernels;

/// <summary>
/// Helpers the generated row loops call: the lane mask of a row's last, overlapping vector, and a prefetch of the
/// next row. Called from generated code only; they are inlined into it.
/// </summary>
/// <remarks>
/// A row of C columns is walked in whole vectors; the C mod W columns left over are covered by one more vector that
/// ends at column C and so overlaps columns already done. <c>TailMask</c> selects the lanes that were not done yet:
/// the generated code adds only those into its sums and stores only those (keeping the values already written in the
/// others), so the result is the one a scalar tail gives, in one vector step instead of up to W − 1 scalar ones.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorTails
{
    /// <summary>All bits set in the last <paramref name="remaining"/> lanes, clear in the others.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="remaining">How many of the vector's last lanes are new, in [0, Count].</param>
    /// <returns>The lane mask.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> TailMask128<T>(int remaining) where T : IFloatingPointIeee754<T> =>
        Vector128.GreaterThanOrEqual(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(Vector128<T>.Count - remaining)));

    /// <inheritdoc cref="TailMask128{T}(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> TailMask256<T>(int remaining) where T : IFloatingPointIeee754<T> =>
        Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(Vector256<T>.Count - remaining)));

    /// <inheritdoc cref="TailMask128{T}(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> TailMask512<T>(int remaining) where T : IFloatingPointIeee754<T> =>
        Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(Vector512<T>.Count - remaining)));

    /// <summary>
    /// Asks the CPU to bring the cache line holding <paramref name="element"/> into every cache level (x86
    /// <c>prefetcht0</c>); does nothing on other CPUs. A prefetch never faults and changes no result.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">An element of an array or span the caller is about to read (it must lie inside it).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T element)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref element));
        }
    }
}
