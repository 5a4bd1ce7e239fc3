using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace LossDsl.Samples.Classification;

/// <summary>Runs several cross-entropy implementations on one batch and compares each with a plain C# reference.</summary>
internal static class Comparison
{
    public sealed record Result(string Name, double Loss, double LossDifference, double GradientDifference);

    public sealed record Outcome(int Rows, double Reference, List<Result> Results);

    public static Outcome Run((string Name, CrossEntropyFn Loss)[] implementations, int rows, int seed)
    {
        const int C = Blobs.Classes;
        var rng = new Random(seed);
        var x = new float[rows * C];
        var y = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = rng.Next(C);
            // Most rows are ordinary; every tenth is scaled up to +-60, where exp overflows a naive float softmax.
            double scale = i % 10 == 0 ? 60 : 3;
            for (int c = 0; c < C; c++) x[i * C + c] = (float)(scale * (2 * rng.NextDouble() - 1));
        }

        var (reference, dReference) = Reference(x, y, C);
        double gradientScale = 0;
        foreach (double g in dReference) gradientScale = Math.Max(gradientScale, Math.Abs(g));

        var results = new List<Result>();
        foreach (var (name, loss) in implementations)
        {
            var dx = new float[x.Length];
            float value = loss(new ReadOnlyTensorSpan<float>(x, [rows, C], default), y, new TensorSpan<float>(dx, [rows, C], default));
            double worst = 0;
            for (int k = 0; k < dx.Length; k++) worst = Math.Max(worst, Math.Abs(dx[k] - dReference[k]));
            results.Add(new Result(name, value, Math.Abs(value - reference) / reference, worst / gradientScale));
        }

        return new Outcome(rows, reference, results);
    }

    // Written from the definition, in double: loss_i = log(sum_c exp(x_ic)) - x_i,y_i, shifted by the row maximum;
    // d loss / d x_ic = (softmax_ic - [c == y_i]) / N.
    private static (double Loss, double[] Gradient) Reference(float[] x, int[] y, int classes)
    {
        int n = y.Length;
        double total = 0;
        var grad = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++) max = Math.Max(max, x[i * classes + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.Exp(x[i * classes + c] - max);
            double logSumExp = max + Math.Log(sum);
            total += logSumExp - x[i * classes + y[i]];
            for (int c = 0; c < classes; c++)
            {
                grad[i * classes + c] = (Math.Exp(x[i * classes + c] - logSumExp) - (c == y[i] ? 1 : 0)) / n;
            }
        }

        return (total / n, grad);
    }
}
