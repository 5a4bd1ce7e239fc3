using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Kernels;

/// <summary>
/// Argument checks called by generated loss methods. Throwing lives here, out of line, so that the
/// generated hot loops stay small enough to inline and the messages stay identical everywhere.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossGuard
{
    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/>.</summary>
    /// <param name="expectedName">The parameter whose length sets the expectation.</param>
    /// <param name="expected">Its length.</param>
    /// <param name="name">The parameter being checked.</param>
    /// <param name="length">Its length.</param>
    public static void SameLength(string expectedName, int expected, string name, int length)
    {
        if (length != expected)
        {
            ThrowLengthMismatch(expectedName, expected, name, length);
        }
    }

    /// <summary>Throws if the output span <paramref name="output"/> shares memory with the input span <paramref name="input"/>.</summary>
    /// <typeparam name="TOut">Element type of the output.</typeparam>
    /// <typeparam name="TIn">Element type of the input.</typeparam>
    /// <param name="outputName">The output parameter's name.</param>
    /// <param name="output">The output span.</param>
    /// <param name="inputName">The input parameter's name.</param>
    /// <param name="input">The input span.</param>
    public static void NoOverlap<TOut, TIn>(string outputName, ReadOnlySpan<TOut> output, string inputName, ReadOnlySpan<TIn> input)
    {
        if (output.IsEmpty || input.IsEmpty)
        {
            return;
        }

        // Compare byte ranges, since the two spans may have different element types.
        ref byte outStart = ref System.Runtime.CompilerServices.Unsafe.As<TOut, byte>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(output));
        ref byte inStart = ref System.Runtime.CompilerServices.Unsafe.As<TIn, byte>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(input));
        nint outBytes = (nint)output.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<TOut>();
        nint inBytes = (nint)input.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<TIn>();
        nint offset = System.Runtime.CompilerServices.Unsafe.ByteOffset(ref inStart, ref outStart);
        if (offset < inBytes && -offset < outBytes)
        {
            ThrowOverlap(outputName, inputName);
        }
    }

    /// <summary>
    /// Checks a tensor input of shape (N, C, d₁…dₖ) and returns its elements as one span: it must have rank 2 or more,
    /// be dense (row-major and contiguous: a transposed, sliced or broadcast view is rejected, never read wrongly) and
    /// fit in a span.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name, for messages.</param>
    /// <param name="tensor">The tensor.</param>
    /// <param name="samples">N·d₁·…·dₖ: every position but the class axis is a sample.</param>
    /// <param name="columns">C, the length of the class axis (axis 1).</param>
    /// <param name="inner">d₁·…·dₖ, the distance between two columns of one sample (1 for a matrix).</param>
    /// <returns>The tensor's elements in row-major order.</returns>
    public static ReadOnlySpan<T> Tensor<T>(string name, ReadOnlyTensorSpan<T> tensor, out int samples, out int columns, out int inner)
    {
        CheckTensor(name, tensor.Rank, tensor.IsDense, tensor.IsEmpty, tensor.Lengths, out samples, out columns, out inner);
        return tensor.IsEmpty ? default : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in tensor.GetPinnableReference()), samples * columns);
    }

    /// <summary>Checks a writable tensor (a gradient or per-element loss output) as <see cref="Tensor{T}(string, ReadOnlyTensorSpan{T}, out int, out int, out int)"/> does.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter's name, for messages.</param>
    /// <param name="tensor">The tensor.</param>
    /// <param name="samples">N·d₁·…·dₖ.</param>
    /// <param name="columns">C.</param>
    /// <param name="inner">d₁·…·dₖ.</param>
    /// <returns>The tensor's elements in row-major order.</returns>
    public static Span<T> Tensor<T>(string name, TensorSpan<T> tensor, out int samples, out int columns, out int inner)
    {
        CheckTensor(name, tensor.Rank, tensor.IsDense, tensor.IsEmpty, tensor.Lengths, out samples, out columns, out inner);
        return tensor.IsEmpty ? default : MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), samples * columns);
    }

    /// <summary>Throws unless two tensors have the same lengths on every axis.</summary>
    /// <param name="expectedName">The tensor that sets the expectation.</param>
    /// <param name="expected">Its lengths.</param>
    /// <param name="name">The tensor being checked.</param>
    /// <param name="lengths">Its lengths.</param>
    public static void SameShape(string expectedName, ReadOnlySpan<nint> expected, string name, ReadOnlySpan<nint> lengths)
    {
        if (!expected.SequenceEqual(lengths))
        {
            throw new ArgumentException(
                $"'{name}' has shape ({string.Join(", ", lengths.ToArray())}) but '{expectedName}' has shape ({string.Join(", ", expected.ToArray())}); the tensors of a loss share one shape.",
                name);
        }
    }

    /// <summary>Throws unless a per-sample vector has one value per sample of the tensors.</summary>
    /// <param name="tensorName">The tensor that sets the number of samples.</param>
    /// <param name="samples">Its number of samples (N·d₁·…·dₖ).</param>
    /// <param name="name">The vector being checked.</param>
    /// <param name="length">Its length.</param>
    public static void SampleLength(string tensorName, int samples, string name, int length)
    {
        if (length != samples)
        {
            throw new ArgumentException(
                $"'{name}' has length {length} but '{tensorName}' has {samples} samples (rows); a per-sample vector has one value per sample.",
                name);
        }
    }

    /// <summary>Throws unless a tensor of classes or features in a formula with pairwise functions has one sample per row
    /// of the pairwise functions' first argument (the rows i of the pair matrices are the formula's samples).</summary>
    /// <param name="rowsName">The first argument of the formula's pairwise functions, which sets N.</param>
    /// <param name="rows">N.</param>
    /// <param name="name">The tensor being checked.</param>
    /// <param name="samples">Its number of samples (N·d₁·…·dₖ).</param>
    public static void PairSamples(string rowsName, int rows, string name, int samples)
    {
        if (samples != rows)
        {
            throw new ArgumentException(
                $"'{name}' has {samples} samples (rows) but '{rowsName}' has {rows} rows; the rows of the pair matrices are the formula's samples, so every tensor read element by element has one row per row of '{rowsName}'.",
                name);
        }
    }

    /// <summary>Throws unless a per-class vector has one value per class.</summary>
    /// <param name="tensorName">The tensor (or the first per-class vector) that sets the number of classes.</param>
    /// <param name="columns">Its number of classes (columns).</param>
    /// <param name="name">The vector being checked.</param>
    /// <param name="length">Its length.</param>
    public static void ClassLength(string tensorName, int columns, string name, int length)
    {
        if (length != columns)
        {
            throw new ArgumentException(
                $"'{name}' has length {length} but '{tensorName}' has {columns} classes (columns); a per-class vector has one value per class.",
                name);
        }
    }

    /// <summary>Throws unless a column the formula picks (<c>x[k]</c>) exists.</summary>
    /// <param name="tensorName">The tensor.</param>
    /// <param name="columns">Its number of columns.</param>
    /// <param name="column">The column picked.</param>
    /// <param name="source">What gave the column: a literal or an option's name.</param>
    public static void ColumnInRange(string tensorName, int columns, int column, string source)
    {
        if ((uint)column >= (uint)columns)
        {
            throw new ArgumentOutOfRangeException(source,
                $"The formula reads column {column} ({source}) of '{tensorName}', which has {columns} columns.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a defined <see cref="LossDsl.Reduction"/>.</summary>
    /// <param name="name">The option's parameter name.</param>
    /// <param name="value">The value passed.</param>
    public static void CheckReduction(string name, LossDsl.Reduction value)
    {
        if ((uint)value > (uint)LossDsl.Reduction.BatchMean)
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be Reduction.Mean, Reduction.Sum or Reduction.BatchMean (PyTorch's 'none' is the loss's overload that writes a 'loss' span).");
        }
    }

    /// <summary>Throws for a class index outside [0, C) that is not ignored.</summary>
    /// <param name="name">The class-index parameter.</param>
    /// <param name="sample">The sample holding it.</param>
    /// <param name="value">The index.</param>
    /// <param name="columns">C.</param>
    [DoesNotReturn]
    public static void ThrowClassIndex(string name, int sample, long value, int columns) =>
        throw new ArgumentOutOfRangeException(name, value,
            $"'{name}[{sample}]' is {value}, which is not a class index in [0, {columns}) (sample {sample}).");

    /// <summary>The largest lane of <paramref name="v"/> (NaN if any lane is NaN).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="v">The lanes.</param>
    /// <returns>Their maximum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxLane<T>(Vector128<T> v) where T : IFloatingPointIeee754<T> => FoldMax(v, native: false);

    /// <inheritdoc cref="MaxLane{T}(Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxLane<T>(Vector256<T> v) where T : IFloatingPointIeee754<T> => MaxLane(Vector128.Max(v.GetLower(), v.GetUpper()));

    /// <inheritdoc cref="MaxLane{T}(Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxLane<T>(Vector512<T> v) where T : IFloatingPointIeee754<T> => MaxLane(Vector256.Max(v.GetLower(), v.GetUpper()));

    /// <summary>
    /// The largest lane of <paramref name="v"/> by the CPU's max instruction (<c>MaxNative</c>): where a lane is NaN the
    /// result may or may not be NaN, and of +0 and −0 either may be returned. For a maximum that only shifts values
    /// before an exponential (logsumexp, softmax), whose result is NaN through the sum whenever a value is NaN.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="v">The lanes.</param>
    /// <returns>Their maximum, or one of the lanes where NaN or a signed zero makes the maximum ambiguous.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxLaneNative<T>(Vector128<T> v) where T : IFloatingPointIeee754<T> => FoldMax(v, native: true);

    // Halves folded onto each other with the vector max, the way a row's maximum is taken once per row: two shuffles
    // for 4 floats, one for 2 doubles. IEEE 754's maximum (NaN propagates, +0 above −0), or the CPU's where native (a
    // constant at every call site, so the JIT keeps one branch).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FoldMax<T>(Vector128<T> v, bool native) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector128<float> f = v.As<T, float>();
            f = Max(f, Vector128.Shuffle(f, Vector128.Create(2, 3, 0, 1)), native);
            f = Max(f, Vector128.Shuffle(f, Vector128.Create(1, 0, 3, 2)), native);
            return f.As<float, T>().ToScalar();
        }

        if (typeof(T) == typeof(double))
        {
            Vector128<double> d = v.As<T, double>();
            d = Max(d, Vector128.Shuffle(d, Vector128.Create(1L, 0L)), native);
            return d.As<double, T>().ToScalar();
        }

        T m = v[0];
        for (int k = 1; k < Vector128<T>.Count; k++)
        {
            m = T.Max(m, v[k]);
        }

        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<TLane> Max<TLane>(Vector128<TLane> a, Vector128<TLane> b, bool native) =>
        native ? Vector128.MaxNative(a, b) : Vector128.Max(a, b);

    /// <inheritdoc cref="MaxLaneNative{T}(Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxLaneNative<T>(Vector256<T> v) where T : IFloatingPointIeee754<T> => MaxLaneNative(Vector128.MaxNative(v.GetLower(), v.GetUpper()));

    /// <inheritdoc cref="MaxLaneNative{T}(Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxLaneNative<T>(Vector512<T> v) where T : IFloatingPointIeee754<T> => MaxLaneNative(Vector256.MaxNative(v.GetLower(), v.GetUpper()));

    /// <summary>The smallest lane of <paramref name="v"/> (NaN if any lane is NaN).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="v">The lanes.</param>
    /// <returns>Their minimum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MinLane<T>(Vector128<T> v) where T : IFloatingPointIeee754<T> => -MaxLane(-v); // negation is exact and keeps NaN

    /// <inheritdoc cref="MinLane{T}(Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MinLane<T>(Vector256<T> v) where T : IFloatingPointIeee754<T> => -MaxLane(-v);

    /// <inheritdoc cref="MinLane{T}(Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MinLane<T>(Vector512<T> v) where T : IFloatingPointIeee754<T> => -MaxLane(-v);

    private static void CheckTensor(string name, int rank, bool isDense, bool isEmpty, ReadOnlySpan<nint> lengths, out int samples, out int columns, out int inner)
    {
        if (rank < 2)
        {
            throw new ArgumentException($"'{name}' has rank {rank}; a tensor input of a loss has shape (N, C) or (N, C, d1, ..., dk).", name);
        }

        if (!isDense && !isEmpty)
        {
            throw new ArgumentException($"'{name}' is not dense (its strides are not row-major and contiguous: a transposed, sliced or broadcast view); copy it into a dense tensor first.", name);
        }

        long innerLong = 1;
        for (int k = 2; k < rank; k++)
        {
            innerLong *= lengths[k];
        }

        long total = lengths[0] * lengths[1] * innerLong;
        if (total > int.MaxValue)
        {
            throw new ArgumentException($"'{name}' has {total} elements; a loss handles at most {int.MaxValue}.", name);
        }

        inner = (int)innerLong;
        columns = (int)lengths[1];
        samples = (int)(lengths[0] * innerLong);
    }

    [DoesNotReturn]
    private static void ThrowLengthMismatch(string expectedName, int expected, string name, int length) =>
        throw new ArgumentException(
            $"'{name}' has length {length} but '{expectedName}' has length {expected}; every span of a loss must have the same length.",
            name);

    [DoesNotReturn]
    private static void ThrowOverlap(string outputName, string inputName) =>
        throw new ArgumentException(
            $"'{outputName}' overlaps '{inputName}'; an output span must not share memory with an input span, because the loss reads its inputs again after writing outputs.",
            outputName);
}
