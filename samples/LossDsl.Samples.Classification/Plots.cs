using System.IO;
using System.Linq;
using ScottPlot;

namespace LossDsl.Samples.Classification;

internal static class Plots
{
    private static readonly Color[] ClassColors = [Colors.C0, Colors.C1, Colors.C2, Colors.C3];

    /// <summary>classification-regions.png: the class the model predicts over the plane, and the training points.</summary>
    public static string Regions(string directory, Blobs train, SoftmaxRegression model)
    {
        Directory.CreateDirectory(directory);
        const double Lo = -4.5, Hi = 4.5;
        const int Cells = 180;
        var predicted = new double[Cells, Cells];   // row 0 is the top of the image
        for (int r = 0; r < Cells; r++)
        {
            for (int c = 0; c < Cells; c++)
            {
                double x = Lo + (c + 0.5) * (Hi - Lo) / Cells;
                double y = Hi - (r + 0.5) * (Hi - Lo) / Cells;
                predicted[r, c] = model.Predict((float)x, (float)y);
            }
        }

        var plot = new Plot();
        var regions = plot.Add.Heatmap(predicted);
        regions.Colormap = new ClassColormap();
        regions.ManualRange = new Range(0, Blobs.Classes - 1);
        regions.Extent = new CoordinateRect(Lo, Hi, Lo, Hi);
        regions.Opacity = 0.3;
        for (int k = 0; k < Blobs.Classes; k++)
        {
            var members = Enumerable.Range(0, train.Count).Where(i => train.Y[i] == k).ToArray();
            var points = plot.Add.ScatterPoints(members.Select(i => (double)train.X[2 * i]).ToArray(), members.Select(i => (double)train.X[2 * i + 1]).ToArray(), ClassColors[k]);
            points.LegendText = $"class {k}";
            points.MarkerSize = 6;
        }

        plot.Title("Softmax regression trained with the catalog's cross-entropy");
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.Axes.SetLimits(Lo, Hi, Lo, Hi);
        plot.ShowLegend(Alignment.UpperRight);
        string path = Path.Combine(directory, "classification-regions.png");
        plot.SavePng(path, 700, 600);
        return path;
    }

    /// <summary>classification-loss.png: the training loss against the epoch.</summary>
    public static string Curve(string directory, double[] curve)
    {
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        var line = plot.Add.ScatterLine(Enumerable.Range(0, curve.Length).Select(e => (double)e).ToArray(), curve);
        line.LineWidth = 2;
        line.LegendText = "cross-entropy";
        plot.Title("Training loss");
        plot.XLabel("epoch (full-batch gradient descent)");
        plot.YLabel("mean cross-entropy");
        plot.Axes.SetLimitsY(0, curve.Max() * 1.05);
        string path = Path.Combine(directory, "classification-loss.png");
        plot.SavePng(path, 800, 400);
        return path;
    }

    /// <summary>One flat colour per class index (the heatmap's intensities are class indices 0..3).</summary>
    private sealed class ClassColormap : IColormap
    {
        public string Name => "classes";

        public Color GetColor(double normalizedIntensity) =>
            ClassColors[System.Math.Clamp((int)System.Math.Round(normalizedIntensity * (Blobs.Classes - 1)), 0, Blobs.Classes - 1)];
    }
}
