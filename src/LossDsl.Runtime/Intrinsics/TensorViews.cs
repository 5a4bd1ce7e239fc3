using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace LossDsl.Intrinsics;

/// <summary>
/// Flat views of tensor spans for the intrinsics: an input is read through its strides (any layout the tensor span
/// accepts), an output must be dense so that every element is written exactly once.
/// </summary>
internal static class TensorViews
{
    /// <summary>
    /// The span of memory a tensor span can address, from its element 0 up to its last reachable element. Element
    /// (i0, i1, ...) is at Σ i_k · Strides[k] in it; indexing the span keeps every read bounds-checked.
    /// </summary>
    public static ReadOnlySpan<T> Covering<T>(in ReadOnlyTensorSpan<T> tensor, string paramName)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        ReadOnlySpan<nint> strides = tensor.Strides;
        long extent = 1;
        for (int k = 0; k < lengths.Length; k++)
        {
            if (lengths[k] == 0)
            {
                return default;
            }

            extent += (long)(lengths[k] - 1) * strides[k];
        }

        if (lengths.Length == 0)
        {
            return default;
        }

        if (extent > Array.MaxLength)
        {
            throw new ArgumentException($"'{paramName}' spans {extent} elements; an intrinsic reads at most {Array.MaxLength}.", paramName);
        }

        return MemoryMarshal.CreateReadOnlySpan(in TensorMarshal.GetReference(tensor), (int)extent);
    }

    /// <summary>
    /// The elements of an output tensor span in row-major order, after checking that its lengths are
    /// <paramref name="expected"/> and that it is dense.
    /// </summary>
    public static Span<T> DenseOutput<T>(in TensorSpan<T> tensor, ReadOnlySpan<nint> expected, string paramName, string expectedName)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        if (!lengths.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"'{paramName}' has shape {Shape(lengths)} but '{expectedName}' has shape {Shape(expected)}; a gradient has the shape of its input.",
                paramName);
        }

        if (tensor.FlattenedLength == 0)
        {
            return default;
        }

        if (!tensor.IsDense)
        {
            throw new ArgumentException(
                $"'{paramName}' is not dense; a gradient output must be contiguous in row-major order so that each element is written once.",
                paramName);
        }

        if (tensor.FlattenedLength > Array.MaxLength)
        {
            throw new ArgumentException($"'{paramName}' has {tensor.FlattenedLength} elements; an intrinsic writes at most {Array.MaxLength}.", paramName);
        }

        return MemoryMarshal.CreateSpan(ref TensorMarshal.GetReference(tensor), (int)tensor.FlattenedLength);
    }

    /// <summary>Formats lengths as <c>(2, 3, 4)</c> for messages.</summary>
    public static string Shape(ReadOnlySpan<nint> lengths)
    {
        if (lengths.Length == 0)
        {
            return "()";
        }

        var text = new System.Text.StringBuilder("(");
        for (int k = 0; k < lengths.Length; k++)
        {
            if (k > 0)
            {
                text.Append(", ");
            }

            text.Append(lengths[k]);
        }

        return text.Append(')').ToString();
    }
}
