using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Numerics.Tensors;
using C = LossDsl.Losses.Classification;
using G = LossDsl.Losses.Generative;
using M = LossDsl.Losses.Margin;
using ML = LossDsl.Losses.MetricLearning;
using MT = LossDsl.Losses.MultiTask;
using R = LossDsl.Losses.Regression;
using RL = LossDsl.Losses.ReinforcementLearning;
using S = LossDsl.Losses.Segmentation;

namespace LossDsl.CatalogDocs;

/// <summary>
/// The 1-D view of each entry that has one: the loss of a single sample (Reduction.Sum where the entry reduces) and its
/// gradient, as functions of one scalar input (the prediction error, a logit, a score, a coordinate of one point, …),
/// every other input held fixed, computed by calling the catalog entry itself. The plotted gradient is the element of
/// the entry's gradient output at the varied position, so it is the derivative of the plotted loss. Every entry is
/// either here or in <see cref="NoViewReasons"/>, with the reason it has no view.
/// </summary>
public static class OneDimensionalViews
{
    /// <summary>Evaluates the loss at <c>x</c> and writes ∂loss/∂x into the one-element span.</summary>
    public delegate double Evaluate(double x, Span<double> gradient);

    /// <summary>
    /// What is varied (and what is held fixed), its range, how the entry is called, and the points of the range where
    /// the loss is not differentiable (a kink of a hinge, an absolute value, a switch of branch), if any.
    /// </summary>
    public sealed record View(string Along, double From, double To, Evaluate At, double[]? Kinks = null)
    {
        /// <summary>The points where the loss has a kink; empty when it is smooth over the range.</summary>
        public double[] Kinks { get; init; } = Kinks ?? [];
    }

    private static readonly Dictionary<string, View> Views = new()
    {
        // ---- Regression: one element, the prediction against a fixed target.
        ["MeanSquaredError"] = new("p − t (t = 0)", -3, 3, (x, g) => R.MeanSquaredError([x], [0.0], g, Reduction.Sum)),
        ["MeanAbsoluteError"] = new("p − t (t = 0)", -3, 3, (x, g) => R.MeanAbsoluteError([x], [0.0], g, Reduction.Sum), [0]),
        ["Huber"] = new("p − t (t = 0, delta = 1)", -3, 3, (x, g) => R.Huber([x], [0.0], g, 1, Reduction.Sum), [-1, 1]),
        ["SmoothL1"] = new("p − t (t = 0, beta = 1)", -3, 3, (x, g) => R.SmoothL1([x], [0.0], g, 1, Reduction.Sum), [-1, 1]),
        ["LogCosh"] = new("p − t (t = 0)", -3, 3, (x, g) => R.LogCosh([x], [0.0], g, Reduction.Sum)),
        ["SumSquaredError"] = new("p − t (t = 0)", -3, 3, (x, g) => R.SumSquaredError([x], [0.0], g)),
        ["RootMeanSquaredError"] = new("p − t (t = 0, one element)", -3, 3, (x, g) => R.RootMeanSquaredError([x], [0.0], g)),
        ["PoissonNll"] = new("log-rate p (t = 2, log_input)", -2, 3, (x, g) => R.PoissonNll([x], [2.0], g, reduction: Reduction.Sum)),
        ["GaussianNll"] = new("p − t (t = 0, var = 0.5)", -3, 3, (x, g) =>
        {
            var dvar = new double[1];
            return R.GaussianNll([x], [0.0], [0.5], g, dvar, reduction: Reduction.Sum);
        }),
        ["MeanSquaredLogError"] = new("p (t = 1)", 0, 4, (x, g) => R.MeanSquaredLogError([x], [1.0], g, reduction: Reduction.Sum), [1e-7]),
        ["MeanAbsolutePercentageError"] = new("p (t = 1)", -1, 3, (x, g) => R.MeanAbsolutePercentageError([x], [1.0], g, reduction: Reduction.Sum), [1]),
        ["MeanPercentageError"] = new("p (t = 1)", -1, 3, (x, g) => R.MeanPercentageError([x], [1.0], g, Reduction.Sum)),
        ["AsymmetricMeanSquaredError"] = new("p − t (t = 0, over_penalty = 2)", -3, 3, (x, g) => R.AsymmetricMeanSquaredError([x], [0.0], g, reduction: Reduction.Sum), [0]),

        // ---- Margin.
        ["HingeEmbedding"] = new("distance x (y = −1, margin = 1)", -1, 3, (x, g) => M.HingeEmbedding([x], [-1.0], g, reduction: Reduction.Sum), [1]),
        ["Hinge"] = new("score p (t = +1)", -3, 3, (x, g) => M.Hinge([x], [1.0], g), [1]),
        ["SoftMargin"] = new("score x (y = +1)", -4, 4, (x, g) => M.SoftMargin([x], [1.0], g, Reduction.Sum)),
        ["MarginRanking"] = new("x1 − x2 (x2 = 0 held fixed, y = 1, margin = 1; gradient ∂/∂x1)", -3, 3, (x, g) =>
        {
            var dx2 = new double[1];
            return M.MarginRanking([x], [0.0], [1.0], g, dx2, margin: 1, reduction: Reduction.Sum);
        }, [1]),
        ["MultiMargin"] = new("true-class score x₀ (C = 3, y = 0, other scores 0, margin = 1)", -2, 3, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => M.MultiMargin(In(xs, 1, 3), [0], Out(dx, 1, 3), reduction: Reduction.Sum)), [1]),
        ["MultiLabelMargin"] = new("target-class score x₀ (C = 3, targets {0}, other scores 0)", -2, 3, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => M.MultiLabelMargin(In(xs, 1, 3), [0, -1, -1], Out(dx, 1, 3), Reduction.Sum)), [1]),
        ["MultiLabelSoftMargin"] = new("target-class score x₀ (C = 3, y = (1, 0, 0), other scores 0)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => M.MultiLabelSoftMargin(In(xs, 1, 3), In([1.0, 0, 0], 1, 3), Out(dx, 1, 3), Reduction.Sum))),
        ["CosineEmbedding"] = new("s in x2 = (1, s) (x1 = (1, 0), y = 1; gradient ∂/∂s)", -3, 3, (x, g) =>
        {
            var dx1 = new double[2];
            var dx2 = new double[2];
            double loss = M.CosineEmbedding(In([1.0, 0], 1, 2), In([1.0, x], 1, 2), [1.0], Out(dx1, 1, 2), Out(dx2, 1, 2), reduction: Reduction.Sum);
            g[0] = dx2[1];
            return loss;
        }),

        // ---- Classification: one sample; for the multi-class entries C = 3 with the varied class the target.
        // BinaryCrossEntropy stops short of p = 1, where its gradient is 0 by PyTorch's convention (p − t)/max(p(1 − p), 10⁻¹²).
        ["BinaryCrossEntropy"] = new("probability p (t = 1)", 0.05, 0.99, (x, g) => C.BinaryCrossEntropy([x], [1.0], g, Reduction.Sum)),
        ["BinaryCrossEntropyWithLogits"] = new("logit x (t = 1)", -4, 4, (x, g) => C.BinaryCrossEntropyWithLogits([x], [1.0], g, Reduction.Sum)),
        ["BinaryFocal"] = new("logit x (t = 1, alpha = 0.25, gamma = 2)", -4, 4, (x, g) => C.BinaryFocal([x], [1.0], g, reduction: Reduction.Sum)),
        ["CrossEntropy"] = new("true-class logit x₀ (C = 3, y = 0, other logits 0)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.CrossEntropy(In(xs, 1, 3), [0], Out(dx, 1, 3), reduction: Reduction.Sum))),
        ["LabelSmoothingCrossEntropy"] = new("true-class logit x₀ (C = 3, y = 0, other logits 0, epsilon = 0.1)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.LabelSmoothingCrossEntropy(In(xs, 1, 3), [0], Out(dx, 1, 3)))),
        ["Focal"] = new("true-class logit x₀ (C = 3, y = 0, other logits 0, alpha = 0.25, gamma = 2)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.Focal(In(xs, 1, 3), [0], Out(dx, 1, 3), reduction: Reduction.Sum))),
        ["CategoricalCrossEntropy"] = new("true-class probability p₀ (C = 3, t = (1, 0, 0), p₁ = p₂ = 0.25; rows divided by their sum)", 0.1, 1, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.CategoricalCrossEntropy(In(xs, 1, 3), In([1.0, 0, 0], 1, 3), Out(dx, 1, 3), reduction: Reduction.Sum), 0.25)),
        ["SparseCategoricalCrossEntropy"] = new("true-class probability p₀ (C = 3, y = 0, p₁ = p₂ = 0.25; rows divided by their sum)", 0.1, 1, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.SparseCategoricalCrossEntropy(In(xs, 1, 3), [0], Out(dx, 1, 3), Reduction.Sum), 0.25)),
        ["NegativeLogLikelihood"] = new("true-class log-probability x₀ (C = 3, y = 0)", -4, 0, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.NegativeLogLikelihood(In(xs, 1, 3), [0], Out(dx, 1, 3), reduction: Reduction.Sum), -1.5)),
        ["KullbackLeiblerDivergence"] = new("log-probability x (one element, target t = 0.5)", -4, 0, (x, g) =>
            Row(x, g, 1, 0, (xs, dx) => C.KullbackLeiblerDivergence(In(xs, 1, 1), In([0.5], 1, 1), Out(dx, 1, 1), reduction: Reduction.Sum))),
        ["Entropy"] = new("logit x₀ (C = 3, other logits 0)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => C.Entropy(In(xs, 1, 3), Out(dx, 1, 3)))),

        // ---- Generative: one sample per input.
        ["GanDiscriminator"] = new("logit on the real sample (one fake sample at logit 0)", -4, 4, (x, g) =>
        {
            var dfake = new double[1];
            return G.GanDiscriminator([x], [0.0], g, dfake);
        }),
        ["GanGenerator"] = new("discriminator logit on the fake sample", -4, 4, (x, g) => G.GanGenerator([x], g)),
        ["WassersteinDiscriminator"] = new("critic score on the fake sample (one real sample at score 0)", -3, 3, (x, g) =>
        {
            var dreal = new double[1];
            var dfake = new double[1];
            double loss = G.WassersteinDiscriminator([0.0], [x], dreal, dfake);
            g[0] = dfake[0];
            return loss;
        }),
        ["WassersteinGenerator"] = new("critic score on the fake sample", -3, 3, (x, g) => G.WassersteinGenerator([x], g)),
        ["Perceptual"] = new("pred − target (one layer of one feature, target = 0)", -3, 3, (x, g) => G.Perceptual([x], [0.0], [1], g)),
        ["VariationalAutoencoder"] = new("latent mean μ (one latent, log σ² = 0, β = 1; one pixel, recon_x = x = 0.5)", -3, 3, (x, g) =>
        {
            var drecon = new double[1];
            var dlogvar = new double[1];
            return G.VariationalAutoencoder([0.5], [0.5], [x], [0.0], drecon, g, dlogvar);
        }),

        // ---- Metric learning: points on a line (or in the plane), one coordinate of one point moved.
        ["Contrastive"] = new("x2 (1-D points, x1 = 0, y = 0: dissimilar, margin = 1)", -2, 2, (x, g) =>
            Pair(x, g, 1, 0, (x1, x2, dx1, dx2) => ML.Contrastive(In(x1, 1, 1), In(x2, 1, 1), [0.0], Out(dx1, 1, 1), Out(dx2, 1, 1)), [0.0]), [1e-6, -1 + 1e-6, 1 + 1e-6]),
        ["SquaredTripletMargin"] = new("negative n (1-D points, anchor 0, positive 1, margin = 1)", -3, 3, (x, g) =>
            Triplet(g, [0.0], [1.0], [x], 0, (a, p, n, da, dp, dn) => ML.SquaredTripletMargin(a, p, n, da, dp, dn)), [-Math.Sqrt(2), Math.Sqrt(2)]),
        ["TripletMargin"] = new("negative n (1-D points, anchor 0, positive 1, margin = 1, p = 2)", -3, 3, (x, g) =>
            Triplet(g, [0.0], [1.0], [x], 0, (a, p, n, da, dp, dn) => ML.TripletMargin(a, p, n, da, dp, dn, reduction: Reduction.Sum)), [1e-6, -2, 2]),
        ["TripletMarginWithDistance"] = new("negative n (1-D points, anchor 0, positive 1, margin = 1)", -3, 3, (x, g) =>
            Triplet(g, [0.0], [1.0], [x], 0, (a, p, n, da, dp, dn) => ML.TripletMarginWithDistance(a, p, n, da, dp, dn, reduction: Reduction.Sum)), [1e-6, -2, 2]),
        ["TripletMarginWithCosineDistance"] = new("s in negative = (1, s) (anchor (1, 0), positive (1, 0.5), margin = 1; gradient ∂/∂s)", -4, 4, (x, g) =>
            Triplet(g, [1.0, 0], [1.0, 0.5], [1.0, x], 1, (a, p, n, da, dp, dn) => ML.TripletMarginWithCosineDistance(a, p, n, da, dp, dn, reduction: Reduction.Sum))),
        ["Angular"] = new("s in negative = (0.5, s) (anchor (0, 0), positive (1, 0), alpha = 40°; gradient ∂/∂s)", -1, 1, (x, g) =>
            Triplet(g, [0.0, 0], [1.0, 0], [0.5, x], 1, (a, p, n, da, dp, dn) => ML.Angular(a, p, n, da, dp, dn)),
            [-AngularKink, AngularKink]),
        ["BatchHardTriplet"] = new("embedding e₂ (1-D embeddings (0, 1, e₂), labels (0, 0, 1), margin = 1)", -3, 4, (x, g) =>
            Row(x, g, 3, 2, (xs, dx) => ML.BatchHardTriplet(In(xs, 3, 1), [0, 0, 1], Out(dx, 3, 1)), 0, [0.0, 1.0, x]), [-2, -1, 0, 1, 2, 3]),
        ["InfoNce"] = new("s in z_j[0] = (1, s) (N = 2, z_i = ((1, 0), (0, 1)), z_j[1] = (0, 1), temperature 0.07; gradient ∂/∂s)", -3, 3, (x, g) =>
            Pair(x, g, 4, 1, (zi, zj, dzi, dzj) => ML.InfoNce(In(zi, 2, 2), In(zj, 2, 2), Out(dzi, 2, 2), Out(dzj, 2, 2)), [1.0, 0, 0, 1], [1.0, x, 0, 1])),
        ["NtXent"] = new("s in z_j[0] = (1, s) (N = 2, z_i = ((1, 0), (0, 1)), z_j[1] = (0, 1), temperature 0.5; gradient ∂/∂s)", -3, 3, (x, g) =>
            Pair(x, g, 4, 1, (zi, zj, dzi, dzj) => ML.NtXent(In(zi, 2, 2), In(zj, 2, 2), Out(dzi, 2, 2), Out(dzj, 2, 2)), [1.0, 0, 0, 1], [1.0, x, 0, 1])),

        // ---- Segmentation: one pixel, or one edge of one box.
        ["Dice"] = new("probability p of one pixel (t = 1, smooth = 1)", 0, 1, (x, g) => S.Dice([x], [1.0], g)),
        ["Tversky"] = new("probability p of one pixel (t = 1, alpha = beta = 0.5, smooth = 1)", 0, 1, (x, g) => S.Tversky([x], [1.0], g)),
        ["FocalTversky"] = new("probability p of one pixel (t = 1, alpha = 0.3, beta = 0.7, gamma = 0.75, smooth = 1)", 0, 0.98, (x, g) => S.FocalTversky([x], [1.0], g)),
        ["MultiClassDice"] = new("true-class logit x₀ (one pixel, C = 3, y = 0, other logits 0, smooth = 1)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => S.MultiClassDice(In(xs, 1, 3), [0], Out(dx, 1, 3)))),
        ["CrossEntropyDice"] = new("true-class logit x₀ (one pixel, C = 3, y = 0, other logits 0, weights 0.5 and 0.5)", -4, 4, (x, g) =>
            Row(x, g, 3, 0, (xs, dx) => S.CrossEntropyDice(In(xs, 1, 3), [0], Out(dx, 1, 3)))),
        ["IoU"] = new("left edge x₁ of box 1 = (x₁, 0, 3, 1) (box 2 = (0, 0, 1, 1))", -1, 2.8, (x, g) =>
            Pair(x, g, 4, 0, (b1, b2, d1, d2) => S.IoU(In(b1, 1, 4), In(b2, 1, 4), Out(d1, 1, 4), Out(d2, 1, 4)), [x, 0, 3, 1], [0.0, 0, 1, 1], first: true), [0, 1]),
        ["GeneralizedIoU"] = new("left edge x₁ of box 1 = (x₁, 0, 3, 1) (box 2 = (0, 0, 1, 1))", -1, 2.8, (x, g) =>
            Pair(x, g, 4, 0, (b1, b2, d1, d2) => S.GeneralizedIoU(In(b1, 1, 4), In(b2, 1, 4), Out(d1, 1, 4), Out(d2, 1, 4), reduction: Reduction.Sum), [x, 0, 3, 1], [0.0, 0, 1, 1], first: true), [0, 1]),

        // ---- Reinforcement learning and multi-task weighting.
        ["PolicyGradient"] = new("log-probability log π(a|s) of the action taken (advantage 1)", -4, 0, (x, g) => RL.PolicyGradient([x], [1.0], g)),
        ["TemporalDifference"] = new("Q(s, a) − target (the target r = 0 at a terminal step; huber, delta = 1)", -3, 3, (x, g) =>
            Row(x, g, 2, 0, (xs, dx) => RL.TemporalDifference(In(xs, 1, 2), [0], [0.0], In([0.0, 0], 1, 2), [1.0], Out(dx, 1, 2))), [-1, 1]),
        ["UncertaintyWeighted"] = new("log-variance s of one task (its loss L = 1)", -3, 3, (x, g) =>
        {
            var dlosses = new double[1];
            return MT.UncertaintyWeighted([1.0], [x], dlosses, g);
        }),
    };

    // Where ‖n − c‖² = s² meets ‖a − p‖²/(4·tan²α) = 1/(4·tan²40°).
    private static readonly double AngularKink = 1 / (2 * Math.Tan(40 * Math.PI / 180));

    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["Ctc"] = "a log-sum over every alignment of a (T, N, C) log-probability sequence to a target; no single input is a meaningful axis.",
        ["Chamfer"] = "nearest-neighbour matching between point sets; along one coordinate it is a squared distance to whichever point is nearest.",
        ["EarthMovers"] = "compares whole histograms (renormalised cumulative sums) or point sets (an optimal assignment); no single input is a meaningful axis.",
        ["GradNorm"] = "the target Ḡ·rᵢ^α moves with every norm (Ḡ is their mean) but is held constant in the gradient by design, so the gradient is not the loss's derivative along a norm.",
        ["Curriculum"] = "reweights losses the caller computed: linear in each loss, a step in difficulty and progress (which get no gradient).",
    };

    /// <summary>Every view, by entry name.</summary>
    public static IReadOnlyDictionary<string, View> All => Views;

    /// <summary>Every entry without a 1-D view, with the reason, by entry name.</summary>
    public static IReadOnlyDictionary<string, string> NoViewReasons => Reasons;

    /// <summary>The view of <paramref name="entry"/>, if it has one.</summary>
    public static bool TryGet(string entry, [NotNullWhen(true)] out View? view) => Views.TryGetValue(entry, out view);

    /// <summary>Why <paramref name="entry"/> has no 1-D view, if it is listed as having none.</summary>
    public static bool TryGetReason(string entry, [NotNullWhen(true)] out string? reason) => Reasons.TryGetValue(entry, out reason);

    private static ReadOnlyTensorSpan<double> In(double[] values, params nint[] shape) => new(values, shape, default);

    private static TensorSpan<double> Out(double[] values, params nint[] shape) => new(values, shape, default);

    // One input of `length` values filled with `fill` (or `values`), x at `at`; the gradient is d[at].
    private static double Row(double x, Span<double> g, int length, int at, Func<double[], double[], double> call, double fill = 0, double[]? values = null)
    {
        double[] xs = values ?? Enumerable.Repeat(fill, length).ToArray();
        xs[at] = x;
        var dx = new double[length];
        double loss = call(xs, dx);
        g[0] = dx[at];
        return loss;
    }

    // Two inputs of `length` values; x is already in one of them (the second unless `first`), at `at`.
    private static double Pair(double x, Span<double> g, int length, int at, Func<double[], double[], double[], double[], double> call, double[] a, double[]? b = null, bool first = false)
    {
        b ??= [x];
        var da = new double[length];
        var db = new double[length];
        double loss = call(a, b, da, db);
        g[0] = first ? da[at] : db[at];
        return loss;
    }

    private delegate double TripletCall(ReadOnlyTensorSpan<double> anchor, ReadOnlyTensorSpan<double> positive, ReadOnlyTensorSpan<double> negative,
        TensorSpan<double> danchor, TensorSpan<double> dpositive, TensorSpan<double> dnegative);

    // A triplet of one sample each; x is in the negative, at `at`; the gradient is dnegative[at].
    private static double Triplet(Span<double> g, double[] a, double[] p, double[] n, int at, TripletCall call)
    {
        int d = a.Length;
        var da = new double[d];
        var dp = new double[d];
        var dn = new double[d];
        double loss = call(In(a, 1, d), In(p, 1, d), In(n, 1, d), Out(da, 1, d), Out(dp, 1, d), Out(dn, 1, d));
        g[0] = dn[at];
        return loss;
    }

    /// <summary>Samples the view.</summary>
    public static (double[] X, double[] Loss, double[] Gradient) Sample(View view, int points = 241)
    {
        double[] xs = Enumerable.Range(0, points).Select(k => view.From + (view.To - view.From) * k / (points - 1)).ToArray();
        var loss = new double[points];
        var gradient = new double[points];
        var g = new double[1];
        for (int k = 0; k < points; k++)
        {
            loss[k] = view.At(xs[k], g);
            gradient[k] = g[0];
        }

        return (xs, loss, gradient);
    }

    // The corner where the legend hides the least of the curves: in each third of the range, how far the curves come
    // into the top (or bottom) quarter of the plot; upper centre when nothing is hidden there.
    private static ScottPlot.Alignment LegendCorner(double[] xs, double[] loss, double[] gradient)
    {
        double low = Math.Min(loss.Min(), Math.Min(gradient.Min(), 0)), high = Math.Max(loss.Max(), Math.Max(gradient.Max(), 0));
        double span = high > low ? high - low : 1;
        (ScottPlot.Alignment Corner, double From, double To, bool Top)[] corners =
        [
            (ScottPlot.Alignment.UpperCenter, 0.3, 0.7, true), (ScottPlot.Alignment.UpperLeft, 0, 0.35, true), (ScottPlot.Alignment.UpperRight, 0.65, 1, true),
            (ScottPlot.Alignment.LowerCenter, 0.3, 0.7, false), (ScottPlot.Alignment.LowerLeft, 0, 0.35, false), (ScottPlot.Alignment.LowerRight, 0.65, 1, false),
        ];
        double Hidden((ScottPlot.Alignment Corner, double From, double To, bool Top) c)
        {
            double worst = 0;
            for (int k = 0; k < xs.Length; k++)
            {
                double at = (double)k / (xs.Length - 1);
                if (at < c.From || at > c.To)
                {
                    continue;
                }

                foreach (double v in new[] { loss[k], gradient[k] })
                {
                    double height = (v - low) / span;
                    worst = Math.Max(worst, Math.Max(0, c.Top ? height - 0.72 : 0.28 - height));
                }
            }

            return worst;
        }

        return corners.OrderBy(Hidden).First().Corner;
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>Draws the loss and its gradient into a PNG.</summary>
    public static void Draw(string name, View view, string path)
    {
        (double[] xs, double[] loss, double[] gradient) = Sample(view);
        var plot = new ScottPlot.Plot();
        var l = plot.Add.ScatterLine(xs, loss, ScottPlot.Colors.C0);
        l.LegendText = "loss";
        l.LineWidth = 2;
        var d = plot.Add.ScatterLine(xs, gradient, ScottPlot.Colors.C1);
        d.LegendText = "gradient";
        d.LineWidth = 2;
        d.LinePattern = ScottPlot.LinePattern.Dashed;
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = ScottPlot.Colors.Gray.WithAlpha(0.5);
        zero.LineWidth = 1;
        plot.Title(name);
        // A long axis label (what is varied and what is held fixed) is wrapped onto lines that fit the 560-pixel width.
        List<string> lines = Wrap(view.Along, 64);
        plot.XLabel(string.Join("\n", lines), lines.Count > 1 || view.Along.Length > 48 ? 12 : 16);
        plot.ShowLegend(LegendCorner(xs, loss, gradient));
        plot.SavePng(path, 560, 360);
    }
}
