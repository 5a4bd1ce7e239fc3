using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(S.GeneralizedIoU))]
public class GeneralizedIoUTests
{
    /// <summary>torchvision's generalized_box_iou_loss per pair.</summary>
    internal static double[] PerPair(double[] a, double[] b, double eps)
    {
        int n = a.Length / 4;
        var loss = new double[n];
        for (int i = 0; i < n; i++)
        {
            (double inter, double union) = IoUTests.InterUnion(a, b, i);
            double c = (Math.Max(a[4 * i + 2], b[4 * i + 2]) - Math.Min(a[4 * i], b[4 * i])) * (Math.Max(a[4 * i + 3], b[4 * i + 3]) - Math.Min(a[4 * i + 1], b[4 * i + 1]));
            loss[i] = 1 - (inter / (union + eps) - (c - union) / (c + eps));
        }

        return loss;
    }

    private static ReadOnlyTensorSpan<T> T4<T>(T[] v) => new(v, [v.Length / 4, 4], default);

    private static TensorSpan<T> D4<T>(T[] v) => new(v, [v.Length / 4, 4], default);

    public static TheoryData<Reduction> Reductions => Check.Reductions;

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Matches_torchvision_generalized_box_iou_loss(Reduction reduction)
    {
        foreach ((int n, double eps) in new[] { (1, 1e-7), (6, 1e-7), (33, 0.1) })
        {
            (double[] a, double[] b) = IoUTests.Boxes(n, n + 20);
            ScalarLossSuite.Run(
                (x, g) => g is null ? S.GeneralizedIoU(T4(x[0]), T4(x[1]), eps, reduction) : S.GeneralizedIoU(T4(x[0]), T4(x[1]), D4(g[0]), D4(g[1]), eps, reduction),
                (x, g) => g is null ? S.GeneralizedIoU(T4(x[0]), T4(x[1]), (float)eps, reduction) : S.GeneralizedIoU(T4(x[0]), T4(x[1]), D4(g[0]), D4(g[1]), (float)eps, reduction),
                x => Check.Reduce(PerPair(x[0], x[1], eps), reduction, n), [a, b], [0, 1], $"n={n}, eps={eps}, {reduction}", floatTolerance: 1e-5);
        }
    }

    [Fact]
    public void Unreduced_forms_are_reduction_none()
    {
        (double[] a, double[] b) = IoUTests.Boxes(9, 4);
        var loss = new double[9];
        S.GeneralizedIoUUnreduced(T4(a), T4(b), loss);
        Check.Close(PerPair(a, b, 1e-7), loss, 1e-12, "loss");
        double[] upstream = Check.Normal(9, 5);
        double[] da = new double[36], db = new double[36];
        S.GeneralizedIoUUnreduced(T4(a), T4(b), upstream, D4(da), D4(db));
        double Weighted(double[][] x) => PerPair(x[0], x[1], 1e-7).Select((l, i) => l * upstream[i]).Sum();
        Check.Close(ScalarLossSuite.FiniteDifferences(Weighted, [a, b], 0), da, 1e-6, "dboxes1");
        Check.Close(ScalarLossSuite.FiniteDifferences(Weighted, [a, b], 1), db, 1e-6, "dboxes2");

        float[] af = Check.ToFloat(a), bf = Check.ToFloat(b);
        var lossF = new float[9];
        S.GeneralizedIoUUnreduced(T4(af), T4(bf), lossF, 0.5f);
        Check.Close(PerPair(Check.ToDouble(af), Check.ToDouble(bf), 0.5), lossF, 1e-5, "float loss, eps 0.5");
        float[] daf = new float[36], dbf = new float[36];
        S.GeneralizedIoUUnreduced(T4(af), T4(bf), Check.ToFloat(upstream), D4(daf), D4(dbf));
        Check.Close(da, daf, 1e-4, "float dboxes1");
        Check.Close(db, dbf, 1e-4, "float dboxes2");
    }

    [Fact]
    public void Identical_disjoint_and_empty_inputs()
    {
        double[] a = [1, 2, 4, 6], far = [10, 10, 11, 12];
        Check.Close(0, S.GeneralizedIoU(T4(a), T4(a)), 1e-7, "identical boxes");
        // Disjoint: IoU 0, enclosing box 10 × 10 = 100, union 12 + 2 = 14: loss 1 + 86/100.
        Check.Close(1 + 86 / (100 + 1e-7), S.GeneralizedIoU(T4(a), T4(far)), 1e-12, "disjoint boxes");
        Assert.Equal(0, S.GeneralizedIoU(T4(Array.Empty<double>()), T4(Array.Empty<double>())));
        Assert.Equal(0, S.GeneralizedIoU(T4(Array.Empty<double>()), T4(Array.Empty<double>()), reduction: Reduction.Sum));
        Assert.Equal(0f, S.GeneralizedIoU(T4(Array.Empty<float>()), T4(Array.Empty<float>()), D4(Array.Empty<float>()), D4(Array.Empty<float>())));
    }

    [Fact]
    public void Bad_shapes_and_reductions_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => S.GeneralizedIoU(new ReadOnlyTensorSpan<double>(new double[6], [2, 3], default), T4(new double[8])));
        Assert.Equal("boxes1", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => S.GeneralizedIoUUnreduced(T4(new float[8]), new ReadOnlyTensorSpan<float>(new float[10], [2, 5], default), new float[2]));
        Assert.Equal("boxes2", e.ParamName);
        var e2 = Assert.ThrowsAny<ArgumentException>(() => S.GeneralizedIoU(T4(new double[8]), T4(new double[12])));
        Assert.Contains("'boxes2'", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => S.GeneralizedIoU(T4(new double[8]), T4(new double[8]), reduction: (Reduction)3));
    }
}
