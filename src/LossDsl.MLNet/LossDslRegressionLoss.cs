using Microsoft.ML.Trainers;

namespace LossDsl.MLNet;

/// <summary>
/// An elementwise LossDsl loss as ML.NET's <see cref="IRegressionLoss"/>, for
/// <see cref="OnlineGradientDescentTrainer.Options.LossFunction"/> (or the <c>lossFunction</c> argument of
/// <c>mlContext.Regression.Trainers.OnlineGradientDescent</c>). <see cref="Derivative"/> is the derivative the
/// LossDsl compiler derived from the formula, so there is nothing to differentiate by hand.
/// </summary>
/// <remarks>
/// <para>The loss is written once, elementwise, in the output <c>p</c> and the label <c>t</c>:</para>
/// <code>
/// [Loss("e = p - t; where(abs(e) &lt;= 1, 0.5 * e^2, abs(e) - 0.5)")]
/// static partial void Huber(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, Span&lt;float&gt; loss);
/// [Loss("e = p - t; where(abs(e) &lt;= 1, 0.5 * e^2, abs(e) - 0.5)")]
/// static partial void HuberBackward(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, ReadOnlySpan&lt;float&gt; dloss, Span&lt;float&gt; dp);
///
/// var trainer = mlContext.Regression.Trainers.OnlineGradientDescent(
///     lossFunction: new LossDslRegressionLoss(Huber, HuberBackward));
/// </code>
/// <para>A method with options (<c>float delta = 1</c>) does not convert as a method group; pass a lambda that
/// supplies them: <c>(p, t, loss) =&gt; Huber(p, t, loss, 1.5f)</c>.</para>
/// </remarks>
public sealed class LossDslRegressionLoss : IRegressionLoss
{
    private readonly ElementwiseScalarLoss _loss;

    /// <summary>Adapts a loss given by its per-element forward and backward methods.</summary>
    /// <param name="forward">Writes the loss of each (output, label) pair.</param>
    /// <param name="backward">Writes <c>dloss · ∂loss/∂output</c> for each pair.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="forward"/> or <paramref name="backward"/> is null.</exception>
    public LossDslRegressionLoss(ElementwiseLoss forward, ElementwiseLossBackward backward)
    {
        _loss = new ElementwiseScalarLoss(forward, backward);
    }

    /// <summary>Adapts a loss given by one per-element method that writes both the loss and its gradient.</summary>
    /// <param name="forwardBackward">Writes the loss and <c>dloss · ∂loss/∂output</c> of each pair.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="forwardBackward"/> is null.</exception>
    public LossDslRegressionLoss(ElementwiseLossForwardBackward forwardBackward)
    {
        _loss = new ElementwiseScalarLoss(forwardBackward);
    }

    /// <summary>The loss of one prediction.</summary>
    /// <param name="output">The model's prediction.</param>
    /// <param name="label">The target value.</param>
    /// <returns>The formula's value at (<paramref name="output"/>, <paramref name="label"/>).</returns>
    public double Loss(float output, float label) => _loss.Loss(output, label);

    /// <summary>The derivative of the loss with respect to the prediction.</summary>
    /// <param name="output">The model's prediction.</param>
    /// <param name="label">The target value.</param>
    /// <returns>∂loss/∂output at (<paramref name="output"/>, <paramref name="label"/>), as the LossDsl compiler derived it.</returns>
    public float Derivative(float output, float label) => _loss.Derivative(output, label);
}
