using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    public static partial class Classification
    {
        // The mean over rows of the Shannon entropy −Σ softmax·log_softmax of each row. log_softmax is written as PyTorch
        // computes it, (x − m) − log Σ exp(x − m) with m the row's maximum: the generator's log_softmax(x) is
        // x − (m + log Σ exp(x − m)), whose rounding at the magnitude of m (about 1e-3 in float for logits near 1e4)
        // would swamp an entropy of order 1. m is detached: log_softmax does not depend on it, so its exact derivative
        // through m is 0.
        private const string EntropyFormula =
            "z = x - detach(row_max(x)); lp = z - log(row_sum(exp(z))); mean(-row_sum(exp(lp) * lp))";

        /// <summary>The mean Shannon entropy of the softmax of logits, a regulariser (seeds 001 and 002): H = (1/N)·Σᵢ −Σⱼ softmax(xᵢ)ⱼ·log_softmax(xᵢ)ⱼ.</summary>
        /// <param name="x">Logits (unnormalised scores) of shape (N, C) or (N, C, d₁, …, dₖ); axis 1 is the class axis, and each row (each position of a rank &gt; 2 tensor) is one distribution.</param>
        /// <param name="dx">Receives ∂H/∂x, the shape of <paramref name="x"/>: −softmax(xᵢ)ⱼ·(log_softmax(xᵢ)ⱼ + Hᵢ)/N.</param>
        /// <returns>The mean over the rows of the entropy of each row, in nats (between 0 and log C).</returns>
        /// <remarks><para>There is no PyTorch loss for it; in PyTorch it is <c>-(softmax(x, 1) * log_softmax(x, 1)).sum(1).mean()</c>, or <c>torch.distributions.Categorical(logits=x).entropy().mean()</c>. Add it with a positive weight to encourage confident predictions (entropy minimisation) or subtract it to encourage spread (a maximum-entropy bonus, as in policy-gradient methods). log_softmax is computed as PyTorch computes it, (x − max) − log Σ exp(x − max), so the value keeps its absolute precision and stays finite for logits of any finite magnitude (±1e4 included): a class whose probability underflows to 0 contributes 0. A row holding +∞ or only −∞ gives NaN, as in PyTorch.</para></remarks>
        [Loss(EntropyFormula)]
        public static partial float Entropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, TensorSpan<float> dx);

        /// <inheritdoc cref="Entropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(EntropyFormula)]
        public static partial double Entropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);

        /// <inheritdoc cref="Entropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float})"/>
        [Loss(EntropyFormula)]
        public static partial float Entropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x);

        /// <inheritdoc cref="Entropy(System.Numerics.Tensors.ReadOnlyTensorSpan{float})"/>
        [Loss(EntropyFormula)]
        public static partial double Entropy([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x);
    }
}
