// Classification: softmax regression over four classes, trained with cross-entropy over an (N, C) matrix of logits.
//
// The catalog's cross-entropy (Losses.Classification.CrossEntropy, PyTorch's F.cross_entropy) is compared with the
// same loss declared here as a formula, once directly and once through log_softmax, and all three with a plain C#
// implementation in double (values and gradients) on logits as large as +-60, where a naive softmax overflows. Then
// the model logits = x W + b is trained by full-batch gradient descent on four Gaussian blobs, once with the catalog
// entry and once with the hand-declared formula, and the plot shows the regions it learned.
//
// Usage: dotnet run --project samples/LossDsl.Samples.Classification [-- <plot directory>]   (default: ./plots)

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl;
using LossDsl.Samples.Classification;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string plotDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : "plots");
const int C = Blobs.Classes;

// ---------------------------------------------------------------- one loss, several implementations
AnsiConsole.MarkupLine("[bold]Cross-entropy[/], mean(logsumexp(x) - x[[y]]): the catalog's and two hand-declared");
var implementations = new (string Name, CrossEntropyFn Loss)[]
{
    // The catalog entry's defaults: no ignored class (ignore_index -100), no label smoothing, the mean.
    ("catalog Losses.Classification", (x, y, dx) => Losses.Classification.CrossEntropy(x, y, dx)),
    ("[Loss] logsumexp(x) - x[y]", ClassificationLosses.CrossEntropy),
    ("[Loss] -log_softmax(x)[y]", ClassificationLosses.CrossEntropyViaLogSoftmax),
};
var agreement = Comparison.Run(implementations, rows: 1000, seed: 5);
AnsiConsole.WriteLine($"on {agreement.Rows} x {C} logits, some as large as +-60; differences from plain C# in double:");
var compare = new Table().AddColumn("implementation").AddColumn(new TableColumn("loss").RightAligned())
    .AddColumn(new TableColumn("loss diff.").RightAligned()).AddColumn(new TableColumn("gradient diff.").RightAligned());
compare.AddRow("plain C# in double", $"{agreement.Reference:0.000000}", "reference", "reference");
foreach (var r in agreement.Results)
{
    compare.AddRow(Markup.Escape(r.Name), $"{r.Loss:0.000000}", $"{r.LossDifference:0.0e+00}", $"{r.GradientDifference:0.0e+00}");
}
AnsiConsole.Write(compare);
AnsiConsole.WriteLine("loss diff. = |loss - ref| / ref;  gradient diff. = max |dx - ref| / max |ref|");
bool agree = agreement.Results.All(r => r.LossDifference < 1e-6 && r.GradientDifference < 1e-5);
AnsiConsole.WriteLine($"implementations agree: {(agree ? "yes" : "NO")}");
AnsiConsole.WriteLine();

// ---------------------------------------------------------------- training
var train = Blobs.Generate(perClass: 100, seed: 1);
var heldOut = Blobs.Generate(perClass: 2500, seed: 2);
AnsiConsole.MarkupLine("[bold]Softmax regression[/], logits = x W + b, on four Gaussian blobs");
AnsiConsole.WriteLine($"centres (+-{Blobs.Offset}, +-{Blobs.Offset}), spread {Blobs.Spread}; {train.Count} training points, {heldOut.Count} held out");

// The same model trained twice from the same start: with the catalog entry, and with the hand-declared formula.
var model = new SoftmaxRegression(train, (x, y, dx) => Losses.Classification.CrossEntropy(x, y, dx));
var handModel = new SoftmaxRegression(train, ClassificationLosses.CrossEntropy);
const int Epochs = 200;
var curve = new double[Epochs + 1];
var handCurve = new double[Epochs + 1];
AnsiConsole.Progress().AutoClear(false)
    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
    .Start(ctx =>
    {
        var task = ctx.AddTask("cross-entropy", maxValue: Epochs + 1);
        for (int epoch = 0; epoch <= Epochs; epoch++)
        {
            curve[epoch] = model.Step(learningRate: 1.0);
            handCurve[epoch] = handModel.Step(learningRate: 1.0);
            task.Description = $"cross-entropy {curve[epoch]:0.0000}";
            task.Increment(1);
        }
    });

AnsiConsole.WriteLine();
var history = new Table().Title("training loss").AddColumn(new TableColumn("epoch").RightAligned())
    .AddColumn(new TableColumn("catalog").RightAligned()).AddColumn(new TableColumn("hand-declared").RightAligned());
foreach (int epoch in new[] { 0, 10, 25, 50, 100, Epochs }) history.AddRow($"{epoch}", $"{curve[epoch]:0.0000}", $"{handCurve[epoch]:0.0000}");
AnsiConsole.Write(history);
double curveGap = curve.Zip(handCurve, (a, b) => Math.Abs(a - b)).Max();
AnsiConsole.WriteLine($"largest difference between the two curves over {Epochs + 1} epochs: {curveGap:0.0e+00}");
AnsiConsole.WriteLine();

// With equal spreads and equal class sizes the best possible rule is the nearest centre, i.e. the quadrant; it is
// right when both coordinates fall on the right side of their axis: Phi(offset / spread)^2.
double bayesTheory = Math.Pow(Blobs.NormalCdf(Blobs.Offset / Blobs.Spread), 2);
var accuracy = new Table().Title("held-out accuracy").AddColumn("rule").AddColumn(new TableColumn("accuracy").RightAligned());
accuracy.AddRow("best possible rule (nearest centre)", $"{100 * heldOut.Accuracy(Blobs.NearestCentre):0.0} %");
accuracy.AddRow("softmax regression (catalog loss)", $"{100 * heldOut.Accuracy(model.Predict):0.0} %");
accuracy.AddRow("softmax regression (hand-declared)", $"{100 * heldOut.Accuracy(handModel.Predict):0.0} %");
AnsiConsole.Write(accuracy);
AnsiConsole.WriteLine($"The best possible rule scores Phi({Blobs.Offset}/{Blobs.Spread})^2 = {100 * bayesTheory:0.0} % on the distribution.");
AnsiConsole.WriteLine();

Console.WriteLine($"plot: {Plots.Regions(plotDirectory, train, model)}");
Console.WriteLine($"plot: {Plots.Curve(plotDirectory, curve)}");
return agree ? 0 : 1;

namespace LossDsl.Samples.Classification
{
    /// <summary>Cross-entropy over (N, C) logits and one class per row; returns the mean, writes dLoss/dlogits.</summary>
    internal delegate float CrossEntropyFn(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);

    internal static partial class ClassificationLosses
    {
        // PyTorch's F.cross_entropy(x, y): the negative log-probability of each row's class. logsumexp subtracts the
        // row maximum, so no logit overflows; the gradient is (softmax(x) - onehot(y)) / N, in the same pass.
        [Loss("mean(logsumexp(x) - x[y])")]
        public static partial float CrossEntropy(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);

        // The same loss as PyTorch writes it with nll_loss(log_softmax(x), y). The compiler moves the gather inside
        // (log_softmax(x)[y] = x[y] - logsumexp(x)), so no row of log_softmax is ever formed.
        [Loss("mean(-log_softmax(x)[y])")]
        public static partial float CrossEntropyViaLogSoftmax(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);
    }
}
