using System;
using Microsoft.ML.Trainers;

namespace LossDsl.MLNet;

/// <summary>
/// An elementwise LossDsl loss as ML.NET's <see cref="IClassificationLoss"/>, for
/// <see cref="AveragedPerceptronTrainer.Options.LossFunction"/> and <see cref="SgdNonCalibratedTrainer.Options.LossFunction"/>
/// (or the <c>lossFunction</c> argument of <c>mlContext.BinaryClassification.Trainers.AveragedPerceptron</c> and
/// <c>SgdNonCalibrated</c>). <see cref="Derivative"/> is the derivative the LossDsl compiler derived from the formula.
/// </summary>
/// <remarks>
/// <para>The output is the linear model's raw score; the label is converted to the encoding the formula expects
/// (<see cref="BinaryLabels"/>) before the formula sees it:</para>
/// <code>
/// [Loss("relu(1 - t * p)")]   // hinge, labels ±1
/// static partial void Hinge(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, Span&lt;float&gt; loss);
/// [Loss("relu(1 - t * p)")]
/// static partial void HingeBackward(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, ReadOnlySpan&lt;float&gt; dloss, Span&lt;float&gt; dp);
///
/// var trainer = mlContext.BinaryClassification.Trainers.AveragedPerceptron(
///     lossFunction: new LossDslClassificationLoss(Hinge, HingeBackward, BinaryLabels.PlusMinusOne));
/// </code>
/// </remarks>
public sealed class LossDslClassificationLoss : IClassificationLoss
{
    private readonly ElementwiseScalarLoss _loss;
    private readonly float _negative;

    /// <summary>Adapts a loss given by its per-element forward and backward methods.</summary>
    /// <param name="forward">Writes the loss of each (output, label) pair.</param>
    /// <param name="backward">Writes <c>dloss · ∂loss/∂output</c> for each pair.</param>
    /// <param name="labels">The label encoding the formula is written for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="forward"/> or <paramref name="backward"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labels"/> is not a <see cref="BinaryLabels"/> value.</exception>
    public LossDslClassificationLoss(ElementwiseLoss forward, ElementwiseLossBackward backward, BinaryLabels labels)
    {
        _negative = NegativeLabel(labels);
        _loss = new ElementwiseScalarLoss(forward, backward);
    }

    /// <summary>Adapts a loss given by one per-element method that writes both the loss and its gradient.</summary>
    /// <param name="forwardBackward">Writes the loss and <c>dloss · ∂loss/∂output</c> of each pair.</param>
    /// <param name="labels">The label encoding the formula is written for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="forwardBackward"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labels"/> is not a <see cref="BinaryLabels"/> value.</exception>
    public LossDslClassificationLoss(ElementwiseLossForwardBackward forwardBackward, BinaryLabels labels)
    {
        _negative = NegativeLabel(labels);
        _loss = new ElementwiseScalarLoss(forwardBackward);
    }

    /// <summary>The label encoding the formula receives.</summary>
    public BinaryLabels Labels => _negative == 0 ? BinaryLabels.ZeroOne : BinaryLabels.PlusMinusOne;

    /// <summary>The loss of one raw score.</summary>
    /// <param name="output">The model's raw score.</param>
    /// <param name="label">ML.NET's label: greater than 0 for the positive class.</param>
    /// <returns>The formula's value at the score and the encoded label.</returns>
    public double Loss(float output, float label) => _loss.Loss(output, Encode(label));

    /// <summary>The derivative of the loss with respect to the raw score.</summary>
    /// <param name="output">The model's raw score.</param>
    /// <param name="label">ML.NET's label: greater than 0 for the positive class.</param>
    /// <returns>∂loss/∂output at the score and the encoded label, as the LossDsl compiler derived it.</returns>
    public float Derivative(float output, float label) => _loss.Derivative(output, Encode(label));

    private float Encode(float label) => label > 0 ? 1 : _negative;

    private static float NegativeLabel(BinaryLabels labels) => labels switch
    {
        BinaryLabels.ZeroOne => 0,
        BinaryLabels.PlusMinusOne => -1,
        _ => throw new ArgumentOutOfRangeException(nameof(labels), labels, "Expected BinaryLabels.ZeroOne or BinaryLabels.PlusMinusOne."),
    };
}
