// LossDsl quick start.
//
// The three losses at the bottom of this file are written once, as formulas in [Loss] attributes. At build time the
// LossDsl source generator compiles each formula into a fused, vectorized C# method that returns the loss and writes
// its gradient with respect to the predictions. This program uses them for plain full-batch gradient descent:
//   Part 1  fits a line y = w x + b to data with gross outliers, once with MSE and once with Huber: the MSE fit is
//           pulled towards the outliers, the Huber fit stays close to the true line.
//   Part 2  fits a logistic regression to two Gaussian blobs with binary cross-entropy on logits.
// Before training, the generated gradients are compared with central finite differences of the generated losses.
// The data come from fixed seeds, so every run prints the same numbers.

using System;
using System.Globalization;
using LossDsl;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // "3.000", never "3,000", whatever the machine's locale

// ---------------------------------------------------------------- data
const int N = 1000;
var rng = new Random(2024);

// Part 1: y = 3x + 2 + noise; about 5% of the points get a gross error of +20 (think of a sensor glitch).
var x = new float[N];
var y = new float[N];
int outliers = 0;
for (int i = 0; i < N; i++)
{
    x[i] = (float)(4 * rng.NextDouble() - 2);
    y[i] = 3 * x[i] + 2 + 0.5f * Gaussian(rng);
    if (rng.NextDouble() < 0.05) { y[i] += 20; outliers++; }
}

// Part 2: two classes, Gaussian blobs centred at (-1.5, -1) (label 0) and (1.5, 1) (label 1), unit spread.
var x1 = new float[N];
var x2 = new float[N];
var label = new float[N];
for (int i = 0; i < N; i++)
{
    label[i] = i % 2;
    float sign = label[i] == 1 ? 1 : -1;
    x1[i] = sign * 1.5f + Gaussian(rng);
    x2[i] = sign * 1.0f + Gaussian(rng);
}

LossFn mse = (p, t, dp) => Losses.Mse(p, t, dp);
LossFn huber = (p, t, dp) => Losses.Huber(p, t, dp);          // delta = 1, the default of the option
LossFn bce = (x, t, dx) => Losses.BceWithLogits(x, t, dx);

// ---------------------------------------------------------------- gradient check
double worst = Math.Max(
    Math.Max(GradientCheck(mse, [x], y, new double[2]), GradientCheck(huber, [x], y, new double[2])),
    GradientCheck(bce, [x1, x2], label, new double[3]));
bool gradientsOk = worst < 1e-3;
Console.WriteLine($"gradient check: {(gradientsOk ? "ok" : "FAILED")} (max rel err {worst:0.0e+00} over 7 partial derivatives)");
Console.WriteLine();

// ---------------------------------------------------------------- part 1: robust regression
Console.WriteLine($"Part 1: fit y = w x + b to {N} points from y = 3x + 2 + noise, {outliers} of them gross outliers");
Console.WriteLine();
var mseModel = new Linear([x], y, mse);
var huberModel = new Linear([x], y, huber);
Console.WriteLine("  epoch        MSE      Huber");
for (int epoch = 0; epoch <= 100; epoch++)
{
    float mseLoss = mseModel.Step(learningRate: 0.1);
    float huberLoss = huberModel.Step(learningRate: 0.1);
    if (epoch % 10 == 0) Console.WriteLine($"  {epoch,5} {mseLoss,10:0.0000} {huberLoss,10:0.0000}");
}
Console.WriteLine();
Console.WriteLine("               w        b");
Console.WriteLine($"  truth   {3.0,7:0.000}  {2.0,7:0.000}");
Console.WriteLine($"  MSE     {mseModel.Theta[0],7:0.000}  {mseModel.Theta[1],7:0.000}");
Console.WriteLine($"  Huber   {huberModel.Theta[0],7:0.000}  {huberModel.Theta[1],7:0.000}");
Console.WriteLine();

// ---------------------------------------------------------------- part 2: logistic regression
Console.WriteLine($"Part 2: logistic regression, logits = w1 x1 + w2 x2 + b, on two Gaussian blobs ({N} points)");
Console.WriteLine();
var classifier = new Linear([x1, x2], label, bce);
Console.WriteLine("  epoch   BCE loss");
for (int epoch = 0; epoch <= 200; epoch++)
{
    float loss = classifier.Step(learningRate: 0.5);
    if (epoch % 25 == 0) Console.WriteLine($"  {epoch,5} {loss,10:0.0000}");
}
var logits = new float[N];
classifier.Predict(classifier.Theta, logits);
int correct = 0;
for (int i = 0; i < N; i++) correct += (logits[i] > 0) == (label[i] == 1) ? 1 : 0;
Console.WriteLine();
Console.WriteLine($"  w1 = {classifier.Theta[0]:0.000}, w2 = {classifier.Theta[1]:0.000}, b = {classifier.Theta[2]:0.000}");
Console.WriteLine($"  training accuracy: {100.0 * correct / N:0.0} %");

return gradientsOk ? 0 : 1;

// ---------------------------------------------------------------- helpers

// Relative error of the analytic gradient against central finite differences of the loss, worst over all parameters.
static double GradientCheck(LossFn loss, float[][] features, float[] target, double[] theta)
{
    var model = new Linear(features, target, loss);
    double[] analytic = model.Gradient(theta, out _);
    var p = new float[target.Length];
    var unused = new float[target.Length];
    double worst = 0;
    for (int j = 0; j < theta.Length; j++)
    {
        const double h = 1e-2;   // large enough that float rounding of the loss stays far below the difference
        double saved = theta[j];
        theta[j] = saved + h; model.Predict(theta, p); double up = loss(p, target, unused);
        theta[j] = saved - h; model.Predict(theta, p); double down = loss(p, target, unused);
        theta[j] = saved;
        double numeric = (up - down) / (2 * h);
        worst = Math.Max(worst, Math.Abs(analytic[j] - numeric) / Math.Max(Math.Abs(numeric), 1e-3));
    }
    return worst;
}

static float Gaussian(Random rng) =>   // Box-Muller
    (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));

/// <summary>A loss with its gradient: returns the loss of predictions <c>p</c> against targets <c>t</c>, writes dLoss/dp.</summary>
delegate float LossFn(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

/// <summary>A linear model p = theta[0] f0 + theta[1] f1 + ... + b (the bias b is the last parameter), trained by gradient descent.</summary>
sealed class Linear(float[][] features, float[] target, LossFn loss)
{
    private readonly float[] _p = new float[target.Length];
    private readonly float[] _dp = new float[target.Length];

    public double[] Theta { get; } = new double[features.Length + 1];

    public void Predict(double[] theta, Span<float> p)
    {
        for (int i = 0; i < p.Length; i++)
        {
            double sum = theta[^1];
            for (int j = 0; j < features.Length; j++) sum += theta[j] * features[j][i];
            p[i] = (float)sum;
        }
    }

    // The generated loss fills dp with dLoss/dp_i, the derivative with respect to each prediction. A parameter
    // reaches the loss only through the predictions, so by the chain rule its gradient is sum_i dp_i * dp_i/dparam:
    // the dot product of dp with that parameter's feature column (dp_i/dw_j = f_j[i]), or the plain sum of dp for b.
    public double[] Gradient(double[] theta, out float value)
    {
        Predict(theta, _p);
        value = loss(_p, target, _dp);
        var grad = new double[theta.Length];
        for (int i = 0; i < _dp.Length; i++)
        {
            for (int j = 0; j < features.Length; j++) grad[j] += _dp[i] * features[j][i];
            grad[^1] += _dp[i];
        }
        return grad;
    }

    /// <summary>One full-batch gradient-descent step; returns the loss before the step.</summary>
    public float Step(double learningRate)
    {
        double[] grad = Gradient(Theta, out float value);
        for (int j = 0; j < Theta.Length; j++) Theta[j] -= learningRate * grad[j];
        return value;
    }
}

static partial class Losses
{
    [Loss("mean((p - t)^2)")]
    public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    // Quadratic for small errors, linear beyond delta: one outlier can pull the fit only with a bounded force.
    [Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")]
    public static partial float Huber(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float delta = 1);

    // Binary cross-entropy of sigmoid(x) against labels t in {0, 1}, written on the logits x so it cannot overflow.
    [Loss("mean(max(x, 0) - x * t + log1p(exp(-abs(x))))")]
    public static partial float BceWithLogits(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx);
}
