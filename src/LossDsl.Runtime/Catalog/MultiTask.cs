using System;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Losses that combine or weight other losses: multi-task weighting (uncertainty, GradNorm) and curriculum weighting.</summary>
    public static partial class MultiTask
    {
        // ---------------------------------------------------------------- UncertaintyWeighted (row 59)

        private const string UncertaintyWeightedFormula = "sum(exp(-log_vars) * losses + log_vars)";

        /// <summary>Homoscedastic-uncertainty task weighting (Kendall et al. 2018), seed 003's <c>MultiTaskLoss</c>:
        /// Σₖ exp(−sₖ)·Lₖ + sₖ over the K tasks.</summary>
        /// <param name="losses">The task losses Lₖ, one per task.</param>
        /// <param name="log_vars">The learnable log-variances sₖ = log σₖ², one per task.</param>
        /// <param name="dlosses">Receives ∂loss/∂Lₖ = exp(−sₖ), the weight each task loss gets.</param>
        /// <param name="dlog_vars">Receives ∂loss/∂sₖ = 1 − exp(−sₖ)·Lₖ.</param>
        /// <returns>The combined loss.</returns>
        /// <remarks>Equivalent to seed 003's loop <c>total += torch.exp(-log_vars[i]) * loss + log_vars[i]</c>.</remarks>
        [Loss(UncertaintyWeightedFormula)]
        public static partial float UncertaintyWeighted(ReadOnlySpan<float> losses, ReadOnlySpan<float> log_vars, Span<float> dlosses, Span<float> dlog_vars);

        /// <inheritdoc cref="UncertaintyWeighted(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(UncertaintyWeightedFormula)]
        public static partial float UncertaintyWeighted(ReadOnlySpan<float> losses, ReadOnlySpan<float> log_vars);

        /// <inheritdoc cref="UncertaintyWeighted(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(UncertaintyWeightedFormula)]
        public static partial double UncertaintyWeighted(ReadOnlySpan<double> losses, ReadOnlySpan<double> log_vars);

        /// <inheritdoc cref="UncertaintyWeighted(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(UncertaintyWeightedFormula)]
        public static partial double UncertaintyWeighted(ReadOnlySpan<double> losses, ReadOnlySpan<double> log_vars, Span<double> dlosses, Span<double> dlog_vars);

        // ---------------------------------------------------------------- GradNorm (row 60)

        // The target Ḡ·rᵢ^α is a constant in GradNorm: Ḡ (the mean of the norms) is computed by the public method and
        // passed in as an option, so the kernel does not differentiate through it.
        private const string GradNormFormula = "sum(abs(grad_norms - mean_norm * (loss_ratios / mean(loss_ratios))^alpha))";

        /// <summary>The GradNorm balancing loss (Chen et al. 2018): Σᵢ |Gᵢ − Ḡ·rᵢ^α|, with Gᵢ the norm of the gradient of
        /// task i's weighted loss, Ḡ the mean of the Gᵢ, and rᵢ = L̃ᵢ / mean(L̃) the relative inverse training rate of
        /// task i from its loss ratio L̃ᵢ = Lᵢ(t)/Lᵢ(0).</summary>
        /// <param name="grad_norms">The per-task gradient norms Gᵢ = ‖∇_W wᵢLᵢ‖ (non-negative).</param>
        /// <param name="loss_ratios">The per-task loss ratios L̃ᵢ = Lᵢ(t)/Lᵢ(0) (positive); constants.</param>
        /// <param name="dgrad_norms">Receives ∂loss/∂Gᵢ = sign(Gᵢ − Ḡ·rᵢ^α), with the target Ḡ·rᵢ^α held constant as
        /// the paper prescribes (the caller chains it to the task weights through Gᵢ = wᵢ‖∇_W Lᵢ‖).</param>
        /// <param name="alpha">The restoring-force exponent α (the seed's default 1.5).</param>
        /// <returns>The GradNorm loss.</returns>
        /// <remarks>Seed 003 sketches the GradNorm class with α = 1.5 but leaves the loss unimplemented; this is the
        /// paper's equation (2). The target is not differentiated (neither through Ḡ nor through the ratios), which is
        /// the paper's "fixed target" convention.</remarks>
        public static float GradNorm(ReadOnlySpan<float> grad_norms, ReadOnlySpan<float> loss_ratios, Span<float> dgrad_norms, float alpha = 1.5f) =>
            GradNormCore(grad_norms, loss_ratios, dgrad_norms, (float)Mean(grad_norms), alpha);

        /// <inheritdoc cref="GradNorm(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static float GradNorm(ReadOnlySpan<float> grad_norms, ReadOnlySpan<float> loss_ratios, float alpha = 1.5f) =>
            GradNormCore(grad_norms, loss_ratios, (float)Mean(grad_norms), alpha);

        /// <inheritdoc cref="GradNorm(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static double GradNorm(ReadOnlySpan<double> grad_norms, ReadOnlySpan<double> loss_ratios, double alpha = 1.5) =>
            GradNormCore(grad_norms, loss_ratios, Mean(grad_norms), alpha);

        /// <inheritdoc cref="GradNorm(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static double GradNorm(ReadOnlySpan<double> grad_norms, ReadOnlySpan<double> loss_ratios, Span<double> dgrad_norms, double alpha = 1.5) =>
            GradNormCore(grad_norms, loss_ratios, dgrad_norms, Mean(grad_norms), alpha);

        private static double Mean(ReadOnlySpan<float> values)
        {
            double sum = 0;
            foreach (float v in values)
            {
                sum += v;
            }

            return sum / values.Length;
        }

        private static double Mean(ReadOnlySpan<double> values)
        {
            double sum = 0;
            foreach (double v in values)
            {
                sum += v;
            }

            return sum / values.Length;
        }

        [Loss(GradNormFormula)]
        private static partial float GradNormCore(ReadOnlySpan<float> grad_norms, ReadOnlySpan<float> loss_ratios, Span<float> dgrad_norms, float mean_norm, float alpha);

        [Loss(GradNormFormula)]
        private static partial float GradNormCore(ReadOnlySpan<float> grad_norms, ReadOnlySpan<float> loss_ratios, float mean_norm, float alpha);

        [Loss(GradNormFormula)]
        private static partial double GradNormCore(ReadOnlySpan<double> grad_norms, ReadOnlySpan<double> loss_ratios, double mean_norm, double alpha);

        [Loss(GradNormFormula)]
        private static partial double GradNormCore(ReadOnlySpan<double> grad_norms, ReadOnlySpan<double> loss_ratios, Span<double> dgrad_norms, double mean_norm, double alpha);

        // ---------------------------------------------------------------- Curriculum (row 61)

        // n (the number of samples) is passed in by the public method: the formula language has no count of a vector.
        private const string CurriculumFormula = "m = difficulty <= progress; n * sum(where(m, losses, 0)) / (sum(m) + 1e-6)";

        /// <summary>Curriculum weighting, seed 003's <c>CurriculumLoss</c>: only the samples whose difficulty is at most
        /// the training progress count, renormalised to the batch size: N · Σᵢ [dᵢ ≤ progress]·ℓᵢ / (Σᵢ [dᵢ ≤ progress] + 10⁻⁶).</summary>
        /// <param name="losses">The per-sample losses ℓᵢ (a base criterion with <c>reduction='none'</c>).</param>
        /// <param name="difficulty">The difficulty of each sample, in [0, 1].</param>
        /// <param name="dlosses">Receives ∂loss/∂ℓᵢ: N/(count + 10⁻⁶) for the samples kept, 0 for the others.</param>
        /// <param name="progress">The training progress, current_epoch / total_epochs (the seed's threshold).</param>
        /// <returns>The curriculum-weighted sum (0 while no sample is easy enough).</returns>
        /// <remarks>Equivalent to seed 003's <c>CurriculumLoss.forward</c> with <c>progress = current_epoch /
        /// total_epochs</c>: weights (dᵢ ≤ progress) / (Σ weights + 10⁻⁶) · N, then Σ ℓᵢ·wᵢ.</remarks>
        public static float Curriculum(ReadOnlySpan<float> losses, ReadOnlySpan<float> difficulty, Span<float> dlosses, float progress) =>
            CurriculumCore(losses, difficulty, dlosses, progress, losses.Length);

        /// <inheritdoc cref="Curriculum(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static float Curriculum(ReadOnlySpan<float> losses, ReadOnlySpan<float> difficulty, float progress) =>
            CurriculumCore(losses, difficulty, progress, losses.Length);

        /// <inheritdoc cref="Curriculum(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static double Curriculum(ReadOnlySpan<double> losses, ReadOnlySpan<double> difficulty, double progress) =>
            CurriculumCore(losses, difficulty, progress, losses.Length);

        /// <inheritdoc cref="Curriculum(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        public static double Curriculum(ReadOnlySpan<double> losses, ReadOnlySpan<double> difficulty, Span<double> dlosses, double progress) =>
            CurriculumCore(losses, difficulty, dlosses, progress, losses.Length);

        [Loss(CurriculumFormula)]
        private static partial float CurriculumCore(ReadOnlySpan<float> losses, ReadOnlySpan<float> difficulty, Span<float> dlosses, float progress, float n);

        [Loss(CurriculumFormula)]
        private static partial float CurriculumCore(ReadOnlySpan<float> losses, ReadOnlySpan<float> difficulty, float progress, float n);

        [Loss(CurriculumFormula)]
        private static partial double CurriculumCore(ReadOnlySpan<double> losses, ReadOnlySpan<double> difficulty, double progress, double n);

        [Loss(CurriculumFormula)]
        private static partial double CurriculumCore(ReadOnlySpan<double> losses, ReadOnlySpan<double> difficulty, Span<double> dlosses, double progress, double n);
    }
}
