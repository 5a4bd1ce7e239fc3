using System;

namespace LossDsl.Samples.RobustRegression;

/// <summary>
/// y = w x + b, trained on the standardized feature z = (x - mean) / spread so that one learning rate suits both
/// parameters; <see cref="SlopeIntercept"/> converts back to the units of x.
/// </summary>
internal sealed class Line(Dataset data, LossFn loss)
{
    private readonly double _mean = Mean(data.X);
    private readonly double _spread = Spread(data.X);
    private readonly float[] _p = new float[data.X.Length];
    private readonly float[] _dp = new float[data.X.Length];
    private double _wz, _b;

    /// <summary>One full-batch gradient-descent step; returns the loss before the step.</summary>
    public float Step(double learningRate)
    {
        for (int i = 0; i < _p.Length; i++) _p[i] = (float)(_wz * Z(i) + _b);
        float value = loss(_p, data.Y, _dp);
        // p_i = wz z_i + b, so dLoss/dwz = sum_i dp_i z_i and dLoss/db = sum_i dp_i.
        double gw = 0, gb = 0;
        for (int i = 0; i < _dp.Length; i++) { gw += _dp[i] * Z(i); gb += _dp[i]; }
        _wz -= learningRate * gw;
        _b -= learningRate * gb;
        return value;
    }

    public (double Slope, double Intercept) SlopeIntercept() => (_wz / _spread, _b - _wz * _mean / _spread);

    private double Z(int i) => (data.X[i] - _mean) / _spread;

    private static double Mean(float[] v) { double s = 0; foreach (float x in v) s += x; return s / v.Length; }

    private static double Spread(float[] v)
    {
        double m = Mean(v), s = 0;
        foreach (float x in v) s += (x - m) * (x - m);
        return Math.Sqrt(s / v.Length);
    }
}

/// <summary>Points on a line with Gaussian noise, and a cluster of bad readings near zero at the right end.</summary>
internal sealed record Dataset(float[] X, float[] Y, bool[] IsOutlier)
{
    public int OutlierCount => Array.FindAll(IsOutlier, o => o).Length;

    public static Dataset Generate(double slope, double intercept, int seed)
    {
        const int Inliers = 184, Outliers = 16;
        var rng = new Random(seed);
        var x = new float[Inliers + Outliers];
        var y = new float[x.Length];
        var bad = new bool[x.Length];
        for (int i = 0; i < Inliers; i++)
        {
            x[i] = (float)(10 * rng.NextDouble());
            y[i] = (float)(slope * x[i] + intercept + 0.5 * Gaussian(rng));
        }

        for (int i = Inliers; i < x.Length; i++)
        {
            x[i] = (float)(8 + 2 * rng.NextDouble());
            y[i] = (float)(0.5 * rng.NextDouble());
            bad[i] = true;
        }

        return new Dataset(x, y, bad);
    }

    /// <summary>The least-squares line, in closed form (normal equations in double).</summary>
    public (double Slope, double Intercept) LeastSquares()
    {
        double n = X.Length, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < X.Length; i++) { sx += X[i]; sy += Y[i]; sxx += (double)X[i] * X[i]; sxy += (double)X[i] * Y[i]; }
        double w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return (w, (sy - w * sx) / n);
    }

    private static double Gaussian(Random rng) =>   // Box-Muller
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
