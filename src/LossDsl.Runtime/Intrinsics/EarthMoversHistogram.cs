using System;
using System.Buffers;
using System.Numerics;
using LossDsl.Kernels;

namespace LossDsl.Intrinsics;

/// <summary>
/// Earth mover's distance (Wasserstein-1) between two histograms over the same K ordered bins of unit width, by the
/// cumulative distribution functions: W1 = Σ_k |F_p(k) − F_q(k)|. Formulas call it as <c>emd_hist(p, q)</c> and reduce with
/// <c>sum</c>: <c>sum(emd_hist(p, q))</c> is W1.
/// </summary>
/// <remarks>
/// <para><b>Normalisation.</b> Each histogram is divided by its own total mass, so the distance is that between the
/// distributions p / Σp and q / Σq: raw counts, unnormalised scores and probabilities all work, and the gradient is the
/// exact gradient of that normalised distance (it is orthogonal to p for dP and to q for dQ, because scaling a histogram
/// does not change it). Masses must be finite and ≥ 0 and each histogram must have positive total mass.</para>
/// <para><b>Per-bin output.</b> losses[k] = |F̂_p(k) − F̂_q(k)| for k &lt; K − 1, with F̂ the normalised cumulative sums,
/// and losses[K − 1] = 0 (both CDFs reach 1 there). So the output has the shape of the inputs and its sum is W1; with unit
/// upstream, the gradient is that of W1.</para>
/// <para><b>Gradient.</b> With h_k = upstream[k] · sign(F̂_p(k) − F̂_q(k)) (sign(0) = 0) and G_j = Σ_{k ≥ j} h_k:
/// dP[j] = (G_j − Σ_i p̂_i G_i) / Σp and dQ[j] = −(G_j − Σ_i q̂_i G_i) / Σq. If p already sums to 1, dP differs from the
/// unnormalised formula's G_j by a constant, which a softmax backward removes.</para>
/// </remarks>
[LossIntrinsic("emd_hist")]
public static class EarthMoversHistogram
{
    /// <summary>Writes the per-bin CDF gaps |F̂_p(k) − F̂_q(k)|, whose sum is the earth mover's distance.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; sums are accumulated in <see cref="double"/>.</typeparam>
    /// <param name="p">The first histogram, K masses ≥ 0 with a positive total.</param>
    /// <param name="q">The second histogram, K masses ≥ 0 with a positive total.</param>
    /// <param name="losses">Receives the K per-bin gaps (the last is 0). Empty histograms give an empty output.</param>
    /// <exception cref="ArgumentException">The lengths differ, a histogram has zero total mass, or an output shares memory with an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mass is negative or not finite.</exception>
    public static void Forward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, Span<T> losses)
        where T : IFloatingPointIeee754<T>
    {
        (double massP, double massQ) = Validate(p, q);
        CheckOutput(nameof(losses), losses, p, q);
        double cumulativeP = 0;
        double cumulativeQ = 0;
        for (int k = 0; k < p.Length - 1; k++)
        {
            cumulativeP += double.CreateTruncating(p[k]);
            cumulativeQ += double.CreateTruncating(q[k]);
            losses[k] = T.CreateTruncating(Math.Abs((cumulativeP / massP) - (cumulativeQ / massQ)));
        }

        if (p.Length > 0)
        {
            losses[p.Length - 1] = T.Zero;
        }
    }

    /// <summary>Writes the gradients of Σ_k upstream[k] · losses[k] with respect to both histograms.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="p">The first histogram.</param>
    /// <param name="q">The second histogram.</param>
    /// <param name="upstream">The gradient flowing into each per-bin loss; length K.</param>
    /// <param name="dP">Receives the gradient with respect to <paramref name="p"/>; length K, every element overwritten.</param>
    /// <param name="dQ">Receives the gradient with respect to <paramref name="q"/>; length K, every element overwritten.</param>
    /// <exception cref="ArgumentException">The lengths differ, a histogram has zero total mass, or an output shares memory with an input or the other output.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mass is negative or not finite.</exception>
    public static void Backward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, ReadOnlySpan<T> upstream, Span<T> dP, Span<T> dQ)
        where T : IFloatingPointIeee754<T>
    {
        (double massP, double massQ) = Validate(p, q);
        if (upstream.Length != p.Length)
        {
            throw new ArgumentException(
                $"'{nameof(upstream)}' has length {upstream.Length} but '{nameof(p)}' has {p.Length} bins; there is one upstream gradient per bin.",
                nameof(upstream));
        }

        CheckOutput(nameof(dP), dP, p, q);
        CheckOutput(nameof(dQ), dQ, p, q);
        LossGuard.NoOverlap(nameof(dP), (ReadOnlySpan<T>)dP, nameof(upstream), upstream);
        LossGuard.NoOverlap(nameof(dQ), (ReadOnlySpan<T>)dQ, nameof(upstream), upstream);
        LossGuard.NoOverlap(nameof(dQ), (ReadOnlySpan<T>)dQ, nameof(dP), (ReadOnlySpan<T>)dP);
        int bins = p.Length;
        if (bins == 0)
        {
            return;
        }

        double[] rented = ArrayPool<double>.Shared.Rent(bins);
        try
        {
            Span<double> suffix = rented.AsSpan(0, bins);

            // h_k = upstream[k] · sign(F̂_p(k) − F̂_q(k)); the last bin's gap is 0 by definition.
            double cumulativeP = 0;
            double cumulativeQ = 0;
            for (int k = 0; k < bins - 1; k++)
            {
                cumulativeP += double.CreateTruncating(p[k]);
                cumulativeQ += double.CreateTruncating(q[k]);
                suffix[k] = double.CreateTruncating(upstream[k]) * Math.Sign((cumulativeP / massP) - (cumulativeQ / massQ));
            }

            suffix[bins - 1] = 0;

            // G_j = Σ_{k ≥ j} h_k, and the mass-weighted means Σ_i p̂_i G_i, Σ_i q̂_i G_i that normalisation subtracts.
            double running = 0;
            double meanP = 0;
            double meanQ = 0;
            for (int j = bins - 1; j >= 0; j--)
            {
                running += suffix[j];
                suffix[j] = running;
                meanP += double.CreateTruncating(p[j]) * running;
                meanQ += double.CreateTruncating(q[j]) * running;
            }

            meanP /= massP;
            meanQ /= massQ;
            for (int j = 0; j < bins; j++)
            {
                dP[j] = T.CreateTruncating((suffix[j] - meanP) / massP);
                dQ[j] = T.CreateTruncating(-(suffix[j] - meanQ) / massQ);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static (double MassP, double MassQ) Validate<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q)
        where T : IFloatingPointIeee754<T>
    {
        if (q.Length != p.Length)
        {
            throw new ArgumentException(
                $"'{nameof(q)}' has {q.Length} bins but '{nameof(p)}' has {p.Length}; the histograms must share their bins.",
                nameof(q));
        }

        double massP = Mass(p, nameof(p));
        double massQ = Mass(q, nameof(q));
        return (massP, massQ);
    }

    private static double Mass<T>(ReadOnlySpan<T> histogram, string name)
        where T : IFloatingPointIeee754<T>
    {
        double mass = 0;
        for (int k = 0; k < histogram.Length; k++)
        {
            double value = double.CreateTruncating(histogram[k]);
            if (!(value >= 0) || double.IsPositiveInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"Bin {k} of '{name}' has mass {value}; masses must be finite and at least 0.");
            }

            mass += value;
        }

        if (histogram.Length > 0 && !(mass > 0))
        {
            throw new ArgumentException($"'{name}' has total mass 0; a histogram needs positive mass to be normalised.", name);
        }

        if (double.IsPositiveInfinity(mass))
        {
            throw new ArgumentOutOfRangeException(name, mass, $"The total mass of '{name}' overflows double.");
        }

        return mass;
    }

    private static void CheckOutput<T>(string name, Span<T> output, ReadOnlySpan<T> p, ReadOnlySpan<T> q)
    {
        if (output.Length != p.Length)
        {
            throw new ArgumentException(
                $"'{name}' has length {output.Length} but '{nameof(p)}' has {p.Length} bins; the output has one value per bin.",
                name);
        }

        LossGuard.NoOverlap(name, (ReadOnlySpan<T>)output, nameof(p), p);
        LossGuard.NoOverlap(name, (ReadOnlySpan<T>)output, nameof(q), q);
    }
}
