// LossDsl on Fisher's Iris data.
//
// Three classification losses are declared once, as formulas in [Loss] attributes at the bottom of this file. At
// build time the LossDsl source generator compiles each into a fused, vectorized method that takes the (N, 3) matrix
// of logits and the species of each flower, returns the loss and writes its gradient with respect to the logits.
// The program trains the same model, a softmax regression (logits = x W + b over the four measurements), once with
// each loss, by full-batch gradient descent, and reports the accuracy on flowers it did not train on.
//
// Usage: dotnet run --project samples/LossDsl.Samples.Iris [-- <plot directory>]   (default: ./plots)

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl;
using LossDsl.Samples.Iris;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // "0.123", never "0,123", whatever the machine's locale
string plotDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : "plots");

// ---------------------------------------------------------------- data
Flowers iris = IrisCsv.Load(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
// Every third flower of each species is held out; the model never sees it during training.
var (train, heldOut) = iris.Split(holdOut: k => k % 3 == 2);
var scaler = Standardizer.Fit(train);   // mean and spread of the training flowers only
train = scaler.Apply(train);
heldOut = scaler.Apply(heldOut);

AnsiConsole.MarkupLine("[bold]LossDsl on Iris[/]: softmax regression of the species on four measurements");
AnsiConsole.WriteLine($"data: {iris.Count} flowers, {Flowers.SpeciesCount} species x 50 (Fisher 1936, UCI, CC BY 4.0)");
AnsiConsole.WriteLine($"split: {train.Count} for training, {heldOut.Count} held out (every third flower of each species)");
AnsiConsole.WriteLine();

var losses = new (string Name, ClassificationLoss Loss, double LearningRate)[]
{
    ("cross-entropy", IrisLosses.CrossEntropy, 0.5),
    ("multi-margin", IrisLosses.MultiMargin, 0.5),
    ("focal (gamma 2)", (x, y, dx) => IrisLosses.Focal(x, y, dx), 0.5),
};

// ---------------------------------------------------------------- gradient check
// The generated gradient with respect to the logits, pushed through the model by the chain rule, against central
// differences of the generated loss itself, at a fixed point where no logit sits near a kink of the margin loss.
double worst = losses.Max(l => SoftmaxRegression.GradientCheck(train, l.Loss));
bool gradientsOk = worst < 1e-3;
int partials = losses.Length * SoftmaxRegression.ParameterCount;
AnsiConsole.WriteLine($"gradient check: {(gradientsOk ? "ok" : "FAILED")} (max rel err {worst:0.0e+00} over {partials} partial derivatives)");
AnsiConsole.WriteLine();

// ---------------------------------------------------------------- training
const int Epochs = 300;
var models = losses.Select(l => new SoftmaxRegression(train, l.Loss)).ToArray();
var curves = losses.Select(_ => new double[Epochs + 1]).ToArray();

AnsiConsole.Progress()
    .AutoClear(false)
    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
    .Start(ctx =>
    {
        var tasks = losses.Select(l => ctx.AddTask(l.Name, maxValue: Epochs + 1)).ToArray();
        for (int epoch = 0; epoch <= Epochs; epoch++)
        {
            for (int m = 0; m < models.Length; m++)
            {
                curves[m][epoch] = models[m].Step(losses[m].LearningRate);
                tasks[m].Description = $"{losses[m].Name,-16} loss {curves[m][epoch]:0.0000}";
                tasks[m].Increment(1);
            }
        }
    });
AnsiConsole.WriteLine();

// ---------------------------------------------------------------- results
// The live bars above vanish into a log; this table keeps the fall of each loss on record.
var history = new Table().Title("training loss").AddColumn(new TableColumn("epoch").RightAligned());
foreach (var l in losses) history.AddColumn(new TableColumn(Markup.Escape(l.Name)).RightAligned());
foreach (int epoch in new[] { 0, 10, 25, 50, 100, 200, Epochs })
{
    history.AddRow([$"{epoch}", .. curves.Select(c => $"{c[epoch]:0.0000}")]);
}
AnsiConsole.Write(history);
AnsiConsole.WriteLine();

var results = new Table().Title("accuracy: species with the largest logit")
    .AddColumn("loss")
    .AddColumn(new TableColumn("training").RightAligned())
    .AddColumn(new TableColumn("held out").RightAligned());
for (int m = 0; m < models.Length; m++)
{
    int trainCorrect = models[m].Correct(train);
    int heldOutCorrect = models[m].Correct(heldOut);
    results.AddRow(
        Markup.Escape(losses[m].Name),
        $"{trainCorrect}/{train.Count} = {100.0 * trainCorrect / train.Count:0.0} %",
        $"{heldOutCorrect}/{heldOut.Count} = {100.0 * heldOutCorrect / heldOut.Count:0.0} %");
}
AnsiConsole.Write(results);
AnsiConsole.WriteLine();

// Plain Console: Spectre would wrap a long path at the terminal width.
string plot = TrainingPlot.Write(plotDirectory, losses.Select(l => l.Name).ToArray(), curves);
Console.WriteLine($"plot: {plot}");

return gradientsOk ? 0 : 1;

namespace LossDsl.Samples.Iris
{
    /// <summary>A classification loss over (N, C) logits and one class index per row; writes dLoss/dlogits.</summary>
    internal delegate float ClassificationLoss(ReadOnlyTensorSpan<float> logits, ReadOnlySpan<int> species, TensorSpan<float> dLogits);

    internal static partial class IrisLosses
    {
        // Softmax cross-entropy (PyTorch's F.cross_entropy): the negative log-probability of each flower's species.
        [Loss("mean(logsumexp(x) - x[y])")]
        public static partial float CrossEntropy(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);

        // Multi-class hinge (PyTorch's F.multi_margin_loss): every wrong species whose logit comes within 1 of the
        // right one's adds the shortfall. Flowers classified with a margin of 1 contribute nothing.
        [Loss("mean(where(onehot(y), 0, relu(1 + x - x[y])))")]
        public static partial float MultiMargin(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);

        // Focal loss (Lin et al. 2017): cross-entropy scaled by (1 - p)^gamma, p the probability of the right species,
        // so flowers that are already classified confidently count less. -expm1(lp) is 1 - p without cancellation.
        [Loss("lp = x[y] - logsumexp(x); mean(-(-expm1(lp))^gamma * lp)")]
        public static partial float Focal(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx, float gamma = 2);
    }
}
