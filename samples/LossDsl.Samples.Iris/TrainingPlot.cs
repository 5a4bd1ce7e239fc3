using System.IO;
using System.Linq;
using ScottPlot;

namespace LossDsl.Samples.Iris;

internal static class TrainingPlot
{
    /// <summary>Writes iris-training.png: each loss against the epoch; returns the file's path.</summary>
    public static string Write(string directory, string[] names, double[][] curves)
    {
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        for (int m = 0; m < curves.Length; m++)
        {
            double[] epochs = Enumerable.Range(0, curves[m].Length).Select(e => (double)e).ToArray();
            var line = plot.Add.ScatterLine(epochs, curves[m]);
            line.LegendText = names[m];
            line.LineWidth = 2;
        }

        plot.Title("Softmax regression on Iris: training loss");
        plot.XLabel("epoch (full-batch gradient descent)");
        plot.YLabel("loss on the training flowers");
        plot.Axes.SetLimitsY(0, curves.Max(c => c.Max()) * 1.05);
        plot.ShowLegend(Alignment.UpperRight);

        string path = Path.Combine(directory, "iris-training.png");
        plot.SavePng(path, 800, 500);
        return path;
    }
}
