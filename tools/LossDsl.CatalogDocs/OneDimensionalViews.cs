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
