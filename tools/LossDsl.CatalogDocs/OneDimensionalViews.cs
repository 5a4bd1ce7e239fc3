using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace LossDsl.CatalogDocs;

/// <summary>
/// The 1-D view of each entry that has one: the loss of a single element (Reduction.Sum over one sample) and its
/// gradient, as functions of the prediction error or the logit, computed by calling the catalog entry itself.
/// </summary>
public static class OneDimensionalViews
{
    /// <summary>Evaluates the loss at <c>x</c> and writes ∂loss/∂x into the one-element span.</summary>
    public delegate double Evaluate(double x, Span<double> gradient);

    /// <summary>What is varied, its range, and how the entry is called.</summary>
    public sealed record View(string Along, double From, double To, Evaluate At);

    private static readonly Dictionary<string, View> Views = new()
    {
        ["MeanSquaredError"] = new("p − t (t = 0)", -3, 3, (x, g) => Losses.Regression.MeanSquaredError([x], [0.0], g, Reduction.Sum)),
        ["MeanAbsoluteError"] = new("p − t (t = 0)", -3, 3, (x, g) => Losses.Regression.MeanAbsoluteError([x], [0.0], g, Reduction.Sum)),
        ["Huber"] = new("p − t (t = 0, delta = 1)", -3, 3, (x, g) => Losses.Regression.Huber([x], [0.0], g, 1, Reduction.Sum)),
        ["SmoothL1"] = new("p − t (t = 0, beta = 1)", -3, 3, (x, g) => Losses.Regression.SmoothL1([x], [0.0], g, 1, Reduction.Sum)),
        ["LogCosh"] = new("p − t (t = 0)", -3, 3, (x, g) => Losses.Regression.LogCosh([x], [0.0], g, Reduction.Sum)),
        ["SumSquaredError"] = new("p − t (t = 0)", -3, 3, (x, g) => Losses.Regression.SumSquaredError([x], [0.0], g)),
        ["RootMeanSquaredError"] = new("p − t (t = 0, one element)", -3, 3, (x, g) => Losses.Regression.RootMeanSquaredError([x], [0.0], g)),
        ["PoissonNll"] = new("log-rate p (t = 2, log_input)", -2, 3, (x, g) => Losses.Regression.PoissonNll([x], [2.0], g, reduction: Reduction.Sum)),
        ["MeanSquaredLogError"] = new("p (t = 1)", 0, 4, (x, g) => Losses.Regression.MeanSquaredLogError([x], [1.0], g, reduction: Reduction.Sum)),
        ["MeanAbsolutePercentageError"] = new("p (t = 1)", -1, 3, (x, g) => Losses.Regression.MeanAbsolutePercentageError([x], [1.0], g, reduction: Reduction.Sum)),
        ["MeanPercentageError"] = new("p (t = 1)", -1, 3, (x, g) => Losses.Regression.MeanPercentageError([x], [1.0], g, Reduction.Sum)),
        ["AsymmetricMeanSquaredError"] = new("p − t (t = 0, over_penalty = 2)", -3, 3, (x, g) => Losses.Regression.AsymmetricMeanSquaredError([x], [0.0], g, reduction: Reduction.Sum)),
        ["HingeEmbedding"] = new("distance x (y = −1, margin = 1)", -1, 3, (x, g) => Losses.Margin.HingeEmbedding([x], [-1.0], g, reduction: Reduction.Sum)),
        ["Hinge"] = new("score p (t = +1)", -3, 3, (x, g) => Losses.Margin.Hinge([x], [1.0], g)),
        ["SoftMargin"] = new("score x (y = +1)", -4, 4, (x, g) => Losses.Margin.SoftMargin([x], [1.0], g, Reduction.Sum)),
        ["BinaryCrossEntropy"] = new("probability p (t = 1)", 0.05, 1, (x, g) => Losses.Classification.BinaryCrossEntropy([x], [1.0], g, Reduction.Sum)),
        ["BinaryFocal"] = new("logit x (t = 1, alpha = 0.25, gamma = 2)", -4, 4, (x, g) => Losses.Classification.BinaryFocal([x], [1.0], g, reduction: Reduction.Sum)),
    };

    /// <summary>The view of <paramref name="entry"/>, if it has one.</summary>
    public static bool TryGet(string entry, [NotNullWhen(true)] out View? view) => Views.TryGetValue(entry, out view);

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
        plot.XLabel(view.Along);
        plot.ShowLegend(ScottPlot.Alignment.UpperCenter);
        plot.SavePng(path, 560, 360);
    }
}
