using System;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Regression losses: a prediction and a target per element, compared one by one.</summary>
    public static partial class Regression
    {
        private const string MeanSquaredErrorFormula = "reduce((p - t)^2)";

        /// <summary>Mean squared error (L2 loss), PyTorch's <c>mse_loss</c>: ℓᵢ = (pᵢ − tᵢ)².</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.mse_loss(p, t, reduction=…)</c>.</remarks>
        [Loss(MeanSquaredErrorFormula)]
        public static partial float MeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanSquaredErrorFormula)]
        public static partial float MeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanSquaredErrorFormula)]
        public static partial double MeanSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanSquaredErrorFormula)]
        public static partial double MeanSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="MeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = (pᵢ − tᵢ)².</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        [Loss(MeanSquaredErrorFormula)]
        public static partial void MeanSquaredErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

        /// <summary>The backward pass of <see cref="MeanSquaredErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        [Loss(MeanSquaredErrorFormula)]
        public static partial void MeanSquaredErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

        /// <inheritdoc cref="MeanSquaredErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MeanSquaredErrorFormula)]
        public static partial void MeanSquaredErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);

        /// <inheritdoc cref="MeanSquaredErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MeanSquaredErrorFormula)]
        public static partial void MeanSquaredErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);

        private const string MeanAbsoluteErrorFormula = "reduce(abs(p - t))";

        /// <summary>Mean absolute error (L1 loss), PyTorch's <c>l1_loss</c>: ℓᵢ = |pᵢ − tᵢ|.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.l1_loss(p, t, reduction=…)</c>, including its gradient sign(pᵢ − tᵢ) (divided by N for the mean), which is 0 where pᵢ = tᵢ.</remarks>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial float MeanAbsoluteError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial float MeanAbsoluteError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial double MeanAbsoluteError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial double MeanAbsoluteError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="MeanAbsoluteError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = |pᵢ − tᵢ|.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial void MeanAbsoluteErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

        /// <summary>The backward pass of <see cref="MeanAbsoluteErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial void MeanAbsoluteErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

        /// <inheritdoc cref="MeanAbsoluteErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial void MeanAbsoluteErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);

        /// <inheritdoc cref="MeanAbsoluteErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MeanAbsoluteErrorFormula)]
        public static partial void MeanAbsoluteErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);

        private const string HuberFormula = "e = p - t; a = abs(e); reduce(where(a < delta, 0.5 * e^2, delta * (a - 0.5 * delta)))";

        /// <summary>Huber loss, PyTorch's <c>huber_loss</c>: ℓᵢ = ½(pᵢ − tᵢ)² where |pᵢ − tᵢ| &lt; δ, δ·(|pᵢ − tᵢ| − ½δ) elsewhere.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="delta">Where the loss turns from quadratic to linear; must be positive.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive (PyTorch refuses it too).</exception>
        /// <remarks>Equivalent to <c>torch.nn.functional.huber_loss(p, t, reduction=…, delta=δ)</c>. It is δ times <see cref="SmoothL1(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/> with β = δ: Huber multiplies the linear part by δ where SmoothL1 divides the quadratic part by β.</remarks>
        public static float Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            return HuberCore(p, t, dp, delta, reduction);
        }

        [Loss(HuberFormula)]
        private static partial float HuberCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta, Reduction reduction);

        /// <inheritdoc cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        public static float Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float delta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            return HuberCore(p, t, delta, reduction);
        }

        [Loss(HuberFormula)]
        private static partial float HuberCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float delta, Reduction reduction);

        /// <inheritdoc cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        public static double Huber(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double delta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            return HuberCore(p, t, delta, reduction);
        }

        [Loss(HuberFormula)]
        private static partial double HuberCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double delta, Reduction reduction);

        /// <inheritdoc cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        public static double Huber(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            return HuberCore(p, t, dp, delta, reduction);
        }

        [Loss(HuberFormula)]
        private static partial double HuberCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta, Reduction reduction);

        /// <summary>Per-element <see cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = ½(pᵢ − tᵢ)² where |pᵢ − tᵢ| &lt; δ, δ·(|pᵢ − tᵢ| − ½δ) elsewhere.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="delta">Where the loss turns from quadratic to linear; must be positive.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive (PyTorch refuses it too).</exception>
        public static void HuberUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float delta = 1)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            HuberUnreducedCore(p, t, loss, delta);
        }

        [Loss(HuberFormula)]
        private static partial void HuberUnreducedCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float delta);

        /// <summary>The backward pass of <see cref="HuberUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="delta">Where the loss turns from quadratic to linear; must be positive.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive (PyTorch refuses it too).</exception>
        public static void HuberUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float delta = 1)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            HuberUnreducedCore(p, t, dloss, dp, delta);
        }

        [Loss(HuberFormula)]
        private static partial void HuberUnreducedCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float delta);

        /// <inheritdoc cref="HuberUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static void HuberUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double delta = 1)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            HuberUnreducedCore(p, t, loss, delta);
        }

        [Loss(HuberFormula)]
        private static partial void HuberUnreducedCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double delta);

        /// <inheritdoc cref="HuberUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static void HuberUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double delta = 1)
        {
            if (!(delta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber needs delta > 0, as PyTorch's huber_loss.");
            }

            HuberUnreducedCore(p, t, dloss, dp, delta);
        }

        [Loss(HuberFormula)]
        private static partial void HuberUnreducedCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double delta);

        private const string SmoothL1Formula = "e = p - t; a = abs(e); reduce(where(a < beta, 0.5 * e^2 / where(beta > 0, beta, 1), a - 0.5 * beta))";

        /// <summary>Smooth L1 loss, PyTorch's <c>smooth_l1_loss</c>: ℓᵢ = ½(pᵢ − tᵢ)²/β where |pᵢ − tᵢ| &lt; β, |pᵢ − tᵢ| − ½β elsewhere.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="beta">Where the loss turns from quadratic to linear; must be ≥ 0 (0 gives the L1 loss).</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative (PyTorch refuses it too).</exception>
        /// <remarks>Equivalent to <c>torch.nn.functional.smooth_l1_loss(p, t, reduction=…, beta=β)</c>. With β = 0 it is exactly the L1 loss, as in PyTorch, with the L1 gradient sign(pᵢ − tᵢ) (0 where pᵢ = tᵢ): the quadratic branch, never taken then, divides by 1 instead of 0 so that no NaN reaches the gradient.</remarks>
        public static float SmoothL1(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float beta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            return SmoothL1Core(p, t, dp, beta, reduction);
        }

        [Loss(SmoothL1Formula)]
        private static partial float SmoothL1Core(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float beta, Reduction reduction);

        /// <inheritdoc cref="SmoothL1(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        public static float SmoothL1(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float beta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            return SmoothL1Core(p, t, beta, reduction);
        }

        [Loss(SmoothL1Formula)]
        private static partial float SmoothL1Core(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float beta, Reduction reduction);

        /// <inheritdoc cref="SmoothL1(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        public static double SmoothL1(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double beta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            return SmoothL1Core(p, t, beta, reduction);
        }

        [Loss(SmoothL1Formula)]
        private static partial double SmoothL1Core(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double beta, Reduction reduction);

        /// <inheritdoc cref="SmoothL1(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        public static double SmoothL1(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double beta = 1, Reduction reduction = Reduction.Mean)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            return SmoothL1Core(p, t, dp, beta, reduction);
        }

        [Loss(SmoothL1Formula)]
        private static partial double SmoothL1Core(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double beta, Reduction reduction);

        /// <summary>Per-element <see cref="SmoothL1(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = ½(pᵢ − tᵢ)²/β where |pᵢ − tᵢ| &lt; β, |pᵢ − tᵢ| − ½β elsewhere.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="beta">Where the loss turns from quadratic to linear; must be ≥ 0 (0 gives the L1 loss).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative (PyTorch refuses it too).</exception>
        public static void SmoothL1Unreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float beta = 1)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            SmoothL1UnreducedCore(p, t, loss, beta);
        }

        [Loss(SmoothL1Formula)]
        private static partial void SmoothL1UnreducedCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float beta);

        /// <summary>The backward pass of <see cref="SmoothL1Unreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="beta">Where the loss turns from quadratic to linear; must be ≥ 0 (0 gives the L1 loss).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative (PyTorch refuses it too).</exception>
        public static void SmoothL1Unreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float beta = 1)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            SmoothL1UnreducedCore(p, t, dloss, dp, beta);
        }

        [Loss(SmoothL1Formula)]
        private static partial void SmoothL1UnreducedCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float beta);

        /// <inheritdoc cref="SmoothL1Unreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static void SmoothL1Unreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double beta = 1)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            SmoothL1UnreducedCore(p, t, loss, beta);
        }

        [Loss(SmoothL1Formula)]
        private static partial void SmoothL1UnreducedCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double beta);

        /// <inheritdoc cref="SmoothL1Unreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static void SmoothL1Unreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double beta = 1)
        {
            if (!(beta >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1 needs beta >= 0, as PyTorch's smooth_l1_loss.");
            }

            SmoothL1UnreducedCore(p, t, dloss, dp, beta);
        }

        [Loss(SmoothL1Formula)]
        private static partial void SmoothL1UnreducedCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double beta);

        private const string LogCoshFormula = "reduce(log_cosh(p - t))";

        /// <summary>Log-cosh loss: ℓᵢ = log cosh(pᵢ − tᵢ).</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Keras's <c>LogCosh</c> (PyTorch has none); seed 003's log-cosh loss. Computed without forming cosh (|x| + log1p(e^(−2|x|)) − ln 2 for |x| ≥ 1), so it is finite for any finite difference; the gradient is tanh(pᵢ − tᵢ).</remarks>
        [Loss(LogCoshFormula)]
        public static partial float LogCosh(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="LogCosh(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(LogCoshFormula)]
        public static partial float LogCosh(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="LogCosh(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(LogCoshFormula)]
        public static partial double LogCosh(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="LogCosh(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(LogCoshFormula)]
        public static partial double LogCosh(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="LogCosh(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = log cosh(pᵢ − tᵢ).</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        [Loss(LogCoshFormula)]
        public static partial void LogCoshUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

        /// <summary>The backward pass of <see cref="LogCoshUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        [Loss(LogCoshFormula)]
        public static partial void LogCoshUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

        /// <inheritdoc cref="LogCoshUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(LogCoshFormula)]
        public static partial void LogCoshUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);

        /// <inheritdoc cref="LogCoshUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(LogCoshFormula)]
        public static partial void LogCoshUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);

        private const string SumSquaredErrorFormula = "0.5 * sum((p - t)^2)";

        /// <summary>Sum of squared errors as seed 001 defines it: ½ Σᵢ (pᵢ − tᵢ)².</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <returns>The loss.</returns>
        /// <remarks>No PyTorch equivalent with the ½ (it is <c>0.5 * mse_loss(p, t, reduction='sum')</c>); the reduction is part of the definition, so there is no <see cref="Reduction"/> option. The gradient is pᵢ − tᵢ.</remarks>
        [Loss(SumSquaredErrorFormula)]
        public static partial float SumSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

        /// <inheritdoc cref="SumSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(SumSquaredErrorFormula)]
        public static partial float SumSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t);

        /// <inheritdoc cref="SumSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(SumSquaredErrorFormula)]
        public static partial double SumSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t);

        /// <inheritdoc cref="SumSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(SumSquaredErrorFormula)]
        public static partial double SumSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp);

        private const string RootMeanSquaredErrorFormula = "sqrt(mean((p - t)^2) + eps)";

        /// <summary>Root mean squared error with an ε under the root (seed 001): √(mean((pᵢ − tᵢ)²) + ε).</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="eps">Added under the root so that the gradient stays finite when p = t; use a non-negative value.</param>
        /// <returns>The loss.</returns>
        /// <remarks>Equivalent to <c>torch.sqrt(mse_loss(p, t) + eps)</c> (seed 001's <c>RMSELoss</c>). The mean is part of the definition, so there is no <see cref="Reduction"/> option. A negative ε can make the loss NaN. Over no elements the loss is NaN.</remarks>
        [Loss(RootMeanSquaredErrorFormula)]
        public static partial float RootMeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float eps = 1e-6f);

        /// <inheritdoc cref="RootMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(RootMeanSquaredErrorFormula)]
        public static partial float RootMeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float eps = 1e-6f);

        /// <inheritdoc cref="RootMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(RootMeanSquaredErrorFormula)]
        public static partial double RootMeanSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double eps = 1e-6);

        /// <inheritdoc cref="RootMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(RootMeanSquaredErrorFormula)]
        public static partial double RootMeanSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double eps = 1e-6);

        private const string PoissonNllFormula = "st = where(t > 1, t, 1); stirling = where(t > 1, st * log(st) - st + 0.5 * log(2 * pi * st), 0); nll = where(log_input, exp(p) - t * p, p - t * log(where(log_input, 1, p + eps))); reduce(where(full, nll + stirling, nll))";

        /// <summary>Poisson negative log-likelihood, PyTorch's <c>poisson_nll_loss</c>: ℓᵢ = e^pᵢ − tᵢ·pᵢ for log-rates (default), pᵢ − tᵢ·log(pᵢ + ε) for rates, plus Stirling's term when <paramref name="full"/> is true.</summary>
        /// <param name="p">Predicted rates: their logarithms when <paramref name="log_input"/> is true (the default), the rates themselves otherwise.</param>
        /// <param name="t">Target counts (non-negative), one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="log_input">Whether <paramref name="p"/> holds log-rates (ℓᵢ = e^pᵢ − tᵢ·pᵢ) or rates (ℓᵢ = pᵢ − tᵢ·log(pᵢ + ε)).</param>
        /// <param name="full">Whether to add the Stirling approximation of log(tᵢ!), tᵢ·log tᵢ − tᵢ + ½·log(2πtᵢ), where tᵢ &gt; 1.</param>
        /// <param name="eps">Added to the rate inside the log when <paramref name="log_input"/> is false.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torch.nn.functional.poisson_nll_loss(p, t, log_input, full, eps=ε, reduction=…)</c>. Stirling's term (which depends on t only) is added only where tᵢ &gt; 1, as PyTorch does. Targets are not checked, as PyTorch does not check them.</remarks>
        [Loss(PoissonNllFormula)]
        public static partial float PoissonNll(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, bool log_input = true, bool full = false, float eps = 1e-8f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="PoissonNll(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float, Reduction)"/>
        [Loss(PoissonNllFormula)]
        public static partial float PoissonNll(ReadOnlySpan<float> p, ReadOnlySpan<float> t, bool log_input = true, bool full = false, float eps = 1e-8f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="PoissonNll(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float, Reduction)"/>
        [Loss(PoissonNllFormula)]
        public static partial double PoissonNll(ReadOnlySpan<double> p, ReadOnlySpan<double> t, bool log_input = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="PoissonNll(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float, Reduction)"/>
        [Loss(PoissonNllFormula)]
        public static partial double PoissonNll(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, bool log_input = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="PoissonNll(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes the Poisson negative log-likelihood of each element.</summary>
        /// <param name="p">Predicted rates: their logarithms when <paramref name="log_input"/> is true (the default), the rates themselves otherwise.</param>
        /// <param name="t">Target counts (non-negative), one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="log_input">Whether <paramref name="p"/> holds log-rates (ℓᵢ = e^pᵢ − tᵢ·pᵢ) or rates (ℓᵢ = pᵢ − tᵢ·log(pᵢ + ε)).</param>
        /// <param name="full">Whether to add the Stirling approximation of log(tᵢ!), tᵢ·log tᵢ − tᵢ + ½·log(2πtᵢ), where tᵢ &gt; 1.</param>
        /// <param name="eps">Added to the rate inside the log when <paramref name="log_input"/> is false.</param>
        [Loss(PoissonNllFormula)]
        public static partial void PoissonNllUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, bool log_input = true, bool full = false, float eps = 1e-8f);

        /// <summary>The backward pass of <see cref="PoissonNllUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predicted rates: their logarithms when <paramref name="log_input"/> is true (the default), the rates themselves otherwise.</param>
        /// <param name="t">Target counts (non-negative), one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="log_input">Whether <paramref name="p"/> holds log-rates (ℓᵢ = e^pᵢ − tᵢ·pᵢ) or rates (ℓᵢ = pᵢ − tᵢ·log(pᵢ + ε)).</param>
        /// <param name="full">Whether to add the Stirling approximation of log(tᵢ!), tᵢ·log tᵢ − tᵢ + ½·log(2πtᵢ), where tᵢ &gt; 1.</param>
        /// <param name="eps">Added to the rate inside the log when <paramref name="log_input"/> is false.</param>
        [Loss(PoissonNllFormula)]
        public static partial void PoissonNllUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, bool log_input = true, bool full = false, float eps = 1e-8f);

        /// <inheritdoc cref="PoissonNllUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float)"/>
        [Loss(PoissonNllFormula)]
        public static partial void PoissonNllUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, bool log_input = true, bool full = false, double eps = 1e-8);

        /// <inheritdoc cref="PoissonNllUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, bool, float)"/>
        [Loss(PoissonNllFormula)]
        public static partial void PoissonNllUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, bool log_input = true, bool full = false, double eps = 1e-8);

        private const string GaussianNllFormula = "v = var + detach(max(var, eps) - var); reduce(0.5 * (log(v) + (p - t)^2 / v) + where(full, 0.5 * log(2 * pi), 0))";

        /// <summary>Gaussian negative log-likelihood, PyTorch's <c>gaussian_nll_loss</c>: ℓᵢ = ½·(log vᵢ + (pᵢ − tᵢ)²/vᵢ) with vᵢ = max(varᵢ, ε), plus ½·log(2π) when <paramref name="full"/> is true.</summary>
        /// <param name="p">Predicted means.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="var">Predicted variances, one per prediction (non-negative; values below ε count as ε).</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="dvar">Receives ∂loss/∂var (where var &lt; ε, as PyTorch: see the remarks).</param>
        /// <param name="full">Whether to add the constant ½·log(2π) to every element.</param>
        /// <param name="eps">The smallest variance used: var is clamped to at least ε.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="var"/> has a negative entry (PyTorch raises <c>ValueError</c>).</exception>
        /// <remarks>Equivalent to <c>torch.nn.functional.gaussian_nll_loss(p, t, var, full, eps=ε, reduction=…)</c> for a var of the same shape as p, in value and in both gradients. Like PyTorch, which clamps var under <c>torch.no_grad()</c>, the clamp is invisible to the gradient: for varᵢ &lt; ε, dvarᵢ is the unclamped derivative evaluated at ε, ½·(1/ε − (pᵢ − tᵢ)²/ε²), not 0 (the formula says <c>var + detach(max(var, eps) - var)</c>).</remarks>
        public static float GaussianNll(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, Span<float> dp, Span<float> dvar, bool full = false, float eps = 1e-6f, Reduction reduction = Reduction.Mean)
        {
            RequireNonNegative(var);

            return GaussianNllCore(p, t, var, dp, dvar, full, eps, reduction);
        }

        [Loss(GaussianNllFormula)]
        private static partial float GaussianNllCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, Span<float> dp, Span<float> dvar, bool full, float eps, Reduction reduction);

        /// <inheritdoc cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, bool, float, Reduction)"/>
        public static float GaussianNll(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, bool full = false, float eps = 1e-6f, Reduction reduction = Reduction.Mean)
        {
            RequireNonNegative(var);

            return GaussianNllCore(p, t, var, full, eps, reduction);
        }

        [Loss(GaussianNllFormula)]
        private static partial float GaussianNllCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, bool full, float eps, Reduction reduction);

        /// <inheritdoc cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, bool, float, Reduction)"/>
        public static double GaussianNll(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, bool full = false, double eps = 1e-6, Reduction reduction = Reduction.Mean)
        {
            RequireNonNegative(var);

            return GaussianNllCore(p, t, var, full, eps, reduction);
        }

        [Loss(GaussianNllFormula)]
        private static partial double GaussianNllCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, bool full, double eps, Reduction reduction);

        /// <inheritdoc cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, bool, float, Reduction)"/>
        public static double GaussianNll(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, Span<double> dp, Span<double> dvar, bool full = false, double eps = 1e-6, Reduction reduction = Reduction.Mean)
        {
            RequireNonNegative(var);

            return GaussianNllCore(p, t, var, dp, dvar, full, eps, reduction);
        }

        [Loss(GaussianNllFormula)]
        private static partial double GaussianNllCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, Span<double> dp, Span<double> dvar, bool full, double eps, Reduction reduction);

        /// <summary>Per-element <see cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, bool, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = ½·(log vᵢ + (pᵢ − tᵢ)²/vᵢ) (+ ½·log(2π) when <paramref name="full"/> is true), vᵢ = max(varᵢ, ε).</summary>
        /// <param name="p">Predicted means.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="var">Predicted variances, one per prediction (non-negative; values below ε count as ε).</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="full">Whether to add the constant ½·log(2π) to every element.</param>
        /// <param name="eps">The smallest variance used: var is clamped to at least ε.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="var"/> has a negative entry (PyTorch raises <c>ValueError</c>).</exception>
        public static void GaussianNllUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, Span<float> loss, bool full = false, float eps = 1e-6f)
        {
            RequireNonNegative(var);

            GaussianNllUnreducedCore(p, t, var, loss, full, eps);
        }

        [Loss(GaussianNllFormula)]
        private static partial void GaussianNllUnreducedCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, Span<float> loss, bool full, float eps);

        /// <summary>The backward pass of <see cref="GaussianNllUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ and dvarᵢ = dlossᵢ · ∂lossᵢ/∂varᵢ.</summary>
        /// <param name="p">Predicted means.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="var">Predicted variances, one per prediction (non-negative; values below ε count as ε).</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="dvar">Receives the vector-Jacobian product with respect to <paramref name="var"/>.</param>
        /// <param name="full">Whether to add the constant ½·log(2π) to every element.</param>
        /// <param name="eps">The smallest variance used: var is clamped to at least ε.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="var"/> has a negative entry (PyTorch raises <c>ValueError</c>).</exception>
        public static void GaussianNllUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, ReadOnlySpan<float> dloss, Span<float> dp, Span<float> dvar, bool full = false, float eps = 1e-6f)
        {
            RequireNonNegative(var);

            GaussianNllUnreducedCore(p, t, var, dloss, dp, dvar, full, eps);
        }

        [Loss(GaussianNllFormula)]
        private static partial void GaussianNllUnreducedCore(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> var, ReadOnlySpan<float> dloss, Span<float> dp, Span<float> dvar, bool full, float eps);

        /// <inheritdoc cref="GaussianNllUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, bool, float)"/>
        public static void GaussianNllUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, Span<double> loss, bool full = false, double eps = 1e-6)
        {
            RequireNonNegative(var);

            GaussianNllUnreducedCore(p, t, var, loss, full, eps);
        }

        [Loss(GaussianNllFormula)]
        private static partial void GaussianNllUnreducedCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, Span<double> loss, bool full, double eps);

        /// <inheritdoc cref="GaussianNllUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, bool, float)"/>
        public static void GaussianNllUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, ReadOnlySpan<double> dloss, Span<double> dp, Span<double> dvar, bool full = false, double eps = 1e-6)
        {
            RequireNonNegative(var);

            GaussianNllUnreducedCore(p, t, var, dloss, dp, dvar, full, eps);
        }

        [Loss(GaussianNllFormula)]
        private static partial void GaussianNllUnreducedCore(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> var, ReadOnlySpan<double> dloss, Span<double> dp, Span<double> dvar, bool full, double eps);

        private const string MeanSquaredLogErrorFormula = "reduce((log1p(max(p, eps)) - log1p(max(t, eps)))^2)";

        /// <summary>Mean squared logarithmic error, Keras's <c>MeanSquaredLogarithmicError</c>: ℓᵢ = (log(1 + max(pᵢ, ε)) − log(1 + max(tᵢ, ε)))².</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="eps">The floor applied to p and t before the log (Keras's <c>backend.epsilon()</c>).</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to Keras's <c>mean_squared_logarithmic_error</c>, which clips both inputs at ε before the log (so negative values count as ε and get no gradient); log(1 + x) is computed as log1p. Keras's mean over the last axis followed by its default reduction is the mean over all elements for a vector.</remarks>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial float MeanSquaredLogError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float eps = 1e-7f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanSquaredLogError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial float MeanSquaredLogError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float eps = 1e-7f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanSquaredLogError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial double MeanSquaredLogError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double eps = 1e-7, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanSquaredLogError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial double MeanSquaredLogError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double eps = 1e-7, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="MeanSquaredLogError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = (log(1 + max(pᵢ, ε)) − log(1 + max(tᵢ, ε)))².</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="eps">The floor applied to p and t before the log (Keras's <c>backend.epsilon()</c>).</param>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial void MeanSquaredLogErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float eps = 1e-7f);

        /// <summary>The backward pass of <see cref="MeanSquaredLogErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="eps">The floor applied to p and t before the log (Keras's <c>backend.epsilon()</c>).</param>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial void MeanSquaredLogErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float eps = 1e-7f);

        /// <inheritdoc cref="MeanSquaredLogErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial void MeanSquaredLogErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double eps = 1e-7);

        /// <inheritdoc cref="MeanSquaredLogErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(MeanSquaredLogErrorFormula)]
        public static partial void MeanSquaredLogErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double eps = 1e-7);

        private const string MeanAbsolutePercentageErrorFormula = "reduce(100 * abs(t - p) / max(abs(t), eps))";

        /// <summary>Mean absolute percentage error, Keras's <c>MeanAbsolutePercentageError</c>: ℓᵢ = 100·|tᵢ − pᵢ| / max(|tᵢ|, ε).</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="eps">The floor on |t| in the denominator (Keras's <c>backend.epsilon()</c>).</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to Keras's <c>mean_absolute_percentage_error</c>; a zero target divides by ε instead of 0. The gradient with respect to p is 0 where pᵢ = tᵢ.</remarks>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial float MeanAbsolutePercentageError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float eps = 1e-7f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanAbsolutePercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial float MeanAbsolutePercentageError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float eps = 1e-7f, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanAbsolutePercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial double MeanAbsolutePercentageError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double eps = 1e-7, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanAbsolutePercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial double MeanAbsolutePercentageError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double eps = 1e-7, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="MeanAbsolutePercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = 100·|tᵢ − pᵢ| / max(|tᵢ|, ε).</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="eps">The floor on |t| in the denominator (Keras's <c>backend.epsilon()</c>).</param>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial void MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float eps = 1e-7f);

        /// <summary>The backward pass of <see cref="MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="eps">The floor on |t| in the denominator (Keras's <c>backend.epsilon()</c>).</param>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial void MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float eps = 1e-7f);

        /// <inheritdoc cref="MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial void MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double eps = 1e-7);

        /// <inheritdoc cref="MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(MeanAbsolutePercentageErrorFormula)]
        public static partial void MeanAbsolutePercentageErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double eps = 1e-7);

        private const string MeanPercentageErrorFormula = "reduce(100 * (t - p) / t)";

        /// <summary>Mean percentage error (seed 000): ℓᵢ = 100·(tᵢ − pᵢ)/tᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>No PyTorch or Keras equivalent. Signed, so over- and under-estimates cancel: a bias measure more than a training loss. There is no guard on t: a zero target gives ±∞ or NaN by IEEE rules.</remarks>
        [Loss(MeanPercentageErrorFormula)]
        public static partial float MeanPercentageError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanPercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanPercentageErrorFormula)]
        public static partial float MeanPercentageError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanPercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanPercentageErrorFormula)]
        public static partial double MeanPercentageError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="MeanPercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        [Loss(MeanPercentageErrorFormula)]
        public static partial double MeanPercentageError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="MeanPercentageError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = 100·(tᵢ − pᵢ)/tᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        [Loss(MeanPercentageErrorFormula)]
        public static partial void MeanPercentageErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

        /// <summary>The backward pass of <see cref="MeanPercentageErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        [Loss(MeanPercentageErrorFormula)]
        public static partial void MeanPercentageErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

        /// <inheritdoc cref="MeanPercentageErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MeanPercentageErrorFormula)]
        public static partial void MeanPercentageErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss);

        /// <inheritdoc cref="MeanPercentageErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        [Loss(MeanPercentageErrorFormula)]
        public static partial void MeanPercentageErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp);

        private const string AsymmetricMeanSquaredErrorFormula = "e = p - t; reduce(where(e > 0, over_penalty * e^2, e^2))";

        /// <summary>Asymmetric squared error (seed 003's <c>AsymmetricMSELoss</c>): ℓᵢ = c·(pᵢ − tᵢ)² where pᵢ &gt; tᵢ, (pᵢ − tᵢ)² elsewhere, c = <paramref name="over_penalty"/>.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="over_penalty">The factor applied to the squared error where the prediction is too high (pᵢ &gt; tᵢ).</param>
        /// <param name="reduction">Mean (default), sum, or the sum over the number of samples.</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>No PyTorch equivalent; seed 003 defines it with <c>torch.where(error &gt; 0, over_penalty * error ** 2, error ** 2).mean()</c>, the default reduction here.</remarks>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial float AsymmetricMeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float over_penalty = 2, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="AsymmetricMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial float AsymmetricMeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> t, float over_penalty = 2, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="AsymmetricMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial double AsymmetricMeanSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, double over_penalty = 2, Reduction reduction = Reduction.Mean);

        /// <inheritdoc cref="AsymmetricMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial double AsymmetricMeanSquaredError(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double over_penalty = 2, Reduction reduction = Reduction.Mean);

        /// <summary>Per-element <see cref="AsymmetricMeanSquaredError(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, Reduction)"/>
        /// (PyTorch's <c>reduction='none'</c>): writes lossᵢ = c·(pᵢ − tᵢ)² where pᵢ &gt; tᵢ, (pᵢ − tᵢ)² elsewhere.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="loss">Receives one loss per element.</param>
        /// <param name="over_penalty">The factor applied to the squared error where the prediction is too high (pᵢ &gt; tᵢ).</param>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial void AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float over_penalty = 2);

        /// <summary>The backward pass of <see cref="AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>:
        /// dpᵢ = dlossᵢ · ∂lossᵢ/∂pᵢ.</summary>
        /// <param name="p">Predictions.</param>
        /// <param name="t">Targets, one per prediction.</param>
        /// <param name="dloss">The upstream gradient, one per element.</param>
        /// <param name="dp">Receives the vector-Jacobian product with respect to <paramref name="p"/>.</param>
        /// <param name="over_penalty">The factor applied to the squared error where the prediction is too high (pᵢ &gt; tᵢ).</param>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial void AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float over_penalty = 2);

        /// <inheritdoc cref="AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial void AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> loss, double over_penalty = 2);

        /// <inheritdoc cref="AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(AsymmetricMeanSquaredErrorFormula)]
        public static partial void AsymmetricMeanSquaredErrorUnreduced(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<double> dloss, Span<double> dp, double over_penalty = 2);

        private static void RequireNonNegative(ReadOnlySpan<float> var)
        {
            for (int i = 0; i < var.Length; i++)
            {
                if (var[i] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(var), var[i], $"'var[{i}]' is {var[i]}; a variance must not be negative.");
                }
            }
        }

        private static void RequireNonNegative(ReadOnlySpan<double> var)
        {
            for (int i = 0; i < var.Length; i++)
            {
                if (var[i] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(var), var[i], $"'var[{i}]' is {var[i]}; a variance must not be negative.");
                }
            }
        }
    }
}
