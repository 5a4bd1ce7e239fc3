using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;
using D = LossDsl.Losses.Distances;

namespace LossDsl.Runtime.Tests.Catalog;

[Covers(nameof(D.Chamfer))]
public class ChamferTests
{
    private static double SqDist(double[] a, int i, double[] b, int k, int d) =>
        Enumerable.Range(0, d).Sum(c => (a[i * d + c] - b[k * d + c]) * (a[i * d + c] - b[k * d + c]));

    // The definition: the mean over a of the squared distance to the nearest point of b, plus the same from b to a.
    private static double Reference(double[] a, double[] b, int n, int m, int d) =>
        Enumerable.Range(0, n).Average(i => Enumerable.Range(0, m).Min(k => SqDist(a, i, b, k, d))) +
        Enumerable.Range(0, m).Average(k => Enumerable.Range(0, n).Min(i => SqDist(a, i, b, k, d)));

    private static ReadOnlyTensorSpan<T> In<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    private static TensorSpan<T> Out<T>(T[] x, int rows, int cols) => new(x, [rows, cols], default);

    [Theory]
    [InlineData(4, 7, 3)]
    [InlineData(9, 2, 1)]
    [InlineData(13, 13, 8)]
    public void Matches_the_definition_with_gradients_in_float_and_double(int n, int m, int d)
    {
        double[] a = Check.Normal(n * d, seed: n), b = Check.Normal(m * d, seed: 100 + m);
        double expected = Reference(a, b, n, m, d);
        double[] da = new double[n * d], db = new double[m * d];
        Check.Close(expected, D.Chamfer(In(a, n, d), In(b, m, d), Out(da, n, d), Out(db, m, d)), 1e-13, "loss");
        Check.Close(expected, D.Chamfer(In(a, n, d), In(b, m, d)), 1e-13, "forward-only loss");
        Check.Close(Check.FiniteDifferences(x => Reference(x, b, n, m, d), a), da, 1e-7, "da");
        Check.Close(Check.FiniteDifferences(x => Reference(a, x, n, m, d), b), db, 1e-7, "db");

        float[] af = Check.ToFloat(a), bf = Check.ToFloat(b), daf = new float[n * d], dbf = new float[m * d];
        double[] ar = Check.ToDouble(af), br = Check.ToDouble(bf);
        double expectedF = Reference(ar, br, n, m, d);
        Check.Close(expectedF, D.Chamfer(In(af, n, d), In(bf, m, d), Out(daf, n, d), Out(dbf, m, d)), 1e-5, "float loss");
        Check.Close(expectedF, D.Chamfer(In(af, n, d), In(bf, m, d)), 1e-5, "float forward-only loss");
        Check.Close(Check.FiniteDifferences(x => Reference(x, br, n, m, d), ar), daf, 1e-4, "float da");
        Check.Close(Check.FiniteDifferences(x => Reference(ar, x, n, m, d), br), dbf, 1e-4, "float db");
    }

    [Fact]
    public void A_worked_example()
    {
        // a = {(0, 0), (2, 0)}, b = {(0, 1)}: from a, squared distances 1 and 5 (mean 3); from b, its nearest is a₀ at 1.
        double[] a = [0, 0, 2, 0], b = [0, 1], da = new double[4], db = new double[2];
        Assert.Equal(4, D.Chamfer(In(a, 2, 2), In(b, 1, 2), Out(da, 2, 2), Out(db, 1, 2)), 14);
        // da₀ = ½·2(a₀ − b₀) + 2(a₀ − b₀) = (0, −3); da₁ = ½·2(a₁ − b₀) = (2, −1); db₀ = −(da₀ + da₁) = (−2, 4).
        Assert.Equal([0, -3, 2, -1], da);
        Assert.Equal([-2, 4], db);
    }

    [Fact]
    public void A_tied_nearest_neighbour_shares_its_gradient()
    {
        // b₀ = (0, 0) is equally near a₀ = (−1, 0) and a₁ = (1, 0): its term (distance² 1) splits its gradient evenly.
        double[] a = [-1, 0, 1, 0], b = [0, 0], da = new double[4], db = new double[2];
        Assert.Equal(2, D.Chamfer(In(a, 2, 2), In(b, 1, 2), Out(da, 2, 2), Out(db, 1, 2)), 14);
        // From a: each ‖aᵢ − b₀‖²/2 gives (aᵢ − b₀); from b: ½·2(aᵢ − b₀) to each of the two tied points.
        Assert.Equal([-2, 0, 2, 0], da);
        Assert.Equal([0, 0], db);
    }

    [Fact]
    public void Point_sets_of_different_dimension_are_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => D.Chamfer(In(new double[6], 3, 2), In(new double[6], 2, 3)));
        Assert.Equal("b", e.ParamName);
        var g = Assert.ThrowsAny<ArgumentException>(() => D.Chamfer(In(new double[6], 3, 2), In(new double[4], 2, 2), Out(new double[6], 3, 2), Out(new double[6], 3, 2)));
        Assert.Equal("db", g.ParamName);
    }
}
