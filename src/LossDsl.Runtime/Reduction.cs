namespace LossDsl;

/// <summary>
/// How a loss turns its per-element values into one number: PyTorch's <c>reduction</c> argument. A loss method takes a
/// <see cref="Reduction"/> option when its formula reduces with <c>reduce(...)</c>; PyTorch's <c>reduction='none'</c>
/// is the loss's <c>void</c> overload that writes one loss per element into a <c>loss</c> span.
/// </summary>
public enum Reduction
{
    /// <summary>The mean: Σ wᵢ·ℓᵢ / Σ wᵢ for a weighted <c>reduce(ℓ, w)</c>, Σ ℓᵢ / (number of elements) otherwise.
    /// Over nothing (or when every weight is 0) the mean is NaN, as in PyTorch.</summary>
    Mean = 0,

    /// <summary>The sum Σ wᵢ·ℓᵢ (Σ ℓᵢ without weights).</summary>
    Sum = 1,

    /// <summary>The sum divided by the number of samples N (the rows of a matrix), PyTorch's <c>'batchmean'</c>: for
    /// <c>kl_div</c> it is the true Kullback–Leibler divergence per sample, where <see cref="Mean"/> divides by N·C.</summary>
    BatchMean = 2,
}
