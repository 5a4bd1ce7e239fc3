using System.IO;
using System.Linq;
using ScottPlot;

namespace LossDsl.Samples.RobustRegression;

internal static class Plots
{
    /// <summary>robust-fits.png: the points, the true line and each fitted line.</summary>
    public static string Fits(string directory, Dataset data, double trueSlope, double trueIntercept, string[] names, (double Slope, double Intercept)[] fits)
    {
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        var inliers = Enumerable.Range(0, data.X.Length).Where(i => !data.IsOutlier[i]).ToArray();
        var outliers = Enumerable.Range(0, data.X.Length).Where(i => data.IsOutlier[i]).ToArray();
        var good = plot.Add.ScatterPoints(inliers.Select(i => (double)data.X[i]).ToArray(), inliers.Select(i => (double)data.Y[i]).ToArray(), Colors.Gray.WithAlpha(0.6));
        good.LegendText = "data";
        var bad = plot.Add.ScatterPoints(outliers.Select(i => (double)data.X[i]).ToArray(), outliers.Select(i => (double)data.Y[i]).ToArray(), Colors.Red);
        bad.LegendText = "outliers";
        bad.MarkerSize = 7;

        var truth = plot.Add.Line(0, trueIntercept, 10, trueSlope * 10 + trueIntercept);
        truth.LegendText = "truth";
        truth.Color = Colors.Black;
        truth.LinePattern = LinePattern.Dashed;
        truth.LineWidth = 2;
        for (int m = 0; m < fits.Length; m++)
        {
            var line = plot.Add.Line(0, fits[m].Intercept, 10, fits[m].Slope * 10 + fits[m].Intercept);
            line.LegendText = $"{names[m]}: y = {fits[m].Slope:0.00} x + {fits[m].Intercept:0.00}";
            line.LineWidth = 2;
            line.Color = plot.Add.Palette.GetColor(m);
        }

        plot.Title("Fitted lines: MSE is tilted by the outliers");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.ShowLegend(Alignment.UpperLeft);
        string path = Path.Combine(directory, "robust-fits.png");
        plot.SavePng(path, 800, 500);
        return path;
    }

    /// <summary>robust-loss.png: each loss over the epochs, divided by its value at epoch 0 so the three share an axis.</summary>
    public static string LossCurves(string directory, string[] names, double[][] curves)
    {
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        for (int m = 0; m < curves.Length; m++)
        {
            double[] epochs = Enumerable.Range(0, curves[m].Length).Select(e => (double)e).ToArray();
            var line = plot.Add.ScatterLine(epochs, curves[m].Select(v => v / curves[m][0]).ToArray());
            line.LegendText = names[m];
            line.LineWidth = 2;
        }

        plot.Title("Training loss, relative to epoch 0");
        plot.XLabel("epoch (full-batch gradient descent)");
        plot.YLabel("loss / loss at epoch 0");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        string path = Path.Combine(directory, "robust-loss.png");
        plot.SavePng(path, 800, 500);
        return path;
    }
}
