using System;

namespace LossDsl.Generator.Tests.Infrastructure;

// Classification losses over N×C logits / log-probabilities: cross-entropy (class indices and probability targets),
// NLL, focal (multi-class and binary), KL divergence, and the seed's label-smoothing variant.
public static partial class ShapedReference
{
    /// <summary>
    /// <c>F.cross_entropy(logits, target, weight, ignore_index, reduction='none', label_smoothing)</c> with class-index
    /// targets: per sample, 0 where <c>target[i] == ignoreIndex</c>, otherwise
    /// (1 − ε)·w[y]·(lse_i − x[i, y]) + (ε/C)·Σ_c w[c]·(lse_i − x[i, c]) with lse_i = logsumexp of row i (each lse − x
    /// evaluated by <see cref="NegativeLogSoftmax"/>) and w ≡ 1 when
    /// <paramref name="weight"/> is null.
    /// </summary>
    /// <remarks>
    /// Source: aten/src/ATen/native/LossNLL.cpp, <c>cross_entropy_loss_symint</c> (ε = 0: <c>nll_loss_nd(log_softmax(x))</c>)
    /// and <c>cross_entropy_loss_label_smoothing</c> (ε &gt; 0):
    /// <c>smooth_loss = -(input * weight_).sum(class_dim)</c>, <c>smooth_loss.masked_fill_(ignore_mask, 0.0)</c>,
    /// <c>return (1 - label_smoothing) * nllloss + ret * (label_smoothing / n_classes)</c>; per-sample NLL from
    /// <c>nll_loss_out_frame</c>: <c>output_acc[i] = -input_acc[i][cur_target] * cur_weight</c>, 0 when ignored.
    /// </remarks>
    public static double[] CrossEntropyPerSample(double[] logits, int n, int c, int[] target, double[]? weight = null, int ignoreIndex = DefaultIgnoreIndex, double labelSmoothing = 0)
    {
        CheckClassIndexInputs(logits, n, c, target, weight, ignoreIndex, nameof(logits));
        CheckLabelSmoothing(labelSmoothing);
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if (y == ignoreIndex)
            {
                continue;
            }

            ReadOnlySpan<double> row = logits.AsSpan(i * c, c);
            var parts = LogSumExpParts(row);
            double nll = W(weight, y) * NegativeLogSoftmax(parts, row[y]);
            double value = nll;
            if (labelSmoothing > 0)
            {
                double smooth = 0;
                for (int j = 0; j < c; j++)
                {
                    smooth += W(weight, j) * NegativeLogSoftmax(parts, row[j]);
                }

                value = ((1 - labelSmoothing) * nll) + (labelSmoothing / c * smooth);
            }

            result[i] = value;
        }

        return result;
    }

    /// <summary>
    /// <c>F.cross_entropy</c> with class-index targets, reduced. <see cref="Reduction.Sum"/>: Σ of
    /// <see cref="CrossEntropyPerSample(double[], int, int, int[], double[], int, double)"/>.
    /// <see cref="Reduction.Mean"/>: that sum divided by W = Σ over non-ignored i of w[y_i] (the count of non-ignored
    /// samples when unweighted); all ignored (or N = 0) gives 0/0 = NaN, as PyTorch.
    /// </summary>
    /// <remarks>
    /// Both terms of the label-smoothed loss share the denominator W: <c>nll_loss</c> divides by its
    /// <c>total_weight</c> (Σ weight[t] over non-ignored t, or <c>batch_size - num_ignored</c>), and
    /// <c>cross_entropy_loss_label_smoothing</c> divides the smoothing sum by
    /// <c>weight.gather(0, target.masked_select(~ignore_mask)).sum()</c> (or <c>true_mask.sum()</c>), the same W. So the
    /// weighted smoothing term is Σ_i Σ_c w[c]·(−log p_ic) / Σ_i w[y_i], not a per-class normalisation.
    /// </remarks>
    public static double CrossEntropy(double[] logits, int n, int c, int[] target, double[]? weight = null, int ignoreIndex = DefaultIgnoreIndex, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        double[] perSample = CrossEntropyPerSample(logits, n, c, target, weight, ignoreIndex, labelSmoothing);
        double sum = 0;
        foreach (double v in perSample)
        {
            sum += v;
        }

        return reduction == Reduction.Sum ? sum : sum / TotalWeight(target, weight, ignoreIndex);
    }

    /// <summary>
    /// Analytic gradient of <see cref="CrossEntropy(double[], int, int, int[], double[], int, double, Reduction)"/>
    /// with respect to the logits (N×C), for sizes where finite differences are too slow. Row i (not ignored):
    /// s·[(1 − ε)·w[y]·(p_ij − [j = y]) + (ε/C)·(Σ_c w[c]·p_ij − w[j])], s = 1/W (mean) or 1 (sum), p = softmax(row).
    /// Ignored rows are 0 (also when all rows are ignored and the mean is NaN: PyTorch's backward writes no entry for an
    /// ignored target and the masked smoothing term has zero gradient). Checked against central differences in the
    /// self-tests.
    /// </summary>
    public static double[] CrossEntropyGradient(double[] logits, int n, int c, int[] target, double[]? weight = null, int ignoreIndex = DefaultIgnoreIndex, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        CheckClassIndexInputs(logits, n, c, target, weight, ignoreIndex, nameof(logits));
        CheckLabelSmoothing(labelSmoothing);
        double scale = reduction == Reduction.Sum ? 1 : 1 / TotalWeight(target, weight, ignoreIndex);
        double weightSum = 0;
        for (int j = 0; j < c; j++)
        {
            weightSum += W(weight, j);
        }

        var grad = new double[logits.Length];
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if (y == ignoreIndex)
            {
                continue;
            }

            ReadOnlySpan<double> row = logits.AsSpan(i * c, c);
            double lse = LogSumExp(row);
            for (int j = 0; j < c; j++)
            {
                double p = Math.Exp(row[j] - lse);
                double g = (1 - labelSmoothing) * W(weight, y) * (p - (j == y ? 1 : 0));
                if (labelSmoothing > 0)
                {
                    g += labelSmoothing / c * ((weightSum * p) - W(weight, j));
                }

                grad[(i * c) + j] = scale * g;
            }
        }

        return grad;
    }

    /// <summary>
    /// <c>F.cross_entropy(logits, target_probabilities, weight, reduction='none', label_smoothing)</c> (input and target
    /// of the same shape): per sample −Σ_c w[c]·t̃[i, c]·log_softmax(x)[i, c] with t̃ = t·(1 − ε) + ε/C.
    /// </summary>
    /// <remarks>
    /// Source: aten/src/ATen/native/LossNLL.cpp, <c>cross_entropy_loss_prob_target</c>:
    /// <c>target = target_ * (1 - label_smoothing) + label_smoothing / n_classes</c>,
    /// <c>-(input * target * weight_).sum(class_dim)</c> for 'none'. Targets are not checked to be a distribution
    /// (PyTorch does not check either).
    /// </remarks>
    public static double[] CrossEntropyProbTargetPerSample(double[] logits, int n, int c, double[] target, double[]? weight = null, double labelSmoothing = 0)
    {
        CheckMatrix(logits, n, c, nameof(logits));
        CheckLength(target, logits.Length, nameof(target));
        CheckWeight(weight, c);
        CheckLabelSmoothing(labelSmoothing);
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = logits.AsSpan(i * c, c);
            var parts = LogSumExpParts(row);
            double s = 0;
            for (int j = 0; j < c; j++)
            {
                double t = (target[(i * c) + j] * (1 - labelSmoothing)) + (labelSmoothing / c);
                s += W(weight, j) * t * NegativeLogSoftmax(parts, row[j]);
            }

            result[i] = s;
        }

        return result;
    }

    /// <summary>
    /// <c>F.cross_entropy</c> with probability targets, reduced. <see cref="Reduction.Mean"/> divides by N
    /// (<c>input.numel() / n_classes</c>), <b>not</b> by a sum of weights (unlike class-index targets); N = 0 gives NaN.
    /// </summary>
    public static double CrossEntropyProbTarget(double[] logits, int n, int c, double[] target, double[]? weight = null, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        return Reduce(CrossEntropyProbTargetPerSample(logits, n, c, target, weight, labelSmoothing), reduction);
    }

    /// <summary>
    /// Analytic gradient of <see cref="CrossEntropyProbTarget"/> with respect to the logits: row i,
    /// s·(p_ij·Σ_c w[c]·t̃_ic − w[j]·t̃_ij), s = 1/N (mean) or 1 (sum).
    /// </summary>
    public static double[] CrossEntropyProbTargetGradient(double[] logits, int n, int c, double[] target, double[]? weight = null, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        CheckMatrix(logits, n, c, nameof(logits));
        CheckLength(target, logits.Length, nameof(target));
        CheckWeight(weight, c);
        CheckLabelSmoothing(labelSmoothing);
        double scale = reduction == Reduction.Sum ? 1 : 1.0 / n;
        var grad = new double[logits.Length];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = logits.AsSpan(i * c, c);
            double lse = LogSumExp(row);
            double weightedTargetSum = 0;
            for (int j = 0; j < c; j++)
            {
                weightedTargetSum += W(weight, j) * ((target[(i * c) + j] * (1 - labelSmoothing)) + (labelSmoothing / c));
            }

            for (int j = 0; j < c; j++)
            {
                double t = (target[(i * c) + j] * (1 - labelSmoothing)) + (labelSmoothing / c);
                grad[(i * c) + j] = scale * ((Math.Exp(row[j] - lse) * weightedTargetSum) - (W(weight, j) * t));
            }
        }

        return grad;
    }

    /// <summary>
    /// <c>F.nll_loss(log_probs, target, weight, ignore_index, reduction='none')</c>: −w[y_i]·input[i, y_i], 0 where ignored.
    /// The input is taken as given (log-probabilities are not checked, as PyTorch).
    /// </summary>
    /// <remarks>Source: aten/src/ATen/native/LossNLL.cpp, <c>nll_loss_out_frame</c>.</remarks>
    public static double[] NllLossPerSample(double[] logProbabilities, int n, int c, int[] target, double[]? weight = null, int ignoreIndex = DefaultIgnoreIndex)
    {
        CheckClassIndexInputs(logProbabilities, n, c, target, weight, ignoreIndex, nameof(logProbabilities));
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if (y != ignoreIndex)
            {
                result[i] = -W(weight, y) * logProbabilities[(i * c) + y];
            }
        }

        return result;
    }

    /// <summary>
    /// <c>F.nll_loss</c> reduced: Sum = Σ per sample; Mean = that sum / Σ_{non-ignored} w[y_i] (NaN when all are
    /// ignored: <c>output_val /= total_weight_val</c> with a zero total weight).
    /// </summary>
    public static double NllLoss(double[] logProbabilities, int n, int c, int[] target, double[]? weight = null, int ignoreIndex = DefaultIgnoreIndex, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        double[] perSample = NllLossPerSample(logProbabilities, n, c, target, weight, ignoreIndex);
        double sum = 0;
        foreach (double v in perSample)
        {
            sum += v;
        }

        return reduction == Reduction.Sum ? sum : sum / TotalWeight(target, weight, ignoreIndex);
    }

    /// <summary>
    /// Seed 003 <c>FocalLoss</c> (multi-class), per sample: α·(1 − p)^γ·ce with ce = <c>F.cross_entropy(logits,
    /// targets, reduction='none')</c> and p = exp(−ce), the probability of the target class.
    /// </summary>
    /// <remarks>
    /// Seed /work/shared/seeds/003_ca5ef24fff9b52c5.repaired.txt, lines 390–417:
    /// <code>
    /// def __init__(self, alpha=0.25, gamma=2.0, reduction='mean'):
    /// ce_loss = nn.functional.cross_entropy(logits, targets, reduction='none')
    /// p = torch.exp(-ce_loss) # Probability of correct class
    /// focal_weight = (1 - p) ** self.gamma
    /// focal_loss = self.alpha * focal_weight * ce_loss
    /// if self.reduction == 'mean': return focal_loss.mean()   elif 'sum': focal_loss.sum()   else: focal_loss
    /// </code>
    /// α is one scalar for every class (not a per-class vector). 1 − p is computed as −expm1(−ce) so it keeps its
    /// digits when p → 1. The seed's <c>cross_entropy</c> keeps PyTorch's default <c>ignore_index=-100</c>: such a sample
    /// has ce = 0 and contributes 0 but still counts in the mean (<c>focal_loss.mean()</c> over all N); mirrored here.
    /// </remarks>
    public static double[] FocalLossPerSample(double[] logits, int n, int c, int[] target, double alpha = 0.25, double gamma = 2, int ignoreIndex = DefaultIgnoreIndex)
    {
        double[] ce = CrossEntropyPerSample(logits, n, c, target, null, ignoreIndex);
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double oneMinusP = -Expm1(-ce[i]);
            result[i] = alpha * Math.Pow(oneMinusP, gamma) * ce[i];
        }

        return result;
    }

    /// <summary>Seed 003 <c>FocalLoss</c> reduced: Mean over all N samples (the seed's default) or Sum.</summary>
    public static double FocalLoss(double[] logits, int n, int c, int[] target, double alpha = 0.25, double gamma = 2, Reduction reduction = Reduction.Mean, int ignoreIndex = DefaultIgnoreIndex)
    {
        CheckScalarReduction(reduction);
        return Reduce(FocalLossPerSample(logits, n, c, target, alpha, gamma, ignoreIndex), reduction);
    }

    /// <summary>
    /// torchvision <c>sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction='none')</c>, per element:
    /// ce·(1 − p_t)^γ, times α_t = α·t + (1 − α)·(1 − t) only when α ≥ 0 (a negative α disables the weighting).
    /// </summary>
    /// <remarks>
    /// Source: torchvision/ops/focal_loss.py:
    /// <code>
    /// p = torch.sigmoid(inputs)
    /// ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    /// p_t = p * targets + (1 - p) * (1 - targets)
    /// loss = ce_loss * ((1 - p_t) ** gamma)
    /// if alpha &gt;= 0: alpha_t = alpha * targets + (1 - alpha) * (1 - targets); loss = alpha_t * loss
    /// </code>
    /// 1 − p_t is evaluated as σ(x)·(1 − t) + σ(−x)·t (algebraically identical) so it does not cancel to 0 at large |x|.
    /// Seed 003's <c>BinaryFocalLoss</c> (lines 419–438) is the same with α always applied and a mean.
    /// </remarks>
    public static double[] SigmoidFocalLossPerElement(double[] logits, double[] targets, double alpha = 0.25, double gamma = 2)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CheckLength(targets, logits.Length, nameof(targets));
        var result = new double[logits.Length];
        for (int k = 0; k < logits.Length; k++)
        {
            double x = logits[k], t = targets[k];
            double ce = BceWithLogits(x, t);
            double oneMinusPt = (Sigmoid(x) * (1 - t)) + (Sigmoid(-x) * t);
            double loss = ce * Math.Pow(oneMinusPt, gamma);
            if (alpha >= 0)
            {
                loss *= (alpha * t) + ((1 - alpha) * (1 - t));
            }

            result[k] = loss;
        }

        return result;
    }

    /// <summary>torchvision <c>sigmoid_focal_loss</c> reduced (Mean over all elements, or Sum).</summary>
    public static double SigmoidFocalLoss(double[] logits, double[] targets, double alpha = 0.25, double gamma = 2, Reduction reduction = Reduction.Mean)
    {
        CheckScalarReduction(reduction);
        return Reduce(SigmoidFocalLossPerElement(logits, targets, alpha, gamma), reduction);
    }

    /// <summary>
    /// <c>F.kl_div(input, target, reduction='none', log_target)</c> per element, input = log-probabilities:
    /// log_target: exp(t)·(t − x); otherwise xlogy(t, t) − t·x, i.e. t·(log t − x) with 0 where t = 0.
    /// </summary>
    /// <remarks>
    /// Source: aten/src/ATen/native/Loss.cpp, <c>kl_div</c>:
    /// <c>output = log_target ? at::exp(target) * (target - input) : at::xlogy(target, target) - target * input</c>.
    /// xlogy(0, y) = 0 for any non-NaN y, so t = 0 gives 0 − 0·x = 0 for finite x; a negative t gives NaN (log of a
    /// negative number), as current PyTorch (older versions used <c>where(target &gt; 0, ..., 0)</c>).
    /// </remarks>
    public static double[] KlDivPointwise(double[] input, double[] target, bool logTarget = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckLength(target, input.Length, nameof(target));
        var result = new double[input.Length];
        for (int k = 0; k < input.Length; k++)
        {
            double x = input[k], t = target[k];
            result[k] = logTarget ? Math.Exp(t) * (t - x) : Xlogy(t, t) - (t * x);
        }

        return result;
    }

    /// <summary>
    /// <c>F.kl_div</c> reduced. Mean: over all elements (PyTorch's documented trap); BatchMean: the sum divided by
    /// <paramref name="batchSize"/> (<c>input.size(0)</c>, torch/nn/functional.py: <c>reduced = reduced / input.size()[0]</c>);
    /// Sum: the sum.
    /// </summary>
    public static double KlDiv(double[] input, double[] target, int batchSize, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        CheckScalarReduction(reduction, allowBatchMean: true);
        double[] pointwise = KlDivPointwise(input, target, logTarget);
        if (reduction != Reduction.BatchMean)
        {
            return Reduce(pointwise, reduction);
        }

        if (batchSize < 1 || input.Length % batchSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be positive and divide the element count ({input.Length}).");
        }

        double sum = 0;
        foreach (double v in pointwise)
        {
            sum += v;
        }

        return sum / batchSize;
    }

    /// <summary>
    /// Seed 003 <c>LabelSmoothingCrossEntropy</c> (CATALOG row 20, a seed variant of PyTorch's <c>label_smoothing</c>):
    /// mean over samples of −Σ_c q_ic·log_softmax(x)_ic with q = 1 − ε on the target class and ε/(C − 1) elsewhere.
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 352–369: <c>true_dist.fill_(self.epsilon / (num_classes - 1))</c>,
    /// <c>true_dist.scatter_(1, targets.unsqueeze(1), 1.0 - self.epsilon)</c>,
    /// <c>return torch.mean(torch.sum(-true_dist * log_probs, dim=1))</c>. With C = 1 the fill value ε/0 is overwritten
    /// by the scatter, so the loss is −(1 − ε)·0 = 0. No weights, no ignore index (the seed has none).
    /// It equals PyTorch's smoothing with ε' = ε·C/(C − 1) (self-tested).
    /// </remarks>
    public static double LabelSmoothingCrossEntropySeed(double[] logits, int n, int c, int[] target, double epsilon = 0.1)
    {
        CheckClassIndexInputs(logits, n, c, target, null, int.MinValue, nameof(logits));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = logits.AsSpan(i * c, c);
            var parts = LogSumExpParts(row);
            for (int j = 0; j < c; j++)
            {
                double q = j == target[i] ? 1 - epsilon : epsilon / (c - 1);
                sum += q * NegativeLogSoftmax(parts, row[j]);
            }
        }

        return sum / n;
    }

    /// <summary>xlogy(x, y) = x·log(y) with xlogy(0, y) = 0 unless y is NaN (<c>torch.xlogy</c>).</summary>
    public static double Xlogy(double x, double y)
    {
        if (double.IsNaN(y))
        {
            return double.NaN;
        }

        return x == 0 ? 0 : x * Math.Log(y);
    }

    private static double W(double[]? weight, int j) => weight is null ? 1 : weight[j];

    private static double TotalWeight(int[] target, double[]? weight, int ignoreIndex)
    {
        double total = 0;
        foreach (int y in target)
        {
            if (y != ignoreIndex)
            {
                total += W(weight, y);
            }
        }

        return total;
    }

    private static void CheckClassIndexInputs(double[] x, int n, int c, int[] target, double[]? weight, int ignoreIndex, string name)
    {
        CheckMatrix(x, n, c, name);
        CheckLength(target, n, nameof(target));
        CheckWeight(weight, c);
        for (int i = 0; i < n; i++)
        {
            int y = target[i];
            if (y != ignoreIndex && (y < 0 || y >= c))
            {
                throw new ArgumentOutOfRangeException(nameof(target), y, $"Target {y} of sample {i} is out of bounds [0, {c}) and is not the ignore index {ignoreIndex}.");
            }
        }
    }

    private static void CheckWeight(double[]? weight, int c)
    {
        if (weight is not null && weight.Length != c)
        {
            throw new ArgumentException($"weight has {weight.Length} elements; expected one per class ({c}).", nameof(weight));
        }
    }

    private static void CheckLabelSmoothing(double labelSmoothing)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "label_smoothing must be between 0.0 and 1.0.");
        }
    }
}
