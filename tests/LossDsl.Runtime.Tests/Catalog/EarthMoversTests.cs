using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using D = LossDsl.Losses.Distances;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(D.EarthMovers))]
public class EarthMoversTests
{
    // Histograms: W1 between the normalised masses on bins 0..K−1 = Σₖ |F̂p(k) − F̂q(k)|.
    private static double HistogramReference(double[] p, double[] q)
    {
        double sp = p.Sum(), sq = q.Sum(), fp = 0, fq = 0, total = 0;
        for (int k = 0; k < p.Length; k++)
        {
            fp += p[k] / sp;
            fq += q[k] / sq;
            total += Math.Abs(fp - fq);
        }

        return total;
    }

    private static IEnumerable<int[]> Permutations(int n) => n == 0 ? [Array.Empty<int>()]
        : Permutations(n - 1).SelectMany(rest => Enumerable.Range(0, n).Select(k => rest.Take(k).Append(n - 1).Concat(rest.Skip(k)).ToArray()));

    // Point sets: the exhaustive minimum over matchings of the mean matched distance.
    private static double PointsReference(double[] a, double[] b, int n, int d)
    {
        double Dist(int i, int k) => Math.Sqrt(Enumerable.Range(0, d).Sum(c => (a[i * d + c] - b[k * d + c]) * (a[i * d + c] - b[k * d + c])));
        return Permutations(n).Min(s => Enumerable.Range(0, n).Sum(i => Dist(i, s[i]))) / n;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public void Histograms_match_the_cdf_definition_with_gradients(int k)
    {
        double[] p = Check.Uniform(k, seed: k, 0.1, 3), q = Check.Uniform(k, seed: k + 1, 0.1, 3), dp = new double[k], dq = new double[k];
        double expected = HistogramReference(p, q);
        Check.Close(expected, D.EarthMovers(p, q, dp, dq), 1e-13, "loss");
        Check.Close(expected, D.EarthMovers(p, q), 1e-13, "forward-only loss");
        Check.Close(Check.FiniteDifferences(x => HistogramReference(x, q), p), dp, 1e-7, "dp");
        Check.Close(Check.FiniteDifferences(x => HistogramReference(p, x), q), dq, 1e-7, "dq");

        float[] pf = Check.ToFloat(p), qf = Check.ToFloat(q), dpf = new float[k], dqf = new float[k];
        double expectedF = HistogramReference(Check.ToDouble(pf), Check.ToDouble(qf));
        Check.Close(expectedF, D.EarthMovers(pf, qf, dpf, dqf), 1e-5, "float loss");
        Check.Close(expectedF, D.EarthMovers(pf, qf), 1e-5, "float forward-only loss");
        Check.Close(dp, dpf, 1e-5, "float dp");
        Check.Close(dq, dqf, 1e-5, "float dq");
    }

    [Fact]
    public void Point_masses_are_at_their_bin_distance()
    {
        Assert.Equal(3, D.EarthMovers(new double[] { 2, 0, 0, 0 }, new double[] { 0, 0, 0, 7 }), 14);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    public void Point_sets_match_the_exhaustive_matching_with_gradients(int n, int d)
    {
        double[] a = Check.Normal(n * d, seed: 70 + n), b = Check.Normal(n * d, seed: 80 + n), da = new double[n * d], db = new double[n * d];
        var ta = new ReadOnlyTensorSpan<double>(a, [n, d], default);
        var tb = new ReadOnlyTensorSpan<double>(b, [n, d], default);
        double expected = PointsReference(a, b, n, d);
        Check.Close(expected, D.EarthMovers(ta, tb, new TensorSpan<double>(da, [n, d], default), new TensorSpan<double>(db, [n, d], default)), 1e-13, "loss");
        Check.Close(expected, D.EarthMovers(ta, tb), 1e-13, "forward-only loss");
        Check.Close(Check.FiniteDifferences(x => PointsReference(x, b, n, d), a), da, 1e-7, "da");
        Check.Close(Check.FiniteDifferences(x => PointsReference(a, x, n, d), b), db, 1e-7, "db");

        float[] af = Check.ToFloat(a), bf = Check.ToFloat(b), daf = new float[n * d], dbf = new float[n * d];
        var fa = new ReadOnlyTensorSpan<float>(af, [n, d], default);
        var fb = new ReadOnlyTensorSpan<float>(bf, [n, d], default);
        double expectedF = PointsReference(Check.ToDouble(af), Check.ToDouble(bf), n, d);
        Check.Close(expectedF, D.EarthMovers(fa, fb, new TensorSpan<float>(daf, [n, d], default), new TensorSpan<float>(dbf, [n, d], default)), 1e-5, "float loss");
        Check.Close(expectedF, D.EarthMovers(fa, fb), 1e-5, "float forward-only loss");
        Check.Close(da, daf, 1e-4, "float da");
        Check.Close(db, dbf, 1e-4, "float db");
    }

    [Fact]
    public void Bad_histograms_and_point_sets_are_refused()
    {
        var negative = Assert.ThrowsAny<ArgumentException>(() => D.EarthMovers(new double[] { 1, -1 }, new double[] { 1, 1 }));
        Assert.Equal("p", negative.ParamName);
        var length = Assert.ThrowsAny<ArgumentException>(() => D.EarthMovers(new double[] { 1, 1 }, new double[] { 1, 1, 1 }));
        Assert.Equal("q", length.ParamName);
        var shape = Assert.ThrowsAny<ArgumentException>(() => D.EarthMovers(new ReadOnlyTensorSpan<double>(new double[4], [2, 2], default), new ReadOnlyTensorSpan<double>(new double[6], [3, 2], default)));
        Assert.Equal("b", shape.ParamName);
    }
}
