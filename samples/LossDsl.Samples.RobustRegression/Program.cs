// Robust regression: the same straight line fitted to the same data with three losses declared as formulas.
//
// 200 points follow y = 0.8 x + 1 with a little noise, but 16 readings at the right end came out near zero (think of
// a sensor that saturated). Least squares (MSE) lets those points tilt the whole line. Huber and log-cosh grow only
// linearly for large errors, so each bad point pulls with a bounded force and the line stays near the truth.
// Every fit is plain full-batch gradient descent on the gradient the generated code returns.
//
// Usage: dotnet run --project samples/LossDsl.Samples.RobustRegression [-- <plot directory>]   (default: ./plots)

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LossDsl;
using LossDsl.Samples.RobustRegression;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string plotDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : "plots");

const double TrueSlope = 0.8, TrueIntercept = 1.0;
var data = Dataset.Generate(TrueSlope, TrueIntercept, seed: 7);
AnsiConsole.MarkupLine("[bold]Robust regression[/]: fit y = w x + b with MSE, Huber and log-cosh");
AnsiConsole.WriteLine($"data: {data.X.Length} points from y = {TrueSlope} x + {TrueIntercept} + noise;");
AnsiConsole.WriteLine($"      {data.OutlierCount} of them are outliers: readings near 0 for x in [8, 10]");
AnsiConsole.WriteLine();

var fits = new (string Name, LossFn Loss)[]
{
    ("MSE", RegressionLosses.Mse),
    ("Huber", (p, t, dp) => RegressionLosses.Huber(p, t, dp)),   // delta = 1, the option's default
    ("log-cosh", RegressionLosses.LogCosh),
};

const int Epochs = 80;
var models = fits.Select(f => new Line(data, f.Loss)).ToArray();
var curves = fits.Select(_ => new double[Epochs + 1]).ToArray();
for (int epoch = 0; epoch <= Epochs; epoch++)
{
    for (int m = 0; m < models.Length; m++) curves[m][epoch] = models[m].Step(learningRate: 0.3);
}

// Least squares has a closed form; gradient descent on the generated MSE must land on it.
var (olsSlope, olsIntercept) = data.LeastSquares();

var history = new Table().Title("training loss").AddColumn(new TableColumn("epoch").RightAligned());
foreach (var f in fits) history.AddColumn(new TableColumn(f.Name).RightAligned());
foreach (int epoch in new[] { 0, 5, 10, 20, 40, Epochs })
{
    history.AddRow([$"{epoch}", .. curves.Select(c => $"{c[epoch]:0.0000}")]);
}
AnsiConsole.Write(history);
AnsiConsole.WriteLine();

var lines = new Table().Title("fitted lines").AddColumn("fit")
    .AddColumn(new TableColumn("slope w").RightAligned())
    .AddColumn(new TableColumn("intercept b").RightAligned());
lines.AddRow("truth", $"{TrueSlope:0.0000}", $"{TrueIntercept:0.0000}");
lines.AddRow("least squares, closed form", $"{olsSlope:0.0000}", $"{olsIntercept:0.0000}");
for (int m = 0; m < models.Length; m++)
{
    var (w, b) = models[m].SlopeIntercept();
    lines.AddRow(fits[m].Name, $"{w:0.0000}", $"{b:0.0000}");
}
AnsiConsole.Write(lines);
AnsiConsole.WriteLine();

string[] names = fits.Select(f => f.Name).ToArray();
string fitsPlot = Plots.Fits(plotDirectory, data, TrueSlope, TrueIntercept, names, models.Select(m => m.SlopeIntercept()).ToArray());
string lossPlot = Plots.LossCurves(plotDirectory, names, curves);
Console.WriteLine($"plot: {fitsPlot}");
Console.WriteLine($"plot: {lossPlot}");

namespace LossDsl.Samples.RobustRegression
{
    /// <summary>A loss with its gradient: returns the loss of predictions <c>p</c> against targets <c>t</c>, writes dLoss/dp.</summary>
    internal delegate float LossFn(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    internal static partial class RegressionLosses
    {
        [Loss("mean((p - t)^2)")]
        public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

        // Quadratic within delta of the target, linear beyond: an error's pull is capped at delta.
        [Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")]
        public static partial float Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta = 1);

        // log(cosh(e)): e^2 / 2 near 0, |e| - log 2 far out; smooth everywhere, its pull tanh(e) is capped at 1.
        [Loss("mean(log_cosh(p - t))")]
        public static partial float LogCosh(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);
    }
}
