using System;
using System.Numerics.Tensors;

namespace LossDsl.Samples.Classification;

/// <summary>Four classes of 2-D points, Gaussian around the centres (+-Offset, +-Offset), one class per quadrant.</summary>
internal sealed record Blobs(float[] X, int[] Y)
{
    public const int Classes = 4;
    public const double Offset = 1.5;
    public const double Spread = 0.8;

    public int Count => Y.Length;

    public static Blobs Generate(int perClass, int seed)
    {
        var rng = new Random(seed);
        var x = new float[perClass * Classes * 2];
        var y = new int[perClass * Classes];
        for (int i = 0; i < y.Length; i++)
        {
            int c = i % Classes;
            var (cx, cy) = Centre(c);
            y[i] = c;
            x[2 * i] = (float)(cx + Spread * Gaussian(rng));
            x[2 * i + 1] = (float)(cy + Spread * Gaussian(rng));
        }

        return new Blobs(x, y);
    }

    /// <summary>Class 0 is the upper right quadrant, then counter-clockwise.</summary>
    public static (double X, double Y) Centre(int c) => c switch
    {
        0 => (Offset, Offset),
        1 => (-Offset, Offset),
        2 => (-Offset, -Offset),
        _ => (Offset, -Offset),
    };

    public static int NearestCentre(float x, float y) => x >= 0 ? (y >= 0 ? 0 : 3) : (y >= 0 ? 1 : 2);

    public double Accuracy(Func<float, float, int> rule)
    {
        int correct = 0;
        for (int i = 0; i < Count; i++) correct += rule(X[2 * i], X[2 * i + 1]) == Y[i] ? 1 : 0;
        return correct / (double)Count;
    }

    /// <summary>The standard normal distribution function, Phi(z) = erfc(-z / sqrt 2) / 2.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // Numerical Recipes' erfc (Chebyshev fit), fractional error below 1.2e-7 everywhere.
    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    private static double Gaussian(Random rng) =>   // Box-Muller
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

/// <summary>logits = x W + b for 2-D points and four classes: W is 2 x 4 and b has 4 entries.</summary>
internal sealed class SoftmaxRegression(Blobs data, CrossEntropyFn loss)
{
    private const int F = 2, C = Blobs.Classes;
    private readonly float[] _logits = new float[data.Count * C];
    private readonly float[] _dLogits = new float[data.Count * C];
    private readonly double[] _theta = new double[F * C + C];

    /// <summary>One full-batch gradient-descent step; returns the loss before the step.</summary>
    public float Step(double learningRate)
    {
        for (int i = 0; i < data.Count; i++)
            for (int c = 0; c < C; c++) _logits[i * C + c] = (float)Logit(data.X[2 * i], data.X[2 * i + 1], c);
        float value = loss(new ReadOnlyTensorSpan<float>(_logits, [data.Count, C], default), data.Y, new TensorSpan<float>(_dLogits, [data.Count, C], default));
        // Chain rule: dW[f, c] = sum_i x[i, f] dLogits[i, c], db[c] = sum_i dLogits[i, c].
        var grad = new double[_theta.Length];
        for (int i = 0; i < data.Count; i++)
        {
            for (int c = 0; c < C; c++)
            {
                double g = _dLogits[i * C + c];
                grad[c] += data.X[2 * i] * g;
                grad[C + c] += data.X[2 * i + 1] * g;
                grad[F * C + c] += g;
            }
        }

        for (int k = 0; k < _theta.Length; k++) _theta[k] -= learningRate * grad[k];
        return value;
    }

    public int Predict(float x, float y)
    {
        int best = 0;
        for (int c = 1; c < C; c++) if (Logit(x, y, c) > Logit(x, y, best)) best = c;
        return best;
    }

    private double Logit(double x, double y, int c) => _theta[c] * x + _theta[C + c] * y + _theta[F * C + c];
}
