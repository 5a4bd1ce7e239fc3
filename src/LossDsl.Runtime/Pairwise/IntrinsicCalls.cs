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
        try
        {
            EarthMoversPoints.Backward(a, b, upstream, ga, gb);
            Add(dA, scratch.AsSpan(0, size));
            Add(dB, scratch.AsSpan(size, size));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
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
        try
        {
            EarthMoversHistogram.Backward(p, q, upstream, gp, gq);
            Add(dP, gp);
            Add(dQ, gq);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Checks that <paramref name="logProbs"/>, the first argument of a formula's <c>ctc(...)</c>, has shape (T, N, C)
    /// and returns N, the samples (its axis 1, as in PyTorch's <c>ctc_loss</c>).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="name">The parameter's name in the loss method, for messages.</param>
    /// <param name="logProbs">The log-probabilities.</param>
    /// <returns>N.</returns>
    /// <exception cref="ArgumentException">The rank is not 3, or a length exceeds an int.</exception>
    public static int CtcSamples<T>(string name, ReadOnlyTensorSpan<T> logProbs)
    {
        if (logProbs.Rank != 3)
        {
            throw new ArgumentException(
                $"'{name}' has rank {logProbs.Rank} but ctc(...) takes log-probabilities of shape (T, N, C): time steps, samples, classes.", name);
        }

        ReadOnlySpan<nint> lengths = logProbs.Lengths;
        if (lengths[0] > int.MaxValue || lengths[1] > int.MaxValue || lengths[2] > int.MaxValue)
        {
            throw new ArgumentException($"'{name}' has shape {TensorViews.Shape(lengths)}; each length must fit in an int.", name);
        }

        return (int)lengths[1];
    }

    /// <summary>Throws unless a per-sample span of a formula with <c>ctc(...)</c> has one value per sample.</summary>
    /// <param name="logProbsName">The log-probabilities' parameter, whose axis 1 is the samples.</param>
    /// <param name="samples">N.</param>
    /// <param name="name">The span's parameter.</param>
    /// <param name="length">Its length.</param>
    /// <exception cref="ArgumentException">The length is not N.</exception>
    public static void CtcSampleLength(string logProbsName, int samples, string name, int length)
    {
        if (length != samples)
        {
            throw new ArgumentException(
                $"'{name}' has length {length} but '{logProbsName}' has {samples} samples (its axis 1: log-probabilities are (T, N, C)); a per-sample span has one value per sample.",
                name);
        }
    }

    /// <summary>The memory a tensor argument of an intrinsic can address, for the generated overlap checks.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name, for messages.</param>
    /// <param name="tensor">The tensor.</param>
    /// <returns>The span from its first element to its last reachable one (empty for an empty tensor).</returns>
    /// <exception cref="ArgumentException">The tensor spans more elements than an array holds.</exception>
    public static ReadOnlySpan<T> Covering<T>(string name, in ReadOnlyTensorSpan<T> tensor) => TensorViews.Covering(tensor, name);

    /// <summary>The elements of the gradient of an intrinsic's tensor argument, after checking that it has the
    /// argument's shape and is dense.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="name">The gradient parameter's name.</param>
    /// <param name="gradient">The gradient output.</param>
    /// <param name="inputName">The input's name.</param>
    /// <param name="input">The input it is the gradient of.</param>
    /// <returns>Its elements in row-major order.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or the gradient is not dense.</exception>
    public static Span<T> DenseGradient<T>(string name, in TensorSpan<T> gradient, string inputName, in ReadOnlyTensorSpan<T> input) =>
        TensorViews.DenseOutput(gradient, input.Lengths, name, inputName);

    /// <summary><see cref="Ctc.Forward{T}(ReadOnlyTensorSpan{T}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, Span{T})"/>
    /// for a formula's <c>ctc(...)</c>: the same checks, with messages naming the loss method's parameters.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="logProbs">Log-probabilities (T, N, C).</param>
    /// <param name="targets">Targets, padded (N, S) or concatenated.</param>
    /// <param name="inputLengths">N input lengths.</param>
    /// <param name="targetLengths">N target lengths.</param>
    /// <param name="blank">The blank class.</param>
    /// <param name="zeroInfinity">Whether infinite losses become 0.</param>
    /// <param name="losses">Receives the N losses.</param>
    /// <param name="logProbsName">The method's name for <paramref name="logProbs"/>.</param>
    /// <param name="targetsName">The method's name for <paramref name="targets"/>.</param>
    /// <param name="inputLengthsName">The method's name for <paramref name="inputLengths"/>.</param>
    /// <param name="targetLengthsName">The method's name for <paramref name="targetLengths"/>.</param>
    /// <param name="blankName">The method's name for <paramref name="blank"/> (or the literal's text).</param>
    public static void CtcForward<T>(ReadOnlyTensorSpan<T> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
        int blank, bool zeroInfinity, Span<T> losses, string logProbsName, string targetsName, string inputLengthsName, string targetLengthsName, string blankName)
        where T : IFloatingPointIeee754<T> =>
        Ctc.ForwardCore(logProbs, targets, inputLengths, targetLengths, blank, zeroInfinity, losses,
            new CtcNames(logProbsName, targetsName, inputLengthsName, targetLengthsName, blankName));

    /// <summary>Adds the gradient of Σₙ upstreamₙ · ctc(...)ₙ with respect to the log-probabilities into
    /// <paramref name="dLogProbs"/>, as <see cref="Ctc.Backward{T}(ReadOnlyTensorSpan{T}, ReadOnlyTensorSpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, ReadOnlySpan{T}, TensorSpan{T})"/> computes it.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="logProbs">Log-probabilities (T, N, C).</param>
    /// <param name="targets">Targets, padded (N, S) or concatenated.</param>
    /// <param name="inputLengths">N input lengths.</param>
    /// <param name="targetLengths">N target lengths.</param>
    /// <param name="blank">The blank class.</param>
    /// <param name="zeroInfinity">Whether infinite losses (and their gradients) become 0.</param>
    /// <param name="upstream">N values.</param>
    /// <param name="dLogProbs">T·N·C values in row-major order (checked by <see cref="DenseGradient{T}"/>), added to.</param>
    /// <param name="logProbsName">The method's name for <paramref name="logProbs"/>.</param>
    /// <param name="targetsName">The method's name for <paramref name="targets"/>.</param>
    /// <param name="inputLengthsName">The method's name for <paramref name="inputLengths"/>.</param>
    /// <param name="targetLengthsName">The method's name for <paramref name="targetLengths"/>.</param>
    /// <param name="blankName">The method's name for <paramref name="blank"/> (or the literal's text).</param>
    public static void CtcBackward<T>(ReadOnlyTensorSpan<T> logProbs, ReadOnlyTensorSpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths,
        int blank, bool zeroInfinity, ReadOnlySpan<T> upstream, Span<T> dLogProbs, string logProbsName, string targetsName, string inputLengthsName, string targetLengthsName, string blankName)
        where T : IFloatingPointIeee754<T>
    {
        if (dLogProbs.IsEmpty)
        {
            return;
        }

        T[] scratch = ArrayPool<T>.Shared.Rent(dLogProbs.Length);
        try
        {
            Span<T> gradient = scratch.AsSpan(0, dLogProbs.Length);
            Ctc.BackwardCore(logProbs, targets, inputLengths, targetLengths, blank, zeroInfinity, upstream, gradient,
                new CtcNames(logProbsName, targetsName, inputLengthsName, targetLengthsName, blankName));
            Add(dLogProbs, gradient);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
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

    /// <summary>
    /// The number of values an intrinsic of the user's project writes: its first input's axis 0 (for a formula's
    /// <c>[LossIntrinsic]</c> call whose first input is a tensor).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name in the loss method, for messages.</param>
    /// <param name="input">The intrinsic's first input.</param>
    /// <returns>Its length along axis 0.</returns>
    /// <exception cref="ArgumentException">The tensor has rank 0, or its axis 0 is longer than an int.</exception>
    public static int Samples<T>(string name, in ReadOnlyTensorSpan<T> input)
    {
        if (input.Rank == 0 || input.Lengths[0] > int.MaxValue)
        {
            throw new ArgumentException(input.Rank == 0
                ? $"'{name}' has rank 0, but the intrinsic it is passed to writes one value per element of its axis 0."
                : $"'{name}' has {input.Lengths[0]} rows along axis 0; at most {int.MaxValue} are supported.", name);
        }

        return (int)input.Lengths[0];
    }

    /// <summary>The number of elements of an intrinsic's tensor input, as a length for the scratch its gradient needs.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">The input.</param>
    /// <returns>Its flattened length.</returns>
    public static long Elements<T>(in ReadOnlyTensorSpan<T> input) => input.FlattenedLength;

    /// <summary>
    /// Rents scratch for the gradients an intrinsic's <c>Backward</c> writes, cleared, so that a <c>Backward</c> that
    /// leaves an element unwritten contributes 0 there rather than what the pool held.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="size">The number of elements.</param>
    /// <returns>A pooled array whose first <paramref name="size"/> elements are zero (return it to <see cref="ArrayPool{T}.Shared"/>).</returns>
    /// <exception cref="ArgumentException">The size exceeds the largest array.</exception>
    public static T[] RentCleared<T>(long size)
    {
        T[] scratch = Rent<T>(size);
        Array.Clear(scratch, 0, (int)size);
        return scratch;
    }

    /// <summary>A dense tensor over part of <paramref name="scratch"/> with the lengths of <paramref name="input"/>: where an
    /// intrinsic's <c>Backward</c> writes the gradient of that tensor input.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="scratch">Scratch from <see cref="RentCleared{T}(long)"/>.</param>
    /// <param name="offset">Where the tensor's elements start.</param>
    /// <param name="input">The input whose gradient it holds.</param>
    /// <returns>The tensor, row-major.</returns>
    public static TensorSpan<T> GradientScratch<T>(T[] scratch, long offset, in ReadOnlyTensorSpan<T> input) =>
        new(scratch.AsSpan(checked((int)offset), checked((int)input.FlattenedLength)), input.Lengths, default);

    /// <summary>Adds <paramref name="values"/> into <paramref name="gradient"/>; nothing when the gradient is empty (not requested).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="gradient">A gradient output, zeroed before the passes, to add into.</param>
    /// <param name="values">As many values.</param>
    public static void AddInto<T>(Span<T> gradient, ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        if (!gradient.IsEmpty)
        {
            TensorPrimitives.Add(gradient, values, gradient);
        }
    }

    private static void Add<T>(Span<T> into, ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T> => AddInto(into, values);
}
