using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using M = LossDsl.Losses.Margin;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(M.MultiLabelMargin))]
public class MultiLabelMarginTests
{
    private static readonly SampleEntry Entry = new(
        [0],
        (c, r) => M.MultiLabelMargin(c.T(0), c.Y, r),
        (c, g, r) => M.MultiLabelMargin(c.T(0), c.Y, MarginSuite.G(c, g, 0), r),
        (c, r) => M.MultiLabelMargin(c.T(0), c.Y, r),
        (c, g, r) => M.MultiLabelMargin(c.T(0), c.Y, MarginSuite.G(c, g, 0), r),
        (c, l) => M.MultiLabelMarginUnreduced(c.T(0), c.Y, l),
        (c, u, g) => M.MultiLabelMarginUnreduced(c.T(0), c.Y, u, MarginSuite.G(c, g, 0)),
        (c, l) => M.MultiLabelMarginUnreduced(c.T(0), c.Y, l),
        (c, u, g) => M.MultiLabelMarginUnreduced(c.T(0), c.Y, u, MarginSuite.G(c, g, 0)));

    // PyTorch's definition: the targets are the entries before the first −1; Σ_{j in list} Σ_{k not a target} max(0, 1 − (x[j] − x[k])) / C.
    private static double Reference(SampleCase c, int i)
    {
        var list = new List<int>();
        for (int t = 0; t < c.D && c.Y[i * c.D + t] != -1; t++)
        {
            list.Add(c.Y[i * c.D + t]);
        }

        double s = 0;
        foreach (int j in list)
        {
            for (int k = 0; k < c.D; k++)
            {
                if (!list.Contains(k))
                {
                    s += Math.Max(0, 1 - (c.Row(0, i)[j] - c.Row(0, i)[k]));
                }
            }
        }

        return s / c.D;
    }

    // Lists of every length 0..C (a full row has no −1), a repeated class now and then, and junk after the −1.
    private static SampleCase Inputs(int n, int seed)
    {
        const int C = 5;
        var random = new Random(seed);
        var y = new int[n * C];
        for (int i = 0; i < n; i++)
        {
            int length = random.Next(C + 1);
            int[] classes = Enumerable.Range(0, C).OrderBy(_ => random.Next()).ToArray();
            for (int t = 0; t < C; t++)
            {
                y[i * C + t] = t < length ? classes[t] : t == length ? -1 : random.Next(-3, 9);
            }

            if (length >= 3 && random.Next(3) == 0)
            {
                y[i * C + 2] = y[i * C];
            }
        }

        return new(n, C, [Check.Normal(n * C, seed + 1)], y);
    }

    [Fact]
    public void Matches_multilabel_margin_loss() => MarginSuite.Run(Entry, Reference, Inputs);

    [Fact]
    public void PyTorch_documentation_example()
    {
        // x = [[0.1, 0.2, 0.4, 0.8]], y = [[3, 0, -1, 1]]: targets 3 and 0, non-targets 1 and 2.
        double[] x = [0.1, 0.2, 0.4, 0.8];
        double expected = (1 - (0.8 - 0.2) + 1 - (0.8 - 0.4) + 1 - (0.1 - 0.2) + 1 - (0.1 - 0.4)) / 4; // 0.85
        Assert.Equal(expected, M.MultiLabelMargin(new ReadOnlyTensorSpan<double>(x, [1, 4], default), [3, 0, -1, 1]), 14);
    }

    [Fact]
    public void A_listed_class_out_of_range_is_refused()
    {
        double[] x = new double[6];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => M.MultiLabelMargin(new ReadOnlyTensorSpan<double>(x, [2, 3], default), [0, 3, -1, 1, -1, 7]));
        Assert.Equal("y", e.ParamName);
    }

    [Fact]
    public void Target_lists_of_the_wrong_length_are_refused()
    {
        double[] x = new double[6];
        var e = Assert.ThrowsAny<ArgumentException>(() => M.MultiLabelMargin(new ReadOnlyTensorSpan<double>(x, [2, 3], default), [0, -1, 1, -1]));
        Assert.Equal("y", e.ParamName);
    }
}
