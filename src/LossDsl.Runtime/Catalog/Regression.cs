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
    }
}
