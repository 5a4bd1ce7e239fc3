using System;
using System.Collections.Generic;
using Microsoft.ML.Trainers;
using Xunit;

namespace LossDsl.MLNet.Tests;

/// <summary>
/// Loss and Derivative of the adapters against closed forms evaluated in double, against central differences of the
/// adapter's own Loss, and against ML.NET's hand-written losses for the same functions.
/// </summary>
public sealed class AdapterTests
{
    // Outputs and labels around 0, with errors on both sides of the Huber threshold and in the saturated tails.
    private static readonly float[] Outputs = [-6f, -2.5f, -1.3f, -0.7f, -0.2f, 0f, 0.15f, 0.6f, 1.2f, 2.4f, 5f];
    private static readonly float[] Targets = [-3f, -0.5f, 0f, 0.4f, 2f];

    private static readonly LossDslRegressionLoss Huber =
        new((p, t, loss) => TestLosses.Huber(p, t, loss), (p, t, dloss, dp) => TestLosses.HuberBackward(p, t, dloss, dp));

    [Fact]
    public void RegressionLossAndDerivativeMatchTheHuberClosedForm()
    {
        foreach (float p in Outputs)
        {
            foreach (float t in Targets)
            {
                double e = (double)p - t;
                double expected = Math.Abs(e) <= 1 ? 0.5 * e * e : Math.Abs(e) - 0.5;
                double expectedDerivative = Math.Abs(e) <= 1 ? e : Math.Sign(e);
                AssertClose(expected, Huber.Loss(p, t), $"loss at p={p}, t={t}");
                AssertClose(expectedDerivative, Huber.Derivative(p, t), $"derivative at p={p}, t={t}");
            }
        }
    }

    [Fact]
    public void RegressionDerivativeMatchesCentralDifferencesOfTheLoss()
    {
        var logCosh = new LossDslRegressionLoss(TestLosses.LogCoshForward, TestLosses.LogCoshBackward);
        foreach (float p in Outputs)
        {
            foreach (float t in Targets)
            {
                AssertClose(CentralDifference(logCosh, p, t), logCosh.Derivative(p, t), $"log-cosh at p={p}, t={t}", tolerance: 1e-3);

                // Huber's second derivative jumps at |e| = 1; every grid point is several steps h = 0.01 away from it.
                Assert.True(Math.Abs(Math.Abs((double)p - t) - 1) >= 0.05, $"grid point p={p}, t={t} too close to the Huber threshold");
                AssertClose(CentralDifference(Huber, p, t), Huber.Derivative(p, t), $"Huber at p={p}, t={t}", tolerance: 1e-3);
            }
        }
    }

    [Fact]
    public void FusedFormAgreesWithTheSeparateForms()
    {
        var fused = new LossDslRegressionLoss(TestLosses.LogCosh);
        var separate = new LossDslRegressionLoss(TestLosses.LogCoshForward, TestLosses.LogCoshBackward);
        foreach (float p in Outputs)
        {
            foreach (float t in Targets)
            {
                double e = (double)p - t;
                AssertClose(Math.Log(Math.Cosh(e)), fused.Loss(p, t), $"fused loss at p={p}, t={t}");
                AssertClose(Math.Tanh(e), fused.Derivative(p, t), $"fused derivative at p={p}, t={t}");
                Assert.Equal(separate.Loss(p, t), fused.Loss(p, t));
                Assert.Equal(separate.Derivative(p, t), fused.Derivative(p, t));
            }
        }
    }

    [Fact]
    public void SquaredErrorAgreesWithMLNetsSquaredLoss()
    {
        var adapted = new LossDslRegressionLoss(TestLosses.Squared, TestLosses.SquaredBackward);
        var builtIn = new SquaredLoss();
        foreach (float p in Outputs)
        {
            foreach (float t in Targets)
            {
                AssertClose(builtIn.Loss(p, t), adapted.Loss(p, t), $"loss at p={p}, t={t}");
                AssertClose(builtIn.Derivative(p, t), adapted.Derivative(p, t), $"derivative at p={p}, t={t}");
            }
        }
    }

    [Fact]
    public void HingeWithPlusMinusOneLabelsAgreesWithMLNetsHingeLoss()
    {
        var adapted = new LossDslClassificationLoss(TestLosses.Hinge, TestLosses.HingeBackward, BinaryLabels.PlusMinusOne);
        var builtIn = new HingeLoss();
        foreach (float p in Outputs)
        {
            foreach (float label in new[] { 0f, 1f })   // what ML.NET's binary trainers pass for false and true
            {
                double truth = label > 0 ? 1 : -1;
                AssertClose(Math.Max(0, 1 - truth * p), adapted.Loss(p, label), $"loss at p={p}, label={label}");
                AssertClose(builtIn.Loss(p, label), adapted.Loss(p, label), $"loss vs HingeLoss at p={p}, label={label}");
                AssertClose(builtIn.Derivative(p, label), adapted.Derivative(p, label), $"derivative vs HingeLoss at p={p}, label={label}");
            }
        }
    }

    [Fact]
    public void LogisticWithZeroOneLabelsAgreesWithMLNetsLogLoss()
    {
        var adapted = new LossDslClassificationLoss(TestLosses.Logistic, TestLosses.LogisticBackward, BinaryLabels.ZeroOne);
        var builtIn = new LogLoss();
        foreach (float p in Outputs)
        {
            foreach (float label in new[] { 0f, 1f })
            {
                double sigmoid = 1 / (1 + Math.Exp(-p));
                double expected = label > 0 ? -Math.Log(sigmoid) : -Math.Log(1 - sigmoid);
                AssertClose(expected, adapted.Loss(p, label), $"loss at p={p}, label={label}");
                AssertClose(sigmoid - label, adapted.Derivative(p, label), $"derivative at p={p}, label={label}");
                AssertClose(builtIn.Loss(p, label), adapted.Loss(p, label), $"loss vs LogLoss at p={p}, label={label}", tolerance: 1e-5);
                AssertClose(builtIn.Derivative(p, label), adapted.Derivative(p, label), $"derivative vs LogLoss at p={p}, label={label}", tolerance: 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(BinaryLabels.ZeroOne, 0f)]
    [InlineData(BinaryLabels.PlusMinusOne, -1f)]
    public void TheFormulaReceivesTheChosenEncoding(BinaryLabels labels, float negative)
    {
        var seen = new List<float>();
        var loss = new LossDslClassificationLoss(
            (p, t, l) => { seen.Add(t[0]); l[0] = 0; },
            (p, t, dloss, dp) => { seen.Add(t[0]); dp[0] = 0; },
            labels);
        // ML.NET passes a positive label for the positive class; anything else is the negative class.
        foreach (float label in new[] { 1f, 0f, 2f, -1f })
        {
            loss.Loss(0, label);
            loss.Derivative(0, label);
        }

        Assert.Equal([1f, 1f, negative, negative, 1f, 1f, negative, negative], seen);
        Assert.Equal(labels, loss.Labels);
    }

    [Fact]
    public void NullDelegatesAndUnknownEncodingsAreRejectedByName()
    {
        Assert.Equal("forward", Assert.Throws<ArgumentNullException>(() => new LossDslRegressionLoss(null!, TestLosses.SquaredBackward)).ParamName);
        Assert.Equal("backward", Assert.Throws<ArgumentNullException>(() => new LossDslRegressionLoss(TestLosses.Squared, null!)).ParamName);
        Assert.Equal("forwardBackward", Assert.Throws<ArgumentNullException>(() => new LossDslRegressionLoss(null!)).ParamName);
        Assert.Equal("forward", Assert.Throws<ArgumentNullException>(() => new LossDslClassificationLoss(null!, TestLosses.HingeBackward, BinaryLabels.PlusMinusOne)).ParamName);
        Assert.Equal("backward", Assert.Throws<ArgumentNullException>(() => new LossDslClassificationLoss(TestLosses.Hinge, null!, BinaryLabels.PlusMinusOne)).ParamName);
        Assert.Equal("forwardBackward", Assert.Throws<ArgumentNullException>(() => new LossDslClassificationLoss(null!, BinaryLabels.ZeroOne)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => new LossDslClassificationLoss(TestLosses.Hinge, TestLosses.HingeBackward, (BinaryLabels)7)).ParamName);
    }

    // Central difference of the adapter's own Loss. Its float rounding (about 1e-7 of values up to ~6) over 2h = 2e-2
    // stays near 3e-5, and the truncation error h^2 f'''/6 is below 2e-5 for these smooth pieces.
    private static double CentralDifference(IScalarLoss loss, float p, float t)
    {
        const float h = 1e-2f;
        return (loss.Loss(p + h, t) - loss.Loss(p - h, t)) / ((double)(p + h) - (p - h));
    }

    private static void AssertClose(double expected, double actual, string what, double tolerance = 2e-6)
    {
        double error = Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));
        Assert.True(error <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (error {error:E2} > {tolerance:E0})");
    }
}
