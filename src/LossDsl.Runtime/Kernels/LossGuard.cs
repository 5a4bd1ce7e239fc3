using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

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
