using System;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Losses of generative models: GAN and WGAN discriminator/generator losses, the VAE objective.</summary>
    public static partial class Generative
    {
        // ---------------------------------------------------------------- GanDiscriminator (row 51)

        private const string GanDiscriminatorFormula = "mean(softplus(-real)) + mean(softplus(fake))";

        /// <summary>Standard GAN discriminator loss from logits, seed 003's <c>gan_loss_discriminator</c>:
        /// mean(−log σ(real)) + mean(−log(1 − σ(fake))) = mean(softplus(−real)) + mean(softplus(fake)).</summary>
        /// <param name="real">Discriminator logits for real samples.</param>
        /// <param name="fake">Discriminator logits for generated samples; must have as many values as <paramref name="real"/>.</param>
        /// <param name="dreal">Receives ∂loss/∂real.</param>
        /// <param name="dfake">Receives ∂loss/∂fake.</param>
        /// <returns>The discriminator loss.</returns>
        /// <remarks>Equivalent to <c>binary_cross_entropy_with_logits(real, ones) + binary_cross_entropy_with_logits(fake,
        /// zeros)</c>, finite for every finite logit. Difference: the two batches must have the same length (a loss's
        /// spans share one length; otherwise <see cref="ArgumentException"/> naming <paramref name="fake"/>), where
        /// PyTorch also accepts batches of different sizes.</remarks>
        [Loss(GanDiscriminatorFormula)]
        public static partial float GanDiscriminator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> real, [Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> fake, Span<float> dreal, Span<float> dfake);

        /// <inheritdoc cref="GanDiscriminator(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(GanDiscriminatorFormula)]
        public static partial float GanDiscriminator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> real, [Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> fake);

        /// <inheritdoc cref="GanDiscriminator(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(GanDiscriminatorFormula)]
        public static partial double GanDiscriminator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> real, [Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> fake);

        /// <inheritdoc cref="GanDiscriminator(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(GanDiscriminatorFormula)]
        public static partial double GanDiscriminator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> real, [Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> fake, Span<double> dreal, Span<double> dfake);

        // ---------------------------------------------------------------- GanGenerator (row 52)

        private const string GanGeneratorFormula = "mean(softplus(-fake))";

        /// <summary>Non-saturating GAN generator loss from logits, seed 003's <c>gan_loss_generator</c>:
        /// mean(−log σ(fake)) = mean(softplus(−fake)).</summary>
        /// <param name="fake">Discriminator logits for generated samples.</param>
        /// <param name="dfake">Receives ∂loss/∂fake.</param>
        /// <returns>The generator loss.</returns>
        /// <remarks>Equivalent to <c>binary_cross_entropy_with_logits(fake, ones_like(fake))</c>; finite for every finite logit.</remarks>
        [Loss(GanGeneratorFormula)]
        public static partial float GanGenerator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> fake, Span<float> dfake);

        /// <inheritdoc cref="GanGenerator(ReadOnlySpan{float}, Span{float})"/>
        [Loss(GanGeneratorFormula)]
        public static partial float GanGenerator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> fake);

        /// <inheritdoc cref="GanGenerator(ReadOnlySpan{float}, Span{float})"/>
        [Loss(GanGeneratorFormula)]
        public static partial double GanGenerator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> fake);

        /// <inheritdoc cref="GanGenerator(ReadOnlySpan{float}, Span{float})"/>
        [Loss(GanGeneratorFormula)]
        public static partial double GanGenerator([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<double> fake, Span<double> dfake);

        // ---------------------------------------------------------------- WassersteinDiscriminator (row 53)

        private const string WassersteinDiscriminatorFormula = "mean(fake) - mean(real)";

        /// <summary>WGAN critic loss, seed 003's <c>wgan_loss_discriminator</c>: −(mean(real) − mean(fake)).</summary>
        /// <param name="real">Critic scores for real samples (unbounded reals).</param>
        /// <param name="fake">Critic scores for generated samples; must have as many values as <paramref name="real"/>.</param>
        /// <param name="dreal">Receives ∂loss/∂real (−1/N each).</param>
        /// <param name="dfake">Receives ∂loss/∂fake (1/N each).</param>
        /// <returns>The critic loss.</returns>
        /// <remarks>Arjovsky et al. 2017. The weight clipping or gradient penalty that WGAN needs is not part of the
        /// loss. Difference from the seed: both batches must have the same length (a loss's spans share one length;
        /// otherwise <see cref="ArgumentException"/> naming <paramref name="fake"/>).</remarks>
        [Loss(WassersteinDiscriminatorFormula)]
        public static partial float WassersteinDiscriminator(ReadOnlySpan<float> real, ReadOnlySpan<float> fake, Span<float> dreal, Span<float> dfake);

        /// <inheritdoc cref="WassersteinDiscriminator(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(WassersteinDiscriminatorFormula)]
        public static partial float WassersteinDiscriminator(ReadOnlySpan<float> real, ReadOnlySpan<float> fake);

        /// <inheritdoc cref="WassersteinDiscriminator(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(WassersteinDiscriminatorFormula)]
        public static partial double WassersteinDiscriminator(ReadOnlySpan<double> real, ReadOnlySpan<double> fake);

        /// <inheritdoc cref="WassersteinDiscriminator(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>
        [Loss(WassersteinDiscriminatorFormula)]
        public static partial double WassersteinDiscriminator(ReadOnlySpan<double> real, ReadOnlySpan<double> fake, Span<double> dreal, Span<double> dfake);

        // ---------------------------------------------------------------- WassersteinGenerator (row 54)

        private const string WassersteinGeneratorFormula = "-mean(fake)";

        /// <summary>WGAN generator loss, seed 003's <c>wgan_loss_generator</c>: −mean(fake).</summary>
        /// <param name="fake">Critic scores for generated samples.</param>
        /// <param name="dfake">Receives ∂loss/∂fake (−1/N each).</param>
        /// <returns>The generator loss.</returns>
        /// <remarks>Arjovsky et al. 2017.</remarks>
        [Loss(WassersteinGeneratorFormula)]
        public static partial float WassersteinGenerator(ReadOnlySpan<float> fake, Span<float> dfake);

        /// <inheritdoc cref="WassersteinGenerator(ReadOnlySpan{float}, Span{float})"/>
        [Loss(WassersteinGeneratorFormula)]
        public static partial float WassersteinGenerator(ReadOnlySpan<float> fake);

        /// <inheritdoc cref="WassersteinGenerator(ReadOnlySpan{float}, Span{float})"/>
        [Loss(WassersteinGeneratorFormula)]
        public static partial double WassersteinGenerator(ReadOnlySpan<double> fake);

        /// <inheritdoc cref="WassersteinGenerator(ReadOnlySpan{float}, Span{float})"/>
        [Loss(WassersteinGeneratorFormula)]
        public static partial double WassersteinGenerator(ReadOnlySpan<double> fake, Span<double> dfake);

        // ---------------------------------------------------------------- VariationalAutoencoder (row 55)

        // Two kernels, because the reconstruction (N·D values) and the latent statistics (N·K values) have different
        // lengths and one formula's spans share one length. BCE clamps each log at −100, as PyTorch; the inner where
        // keeps log(0) (and its infinite derivative) out of the untaken branch.
        private const string VaeReconstructionFormula =
            "q = 1 - recon_x; " +
            "lp = where(recon_x > 0, max(log(where(recon_x > 0, recon_x, 1)), -100), -100); " +
            "lq = where(q > 0, max(log(where(q > 0, q, 1)), -100), -100); " +
            "-sum(x * lp + (1 - x) * lq)";

        private const string VaeKlFormula = "-0.5 * beta * sum(1 + logvar - mu^2 - exp(logvar))";

        /// <summary>The β-VAE objective, seed 003's <c>vae_loss</c>: the summed binary cross-entropy of the
        /// reconstruction plus β times the KL divergence of N(μ, σ²) from N(0, 1):
        /// −Σ [x·log r + (1 − x)·log(1 − r)] − β/2 · Σ (1 + log σ² − μ² − σ²).</summary>
        /// <param name="recon_x">The decoder's reconstruction, probabilities in [0, 1] (a sigmoid output).</param>
        /// <param name="x">The original input, one value in [0, 1] per reconstruction value.</param>
        /// <param name="mu">The encoder's latent means (any length, flattened).</param>
        /// <param name="logvar">The encoder's latent log-variances log σ², one per mean.</param>
        /// <param name="drecon_x">Receives ∂loss/∂recon_x.</param>
        /// <param name="dmu">Receives ∂loss/∂mu.</param>
        /// <param name="dlogvar">Receives ∂loss/∂logvar.</param>
        /// <param name="beta">Weight of the KL term (β-VAE; 1 is the plain VAE).</param>
        /// <returns>The loss summed over the batch (no mean), as the seed.</returns>
        /// <remarks>Equivalent to <c>binary_cross_entropy(recon_x, x, reduction='sum') + beta * (-0.5 *
        /// torch.sum(1 + logvar - mu.pow(2) - logvar.exp()))</c>; each log is clamped at −100 as PyTorch's BCE does.
        /// A reconstruction value outside [0, 1] (or NaN) throws <see cref="ArgumentOutOfRangeException"/> naming
        /// <paramref name="recon_x"/>, as PyTorch refuses it. At r = 0 or 1 exactly the gradient of the clamped log is
        /// 0, where PyTorch's BCE backward divides by max(r(1 − r), 10⁻¹²).</remarks>
        public static float VariationalAutoencoder([Probabilities] ReadOnlySpan<float> recon_x, ReadOnlySpan<float> x, ReadOnlySpan<float> mu, ReadOnlySpan<float> logvar,
            Span<float> drecon_x, Span<float> dmu, Span<float> dlogvar, float beta = 1)
        {
            CheckProbabilities(recon_x);
            return VaeReconstructionCore(recon_x, x, drecon_x) + VaeKlCore(mu, logvar, dmu, dlogvar, beta);
        }

        /// <inheritdoc cref="VariationalAutoencoder(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, float)"/>
        public static float VariationalAutoencoder([Probabilities] ReadOnlySpan<float> recon_x, ReadOnlySpan<float> x, ReadOnlySpan<float> mu, ReadOnlySpan<float> logvar, float beta = 1)
        {
            CheckProbabilities(recon_x);
            return VaeReconstructionCore(recon_x, x) + VaeKlCore(mu, logvar, beta);
        }

        /// <inheritdoc cref="VariationalAutoencoder(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, float)"/>
        public static double VariationalAutoencoder([Probabilities] ReadOnlySpan<double> recon_x, ReadOnlySpan<double> x, ReadOnlySpan<double> mu, ReadOnlySpan<double> logvar, double beta = 1)
        {
            CheckProbabilities(recon_x);
            return VaeReconstructionCore(recon_x, x) + VaeKlCore(mu, logvar, beta);
        }

        /// <inheritdoc cref="VariationalAutoencoder(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, float)"/>
        public static double VariationalAutoencoder([Probabilities] ReadOnlySpan<double> recon_x, ReadOnlySpan<double> x, ReadOnlySpan<double> mu, ReadOnlySpan<double> logvar,
            Span<double> drecon_x, Span<double> dmu, Span<double> dlogvar, double beta = 1)
        {
            CheckProbabilities(recon_x);
            return VaeReconstructionCore(recon_x, x, drecon_x) + VaeKlCore(mu, logvar, dmu, dlogvar, beta);
        }

        private static void CheckProbabilities<T>(ReadOnlySpan<T> values)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
            for (int k = 0; k < values.Length; k++)
            {
                if (!(values[k] >= T.Zero && values[k] <= T.One))
                {
                    throw new ArgumentOutOfRangeException("recon_x", values[k], $"'recon_x[{k}]' is {values[k]}; a reconstruction holds probabilities in [0, 1].");
                }
            }
        }

        [Loss(VaeReconstructionFormula)]
        private static partial float VaeReconstructionCore(ReadOnlySpan<float> recon_x, ReadOnlySpan<float> x, Span<float> drecon_x);

        [Loss(VaeReconstructionFormula)]
        private static partial float VaeReconstructionCore(ReadOnlySpan<float> recon_x, ReadOnlySpan<float> x);

        [Loss(VaeReconstructionFormula)]
        private static partial double VaeReconstructionCore(ReadOnlySpan<double> recon_x, ReadOnlySpan<double> x);

        [Loss(VaeReconstructionFormula)]
        private static partial double VaeReconstructionCore(ReadOnlySpan<double> recon_x, ReadOnlySpan<double> x, Span<double> drecon_x);

        [Loss(VaeKlFormula)]
        private static partial float VaeKlCore(ReadOnlySpan<float> mu, ReadOnlySpan<float> logvar, Span<float> dmu, Span<float> dlogvar, float beta);

        [Loss(VaeKlFormula)]
        private static partial float VaeKlCore(ReadOnlySpan<float> mu, ReadOnlySpan<float> logvar, float beta);

        [Loss(VaeKlFormula)]
        private static partial double VaeKlCore(ReadOnlySpan<double> mu, ReadOnlySpan<double> logvar, double beta);

        [Loss(VaeKlFormula)]
        private static partial double VaeKlCore(ReadOnlySpan<double> mu, ReadOnlySpan<double> logvar, Span<double> dmu, Span<double> dlogvar, double beta);
        // ---------------------------------------------------------------- Perceptual (row 56)

        // The layers' feature maps have different sizes, and one formula's spans share one length: the kernel is one
        // layer's scaled squared error, and the public method runs it over each layer's slice of the concatenation.
        private const string PerceptualLayerFormula = "scale * sum((pred - target)^2)";

        /// <summary>Perceptual (feature) loss, seed 003's <c>PerceptualLoss</c> with the features supplied by the caller:
        /// the mean over the L layers of the mean squared error between the prediction's and the target's feature maps,
        /// (1/L) Σₗ (1/nₗ) Σ_{k∈l} (predₖ − targetₖ)².</summary>
        /// <param name="pred">The prediction's feature maps of every layer, flattened and concatenated layer after layer.</param>
        /// <param name="target">The target's feature maps, laid out as <paramref name="pred"/>.</param>
        /// <param name="layer_sizes">The number of values nₗ of each layer's feature map, in order; they must sum to the
        /// length of <paramref name="pred"/>.</param>
        /// <param name="dpred">Receives ∂loss/∂pred = 2(pred − target)/(L·nₗ) in layer l's slice.</param>
        /// <returns>The mean over layers of the per-layer MSE.</returns>
        /// <remarks>Equivalent to seed 003's <c>PerceptualLoss.forward</c> (Σₗ <c>mse_loss(pred_features, target_features)</c>
        /// / L) given the feature maps; no network weights are shipped, so the caller runs its own feature extractor
        /// and back-propagates <paramref name="dpred"/> through it. A layer of size 0 makes the loss NaN (the mean of
        /// nothing, as PyTorch's <c>mse_loss</c>). Empty <paramref name="layer_sizes"/>, a negative size, or sizes that
        /// do not add up to the length of <paramref name="pred"/> throw <see cref="ArgumentException"/> naming
        /// <paramref name="layer_sizes"/>; a <paramref name="target"/> or <paramref name="dpred"/> of another length
        /// names that argument.</remarks>
        public static float Perceptual(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, ReadOnlySpan<int> layer_sizes, Span<float> dpred)
        {
            CheckLayers(pred.Length, target.Length, dpred.Length, layer_sizes, true);
            double total = 0;
            int start = 0;
            foreach (int size in layer_sizes)
            {
                total += PerceptualLayerCore(pred.Slice(start, size), target.Slice(start, size), dpred.Slice(start, size), 1f / ((float)layer_sizes.Length * size));
                start += size;
            }

            return (float)total;
        }

        /// <inheritdoc cref="Perceptual(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/>
        public static float Perceptual(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, ReadOnlySpan<int> layer_sizes)
        {
            CheckLayers(pred.Length, target.Length, -1, layer_sizes, false);
            double total = 0;
            int start = 0;
            foreach (int size in layer_sizes)
            {
                total += PerceptualLayerCore(pred.Slice(start, size), target.Slice(start, size), 1f / ((float)layer_sizes.Length * size));
                start += size;
            }

            return (float)total;
        }

        /// <inheritdoc cref="Perceptual(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/>
        public static double Perceptual(ReadOnlySpan<double> pred, ReadOnlySpan<double> target, ReadOnlySpan<int> layer_sizes)
        {
            CheckLayers(pred.Length, target.Length, -1, layer_sizes, false);
            double total = 0;
            int start = 0;
            foreach (int size in layer_sizes)
            {
                total += PerceptualLayerCore(pred.Slice(start, size), target.Slice(start, size), 1.0 / ((double)layer_sizes.Length * size));
                start += size;
            }

            return total;
        }

        /// <inheritdoc cref="Perceptual(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/>
        public static double Perceptual(ReadOnlySpan<double> pred, ReadOnlySpan<double> target, ReadOnlySpan<int> layer_sizes, Span<double> dpred)
        {
            CheckLayers(pred.Length, target.Length, dpred.Length, layer_sizes, true);
            double total = 0;
            int start = 0;
            foreach (int size in layer_sizes)
            {
                total += PerceptualLayerCore(pred.Slice(start, size), target.Slice(start, size), dpred.Slice(start, size), 1.0 / ((double)layer_sizes.Length * size));
                start += size;
            }

            return total;
        }

        private static void CheckLayers(int pred, int target, int dpred, ReadOnlySpan<int> layerSizes, bool gradient)
        {
            if (target != pred)
            {
                throw new ArgumentException($"'target' has length {target} but 'pred' has length {pred}; they hold the same feature maps.", "target");
            }

            if (gradient && dpred != pred)
            {
                throw new ArgumentException($"'dpred' has length {dpred} but 'pred' has length {pred}.", "dpred");
            }

            if (layerSizes.IsEmpty)
            {
                throw new ArgumentException("'layer_sizes' is empty; a perceptual loss needs at least one layer.", "layer_sizes");
            }

            long total = 0;
            foreach (int size in layerSizes)
            {
                if (size < 0)
                {
                    throw new ArgumentException($"'layer_sizes' holds a negative size ({size}).", "layer_sizes");
                }

                total += size;
            }

            if (total != pred)
            {
                throw new ArgumentException($"'layer_sizes' adds up to {total} but 'pred' has length {pred}.", "layer_sizes");
            }
        }

        [Loss(PerceptualLayerFormula)]
        private static partial float PerceptualLayerCore(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, Span<float> dpred, float scale);

        [Loss(PerceptualLayerFormula)]
        private static partial float PerceptualLayerCore(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, float scale);

        [Loss(PerceptualLayerFormula)]
        private static partial double PerceptualLayerCore(ReadOnlySpan<double> pred, ReadOnlySpan<double> target, double scale);

        [Loss(PerceptualLayerFormula)]
        private static partial double PerceptualLayerCore(ReadOnlySpan<double> pred, ReadOnlySpan<double> target, Span<double> dpred, double scale);
    }
}
