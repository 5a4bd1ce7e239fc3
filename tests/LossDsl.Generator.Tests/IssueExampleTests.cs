using System;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>The example a user is promised in the formula compiler's issue and the README, compiled and run as written.</summary>
public class IssueExampleTests
{
    public delegate float MeanAbsoluteForward(ReadOnlySpan<float> p, ReadOnlySpan<float> t);

    public delegate float MeanAbsoluteGradient(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

    public delegate double HuberFn(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta);

    [Fact]
    public void The_promised_example_compiles_and_computes()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System;
            using LossDsl;

            public static partial class MyLosses
            {
                [Loss("mean(abs(p - t))")]
                public static partial float MeanAbsolute(ReadOnlySpan<float> p, ReadOnlySpan<float> t);

                [Loss("mean(abs(p - t))")]
                public static partial float MeanAbsolute(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);

                [Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")]
                public static partial double Huber(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta = 1.0);
            }

            public static class Caller
            {
                // The default of the option is usable from user code, as on any C# method.
                public static double HuberWithDefault(double[] p, double[] t, double[] dp) => MyLosses.Huber(p, t, dp);
            }
            """);
        Assert.Empty(run.All);
        Type losses = run.Load().GetType("MyLosses")!;

        float[] p = { 1, 2, 3, 4 }, t = { 1, 0, 5, 4.5f };
        var forward = (MeanAbsoluteForward)Delegate.CreateDelegate(typeof(MeanAbsoluteForward), losses.GetMethods().Single(m => m.Name == "MeanAbsolute" && m.GetParameters().Length == 2));
        var gradient = (MeanAbsoluteGradient)Delegate.CreateDelegate(typeof(MeanAbsoluteGradient), losses.GetMethods().Single(m => m.Name == "MeanAbsolute" && m.GetParameters().Length == 3));
        var dp = new float[4];
        Assert.Equal((0 + 2 + 2 + 0.5f) / 4, forward(p, t));
        Assert.Equal((0 + 2 + 2 + 0.5f) / 4, gradient(p, t, dp));
        Assert.Equal(new[] { 0f, 0.25f, -0.25f, -0.25f }, dp); // sign(p - t)/N, with sign(0) = 0 as in PyTorch

        var huber = losses.GetMethod("Huber")!.CreateDelegate<HuberFn>();
        double[] pd = { 0, 0.5, 3 }, td = { 0, 0, 0 }, dpd = new double[3];
        Assert.Equal((0 + 0.125 + 2.5) / 3, huber(pd, td, dpd, 1.0), 15);
        Assert.Equal(0, dpd[0]);
        Assert.Equal(0.5 / 3, dpd[1], 1e-15);
        Assert.Equal(1.0 / 3, dpd[2], 1e-15); // |e| > delta: delta · sign(e) / N
        Assert.Equal(1.0, losses.GetMethod("Huber")!.GetParameters()[3].DefaultValue);
    }
}
