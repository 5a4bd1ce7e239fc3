using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Reinforcement-learning losses: the policy-gradient (REINFORCE) surrogate and the DQN temporal-difference loss.</summary>
    public static partial class ReinforcementLearning
    {
        // ---------------------------------------------------------------- PolicyGradient (row 57)

        private const string PolicyGradientFormula = "-mean(log_probs * advantages)";

        /// <summary>REINFORCE policy-gradient surrogate loss: −meanᵢ log π(aᵢ|sᵢ) · Aᵢ.</summary>
        /// <param name="log_probs">Log-probabilities log π(aᵢ|sᵢ) of the actions taken (≤ 0).</param>
        /// <param name="advantages">The advantage (or return) of each action; treated as a constant (no gradient).</param>
        /// <param name="dlog_probs">Receives ∂loss/∂log_probs = −Aᵢ/N.</param>
        /// <returns>The surrogate loss; its gradient is the policy-gradient estimate (negated, for a minimiser).</returns>
        /// <remarks>Williams 1992; the usual PyTorch form <c>-(log_probs * advantages.detach()).mean()</c>.</remarks>
        [Loss(PolicyGradientFormula)]
        public static partial float PolicyGradient([LogProbabilities] ReadOnlySpan<float> log_probs, ReadOnlySpan<float> advantages, Span<float> dlog_probs);

        /// <inheritdoc cref="PolicyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(PolicyGradientFormula)]
        public static partial float PolicyGradient([LogProbabilities] ReadOnlySpan<float> log_probs, ReadOnlySpan<float> advantages);

        /// <inheritdoc cref="PolicyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(PolicyGradientFormula)]
        public static partial double PolicyGradient([LogProbabilities] ReadOnlySpan<double> log_probs, ReadOnlySpan<double> advantages);

        /// <inheritdoc cref="PolicyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(PolicyGradientFormula)]
        public static partial double PolicyGradient([LogProbabilities] ReadOnlySpan<double> log_probs, ReadOnlySpan<double> advantages, Span<double> dlog_probs);

        // ---------------------------------------------------------------- TemporalDifference (row 58)

        private const string TemporalDifferenceFormula =
            "e = q[actions] - (rewards + gamma * (1 - dones) * row_max(next_q)); " +
            "mean(where(huber, where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)), e^2))";

        /// <summary>DQN Q-learning loss: with the TD error eᵢ = Q(sᵢ, aᵢ) − (rᵢ + γ·(1 − doneᵢ)·maxₐ Q′(sᵢ′, a)), the mean
        /// Huber loss of e (δ = <paramref name="delta"/>) or, with <paramref name="huber"/> false, the mean of e².</summary>
        /// <param name="q">Q-values Q(s, ·) of the current states, shape (N, A).</param>
        /// <param name="actions">The action taken in each state, an index in [0, A).</param>
        /// <param name="rewards">The reward of each transition.</param>
        /// <param name="next_q">Q-values of the next states (from the target network), shape (N, A); part of the fixed
        /// target, so it gets no gradient.</param>
        /// <param name="dones">1 where the episode ended at the transition (no bootstrap), 0 otherwise.</param>
        /// <param name="dq">Receives ∂loss/∂q: non-zero only in the column of the action taken.</param>
        /// <param name="gamma">The discount factor γ.</param>
        /// <param name="huber">Huber loss of the TD error (the DQN default, PyTorch's <c>smooth_l1_loss</c> with β = 1
        /// when δ = 1) when true; squared error when false.</param>
        /// <param name="delta">The Huber threshold δ: ½e² for |e| ≤ δ, δ·(|e| − ½δ) beyond (PyTorch's <c>huber_loss</c>).</param>
        /// <returns>The mean TD loss over the N transitions.</returns>
        /// <remarks>Mnih et al. 2015; PyTorch's DQN tutorial computes it as <c>smooth_l1_loss(q.gather(1, a), r + γ ·
        /// next_q.max(1).values.detach() · (1 − done))</c>. The target is not differentiated. An action outside [0, A)
        /// throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="actions"/>.</remarks>
        [Loss(TemporalDifferenceFormula)]
        public static partial float TemporalDifference(ReadOnlyTensorSpan<float> q, [ClassIndices] ReadOnlySpan<int> actions, ReadOnlySpan<float> rewards, ReadOnlyTensorSpan<float> next_q, ReadOnlySpan<float> dones,
            TensorSpan<float> dq, float gamma = 0.99f, bool huber = true, float delta = 1);

        /// <inheritdoc cref="TemporalDifference(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, float)"/>
        [Loss(TemporalDifferenceFormula)]
        public static partial float TemporalDifference(ReadOnlyTensorSpan<float> q, [ClassIndices] ReadOnlySpan<int> actions, ReadOnlySpan<float> rewards, ReadOnlyTensorSpan<float> next_q, ReadOnlySpan<float> dones,
            float gamma = 0.99f, bool huber = true, float delta = 1);

        /// <inheritdoc cref="TemporalDifference(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, float)"/>
        [Loss(TemporalDifferenceFormula)]
        public static partial double TemporalDifference(ReadOnlyTensorSpan<double> q, [ClassIndices] ReadOnlySpan<int> actions, ReadOnlySpan<double> rewards, ReadOnlyTensorSpan<double> next_q, ReadOnlySpan<double> dones,
            double gamma = 0.99, bool huber = true, double delta = 1);

        /// <inheritdoc cref="TemporalDifference(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, bool, float)"/>
        [Loss(TemporalDifferenceFormula)]
        public static partial double TemporalDifference(ReadOnlyTensorSpan<double> q, [ClassIndices] ReadOnlySpan<int> actions, ReadOnlySpan<double> rewards, ReadOnlyTensorSpan<double> next_q, ReadOnlySpan<double> dones,
            TensorSpan<double> dq, double gamma = 0.99, bool huber = true, double delta = 1);
    }
}
