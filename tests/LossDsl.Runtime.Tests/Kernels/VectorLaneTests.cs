using System;
using System.Linq;
using System.Runtime.Intrinsics;
using LossDsl.Kernels;
using Xunit;

namespace LossDsl.Runtime.Tests.Kernels;

/// <summary>
/// The lane helpers generated row loops call: the maximum and minimum of a vector's lanes (a row's max is folded from
/// them once per row) and the mask of a row's last, overlapping vector. Expected values come from the lanes one by one.
/// </summary>
public class VectorLaneTests
{
    [Fact]
    public void The_largest_and_smallest_lane_is_found_in_every_position_and_NaN_wins_from_every_position()
    {
        for (int at = 0; at < 16; at++)
        {
            float[] f = Enumerable.Range(0, 16).Select(k => (float)Math.Sin(k + 1)).ToArray();
            f[at] = 5;
            Assert.Equal(5f, LossGuard.MaxLane(Vector512.Create(f)));
            Assert.Equal(5f, LossGuard.MaxLane(Vector256.Create(f.AsSpan(at / 8 * 8, 8))));
            Assert.Equal(5f, LossGuard.MaxLane(Vector128.Create(f.AsSpan(at / 4 * 4, 4))));
            f[at] = -5;
            Assert.Equal(-5f, LossGuard.MinLane(Vector512.Create(f)));
            Assert.Equal(-5f, LossGuard.MinLane(Vector256.Create(f.AsSpan(at / 8 * 8, 8))));
            Assert.Equal(-5f, LossGuard.MinLane(Vector128.Create(f.AsSpan(at / 4 * 4, 4))));
            f[at] = float.NaN;
            Assert.True(float.IsNaN(LossGuard.MaxLane(Vector512.Create(f))), $"float NaN at {at}");
            Assert.True(float.IsNaN(LossGuard.MinLane(Vector256.Create(f.AsSpan(at / 8 * 8, 8)))), $"float NaN at {at}");
            Assert.True(float.IsNaN(LossGuard.MaxLane(Vector128.Create(f.AsSpan(at / 4 * 4, 4)))), $"float NaN at {at}");
        }

        for (int at = 0; at < 8; at++)
        {
            double[] d = Enumerable.Range(0, 8).Select(k => Math.Cos(k + 1)).ToArray();
            d[at] = 5;
            Assert.Equal(5d, LossGuard.MaxLane(Vector512.Create(d)));
            Assert.Equal(5d, LossGuard.MaxLane(Vector256.Create(d.AsSpan(at / 4 * 4, 4))));
            Assert.Equal(5d, LossGuard.MaxLane(Vector128.Create(d.AsSpan(at / 2 * 2, 2))));
            d[at] = -5;
            Assert.Equal(-5d, LossGuard.MinLane(Vector512.Create(d)));
            Assert.Equal(-5d, LossGuard.MinLane(Vector128.Create(d.AsSpan(at / 2 * 2, 2))));
            d[at] = double.NaN;
            Assert.True(double.IsNaN(LossGuard.MaxLane(Vector256.Create(d.AsSpan(at / 4 * 4, 4)))), $"double NaN at {at}");
            Assert.True(double.IsNaN(LossGuard.MinLane(Vector512.Create(d))), $"double NaN at {at}");
        }
    }

    // The native fold (a logsumexp's shift) promises the maximum only where no lane is NaN; ties of ±0 may give either.
    [Fact]
    public void The_native_fold_finds_the_largest_lane_in_every_position()
    {
        for (int at = 0; at < 16; at++)
        {
            float[] f = Enumerable.Range(0, 16).Select(k => (float)Math.Sin(k + 1)).ToArray();
            f[at] = 5;
            Assert.Equal(5f, LossGuard.MaxLaneNative(Vector512.Create(f)));
            Assert.Equal(5f, LossGuard.MaxLaneNative(Vector256.Create(f.AsSpan(at / 8 * 8, 8))));
            Assert.Equal(5f, LossGuard.MaxLaneNative(Vector128.Create(f.AsSpan(at / 4 * 4, 4))));
            f[at] = float.NegativeInfinity;
            Assert.Equal(f.Take(8).Max(), LossGuard.MaxLaneNative(Vector256.Create(f.AsSpan(0, 8))));
        }

        for (int at = 0; at < 8; at++)
        {
            double[] d = Enumerable.Range(0, 8).Select(k => Math.Cos(k + 1)).ToArray();
            d[at] = 5;
            Assert.Equal(5d, LossGuard.MaxLaneNative(Vector512.Create(d)));
            Assert.Equal(5d, LossGuard.MaxLaneNative(Vector256.Create(d.AsSpan(at / 4 * 4, 4))));
            Assert.Equal(5d, LossGuard.MaxLaneNative(Vector128.Create(d.AsSpan(at / 2 * 2, 2))));
        }
    }

    [Fact]
    public void Positive_zero_is_above_negative_zero_whichever_lane_holds_it()
    {
        for (int at = 0; at < 8; at++)
        {
            float[] f = Enumerable.Repeat(-0f, 8).ToArray();
            f[at] = 0f;
            Assert.True(float.IsPositive(LossGuard.MaxLane(Vector256.Create(f))), $"+0 at {at}");
            Assert.True(float.IsNegative(LossGuard.MinLane(Vector256.Create(f))), $"min with +0 at {at}");
        }
    }

    [Fact]
    public void The_tail_mask_selects_the_last_lanes()
    {
        for (int remaining = 0; remaining <= 16; remaining++)
        {
            if (remaining <= 4)
            {
                AssertLast(remaining, 4, k => VectorTails.TailMask128<float>(remaining).AsInt32()[k] == -1);
                AssertLast(Math.Min(remaining, 2), 2, k => VectorTails.TailMask128<double>(Math.Min(remaining, 2)).AsInt64()[k] == -1);
            }

            if (remaining <= 8)
            {
                AssertLast(remaining, 8, k => VectorTails.TailMask256<float>(remaining).AsInt32()[k] == -1);
                AssertLast(Math.Min(remaining, 4), 4, k => VectorTails.TailMask256<double>(Math.Min(remaining, 4)).AsInt64()[k] == -1);
            }

            AssertLast(remaining, 16, k => VectorTails.TailMask512<float>(remaining).AsInt32()[k] == -1);
            AssertLast(Math.Min(remaining, 8), 8, k => VectorTails.TailMask512<double>(Math.Min(remaining, 8)).AsInt64()[k] == -1);
        }

        static void AssertLast(int remaining, int count, Func<int, bool> isSet)
        {
            for (int k = 0; k < count; k++)
            {
                Assert.True(isSet(k) == (k >= count - remaining), $"lane {k} of {count} with {remaining} remaining");
            }
        }
    }
}
