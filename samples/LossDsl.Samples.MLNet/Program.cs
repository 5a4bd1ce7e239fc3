// LossDsl losses inside ML.NET.
//
// ML.NET's online linear trainers accept a custom loss: an IRegressionLoss for OnlineGradientDescent, an
// IClassificationLoss for AveragedPerceptron and SgdNonCalibrated. Each needs the loss AND its derivative. Here the
// losses are LossDsl formulas; LossDsl.MLNet wraps the generated per-element methods, so the derivative is the one
// the LossDsl compiler derived, not one written by hand.
//   Part 1  regression with 10% grossly wrong labels: ML.NET's SquaredLoss against LossDsl's Huber and log-cosh,
//           scored on clean held-out data.
//   Part 2  binary classification: AveragedPerceptron with ML.NET's HingeLoss and with LossDsl's modified Huber
//           (a loss ML.NET does not ship), and SgdNonCalibrated with a LossDsl logistic loss.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossDsl;
using LossDsl.MLNet;
using LossDsl.Samples.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var ml = new MLContext(seed: 1);

// ---------------------------------------------------------------- part 1: regression
AnsiConsole.MarkupLine("[bold]Part 1[/]: OnlineGradientDescent, y = 2 x1 - 3 x2 + 0.5 x3 + 1 + noise");
var train = Data.Regression(count: 2000, outlierEvery: 10, seed: 1);
var test = Data.Regression(count: 1000, outlierEvery: 0, seed: 2);
AnsiConsole.WriteLine($"training: {train.Count} rows, every 10th label off by +25 ({train.Count / 10} outliers)");
AnsiConsole.WriteLine($"held out: {test.Count} rows without outliers");

var regressionLosses = new (string Name, IRegressionLoss Loss)[]
{
    ("ML.NET SquaredLoss", new SquaredLoss()),
    // The per-element forward and backward methods; delta is an option, so a lambda supplies it.
    ("LossDsl Huber", new LossDslRegressionLoss((p, t, loss) => MLNetLosses.Huber(p, t, loss, 1f), (p, t, dloss, dp) => MLNetLosses.HuberBackward(p, t, dloss, dp, 1f))),
    // One fused method that writes the loss and its gradient, converted as a method group.
    ("LossDsl log-cosh", new LossDslRegressionLoss(MLNetLosses.LogCosh)),
};

var regression = new Table().AddColumn("loss")
    .AddColumn(new TableColumn("w1").RightAligned()).AddColumn(new TableColumn("w2").RightAligned())
    .AddColumn(new TableColumn("w3").RightAligned()).AddColumn(new TableColumn("b").RightAligned())
    .AddColumn(new TableColumn("held-out RMSE").RightAligned());
regression.AddRow("truth", "2.000", "-3.000", "0.500", "1.000", "");
var trainView = ml.Data.LoadFromEnumerable(train);
var testView = ml.Data.LoadFromEnumerable(test);
foreach (var (name, loss) in regressionLosses)
{
    var model = ml.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options
    {
        LossFunction = loss,
        LearningRate = 0.02f,
        DecreaseLearningRate = false,
        NumberOfIterations = 20,
    }).Fit(trainView);
    var metrics = ml.Regression.Evaluate(model.Transform(testView));
    float[] w = model.Model.Weights.ToArray();
    regression.AddRow(Markup.Escape(name), $"{w[0]:0.000}", $"{w[1]:0.000}", $"{w[2]:0.000}", $"{model.Model.Bias:0.000}", $"{metrics.RootMeanSquaredError:0.000}");
}
AnsiConsole.Write(regression);
AnsiConsole.WriteLine("The label noise alone gives the true line a held-out RMSE of 0.058.");
AnsiConsole.WriteLine("Huber and log-cosh cap each outlier's pull at 1; at their optimum the inliers");
AnsiConsole.WriteLine("pull back as hard: 0.9 (b - 1) = 0.1, so b = 1.111. Least squares: b + 2.5.");
AnsiConsole.WriteLine();

// ---------------------------------------------------------------- part 2: classification
AnsiConsole.MarkupLine("[bold]Part 2[/]: two Gaussian blobs, unit spread, centred at -(1.5, 1) and +(1.5, 1)");
var blobsTrain = Data.Blobs(count: 2000, seed: 3);
var blobsTest = Data.Blobs(count: 20000, seed: 4);
AnsiConsole.WriteLine($"training: {blobsTrain.Count} points; held out: {blobsTest.Count} points");
// The best possible rule is the sign of 1.5 x1 + x2 (the bisector of the two centres); on the whole distribution it
// scores Phi(sqrt(1.5^2 + 1^2)) = 96.4 %, and on a finite sample a little more or less.
double bayes = blobsTest.Count(r => 1.5 * r.Features[0] + r.Features[1] > 0 == r.Label) / (double)blobsTest.Count;
AnsiConsole.WriteLine($"best possible rule, sign(1.5 x1 + x2): 96.4 % in theory, {100 * bayes:0.0} % here");
var blobsTrainView = ml.Data.LoadFromEnumerable(blobsTrain);
var blobsTestView = ml.Data.LoadFromEnumerable(blobsTest);

var classifiers = new (string Name, IEstimator<ITransformer> Trainer)[]
{
    ("AveragedPerceptron, ML.NET HingeLoss", ml.BinaryClassification.Trainers.AveragedPerceptron(
        new AveragedPerceptronTrainer.Options { LossFunction = new HingeLoss(), NumberOfIterations = 10 })),
    ("AveragedPerceptron, LossDsl modified Huber", ml.BinaryClassification.Trainers.AveragedPerceptron(
        new AveragedPerceptronTrainer.Options { LossFunction = new LossDslClassificationLoss(MLNetLosses.ModifiedHuber, MLNetLosses.ModifiedHuberBackward, BinaryLabels.PlusMinusOne), NumberOfIterations = 10 })),
    ("SgdNonCalibrated, LossDsl logistic", ml.BinaryClassification.Trainers.SgdNonCalibrated(
        new SgdNonCalibratedTrainer.Options { LossFunction = new LossDslClassificationLoss(MLNetLosses.Logistic, MLNetLosses.LogisticBackward, BinaryLabels.ZeroOne), NumberOfThreads = 1 })),
};

var classification = new Table().AddColumn("trainer and loss").AddColumn(new TableColumn("held-out accuracy").RightAligned());
classification.AddRow("best possible rule", $"{100 * bayes:0.0} %");
foreach (var (name, trainer) in classifiers)
{
    var model = trainer.Fit(blobsTrainView);
    var metrics = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(blobsTestView));
    classification.AddRow(Markup.Escape(name), $"{100 * metrics.Accuracy:0.0} %");
}
AnsiConsole.Write(classification);

namespace LossDsl.Samples.MLNet
{
    internal static partial class MLNetLosses
    {
        // Elementwise formulas (no mean or sum): one loss per (score p, label t). ML.NET calls them one row at a time.
        [Loss("e = p - t; where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta))")]
        public static partial void Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, float delta = 1);

        [Loss("e = p - t; where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta))")]
        public static partial void HuberBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp, float delta = 1);

        // Forward and backward in one method: loss[i] and dp[i] = dloss[i] * tanh(p[i] - t[i]).
        [Loss("log_cosh(p - t)")]
        public static partial void LogCosh(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss, ReadOnlySpan<float> dloss, Span<float> dp);

        // Modified Huber (Zhang 2004; scikit-learn's loss="modified_huber") on labels t = +-1: a squared hinge that
        // turns linear below a margin of -1, so a badly misclassified point pulls with a bounded force.
        [Loss("z = t * p; where(z >= -1, relu(1 - z)^2, -4 * z)")]
        public static partial void ModifiedHuber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

        [Loss("z = t * p; where(z >= -1, relu(1 - z)^2, -4 * z)")]
        public static partial void ModifiedHuberBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);

        // Logistic loss on labels t in {0, 1}: softplus(p) - t p = -log sigmoid(p) for t = 1, -log(1 - sigmoid(p)) for t = 0.
        [Loss("softplus(p) - t * p")]
        public static partial void Logistic(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> loss);

        [Loss("softplus(p) - t * p")]
        public static partial void LogisticBackward(ReadOnlySpan<float> p, ReadOnlySpan<float> t, ReadOnlySpan<float> dloss, Span<float> dp);
    }

    internal static class Data
    {
        public static List<RegressionRow> Regression(int count, int outlierEvery, int seed)
        {
            var rng = new Random(seed);
            var rows = new List<RegressionRow>(count);
            for (int i = 0; i < count; i++)
            {
                float x1 = Uniform(rng), x2 = Uniform(rng), x3 = Uniform(rng);
                float y = 2 * x1 - 3 * x2 + 0.5f * x3 + 1 + 0.1f * Uniform(rng);
                if (outlierEvery > 0 && i % outlierEvery == 0) y += 25;
                rows.Add(new RegressionRow { Features = [x1, x2, x3], Label = y });
            }

            return rows;
        }

        public static List<BinaryRow> Blobs(int count, int seed)
        {
            var rng = new Random(seed);
            var rows = new List<BinaryRow>(count);
            for (int i = 0; i < count; i++)
            {
                bool positive = i % 2 == 1;
                float sign = positive ? 1 : -1;
                rows.Add(new BinaryRow { Features = [sign * 1.5f + Gaussian(rng), sign * 1f + Gaussian(rng)], Label = positive });
            }

            return rows;
        }

        private static float Uniform(Random rng) => (float)(2 * rng.NextDouble() - 1);   // in [-1, 1)

        private static float Gaussian(Random rng) =>   // Box-Muller
            (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
    }

    internal sealed class RegressionRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    internal sealed class BinaryRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
