using System;
using System.Linq;
using Xunit;

namespace LossDsl.Runtime.Tests.Infrastructure;

/// <summary>Calls one catalog entry in double: the inputs in declaration order; <c>gradients</c> null for the forward
/// form, otherwise one array per differentiable input (in the order given to <see cref="ScalarLossSuite.Run"/>) for the
/// gradient form to fill.</summary>
public delegate double ScalarLoss(double[][] inputs, double[][]? gradients);

/// <summary>The same entry in float.</summary>
public delegate float ScalarLossF(float[][] inputs, float[][]? gradients);

/// <summary>
/// Checks an entry that returns one number from several real inputs (the segmentation, generative, reinforcement-learning
/// and multi-task families, vectors or tensors flattened row-major) against a reference written in double from the
/// definition: both forms' values, every gradient against central differences of the reference, and float against the
/// reference on the float-rounded inputs.
/// </summary>
public static class ScalarLossSuite
{
    /// <summary>Runs the checks at one set of inputs. <paramref name="differentiable"/> lists the indices of the inputs
    /// that have a gradient output, in the order the delegates receive them.</summary>
    public static void Run(ScalarLoss entry, ScalarLossF entryF, Func<double[][], double> reference, double[][] inputs, int[] differentiable,
        string what, double valueTolerance = 1e-12, double gradientTolerance = 1e-6, double floatTolerance = 2e-5, double h = 1e-6)
    {
        double expected = reference(inputs);
        Assert.False(double.IsNaN(expected), $"{what}: the reference is NaN; choose other inputs");
        Check.Close(expected, entry(inputs, null), valueTolerance, $"{what}: loss");
        double[][] gradients = differentiable.Select(k => new double[inputs[k].Length]).ToArray();
        Check.Close(expected, entry(inputs, gradients), valueTolerance, $"{what}: loss with gradient");
        for (int g = 0; g < differentiable.Length; g++)
        {
            Check.Close(FiniteDifferences(reference, inputs, differentiable[g], h), gradients[g], gradientTolerance, $"{what}: gradient of input {differentiable[g]}");
        }

        float[][] inputsF = inputs.Select(Check.ToFloat).ToArray();
        double[][] rounded = inputsF.Select(Check.ToDouble).ToArray();
        double expectedF = reference(rounded);
        Check.Close(expectedF, entryF(inputsF, null), floatTolerance, $"{what}: float loss");
        float[][] gradientsF = differentiable.Select(k => new float[inputs[k].Length]).ToArray();
        Check.Close(expectedF, entryF(inputsF, gradientsF), floatTolerance, $"{what}: float loss with gradient");
        for (int g = 0; g < differentiable.Length; g++)
        {
            Check.Close(FiniteDifferences(reference, rounded, differentiable[g], h), gradientsF[g], Math.Max(floatTolerance, 10 * gradientTolerance), $"{what}: float gradient of input {differentiable[g]}");
        }
    }

    /// <summary>Central differences of <paramref name="reference"/> with respect to input <paramref name="k"/>.</summary>
    public static double[] FiniteDifferences(Func<double[][], double> reference, double[][] inputs, int k, double h = 1e-6) =>
        Check.FiniteDifferences(x =>
        {
            double[][] probe = (double[][])inputs.Clone();
            probe[k] = x;
            return reference(probe);
        }, inputs[k], h);

    /// <summary>softplus(x) = log(1 + eˣ), stable for every finite x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>Softmax over axis 1 of an (N, C, S) row-major array: p[(i·C + j)·S + s].</summary>
    public static double[] Softmax(double[] x, int n, int c, int s)
    {
        var p = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < c; j++)
                {
                    max = Math.Max(max, x[(i * c + j) * s + k]);
                }

                double sum = 0;
                for (int j = 0; j < c; j++)
                {
                    sum += Math.Exp(x[(i * c + j) * s + k] - max);
                }

                for (int j = 0; j < c; j++)
                {
                    p[(i * c + j) * s + k] = Math.Exp(x[(i * c + j) * s + k] - max) / sum;
                }
            }
        }

        return p;
    }
}
