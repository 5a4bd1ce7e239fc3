using System;

namespace LossDsl;

/// <summary>The value holds class indices: one integer in [0, C) per sample, naming its class.</summary>
/// <remarks>Cross-entropy with class-index targets and negative log-likelihood expect them; a one-hot matrix passed there instead is LD2004.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ClassIndicesAttribute : ValueKindAttribute
{
}
