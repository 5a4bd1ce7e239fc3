using System;

namespace LossDsl;

/// <summary>
/// The base of the value-kind attributes: <see cref="LogitsAttribute"/>, <see cref="ProbabilitiesAttribute"/>,
/// <see cref="LogProbabilitiesAttribute"/>, <see cref="ClassIndicesAttribute"/>, <see cref="OneHotAttribute"/>,
/// <see cref="BinaryLabelsAttribute"/> and <see cref="SignLabelsAttribute"/>. A kind says what the numbers in a value
/// mean, which their type (a span of <see cref="float"/>, a tensor) does not.
/// </summary>
/// <remarks>
/// <para>Kinds have no effect at run time. The LossDsl analyzers read them at compile time:</para>
/// <list type="bullet">
/// <item><description>on a <b>parameter of a loss</b>, the kind is what the loss expects, and a value of a conflicting
/// kind passed there is reported at the argument (for example probabilities passed to a <c>[Logits]</c> parameter, a
/// softmax applied twice);</description></item>
/// <item><description>on a <b>return value</b> (<c>[return: Logits]</c>) or on a <b>method</b> (which means the same), the
/// kind is what the method produces, so a model's <c>Forward</c> method can say that it returns logits;</description></item>
/// <item><description>on a <b>parameter of any other method</b>, the kind is what the parameter holds inside that method's
/// body.</description></item>
/// </list>
/// <para>See docs/analyzers.md for the kinds, the conflicts reported (LD2001–LD2012) and how to annotate your own
/// producers.</para>
/// </remarks>
public abstract class ValueKindAttribute : Attribute
{
    private protected ValueKindAttribute()
    {
    }
}
