using System;

namespace LossDsl.Generator.Tests.Infrastructure;

// Overlap losses: Dice and Tversky over (N, C, S) probabilities, IoU and generalized IoU over N×4 boxes.
public static partial class ShapedReference
{
    /// <summary>
    /// Seed 003 <c>DiceLoss</c>: one global Dice over every element (pred and target flattened, whatever their
    /// (N, C, H, W) shape): 1 − (2·Σ p·t + smooth) / (Σ p + Σ t + smooth).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 764–784:
    /// <code>
    /// pred_flat = pred.view(-1); target_flat = target.view(-1)
    /// intersection = (pred_flat * target_flat).sum()
    /// dice_score = (2. * intersection + self.smooth) / (pred_flat.sum() + target_flat.sum() + self.smooth)
    /// return 1 - dice_score
    /// </code>
    /// Default smooth = 1.0. pred: probabilities; target: one-hot (any reals are accepted, as the seed).
    /// </remarks>
    public static double DiceLoss(double[] pred, double[] target, double smooth = 1)
    {
        ArgumentNullException.ThrowIfNull(pred);
        CheckLength(target, pred.Length, nameof(target));
        double intersection = 0, sumP = 0, sumT = 0;
        for (int k = 0; k < pred.Length; k++)
        {
            intersection += pred[k] * target[k];
            sumP += pred[k];
            sumT += target[k];
        }

        return 1 - (((2 * intersection) + smooth) / (sumP + sumT + smooth));
    }

    /// <summary>
    /// Seed 003 <c>MultiClassDiceLoss</c> after its softmax: probabilities (N, C, S) (S = H·W flattened) and class
    /// indices (N, S); for each class c, dice_c = (2·Σ_{i,s} p_ics·[y_is = c] + smooth) / (Σ_{i,s} p_ics +
    /// #{y_is = c} + smooth), summed over the whole batch (not per image); the loss is the mean over c of 1 − dice_c.
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 786–810:
    /// <code>
    /// pred_softmax = torch.softmax(pred, dim=1)
    /// target_one_hot = nn.functional.one_hot(target, num_classes).permute(0, 3, 1, 2).float()
    /// for c in range(num_classes):
    ///     pred_c = pred_softmax[:, c]; target_c = target_one_hot[:, c]
    ///     intersection = (pred_c * target_c).sum()
    ///     dice = (2. * intersection + self.smooth) / (pred_c.sum() + target_c.sum() + self.smooth)
    ///     total_loss += 1 - dice
    /// return total_loss / num_classes
    /// </code>
    /// A class absent from the targets still counts (its dice is smooth / (Σ p_c + smooth)).
    /// </remarks>
    public static double MultiClassDiceLoss(double[] probabilities, int n, int c, int s, int[] target, double smooth = 1)
    {
        CheckSegmentation(probabilities, n, c, s, target, nameof(probabilities));
        double total = 0;
        for (int cls = 0; cls < c; cls++)
        {
            double intersection = 0, sumP = 0, sumT = 0;
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < s; k++)
                {
                    double p = probabilities[(((i * c) + cls) * s) + k];
                    bool hit = target[(i * s) + k] == cls;
                    sumP += p;
                    if (hit)
                    {
                        intersection += p;
                        sumT += 1;
                    }
                }
            }

            total += 1 - (((2 * intersection) + smooth) / (sumP + sumT + smooth));
        }

        return total / c;
    }

    /// <summary>
    /// Seed 003 <c>MultiClassDiceLoss</c> as written: logits (N, C, S), softmax over the class axis 1, then
    /// <see cref="MultiClassDiceLoss"/>.
    /// </summary>
    public static double MultiClassDiceLossFromLogits(double[] logits, int n, int c, int s, int[] target, double smooth = 1) =>
        MultiClassDiceLoss(SoftmaxOverClassAxis(logits, n, c, s), n, c, s, target, smooth);

    /// <summary>
    /// Tversky loss, global like the seed's <c>DiceLoss</c>: 1 − (TP + smooth) / (TP + α·FP + β·FN + smooth) with
    /// TP = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t over every element. α weighs false positives, β false negatives.
    /// </summary>
    /// <remarks>
    /// Seed 003 gives only the exercise (lines 1411–1433): <c>Tversky = (TP) / (TP + α*FP + β*FN)</c> and the stub
    /// <c>TverskyLoss(alpha=0.5, beta=0.5, smooth=1.0)</c>, "compared with DiceLoss", with no body. The smoothing is
    /// placed as in the seed's DiceLoss (added to numerator and denominator), the usual form (Salehi et al. 2017 without
    /// smoothing). Consequence, self-tested: Tversky(α = β = ½, smooth) = Dice(smooth·2), and with smooth = 0 they are
    /// equal.
    /// </remarks>
    public static double TverskyLoss(double[] pred, double[] target, double alpha = 0.5, double beta = 0.5, double smooth = 1)
    {
        ArgumentNullException.ThrowIfNull(pred);
        CheckLength(target, pred.Length, nameof(target));
        double tp = 0, fp = 0, fn = 0;
        for (int k = 0; k < pred.Length; k++)
        {
            tp += pred[k] * target[k];
            fp += pred[k] * (1 - target[k]);
            fn += (1 - pred[k]) * target[k];
        }

        return 1 - ((tp + smooth) / (tp + (alpha * fp) + (beta * fn) + smooth));
    }

    /// <summary>
    /// Seed 003 <c>iou_loss</c>: 1 − mean_i IoU_i with IoU_i = inter_i / (union_i + 1e-6),
    /// inter = max(x2∩ − x1∩, 0)·max(y2∩ − y1∩, 0), union = area1 + area2 − inter; boxes N×4 (x1, y1, x2, y2).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 832–854 (<c>torch.clamp(x2_inter - x1_inter, min=0) * torch.clamp(y2_inter - y1_inter, min=0)</c>,
    /// <c>iou = inter_area / (union_area + 1e-6)</c>, <c>return 1 - iou.mean()</c>). Note the seed's eps is 1e-6,
    /// torchvision's 1e-7.
    /// </remarks>
    public static double IouLoss(double[] predBoxes, double[] targetBoxes, int n)
    {
        CheckMatrix(predBoxes, n, 4, nameof(predBoxes));
        CheckMatrix(targetBoxes, n, 4, nameof(targetBoxes));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            (double inter, double union) = InterUnion(predBoxes.AsSpan(i * 4, 4), targetBoxes.AsSpan(i * 4, 4));
            sum += inter / (union + 1e-6);
        }

        return 1 - (sum / n);
    }

    /// <summary>
    /// torchvision <c>generalized_box_iou_loss(boxes1, boxes2, reduction='none', eps=1e-7)</c>, per box pair:
    /// 1 − (IoU − (area_C − union) / (area_C + eps)) with IoU = inter / (union + eps) and C the smallest enclosing box.
    /// </summary>
    /// <remarks>
    /// Source: torchvision/ops/giou_loss.py and ops/_utils.py <c>_loss_inter_union</c>:
    /// <code>
    /// mask = (ykis2 &gt; ykis1) &amp; (xkis2 &gt; xkis1)
    /// intsctk[mask] = (xkis2[mask] - xkis1[mask]) * (ykis2[mask] - ykis1[mask])
    /// unionk = (x2 - x1) * (y2 - y1) + (x2g - x1g) * (y2g - y1g) - intsctk
    /// iouk = intsctk / (unionk + eps)
    /// area_c = (xc2 - xc1) * (yc2 - yc1)
    /// miouk = iouk - ((area_c - unionk) / (area_c + eps))
    /// loss = 1 - miouk
    /// </code>
    /// Boxes are expected with x1 ≤ x2 and y1 ≤ y2 (torchvision's docstring); not checked here: the formula is evaluated
    /// as written for any input.
    /// </remarks>
    public static double[] GeneralizedBoxIouLossPerSample(double[] boxes1, double[] boxes2, int n, double eps = 1e-7)
    {
        CheckMatrix(boxes1, n, 4, nameof(boxes1));
        CheckMatrix(boxes2, n, 4, nameof(boxes2));
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> a = boxes1.AsSpan(i * 4, 4), b = boxes2.AsSpan(i * 4, 4);
            (double inter, double union) = InterUnion(a, b);
            double iou = inter / (union + eps);
            double areaC = (Math.Max(a[2], b[2]) - Math.Min(a[0], b[0])) * (Math.Max(a[3], b[3]) - Math.Min(a[1], b[1]));
            result[i] = 1 - (iou - ((areaC - union) / (areaC + eps)));
        }

        return result;
    }

    /// <summary>
    /// torchvision <c>generalized_box_iou_loss</c> reduced: Sum, or Mean (0 when N = 0: torchvision returns
    /// <c>0.0 * loss.sum()</c> for an empty mean).
    /// </summary>
    public static double GeneralizedBoxIouLoss(double[] boxes1, double[] boxes2, int n, Reduction reduction = Reduction.Mean, double eps = 1e-7)
    {
        CheckScalarReduction(reduction);
        double[] perSample = GeneralizedBoxIouLossPerSample(boxes1, boxes2, n, eps);
        return n == 0 ? 0 : Reduce(perSample, reduction);
    }

    /// <summary>
    /// Seed 003 <c>CombinedLoss</c> (CATALOG row 48): ceWeight·CE + diceWeight·MultiClassDice over (N, C, S) logits and
    /// (N, S) class indices, with <c>nn.CrossEntropyLoss()</c> defaults (mean over all N·S positions, no weights, ignore
    /// index −100) and <c>MultiClassDiceLoss()</c> (smooth 1).
    /// </summary>
    /// <remarks>
    /// Seed 003 lines 896–911: <c>ce_loss = self.ce(pred, target)</c>, <c>dice_loss = self.dice(pred, target)</c>,
    /// <c>return self.ce_weight * ce_loss + self.dice_weight * dice_loss</c>, defaults 0.5 and 0.5.
    /// </remarks>
    public static double CombinedCrossEntropyDiceLoss(double[] logits, int n, int c, int s, int[] target, double ceWeight = 0.5, double diceWeight = 0.5) =>
        (ceWeight * CrossEntropy(ClassAxisToRows(logits, n, c, s), n * s, c, target)) +
        (diceWeight * MultiClassDiceLossFromLogits(logits, n, c, s, target));

    /// <summary>
    /// (N, C, S) → (N·S)×C: PyTorch's class axis 1 moved last, so that every (sample, position) is a row. Cross-entropy,
    /// NLL and focal over (N, C, d1…dk) with (N, d1…dk) targets are the row references applied to this matrix and the
    /// flattened targets (PyTorch's <c>nll_loss_nd</c> does the same reshape; the mean is over all N·S positions, or the
    /// Σ of their target weights).
    /// </summary>
    public static double[] ClassAxisToRows(double[] x, int n, int c, int s)
    {
        CheckMatrix(x, n * s, c, nameof(x));
        var rows = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            for (int cls = 0; cls < c; cls++)
            {
                for (int k = 0; k < s; k++)
                {
                    rows[((((i * s) + k) * c) + cls)] = x[(((i * c) + cls) * s) + k];
                }
            }
        }

        return rows;
    }

    /// <summary>The inverse of <see cref="ClassAxisToRows"/>: (N·S)×C rows (e.g. a gradient) back to (N, C, S).</summary>
    public static double[] RowsToClassAxis(double[] rows, int n, int c, int s)
    {
        CheckMatrix(rows, n * s, c, nameof(rows));
        var x = new double[rows.Length];
        for (int i = 0; i < n; i++)
        {
            for (int cls = 0; cls < c; cls++)
            {
                for (int k = 0; k < s; k++)
                {
                    x[(((i * c) + cls) * s) + k] = rows[((((i * s) + k) * c) + cls)];
                }
            }
        }

        return x;
    }

    /// <summary>Softmax over axis 1 of an (N, C, S) tensor (every (i, s) position normalised over its C classes).</summary>
    public static double[] SoftmaxOverClassAxis(double[] logits, int n, int c, int s)
    {
        CheckMatrix(logits, n * s, c, nameof(logits));
        var result = new double[logits.Length];
        var column = new double[c];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                for (int cls = 0; cls < c; cls++)
                {
                    column[cls] = logits[(((i * c) + cls) * s) + k];
                }

                double lse = LogSumExp(column);
                for (int cls = 0; cls < c; cls++)
                {
                    result[(((i * c) + cls) * s) + k] = Math.Exp(column[cls] - lse);
                }
            }
        }

        return result;
    }

    /// <summary>Intersection (0 unless both sides are positive) and union areas of two (x1, y1, x2, y2) boxes.</summary>
    public static (double Intersection, double Union) InterUnion(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double w = Math.Min(a[2], b[2]) - Math.Max(a[0], b[0]);
        double h = Math.Min(a[3], b[3]) - Math.Max(a[1], b[1]);
        double inter = w > 0 && h > 0 ? w * h : 0;
        double union = ((a[2] - a[0]) * (a[3] - a[1])) + ((b[2] - b[0]) * (b[3] - b[1])) - inter;
        return (inter, union);
    }

    private static void CheckSegmentation(double[] x, int n, int c, int s, int[] target, string name)
    {
        if (s < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "The spatial size must be at least 1.");
        }

        CheckMatrix(x, n * s, c, name);
        CheckLength(target, n * s, nameof(target));
        for (int k = 0; k < target.Length; k++)
        {
            if (target[k] < 0 || target[k] >= c)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target[k], $"Target {target[k]} at sample {k / s}, position {k % s} is out of bounds [0, {c}).");
            }
        }
    }
}
