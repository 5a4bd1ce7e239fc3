using System;

namespace LossDsl;

/// <summary>The value holds one-hot rows: for each sample, a row of C values with a 1 at its class and 0 elsewhere.</summary>
/// <remarks>A loss parameter marked <see cref="ClassIndicesAttribute"/> must not get one-hot rows (LD2004): pass the indices the rows were made from.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OneHotAttribute : ValueKindAttribute
{
}
