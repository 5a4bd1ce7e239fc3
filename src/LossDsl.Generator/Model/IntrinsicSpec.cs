using System.Linq;

namespace LossDsl.Generator.Model;

/// <summary>What a parameter of a runtime intrinsic's <c>Forward</c> takes, and so what a formula may pass to it.</summary>
internal enum IntrinsicParameterKind
{
    /// <summary><c>ReadOnlySpan&lt;T&gt;</c>: a differentiable vector input.</summary>
    RealSpan,
    /// <summary><c>ReadOnlyTensorSpan&lt;T&gt;</c>: a differentiable tensor input.</summary>
    RealTensor,
    /// <summary><c>ReadOnlySpan&lt;int&gt;</c>: integers (lengths, labels), no gradient.</summary>
    IntegerSpan,
    /// <summary><c>ReadOnlyTensorSpan&lt;int&gt;</c>: an integer tensor (targets), no gradient.</summary>
    IntegerTensor,
    /// <summary>An <c>int</c> option.</summary>
    IntegerOption,
    /// <summary>A <c>bool</c> option.</summary>
    BooleanOption,
    /// <summary>A <c>T</c> option (a real setting such as a margin).</summary>
    RealOption,
}

/// <summary>A parameter of an intrinsic's <c>Forward</c> (and of its <c>Backward</c>, which repeats it).</summary>
/// <param name="Name">Its name, as declared.</param>
/// <param name="Kind">What it takes.</param>
/// <param name="Default">For an option with a default, the default as a C# literal (<c>0</c>, <c>false</c>, <c>0.5</c>); otherwise null.</param>
internal sealed record IntrinsicParameter(string Name, IntrinsicParameterKind Kind, string? Default = null)
{
    /// <summary>Whether this is an input (memory) rather than an option (a scalar).</summary>
    public bool IsInput => Kind is IntrinsicParameterKind.RealSpan or IntrinsicParameterKind.RealTensor or IntrinsicParameterKind.IntegerSpan or IntrinsicParameterKind.IntegerTensor;

    /// <summary>Whether this input has a gradient (a real span or tensor).</summary>
    public bool IsDifferentiable => Kind is IntrinsicParameterKind.RealSpan or IntrinsicParameterKind.RealTensor;

    /// <summary>Whether this input is a tensor.</summary>
    public bool IsTensor => Kind is IntrinsicParameterKind.RealTensor or IntrinsicParameterKind.IntegerTensor;

    /// <summary>The type as a user reads it in messages, with <c>T</c> for the element type.</summary>
    public string Display => Kind switch
    {
        IntrinsicParameterKind.RealSpan => "ReadOnlySpan<T>",
        IntrinsicParameterKind.RealTensor => "ReadOnlyTensorSpan<T>",
        IntrinsicParameterKind.IntegerSpan => "ReadOnlySpan<int>",
        IntrinsicParameterKind.IntegerTensor => "ReadOnlyTensorSpan<int>",
        IntrinsicParameterKind.IntegerOption => "int",
        IntrinsicParameterKind.BooleanOption => "bool",
        _ => "T",
    };
}

/// <summary>
/// A runtime intrinsic declared in the user's project: a static class marked <c>[LossIntrinsic("name")]</c> whose
/// generic <c>Forward</c> and <c>Backward</c> follow the calling convention of docs/intrinsics.md. Formulas call it by
/// <see cref="Name"/>; the generated kernel calls <c>Forward</c> into a pooled buffer of one value per element of its
/// first input's axis 0, and <c>Backward</c> (into cleared scratch, added into the gradients) with that buffer's adjoint.
/// </summary>
/// <param name="Name">The formula name.</param>
/// <param name="TypeName">The class, fully qualified with <c>global::</c>.</param>
/// <param name="Parameters">Forward's parameters before <c>losses</c>: the inputs, then the options.</param>
/// <param name="Problem">Why the class cannot be called from formulas (reported on it as LD0022), or null when it can.</param>
internal sealed record IntrinsicSpec(string Name, string TypeName, EquatableArray<IntrinsicParameter> Parameters, string? Problem = null)
{
    /// <summary>The inputs, in order.</summary>
    public System.Collections.Generic.IEnumerable<IntrinsicParameter> Inputs => Parameters.Where(p => p.IsInput);

    /// <summary>The options, in order.</summary>
    public System.Collections.Generic.IEnumerable<IntrinsicParameter> Options => Parameters.Where(p => !p.IsInput);

    /// <summary>The fewest arguments a call may give: every input, and every option up to the last one without a default.</summary>
    public int MinimumArguments
    {
        get
        {
            int required = Parameters.Count(p => p.IsInput);
            for (int k = 0; k < Parameters.Count; k++)
            {
                if (!Parameters[k].IsInput && Parameters[k].Default is null)
                {
                    required = k + 1;
                }
            }

            return required;
        }
    }

    /// <summary>How a call is written, for messages: <c>name(a, b[, margin])</c>.</summary>
    public string Signature
    {
        get
        {
            int required = MinimumArguments;
            string head = string.Join(", ", Parameters.Take(required).Select(p => p.Name));
            string tail = string.Concat(Parameters.Skip(required).Select((p, k) => (k == 0 && required == 0 ? "[" : "[, ") + p.Name));
            return $"{Name}({head}{tail}{new string(']', Parameters.Count - required)})";
        }
    }
}

/// <summary>The transform's result for one <c>[LossIntrinsic]</c> class.</summary>
/// <param name="Spec">What formulas can call (with a <see cref="IntrinsicSpec.Problem"/> when they cannot), or null when the attribute has no name.</param>
/// <param name="Diagnostics">LD0022 for each thing wrong with the declaration, at its exact place.</param>
/// <param name="Location">The class's name, where a name declared twice is reported.</param>
internal sealed record IntrinsicModel(IntrinsicSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Location);
