using System;
using System.Numerics.Tensors;

namespace LossDsl.Samples.Iris;

/// <summary>
/// logits = x W + b for x the four measurements of a flower: W is 4 x 3, b has 3 entries, 15 parameters in all,
/// stored in <see cref="Theta"/> as W row by row, then b.
/// </summary>
internal sealed class SoftmaxRegression(Flowers data, ClassificationLoss loss)
{
    private const int F = Flowers.FeatureCount;
    private const int C = Flowers.SpeciesCount;
    public const int ParameterCount = F * C + C;

    private readonly float[] _logits = new float[data.Count * C];
    private readonly float[] _dLogits = new float[data.Count * C];

    public double[] Theta { get; } = new double[ParameterCount];

    public static void Logits(double[] theta, Flowers flowers, float[] logits)
    {
        for (int i = 0; i < flowers.Count; i++)
        {
            for (int c = 0; c < C; c++)
            {
                double z = theta[F * C + c];
                for (int f = 0; f < F; f++) z += flowers.Features[i * F + f] * theta[f * C + c];
                logits[i * C + c] = (float)z;
            }
        }
    }

    private float Loss(double[] theta, float[] dLogits)
    {
        Logits(theta, data, _logits);
        return loss(new ReadOnlyTensorSpan<float>(_logits, [data.Count, C], default), data.Species,
            new TensorSpan<float>(dLogits, [data.Count, C], default));
    }

    // The generated loss writes dLoss/dlogits[i, c]. logits[i, c] depends on W[f, c] through x[i, f] and on b[c]
    // with slope 1, so by the chain rule dW = x^T dLogits and db = the column sums of dLogits.
    public double[] Gradient(double[] theta, out float value)
    {
        value = Loss(theta, _dLogits);
        var grad = new double[ParameterCount];
        for (int i = 0; i < data.Count; i++)
        {
            for (int c = 0; c < C; c++)
            {
                double g = _dLogits[i * C + c];
                for (int f = 0; f < F; f++) grad[f * C + c] += data.Features[i * F + f] * g;
                grad[F * C + c] += g;
            }
        }

        return grad;
    }

    /// <summary>One full-batch gradient-descent step; returns the loss before the step.</summary>
    public float Step(double learningRate)
    {
        double[] grad = Gradient(Theta, out float value);
        for (int k = 0; k < Theta.Length; k++) Theta[k] -= learningRate * grad[k];
        return value;
    }

    /// <summary>How many flowers get their species as the largest logit.</summary>
    public int Correct(Flowers flowers)
    {
        var logits = new float[flowers.Count * C];
        Logits(Theta, flowers, logits);
        int correct = 0;
        for (int i = 0; i < flowers.Count; i++)
        {
            int best = 0;
            for (int c = 1; c < C; c++) if (logits[i * C + c] > logits[i * C + best]) best = c;
            correct += best == flowers.Species[i] ? 1 : 0;
        }

        return correct;
    }

    /// <summary>
    /// Worst relative error, over the 15 parameters, of the chain-rule gradient against central differences of the
    /// loss, at a fixed point theta_k = 0.3 sin(k + 1) where the logits differ from class to class.
    /// </summary>
    public static double GradientCheck(Flowers data, ClassificationLoss loss)
    {
        var model = new SoftmaxRegression(data, loss);
        var theta = new double[ParameterCount];
        for (int k = 0; k < theta.Length; k++) theta[k] = 0.3 * Math.Sin(k + 1);
        double[] analytic = model.Gradient(theta, out _);
        var unused = new float[data.Count * C];
        double worst = 0;
        for (int k = 0; k < theta.Length; k++)
        {
            const double h = 1e-2;   // large enough that float rounding of the loss stays far below the difference
            double saved = theta[k];
            theta[k] = saved + h; double up = model.Loss(theta, unused);
            theta[k] = saved - h; double down = model.Loss(theta, unused);
            theta[k] = saved;
            double numeric = (up - down) / (2 * h);
            // A float loss near 1 carries rounding noise of about 1e-7 / (2 h) = 5e-6 in the difference, so a
            // gradient component smaller than 1e-2 is judged by its absolute error.
            worst = Math.Max(worst, Math.Abs(analytic[k] - numeric) / Math.Max(Math.Abs(numeric), 1e-2));
        }

        return worst;
    }
}
