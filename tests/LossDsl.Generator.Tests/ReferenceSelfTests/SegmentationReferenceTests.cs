using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.ReferenceSelfTests;

using Reduction = LossDsl.Generator.Tests.Infrastructure.ShapedReference.Reduction;

/// <summary>Dice, multi-class Dice, Tversky, IoU and generalized IoU references.</summary>
public class SegmentationReferenceTests
{
    [Fact]
    public void Dice_matches_hand_arithmetic()
    {
        // p = (0.5, 0.5), t = (1, 0), smooth 1: I = 0.5, Σp = 1, Σt = 1: 1 − (1 + 1)/(2 + 1) = 1/3.
        Reference.Close(1.0 / 3, DiceLoss(new[] { 0.5, 0.5 }, new[] { 1.0, 0 }), 1e-15, "smooth 1");
        // Disjoint masks without smoothing: 1 − 0/2 = 1.
        Assert.Equal(1, DiceLoss(new[] { 1.0, 0 }, new[] { 0.0, 1 }, smooth: 0));
    }

    [Fact]
    public void Dice_of_identical_binary_masks_is_zero()
    {
        // An (N, C, H, W) = (2, 3, 4, 4) one-hot mask against itself: (2k + s)/(k + k + s) = 1.
        int[] classes = Enumerable.Range(0, 2 * 16).Select(k => (k * 7) % 3).ToArray();
        double[] mask = OneHotChannels(classes, 2, 3, 16);
        Assert.Equal(0, DiceLoss(mask, mask));
        Assert.Equal(0, DiceLoss(mask, mask, smooth: 0));
        Assert.Equal(0, MultiClassDiceLoss(mask, 2, 3, 16, classes));
        Assert.Equal(0, TverskyLoss(mask, mask, 0.3, 0.7));
    }

    [Fact]
    public void Multiclass_dice_of_uniform_logits_matches_hand_arithmetic()
    {
        // N = 1, C = 2, S = 2, logits all 0: p = 0.5 everywhere; targets (0, 1).
        // Class 0: I = 0.5, Σp = 1, Σt = 1: dice 2/3; class 1 the same. Loss mean(1/3, 1/3) = 1/3.
        Reference.Close(1.0 / 3, MultiClassDiceLossFromLogits(new double[4], 1, 2, 2, new[] { 0, 1 }), 1e-15, "uniform");
        // A class absent from the targets still counts: targets (0, 0): class 1 has I = 0, Σp = 1, Σt = 0:
        // dice (0 + 1)/(1 + 0 + 1) = 1/2; class 0: I = 1, Σp = 1, Σt = 2: (2 + 1)/(1 + 2 + 1) = 3/4. Mean(1/4, 1/2).
        Reference.Close(0.375, MultiClassDiceLossFromLogits(new double[4], 1, 2, 2, new[] { 0, 0 }), 1e-15, "absent class");
    }

    [Fact]
    public void Multiclass_dice_is_the_mean_of_per_class_binary_dice()
    {
        var random = new Random(3);
        const int n = 2, c = 4, s = 6;
        double[] logits = Reference.Sample(random, n * c * s, -3, 3);
        int[] target = Enumerable.Range(0, n * s).Select(_ => random.Next(c)).ToArray();
        double[] p = SoftmaxOverClassAxis(logits, n, c, s);
        double[] oneHot = OneHotChannels(target, n, c, s);
        double expected = Enumerable.Range(0, c).Average(cls => DiceLoss(Channel(p, n, c, s, cls), Channel(oneHot, n, c, s, cls), 0.5));
        Reference.Close(expected, MultiClassDiceLossFromLogits(logits, n, c, s, target, 0.5), 1e-14, "per-class composition");
        // Softmax over axis 1: every (i, s) position sums to 1, and a constant added to a position's C logits changes nothing.
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                Reference.Close(1, Enumerable.Range(0, c).Sum(cls => p[(((i * c) + cls) * s) + k]), 1e-15, "softmax sums to 1");
            }
        }

        double[] shifted = (double[])logits.Clone();
        for (int cls = 0; cls < c; cls++)
        {
            shifted[(((1 * c) + cls) * s) + 2] += 1e4;
        }

        Reference.Close(MultiClassDiceLossFromLogits(logits, n, c, s, target), MultiClassDiceLossFromLogits(shifted, n, c, s, target), 1e-10, "shift");
    }

    [Fact]
    public void Class_axis_reshape_round_trips_and_combined_loss_adds_its_parts()
    {
        var random = new Random(6);
        const int n = 2, c = 3, s = 5;
        double[] logits = Reference.Sample(random, n * c * s, -2, 2);
        int[] target = Enumerable.Range(0, n * s).Select(_ => random.Next(c)).ToArray();
        double[] rows = ClassAxisToRows(logits, n, c, s);
        Assert.Equal(logits, RowsToClassAxis(rows, n, c, s));
        // Row (i, k) holds x[i, :, k]: sample 1, position 3, class 2.
        Assert.Equal(logits[(((1 * c) + 2) * s) + 3], rows[(((1 * s) + 3) * c) + 2]);
        // CE over (N, C, S) written position by position, independently of the reshape: mean over N·S of −log softmax.
        double ce = 0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                double[] column = Enumerable.Range(0, c).Select(cls => logits[(((i * c) + cls) * s) + k]).ToArray();
                ce += Math.Log(column.Sum(Math.Exp)) - column[target[(i * s) + k]];
            }
        }

        ce /= n * s;
        Reference.Close(ce, CrossEntropy(rows, n * s, c, target), 1e-14, "CE over (N, C, S)");
        Reference.Close((0.3 * ce) + (0.7 * MultiClassDiceLossFromLogits(logits, n, c, s, target)), CombinedCrossEntropyDiceLoss(logits, n, c, s, target, 0.3, 0.7), 1e-14, "combined");
    }

    [Fact]
    public void Tversky_reduces_to_dice_and_matches_hand_arithmetic()
    {
        var random = new Random(4);
        double[] p = Reference.Sample(random, 50, 0, 1);
        double[] t = p.Select(_ => (double)random.Next(2)).ToArray();
        // α = β = ½: (TP + s)/(TP + (FP + FN)/2 + s) = (2TP + 2s)/(Σp + Σt + 2s): Dice with smooth 2s.
        Reference.Close(DiceLoss(p, t, 2.0), TverskyLoss(p, t, 0.5, 0.5, 1.0), 1e-14, "α = β = ½");
        Reference.Close(DiceLoss(p, t, 0), TverskyLoss(p, t, 0.5, 0.5, 0), 1e-14, "no smoothing");
        // p = (1, 0), t = (1, 1): TP 1, FP 0, FN 1. α = 0.3, β = 0.7, smooth 0: 1 − 1/1.7 = 0.7/1.7.
        Reference.Close(0.7 / 1.7, TverskyLoss(new[] { 1.0, 0 }, new[] { 1.0, 1 }, 0.3, 0.7, 0), 1e-15, "FN weighted by β");
        // α = β = 1, smooth 0 is soft Jaccard: p = (0.5, 0.5), t = (1, 0): TP = FP = FN = 0.5: 1 − 0.5/1.5 = 2/3.
        Reference.Close(2.0 / 3, TverskyLoss(new[] { 0.5, 0.5 }, new[] { 1.0, 0 }, 1, 1, 0), 1e-15, "Jaccard");
    }

    [Fact]
    public void Giou_matches_hand_arithmetic()
    {
        // Overlap: (0,0,2,2) and (1,1,3,3): inter 1, union 7, enclosing 9: 1 − (1/7 − 2/9).
        // Disjoint: (0,0,1,1) and (2,0,3,1): inter 0, union 2, enclosing 3: 1 − (0 − 1/3) = 4/3 > 1.
        // Touching at an edge: (0,0,1,1) and (1,0,2,1): inter 0, union 2 = enclosing: loss 1.
        double[] b1 = { 0, 0, 2, 2, 0, 0, 1, 1, 0, 0, 1, 1 };
        double[] b2 = { 1, 1, 3, 3, 2, 0, 3, 1, 1, 0, 2, 1 };
        double[] loss = GeneralizedBoxIouLossPerSample(b1, b2, 3);
        Reference.Close(1 - ((1.0 / 7) - (2.0 / 9)), loss[0], 1e-7, "overlap");
        Reference.Close(4.0 / 3, loss[1], 1e-7, "disjoint");
        Assert.True(loss[1] > 1);
        Reference.Close(1, loss[2], 1e-7, "touching");
        // eps exactly as torchvision: iou = 1/(7 + 1e-7), penalty (9 − 7)/(9 + 1e-7).
        Assert.Equal(1 - ((1 / (7 + 1e-7)) - (2 / (9 + 1e-7))), loss[0]);
        Reference.Close(loss.Sum(), GeneralizedBoxIouLoss(b1, b2, 3, Reduction.Sum), 1e-15, "sum");
        Reference.Close(loss.Average(), GeneralizedBoxIouLoss(b1, b2, 3), 1e-15, "mean");
        Assert.Equal(0, GeneralizedBoxIouLoss(Array.Empty<double>(), Array.Empty<double>(), 0));
    }

    [Fact]
    public void Giou_of_identical_boxes_is_zero_and_the_loss_is_symmetric()
    {
        var random = new Random(5);
        double[] boxes = RandomBoxes(random, 8), other = RandomBoxes(random, 8);
        Assert.All(GeneralizedBoxIouLossPerSample(boxes, boxes, 8), l => Assert.InRange(l, 0, 1e-6));
        double[] ab = GeneralizedBoxIouLossPerSample(boxes, other, 8), ba = GeneralizedBoxIouLossPerSample(other, boxes, 8);
        Assert.All(ab.Zip(ba), t => Assert.Equal(t.First, t.Second, 14));
        // GIoU ≤ IoU, so the GIoU loss is at least the IoU loss, and at most 2.
        for (int i = 0; i < 8; i++)
        {
            double iouLoss = IouLoss(boxes[(i * 4)..((i * 4) + 4)], other[(i * 4)..((i * 4) + 4)], 1);
            Assert.InRange(ab[i], iouLoss - 1e-6, 2);
        }
    }

    [Fact]
    public void Seed_iou_loss_matches_hand_arithmetic()
    {
        // (0,0,2,2) vs (1,1,3,3): iou = 1/(7 + 1e-6); identical unit boxes: 1/(1 + 1e-6). Loss 1 − mean.
        double[] b1 = { 0, 0, 2, 2, 0, 0, 1, 1 }, b2 = { 1, 1, 3, 3, 0, 0, 1, 1 };
        Assert.Equal(1 - (((1 / (7 + 1e-6)) + (1 / (1 + 1e-6))) / 2), IouLoss(b1, b2, 2));
        // Product of clamped sides: a box beside another (negative width overlap) has no intersection.
        Assert.Equal(1, IouLoss(new double[] { 0, 0, 1, 1 }, new double[] { 2, -5, 3, 5 }, 1));
    }

    private static double[] RandomBoxes(Random random, int n)
    {
        var b = new double[n * 4];
        for (int i = 0; i < n; i++)
        {
            double x = random.NextDouble() * 10, y = random.NextDouble() * 10;
            b[(i * 4) + 0] = x;
            b[(i * 4) + 1] = y;
            b[(i * 4) + 2] = x + 0.5 + (random.NextDouble() * 5);
            b[(i * 4) + 3] = y + 0.5 + (random.NextDouble() * 5);
        }

        return b;
    }

    private static double[] OneHotChannels(int[] classes, int n, int c, int s)
    {
        var mask = new double[n * c * s];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                mask[(((i * c) + classes[(i * s) + k]) * s) + k] = 1;
            }
        }

        return mask;
    }

    private static double[] Channel(double[] x, int n, int c, int s, int cls) =>
        Enumerable.Range(0, n).SelectMany(i => x.Skip(((i * c) + cls) * s).Take(s)).ToArray();
}
