using System;

namespace LossDsl.MLNet;

/// <summary>Evaluates an elementwise LossDsl loss, and its derivative, at one (output, label) pair.</summary>
internal sealed class ElementwiseScalarLoss
{
    private readonly ElementwiseLoss? _forward;
    private readonly ElementwiseLossBackward? _backward;
    private readonly ElementwiseLossForwardBackward? _fused;

    public ElementwiseScalarLoss(ElementwiseLoss forward, ElementwiseLossBackward backward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        _forward = forward;
        _backward = backward;
    }

    public ElementwiseScalarLoss(ElementwiseLossForwardBackward forwardBackward)
    {
        ArgumentNullException.ThrowIfNull(forwardBackward);
        _fused = forwardBackward;
    }

    // ML.NET asks for one element at a time, so each call hands the generated method spans of length 1 over locals:
    // nothing is allocated and nothing is shared, so concurrent calls (SGD's worker threads) are safe.
    public float Loss(float output, float label)
    {
        float loss = 0;
        if (_fused is not null)
        {
            float ignored = 0;
            float zero = 0;
            _fused(new ReadOnlySpan<float>(in output), new ReadOnlySpan<float>(in label), new Span<float>(ref loss), new ReadOnlySpan<float>(in zero), new Span<float>(ref ignored));
        }
        else
        {
            _forward!(new ReadOnlySpan<float>(in output), new ReadOnlySpan<float>(in label), new Span<float>(ref loss));
        }

        return loss;
    }

    public float Derivative(float output, float label)
    {
        float derivative = 0;
        float one = 1;
        if (_fused is not null)
        {
            float ignored = 0;
            _fused(new ReadOnlySpan<float>(in output), new ReadOnlySpan<float>(in label), new Span<float>(ref ignored), new ReadOnlySpan<float>(in one), new Span<float>(ref derivative));
        }
        else
        {
            _backward!(new ReadOnlySpan<float>(in output), new ReadOnlySpan<float>(in label), new ReadOnlySpan<float>(in one), new Span<float>(ref derivative));
        }

        return derivative;
    }
}
