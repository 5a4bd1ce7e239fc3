using System;

namespace LossDsl.MLNet;

/// <summary>
/// The per-element forward form of a LossDsl loss: writes <c>loss[i]</c> for the model's output <c>output[i]</c>
/// and its label <c>label[i]</c>. A <c>[Loss]</c> method declared as
/// <c>static partial void F(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, Span&lt;float&gt; loss)</c>
/// (an elementwise formula, "reduction none") converts to this delegate as a method group.
/// </summary>
/// <param name="output">The model's outputs (ML.NET's score before any calibration).</param>
/// <param name="label">The labels, one per output, as the adapter passes them (see <see cref="BinaryLabels"/> for classification).</param>
/// <param name="loss">Receives the loss of each element.</param>
public delegate void ElementwiseLoss(ReadOnlySpan<float> output, ReadOnlySpan<float> label, Span<float> loss);

/// <summary>
/// The per-element backward form of a LossDsl loss: writes <c>doutput[i] = dloss[i] · ∂loss[i]/∂output[i]</c>.
/// A <c>[Loss]</c> method declared as
/// <c>static partial void F(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, ReadOnlySpan&lt;float&gt; dloss, Span&lt;float&gt; dp)</c>
/// converts to this delegate as a method group.
/// </summary>
/// <param name="output">The model's outputs.</param>
/// <param name="label">The labels, one per output.</param>
/// <param name="dloss">The upstream gradient of each element's loss; the adapter passes 1.</param>
/// <param name="doutput">Receives the gradient with respect to each output.</param>
public delegate void ElementwiseLossBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> label, ReadOnlySpan<float> dloss, Span<float> doutput);

/// <summary>
/// The fused per-element forward and backward form of a LossDsl loss, one pass that writes both <c>loss[i]</c> and
/// <c>doutput[i] = dloss[i] · ∂loss[i]/∂output[i]</c>. A <c>[Loss]</c> method declared as
/// <c>static partial void F(ReadOnlySpan&lt;float&gt; p, ReadOnlySpan&lt;float&gt; t, Span&lt;float&gt; loss, ReadOnlySpan&lt;float&gt; dloss, Span&lt;float&gt; dp)</c>
/// converts to this delegate as a method group.
/// </summary>
/// <param name="output">The model's outputs.</param>
/// <param name="label">The labels, one per output.</param>
/// <param name="loss">Receives the loss of each element.</param>
/// <param name="dloss">The upstream gradient of each element's loss.</param>
/// <param name="doutput">Receives the gradient with respect to each output.</param>
public delegate void ElementwiseLossForwardBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> label, Span<float> loss, ReadOnlySpan<float> dloss, Span<float> doutput);
