using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Xunit;

namespace LossDsl.MLNet.Tests;

/// <summary>
/// ML.NET's own trainers, run with the adapted losses: they must train (reach the known truth of a synthetic problem),
/// and, for the losses ML.NET also ships, reach the same model as ML.NET's hand-written loss.
/// </summary>
public sealed class TrainerTests
{
    private const int FeatureCount = 3;
    private static readonly float[] TrueWeights = [2f, -3f, 0.5f];
    private const float TrueBias = 1f;

    [Fact]
    public void OnlineGradientDescentConvergesWithAnAdaptedSquaredError()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(RegressionRows(count: 400, noise: 0.05, seed: 11));
        var adapted = TrainRegression(ml, data, new LossDslRegressionLoss(TestLosses.Squared, TestLosses.SquaredBackward));
        var builtIn = TrainRegression(ml, data, new SquaredLoss());

        // The least-squares solution of this data is the truth to within the noise (0.05 over 400 rows).
        for (int j = 0; j < FeatureCount; j++) Assert.InRange(adapted.Weights[j], TrueWeights[j] - 0.05, TrueWeights[j] + 0.05);
        Assert.InRange(adapted.Bias, TrueBias - 0.05, TrueBias + 0.05);

        // Same loss and derivative at every step as ML.NET's SquaredLoss, so the same model.
        for (int j = 0; j < FeatureCount; j++) Assert.Equal(builtIn.Weights[j], adapted.Weights[j], 1e-4);
        Assert.Equal(builtIn.Bias, adapted.Bias, 1e-4);
    }

    [Fact]
    public void OnlineGradientDescentWithAnAdaptedHuberLossIgnoresGrossOutliers()
    {
        var ml = new MLContext(seed: 1);
        var rows = RegressionRows(count: 400, noise: 0.05, seed: 12);
        for (int i = 0; i < rows.Count; i += 10) rows[i].Label += 40;   // 10% of the labels grossly wrong, all upward
        var data = ml.Data.LoadFromEnumerable(rows);
        var huber = TrainRegression(ml, data, new LossDslRegressionLoss((p, t, l) => TestLosses.Huber(p, t, l), (p, t, d, dp) => TestLosses.HuberBackward(p, t, d, dp)));
        var squared = TrainRegression(ml, data, new SquaredLoss());

        // Least squares moves the intercept by the mean added error, 40 / 10 = 4; Huber caps each outlier's pull.
        Assert.InRange(squared.Bias, TrueBias + 3, TrueBias + 5);
        Assert.InRange(huber.Bias, TrueBias - 0.3, TrueBias + 0.3);
        for (int j = 0; j < FeatureCount; j++) Assert.InRange(huber.Weights[j], TrueWeights[j] - 0.15, TrueWeights[j] + 0.15);
    }

    [Fact]
    public void AveragedPerceptronWithAnAdaptedHingeMatchesMLNetsHingeLoss()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassificationRows(count: 400, seed: 21));
        var options = () => new AveragedPerceptronTrainer.Options { NumberOfIterations = 10 };

        var adaptedOptions = options();
        adaptedOptions.LossFunction = new LossDslClassificationLoss(TestLosses.Hinge, TestLosses.HingeBackward, BinaryLabels.PlusMinusOne);
        var adapted = ml.BinaryClassification.Trainers.AveragedPerceptron(adaptedOptions).Fit(data);
        var builtInOptions = options();
        builtInOptions.LossFunction = new HingeLoss();
        var builtIn = ml.BinaryClassification.Trainers.AveragedPerceptron(builtInOptions).Fit(data);

        AssertSameModel(builtIn.Model, adapted.Model);
        Assert.True(Accuracy(adapted, data) >= 0.95, $"accuracy {Accuracy(adapted, data)}");
    }

    [Fact]
    public void SgdNonCalibratedWithAnAdaptedLogisticLossMatchesMLNetsLogLoss()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassificationRows(count: 400, seed: 22));
        // One thread and no shuffling: the two runs visit the rows in the same order, so the models can be compared.
        var options = () => new SgdNonCalibratedTrainer.Options { NumberOfThreads = 1, Shuffle = false, NumberOfIterations = 20 };

        var adaptedOptions = options();
        adaptedOptions.LossFunction = new LossDslClassificationLoss(TestLosses.Logistic, TestLosses.LogisticBackward, BinaryLabels.ZeroOne);
        var adapted = ml.BinaryClassification.Trainers.SgdNonCalibrated(adaptedOptions).Fit(data);
        var builtInOptions = options();
        builtInOptions.LossFunction = new LogLoss();
        var builtIn = ml.BinaryClassification.Trainers.SgdNonCalibrated(builtInOptions).Fit(data);

        AssertSameModel(builtIn.Model, adapted.Model);
        Assert.True(Accuracy(adapted, data) >= 0.95, $"accuracy {Accuracy(adapted, data)}");
    }

    [Fact]
    public void BinaryTrainersHandTheLossZeroAndOneLabels()
    {
        // The adapter's BinaryLabels rests on this: ML.NET passes 1 for true and 0 for false.
        var seen = new HashSet<float>();
        var recording = new RecordingLoss(seen);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassificationRows(count: 50, seed: 23));
        ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options { LossFunction = recording, NumberOfIterations = 1 }).Fit(data);
        ml.BinaryClassification.Trainers.SgdNonCalibrated(new SgdNonCalibratedTrainer.Options { LossFunction = recording, NumberOfIterations = 1, NumberOfThreads = 1 }).Fit(data);
        Assert.Equal(new[] { 0f, 1f }, seen.OrderBy(v => v));
    }

    private static LinearRegressionModelParameters TrainRegression(MLContext ml, IDataView data, IRegressionLoss loss) =>
        ml.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options
        {
            LossFunction = loss,
            // A constant step: with ML.NET's default 1/sqrt(t) decay, 30 passes stop well short of the optimum.
            LearningRate = 0.05f,
            DecreaseLearningRate = false,
            NumberOfIterations = 30,
        }).Fit(data).Model;

    private static void AssertSameModel(LinearBinaryModelParameters expected, LinearBinaryModelParameters actual)
    {
        var w0 = expected.Weights.ToArray();
        var w1 = actual.Weights.ToArray();
        double scale = Math.Max(1, w0.Max(Math.Abs));
        for (int j = 0; j < w0.Length; j++) Assert.True(Math.Abs(w0[j] - w1[j]) <= 1e-4 * scale, $"weight {j}: {w0[j]} vs {w1[j]}");
        Assert.True(Math.Abs(expected.Bias - actual.Bias) <= 1e-4 * scale, $"bias: {expected.Bias} vs {actual.Bias}");
    }

    private static double Accuracy(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var truth = scored.GetColumn<bool>("Label").ToArray();
        return predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length;
    }

    private static List<RegressionRow> RegressionRows(int count, double noise, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<RegressionRow>();
        for (int i = 0; i < count; i++)
        {
            var x = new float[FeatureCount];
            double y = TrueBias;
            for (int j = 0; j < FeatureCount; j++) { x[j] = (float)(2 * rng.NextDouble() - 1); y += TrueWeights[j] * x[j]; }
            rows.Add(new RegressionRow { Features = x, Label = (float)(y + noise * (2 * rng.NextDouble() - 1)) });
        }

        return rows;
    }

    // Two classes separated by the plane w.x + b = 0 with a margin of 0.2, so a linear classifier can be perfect.
    private static List<ClassificationRow> ClassificationRows(int count, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<ClassificationRow>();
        while (rows.Count < count)
        {
            var x = new float[FeatureCount];
            double score = TrueBias;
            for (int j = 0; j < FeatureCount; j++) { x[j] = (float)(2 * rng.NextDouble() - 1); score += TrueWeights[j] * x[j]; }
            if (Math.Abs(score) < 0.2) continue;
            rows.Add(new ClassificationRow { Features = x, Label = score > 0 });
        }

        return rows;
    }

    public sealed class RegressionRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    public sealed class ClassificationRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class RecordingLoss(HashSet<float> seen) : IClassificationLoss
    {
        public double Loss(float output, float label) { lock (seen) seen.Add(label); return Math.Max(0, 1 - (label > 0 ? 1 : -1) * output); }
        public float Derivative(float output, float label) { lock (seen) seen.Add(label); return (label > 0 ? 1 : -1) * output < 1 ? -(label > 0 ? 1 : -1) : 0; }
    }
}
