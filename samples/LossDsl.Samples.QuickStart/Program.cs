using System;
using LossDsl;

Console.WriteLine(Losses.Mse(new float[] { 1, 2, 3 }, new float[] { 1, 2, 4 }));

static partial class Losses
{
    [Loss("mean((p - t)^2)")]
    public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
}
