using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;
using R = LossDsl.Generator.Tests.Infrastructure.ShapedReference;

namespace LossDsl.Generator.Tests.Shapes;

using Reduction = LossDsl.Generator.Tests.Infrastructure.ShapedReference.Reduction;

public delegate double MatrixTarget(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, double eps);
public delegate float MatrixTargetF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, float eps);
public delegate double NllFn(ReadOnlyTensorSpan<double> lp, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dlp, int ignore_index);
public delegate double FocalFn(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx, double alpha, double gamma);
public delegate double BinaryFocalFn(ReadOnlySpan<double> x, ReadOnlySpan<double> t, Span<double> dx, double alpha, double gamma);
public delegate double KlFn(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx);
public delegate double PairFn(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlySpan<double> y, TensorSpan<double> da, TensorSpan<double> db, double margin);
public delegate float PairFnF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, ReadOnlySpan<float> y, TensorSpan<float> da, TensorSpan<float> db, float margin);
public delegate double TripletFn(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> pos, ReadOnlyTensorSpan<double> neg, TensorSpan<double> da, TensorSpan<double> dpos, TensorSpan<double> dneg, double margin, double p, double eps, bool swap);
public delegate double OverlapFn(ReadOnlyTensorSpan<double> p, ReadOnlyTensorSpan<double> t, TensorSpan<double> dp, double alpha, double beta, double smooth);
public delegate double BoxFn(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);

/// <summary>
/// The classification, embedding and overlap losses of issue 4, written as formulas in test code and checked in double
/// against <see cref="ShapedReference"/> (PyTorch / torchvision / seed definitions) and central finite differences.
/// </summary>
public class ShapedLossFamilyTests
{
    private const string Members = """
        [Loss("lp = log_softmax(x); mean(row_sum(-(1 - eps) * t * lp) + eps * row_mean(-lp))")]
        public static partial double ProbTargets(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx, double eps);
        [Loss("lp = log_softmax(x); mean(row_sum(-(1 - eps) * t * lp) + eps * row_mean(-lp))")]
        public static partial float ProbTargetsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, TensorSpan<float> dx, float eps);

        [Loss("valid = y != ignore_index; wy = where(valid, weight[y], 0); sum(-wy * lp[y]) / sum(wy)")]
        public static partial double Nll(ReadOnlyTensorSpan<double> lp, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dlp, int ignore_index);

        [Loss("ce = logsumexp(x) - x[y]; mean(alpha * (-expm1(-ce))^gamma * ce)")]
        public static partial double Focal(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx, double alpha, double gamma);

        [Loss("ce = softplus(x) - x * t; q = sigmoid(x) * (1 - t) + sigmoid(-x) * t; loss = ce * q^gamma; mean(where(alpha >= 0, (alpha * t + (1 - alpha) * (1 - t)) * loss, loss))")]
        public static partial double BinaryFocal(ReadOnlySpan<double> x, ReadOnlySpan<double> t, Span<double> dx, double alpha, double gamma);

        [Loss("mean(row_sum(where(t > 0, t * log(t), 0) - t * x))")]
        public static partial double KlBatchMean(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx);
        [Loss("mean(where(t > 0, t * log(t), 0) - t * x)")]
        public static partial double KlMean(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx);
        [Loss("mean(row_sum(exp(t) * (t - x)))")]
        public static partial double KlLogTarget(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx);

        [Loss("cos = dot(a, b) / sqrt((row_sum(a^2) + 1e-12) * (row_sum(b^2) + 1e-12)); mean(where(y == 1, 1 - cos, 0) + where(y == -1, relu(cos - margin), 0))")]
        public static partial double CosineEmbedding(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlySpan<double> y, TensorSpan<double> da, TensorSpan<double> db, double margin);
        [Loss("cos = dot(a, b) / sqrt((row_sum(a^2) + 1e-12) * (row_sum(b^2) + 1e-12)); mean(where(y == 1, 1 - cos, 0) + where(y == -1, relu(cos - margin), 0))")]
        public static partial float CosineEmbeddingF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, ReadOnlySpan<float> y, TensorSpan<float> da, TensorSpan<float> db, float margin);

        [Loss("d = norm(a - b + 1e-6); mean(y * d^2 + (1 - y) * relu(margin - d)^2)")]
        public static partial double Contrastive(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlySpan<double> y, TensorSpan<double> da, TensorSpan<double> db, double margin);

        [Loss("dp = norm_p(a - pos + eps, p); dn = norm_p(a - neg + eps, p); dn2 = where(swap, min(dn, norm_p(pos - neg + eps, p)), dn); mean(relu(margin + dp - dn2))")]
        public static partial double Triplet(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> pos, ReadOnlyTensorSpan<double> neg, TensorSpan<double> da, TensorSpan<double> dpos, TensorSpan<double> dneg, double margin, double p, double eps, bool swap);

        [Loss("1 - (2 * sum(p * t) + smooth) / (sum(p) + sum(t) + smooth) + 0 * alpha * beta")]
        public static partial double Dice(ReadOnlyTensorSpan<double> p, ReadOnlyTensorSpan<double> t, TensorSpan<double> dp, double alpha, double beta, double smooth);
        [Loss("tp = sum(p * t); fp = sum(p * (1 - t)); fn = sum((1 - p) * t); 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)")]
        public static partial double Tversky(ReadOnlyTensorSpan<double> p, ReadOnlyTensorSpan<double> t, TensorSpan<double> dp, double alpha, double beta, double smooth);

        [Loss(@"ix1 = max(a[0], b[0]); iy1 = max(a[1], b[1]); ix2 = min(a[2], b[2]); iy2 = min(a[3], b[3]);
                inter = where((iy2 > iy1) & (ix2 > ix1), (ix2 - ix1) * (iy2 - iy1), 0);
                union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
                iou = inter / (union + 1e-7);
                area = (max(a[2], b[2]) - min(a[0], b[0])) * (max(a[3], b[3]) - min(a[1], b[1]));
                mean(1 - (iou - (area - union) / (area + 1e-7)))")]
        public static partial double GeneralizedIou(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, TensorSpan<double> da, TensorSpan<double> db);
        """;

    private static Type Losses => ShapedLossCompiler.Compile(Members);

    private static ReadOnlyTensorSpan<double> M(double[] x, int n, int c) => new(x, [n, c], default);

    private static TensorSpan<double> G(double[] x, int n, int c) => new(x, [n, c], default);

    private static double[] Probabilities(int n, int c, int seed)
    {
        double[] z = Normal(n * c, seed);
        return R.Softmax(z, n, c);
    }

    [Theory]
    [InlineData(1, 1, 0.0)]
    [InlineData(6, 3, 0.1)]
    [InlineData(17, 10, 0.0)]
    [InlineData(5, 40, 0.3)]
    public void Cross_entropy_with_probability_targets_and_label_smoothing(int n, int c, double eps)
    {
        double[] x = Normal(n * c, seed: c, scale: 2), t = Probabilities(n, c, seed: n);
        var f = Losses.Get<MatrixTarget>("ProbTargets");
        var dx = new double[n * c];
        Close(R.CrossEntropyProbTarget(x, n, c, t, labelSmoothing: eps), f(M(x, n, c), M(t, n, c), G(dx, n, c), eps), 1e-13, "loss");
        Close(FiniteDifferences(xs => R.CrossEntropyProbTarget(xs, n, c, t, labelSmoothing: eps), x), dx, 1e-7, "dx");

        var ff = Losses.Get<MatrixTargetF>("ProbTargetsF");
        float[] xf = As<float>(x), tf = As<float>(t);
        float loss = ff(new ReadOnlyTensorSpan<float>(xf, [n, c], default), new ReadOnlyTensorSpan<float>(tf, [n, c], default), new TensorSpan<float>(new float[n * c], [n, c], default), (float)eps);
        Close(R.CrossEntropyProbTarget(ToDouble(xf), n, c, ToDouble(tf), labelSmoothing: (float)eps), loss, 3e-6, "float loss");
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(9, 12)]
    public void Nll_with_weights_and_ignore_index(int n, int c)
    {
        double[] lp = R.LogSoftmax(Normal(n * c, seed: 3), n, c);
        int[] y = Classes(n, c, seed: 5);
        y[2] = -100;
        double[] w = Normal(c, seed: 8).Select(v => 1 + Math.Abs(v)).ToArray();
        var f = Losses.Get<NllFn>("Nll");
        var d = new double[n * c];
        Close(R.NllLoss(lp, n, c, y, w), f(M(lp, n, c), y, w, G(d, n, c), -100), 1e-13, "loss");
        Close(FiniteDifferences(xs => R.NllLoss(xs, n, c, y, w), lp), d, 1e-7, "dlp");
    }

    [Theory]
    [InlineData(8, 4, 0.25, 2.0)]
    [InlineData(5, 10, 1.0, 0.5)]
    public void Focal_loss_multi_class_as_seed_003(int n, int c, double alpha, double gamma)
    {
        double[] x = Normal(n * c, seed: 21, scale: 3);
        int[] y = Classes(n, c, seed: 22);
        var f = Losses.Get<FocalFn>("Focal");
        var dx = new double[n * c];
        Close(R.FocalLoss(x, n, c, y, alpha, gamma), f(M(x, n, c), y, G(dx, n, c), alpha, gamma), 1e-12, "loss");
        Close(FiniteDifferences(xs => R.FocalLoss(xs, n, c, y, alpha, gamma), x), dx, 1e-6, "dx");
    }

    [Theory]
    [InlineData(0.25, 2.0, 1.0)]
    [InlineData(-1.0, 1.5, 1.0)]
    [InlineData(0.25, 2.0, 1e4)]
    public void Binary_focal_loss_as_torchvision(double alpha, double gamma, double scale)
    {
        double[] x = Normal(23, seed: 31, scale: scale);
        double[] t = Normal(23, seed: 32).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        var f = Losses.Get<BinaryFocalFn>("BinaryFocal");
        var dx = new double[23];
        double loss = f(x, t, dx, alpha, gamma);
        Close(R.SigmoidFocalLoss(x, t, alpha, gamma), loss, 1e-12, "loss");
        Assert.All(dx, v => Assert.True(double.IsFinite(v)));
        if (scale == 1)
        {
            Close(FiniteDifferences(xs => R.SigmoidFocalLoss(xs, t, alpha, gamma), x), dx, 1e-7, "dx");
        }
    }

    [Theory]
    [InlineData(6, 5)]
    [InlineData(3, 17)]
    public void Kl_divergence_from_log_probabilities(int n, int c)
    {
        double[] x = R.LogSoftmax(Normal(n * c, seed: 41), n, c);
        double[] t = Probabilities(n, c, seed: 42);
        t[1] = 0; // a zero target contributes 0 (xlogy), not NaN
        var d = new double[n * c];
        Close(R.KlDiv(x, t, n, R.Reduction.BatchMean), Losses.Get<KlFn>("KlBatchMean")(M(x, n, c), M(t, n, c), G(d, n, c)), 1e-13, "batchmean");
        Close(FiniteDifferences(xs => R.KlDiv(xs, t, n, R.Reduction.BatchMean), x), d, 1e-7, "batchmean dx");
        Close(R.KlDiv(x, t, n, R.Reduction.Mean), Losses.Get<KlFn>("KlMean")(M(x, n, c), M(t, n, c), G(d, n, c)), 1e-13, "mean");
        double[] logT = R.LogSoftmax(Normal(n * c, seed: 43), n, c);
        Close(R.KlDiv(x, logT, n, R.Reduction.BatchMean, logTarget: true), Losses.Get<KlFn>("KlLogTarget")(M(x, n, c), M(logT, n, c), G(d, n, c)), 1e-13, "log_target");
    }

    [Theory]
    [InlineData(7, 3, 0.0)]
    [InlineData(9, 33, 0.2)]
    public void Cosine_embedding_loss(int n, int d, double margin)
    {
        double[] a = Normal(n * d, seed: 51), b = Normal(n * d, seed: 52);
        double[] y = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToArray();
        var f = Losses.Get<PairFn>("CosineEmbedding");
        double[] da = new double[n * d], db = new double[n * d];
        Close(R.CosineEmbeddingLoss(a, b, n, d, y, margin), f(M(a, n, d), M(b, n, d), y, G(da, n, d), G(db, n, d), margin), 1e-12, "loss");
        Close(FiniteDifferences(xs => R.CosineEmbeddingLoss(xs, b, n, d, y, margin), a), da, 1e-7, "da");
        Close(FiniteDifferences(xs => R.CosineEmbeddingLoss(a, xs, n, d, y, margin), b), db, 1e-7, "db");

        var ff = Losses.Get<PairFnF>("CosineEmbeddingF");
        float loss = ff(new ReadOnlyTensorSpan<float>(As<float>(a), [n, d], default), new ReadOnlyTensorSpan<float>(As<float>(b), [n, d], default), As<float>(y),
            new TensorSpan<float>(new float[n * d], [n, d], default), new TensorSpan<float>(new float[n * d], [n, d], default), (float)margin);
        Close(R.CosineEmbeddingLoss(ToDouble(As<float>(a)), ToDouble(As<float>(b)), n, d, y, (float)margin), loss, 3e-6, "float loss");
    }

    [Theory]
    [InlineData(8, 3, 1.0)]
    [InlineData(5, 20, 2.0)]
    public void Contrastive_loss_as_seed_003(int n, int d, double margin)
    {
        double[] a = Normal(n * d, seed: 61, scale: 0.3), b = Normal(n * d, seed: 62, scale: 0.3);
        double[] y = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 1.0 : 0.0).ToArray();
        var f = Losses.Get<PairFn>("Contrastive");
        double[] da = new double[n * d], db = new double[n * d];
        Close(R.ContrastiveLoss(a, b, n, d, y, margin), f(M(a, n, d), M(b, n, d), y, G(da, n, d), G(db, n, d), margin), 1e-12, "loss");
        Close(FiniteDifferences(xs => R.ContrastiveLoss(xs, b, n, d, y, margin), a), da, 1e-7, "da");
        Close(FiniteDifferences(xs => R.ContrastiveLoss(a, xs, n, d, y, margin), b), db, 1e-7, "db");
    }

    [Theory]
    [InlineData(6, 4, 2.0, false)]
    [InlineData(6, 4, 1.0, false)]
    [InlineData(7, 9, 3.0, true)]
    [InlineData(5, 16, 2.0, true)]
    public void Triplet_margin_loss_with_p_norm_eps_and_swap(int n, int d, double p, bool swap)
    {
        double[] a = Normal(n * d, seed: 71), pos = Normal(n * d, seed: 72), neg = Normal(n * d, seed: 73);
        const double margin = 1, eps = 1e-6;
        var f = Losses.Get<TripletFn>("Triplet");
        double[] da = new double[n * d], dpos = new double[n * d], dneg = new double[n * d];
        double loss = f(M(a, n, d), M(pos, n, d), M(neg, n, d), G(da, n, d), G(dpos, n, d), G(dneg, n, d), margin, p, eps, swap);
        Close(R.TripletMarginLoss(a, pos, neg, n, d, margin, p, eps, swap), loss, 1e-12, "loss");
        Close(FiniteDifferences(xs => R.TripletMarginLoss(xs, pos, neg, n, d, margin, p, eps, swap), a), da, 1e-6, "da");
        Close(FiniteDifferences(xs => R.TripletMarginLoss(a, xs, neg, n, d, margin, p, eps, swap), pos), dpos, 1e-6, "dpos");
        Close(FiniteDifferences(xs => R.TripletMarginLoss(a, pos, xs, n, d, margin, p, eps, swap), neg), dneg, 1e-6, "dneg");
    }

    [Theory]
    [InlineData(2, 3, 4, 4)]
    [InlineData(1, 1, 5, 1)]
    [InlineData(3, 4, 1, 1)]
    public void Dice_and_tversky_over_n_c_h_w_probabilities(int n, int c, int h, int w)
    {
        int count = n * c * h * w;
        double[] p = Normal(count, seed: 81).Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        double[] t = Normal(count, seed: 82).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        nint[] shape = [n, c, h, w];
        var dp = new double[count];
        var dice = Losses.Get<OverlapFn>("Dice");
        Close(R.DiceLoss(p, t, 1), dice(new(p, shape, default), new(t, shape, default), new(dp, shape, default), 0, 0, 1), 1e-13, "dice");
        Close(FiniteDifferences(xs => R.DiceLoss(xs, t, 1), p), dp, 1e-7, "dice dp");
        var tversky = Losses.Get<OverlapFn>("Tversky");
        Close(R.TverskyLoss(p, t, 0.3, 0.7, 1), tversky(new(p, shape, default), new(t, shape, default), new(dp, shape, default), 0.3, 0.7, 1), 1e-13, "tversky");
        Close(FiniteDifferences(xs => R.TverskyLoss(xs, t, 0.3, 0.7, 1), p), dp, 1e-7, "tversky dp");
    }

    [Fact]
    public void Generalized_iou_over_boxes_as_torchvision()
    {
        int n = 9;
        var rng = new Random(91);
        double[] Boxes() => Enumerable.Range(0, n).SelectMany(_ =>
        {
            double x1 = rng.NextDouble() * 4, y1 = rng.NextDouble() * 4;
            return new[] { x1, y1, x1 + 0.5 + rng.NextDouble() * 3, y1 + 0.5 + rng.NextDouble() * 3 };
        }).ToArray();
        double[] a = Boxes(), b = Boxes();
        var f = Losses.Get<BoxFn>("GeneralizedIou");
        double[] da = new double[n * 4], db = new double[n * 4];
        Close(R.GeneralizedBoxIouLoss(a, b, n), f(M(a, n, 4), M(b, n, 4), G(da, n, 4), G(db, n, 4)), 1e-13, "loss");
        Close(FiniteDifferences(xs => R.GeneralizedBoxIouLoss(xs, b, n), a), da, 1e-7, "da");
        Close(FiniteDifferences(xs => R.GeneralizedBoxIouLoss(a, xs, n), b), db, 1e-7, "db");
        // Identical boxes: 0 up to torchvision's eps (1 − A/(A + 1e-7)). A box matrix with 3 columns cannot supply column 3.
        Close(R.GeneralizedBoxIouLoss(a, a, n), f(M(a, n, 4), M(a, n, 4), G(da, n, 4), G(db, n, 4)), 1e-13, "identical");
        Assert.True(R.GeneralizedBoxIouLoss(a, a, n) < 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => f(M(new double[9], 3, 3), M(new double[9], 3, 3), G(new double[9], 3, 3), G(new double[9], 3, 3)));
    }
}
