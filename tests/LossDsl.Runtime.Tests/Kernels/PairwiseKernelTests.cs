using System;
using System.Numerics;
using LossDsl.Kernels;
using Xunit;

namespace LossDsl.Runtime.Tests.Kernels;

/// <summary>
/// The pair kernels the generated pairwise formulas call (<see cref="PairwiseRows{T}"/> row by row, and
/// <see cref="PairwiseKernels"/>' stored matrix), for every kind, float and double, at sizes that leave every remainder
/// of the tiles (3 rows of a by 4 of b, 4 output rows), of the row blocks (R = 32768 / M rounded down to a multiple of 12,
/// in [12, 36]), of the chunks over k and of the vector width (D not a multiple of 8 or 4, D below one vector). Values are
/// checked against a plain triple loop in double, gradients against the closed forms of docs/dsl.md evaluated in
/// double (checked themselves against central differences), each within a bound of a few roundings of the element type
/// per term of the sum it comes from.
/// </summary>
public class PairwiseKernelTests
{
    private static readonly int[] Counts = [0, 1, 3, 5, 8, 13, 33];
    private static readonly int[] Features = [0, 1, 3, 7, 8, 9, 31, 64, 130];

    // (N, M, D) with several row blocks and chunks over k: R = 24 at M = 1100 (blocks of 24, 24, 13), R = 12 at M = 4100
    // (12, 1), R = 36 at M = 33 (36, 4); and D below one vector with long rows (the narrow kernels along k: 3-D points,
    // M = 1037 = 4·259 + 1, and D = 7, below a float vector, with M = 70).
    private static readonly (int N, int M, int D)[] Large = [(61, 1100, 31), (13, 4100, 9), (9, 2500, 130), (40, 33, 8), (37, 1037, 3), (5, 70, 7), (6, 35, 2)];

    [Fact]
    public void Float_values_and_gradients_match_the_double_reference_at_every_remainder() => EverySize<float>();

    [Fact]
    public void Double_values_and_gradients_match_the_double_reference_at_every_remainder() => EverySize<double>();

    [Fact]
    public void The_closed_form_gradients_of_the_reference_agree_with_central_differences()
    {
        // The reference the other tests hold the kernels to, against the definition of the derivative; and the double
        // kernels' gradients directly against the differences.
        const int n = 5, m = 7, d = 9;
        double[] a = Uniform(n * d, 11), b = Uniform(m * d, 12), g = Adjoint(n * m, 13);
        foreach (PairwiseKind kind in Enum.GetValues<PairwiseKind>())
        {
            (double[] refDa, double[] refDb, _, _) = ReferenceBackward(kind, a, b, n, m, d, g);
            double[] da = new double[n * d], db = new double[m * d];
            double[] values = new double[n * m];
            PairwiseKernels.Forward<double>(kind, a, b, n, m, d, values);
            PairwiseKernels.Backward<double>(kind, a, b, n, m, d, values, g, da, db);
            foreach ((double[] x, double[] reference, double[] kernel, string name) in new[] { (a, refDa, da, "da"), (b, refDb, db, "db") })
            {
                for (int e = 0; e < x.Length; e += 4)
                {
                    double keep = x[e], h = 1e-6;
                    x[e] = keep + h;
                    double up = Loss(kind, a, b, n, m, d, g);
                    x[e] = keep - h;
                    double down = Loss(kind, a, b, n, m, d, g);
                    x[e] = keep;
                    double fd = (up - down) / (2 * h);
                    Assert.True(Math.Abs(fd - reference[e]) <= 1e-7 * (1 + Math.Abs(fd)), $"{kind} {name}[{e}]: reference {reference[e]}, differences {fd}");
                    Assert.True(Math.Abs(fd - kernel[e]) <= 1e-7 * (1 + Math.Abs(fd)), $"{kind} {name}[{e}]: kernel {kernel[e]}, differences {fd}");
                }
            }
        }
    }

    [Fact]
    public void Close_points_keep_their_squared_distance_to_a_few_roundings()
    {
        // b = a + 1e-4: ‖a‖² + ‖b‖² − 2a·b would lose about log2(‖a‖² / ‖a − b‖²) ≈ 26 bits here; the differences
        // lose none, so the float result is within a few float roundings of the exact squared distance of its inputs.
        foreach (int d in new[] { 8, 9, 31, 128, 130 })
        {
            const int n = 6, m = 6;
            float[] a = Array.ConvertAll(Uniform(n * d, d), x => (float)(x + 2));
            float[] b = Array.ConvertAll(a, x => x + 1e-4f);
            float[] sq = new float[n * m], dist = new float[n * m];
            PairwiseKernels.Forward<float>(PairwiseKind.SquaredDistance, a, b, n, m, d, sq);
            PairwiseKernels.Forward<float>(PairwiseKind.Distance, a, b, n, m, d, dist);
            double[] exact = ReferenceForward(PairwiseKind.SquaredDistance, ToDouble(a), ToDouble(b), n, m, d, out _);
            double u = Ulp<float>();
            for (int p = 0; p < n * m; p++)
            {
                Assert.True(Math.Abs(sq[p] - exact[p]) <= 4 * (d / 8 + 8) * u * exact[p], $"D={d} pair {p}: {sq[p]} against {exact[p]}");
                Assert.True(Math.Abs(dist[p] - Math.Sqrt(exact[p])) <= 4 * (d / 8 + 8) * u * Math.Sqrt(exact[p]), $"D={d} pair {p}: {dist[p]} against {Math.Sqrt(exact[p])}");
            }
        }
    }

    [Fact]
    public void Rows_in_any_order_give_the_gradients_of_rows_in_order()
    {
        // Backward in reverse and interleaved order: each block's weights are added when the block changes, so the
        // sums differ from the in-order ones by rounding only.
        const int n = 37, m = 1100, d = 31;
        float[] a = ToFloat(Uniform(n * d, 21)), b = ToFloat(Uniform(m * d, 22)), g = ToFloat(Adjoint(n * m, 23));
        foreach (PairwiseKind kind in Enum.GetValues<PairwiseKind>())
        {
            float[] values = new float[n * m], da = new float[n * d], db = new float[m * d], ordered = new float[n * d], orderedDb = new float[m * d];
            PairwiseKernels.Forward<float>(kind, a, b, n, m, d, values);
            PairwiseKernels.Backward<float>(kind, a, b, n, m, d, values, g, ordered, orderedDb);
            var rows = new PairwiseRows<float>(kind, a, b, n, m, d, withBackward: true);
            for (int s = 0; s < n; s++)
            {
                int i = s % 2 == 0 ? n - 1 - s / 2 : s / 2;
                rows.Backward(i, values.AsSpan(i * m, m), g.AsSpan(i * m, m), da, db);
            }

            rows.Finish(da, db);
            rows.Dispose();
            for (int e = 0; e < da.Length; e++)
            {
                Assert.True(Math.Abs(da[e] - ordered[e]) <= 1e-4 * (1 + Math.Abs(ordered[e])), $"{kind} da[{e}]: {da[e]} against {ordered[e]}");
            }

            for (int e = 0; e < db.Length; e++)
            {
                Assert.True(Math.Abs(db[e] - orderedDb[e]) <= 1e-4 * (1 + Math.Abs(orderedDb[e])), $"{kind} db[{e}]: {db[e]} against {orderedDb[e]}");
            }
        }
    }

    // Every path keeps part of the gradients for later rows or Finish (a block's products; the narrow rows' dB; every
    // path's βₖ bₖ), so other memory given later is refused, whichever path the CPU and D select: D = 16 is blocked
    // with AVX2, D = 3 narrow, and both go pair by pair without it (DOTNET_EnableAVX2=0).
    [Theory]
    [InlineData(16)]
    [InlineData(3)]
    public void Rows_and_Finish_refuse_gradients_other_than_the_first_rows(int d)
    {
        const int n = 3, m = 5;
        float[] a = ToFloat(Uniform(n * d, 31)), b = ToFloat(Uniform(m * d, 32)), g = ToFloat(Adjoint(n * m, 33));
        float[] values = new float[n * m], da = new float[n * d], db = new float[m * d], other = new float[n * d], otherB = new float[m * d];
        PairwiseKernels.Forward<float>(PairwiseKind.SquaredDistance, a, b, n, m, d, values);
        var rows = new PairwiseRows<float>(PairwiseKind.SquaredDistance, a, b, n, m, d, withBackward: true);
        try
        {
            rows.Backward(0, values.AsSpan(0, m), g.AsSpan(0, m), da, db);
            Assert.Equal("db", CatchBackward(ref rows, values.AsSpan(m, m), g.AsSpan(m, m), da, otherB));
            Assert.Equal("da", CatchArgument(ref rows, other, db));
            Assert.Equal("db", CatchArgument(ref rows, da, otherB));
        }
        finally
        {
            rows.Dispose();
        }
    }

    private static string? CatchBackward(ref PairwiseRows<float> rows, ReadOnlySpan<float> value, ReadOnlySpan<float> adjoint, float[] da, float[] db)
    {
        try
        {
            rows.Backward(1, value, adjoint, da, db);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.ParamName;
        }
    }

    [Fact]
    public void Nothing_is_allocated_after_the_first_call()
    {
        Run<float>(PairwiseKind.Cosine, 40, 1100, 33);
        Run<double>(PairwiseKind.Distance, 9, 300, 5);
        Run<float>(PairwiseKind.SquaredDistance, 3, 7, 2);

        static void Run<T>(PairwiseKind kind, int n, int m, int d)
            where T : IFloatingPointIeee754<T>
        {
            T[] a = Convert<T>(Uniform(n * d, 41)), b = Convert<T>(Uniform(m * d, 42)), g = Convert<T>(Adjoint(n * m, 43));
            T[] values = new T[n * m], row = new T[m], da = new T[n * d], db = new T[m * d];
            void Both()
            {
                PairwiseKernels.Forward<T>(kind, a, b, n, m, d, values);
                PairwiseKernels.Backward<T>(kind, a, b, n, m, d, values, g, da, db);
                var rows = new PairwiseRows<T>(kind, a, b, n, m, d, withBackward: true);
                for (int i = 0; i < n; i++)
                {
                    rows.Forward(i, row);
                    rows.Backward(i, row, g.AsSpan(i * m, m), da, db);
                }

                rows.Finish(da, db);
                rows.Dispose();
            }

            Both();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Both();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    private static string? CatchArgument(ref PairwiseRows<float> rows, float[] da, float[] db)
    {
        try
        {
            rows.Finish(da, db);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.ParamName;
        }
    }

    private static void EverySize<T>()
        where T : IFloatingPointIeee754<T>
    {
        int seed = 100;
        foreach (int n in Counts)
        {
            foreach (int m in Counts)
            {
                foreach (int d in Features)
                {
                    foreach (PairwiseKind kind in Enum.GetValues<PairwiseKind>())
                    {
                        Check<T>(kind, n, m, d, seed++);
                    }
                }
            }
        }

        foreach ((int n, int m, int d) in Large)
        {
            foreach (PairwiseKind kind in Enum.GetValues<PairwiseKind>())
            {
                Check<T>(kind, n, m, d, seed++);
            }
        }
    }

    // The stored and the streamed paths give the same bits; both are within the bounds of the double reference.
    private static void Check<T>(PairwiseKind kind, int n, int m, int d, int seed)
        where T : IFloatingPointIeee754<T>
    {
        string where = $"{typeof(T).Name} {kind} N={n} M={m} D={d}";
        T[] a = Convert<T>(Uniform(n * d, seed)), b = Convert<T>(Uniform(m * d, seed + 1000));
        if (kind == PairwiseKind.Cosine && n > 1 && d > 0)
        {
            // A zero row: its norm is clamped at ε and its α term is 0.
            Array.Clear(a, d, d);
        }

        if (kind == PairwiseKind.Distance && n > 0 && m > 0 && d > 0)
        {
            // A pair at distance 0: its gradient is 0.
            Array.Copy(a, 0, b, 0, d);
        }

        T[] g = Convert<T>(Adjoint(n * m, seed + 2000));
        T[] values = new T[n * m], da = new T[n * d], db = new T[m * d];
        PairwiseKernels.Forward<T>(kind, a, b, n, m, d, values);
        PairwiseKernels.Backward<T>(kind, a, b, n, m, d, values, g, da, db);

        T[] streamedValues = new T[n * m], row = new T[m], streamedDa = new T[n * d], streamedDb = new T[m * d];
        var rows = new PairwiseRows<T>(kind, a, b, n, m, d, withBackward: true);
        try
        {
            for (int i = 0; i < n; i++)
            {
                rows.Forward(i, row);
                row.CopyTo(streamedValues, i * m);
                rows.Backward(i, row, g.AsSpan(i * m, m), streamedDa, streamedDb);
            }

            rows.Finish(streamedDa, streamedDb);
        }
        finally
        {
            rows.Dispose();
        }

        Assert.True(values.AsSpan().SequenceEqual(streamedValues), $"{where}: the streamed values differ from the stored ones");
        Assert.True(da.AsSpan().SequenceEqual(streamedDa), $"{where}: the streamed da differs from the stored one");
        Assert.True(db.AsSpan().SequenceEqual(streamedDb), $"{where}: the streamed db differs from the stored one");

        double u = Ulp<T>();
        double[] ad = ToDouble(a), bd = ToDouble(b), gd = ToDouble(g);
        double[] reference = ReferenceForward(kind, ad, bd, n, m, d, out double[] scale);
        for (int p = 0; p < n * m; p++)
        {
            double v = double.CreateTruncating(values[p]);
            Assert.True(Math.Abs(v - reference[p]) <= 4 * (d + 8) * u * scale[p] + 4 * u * Math.Abs(reference[p]),
                $"{where}: pair ({p / Math.Max(m, 1)}, {p % Math.Max(m, 1)}) is {v}, the reference {reference[p]}");
        }

        (double[] refDa, double[] refDb, double[] scaleDa, double[] scaleDb) = ReferenceBackward(kind, ad, bd, n, m, d, gd);
        double bound = 16 * (Math.Max(n, m) + d + 16) * u;
        for (int e = 0; e < da.Length; e++)
        {
            double v = double.CreateTruncating(da[e]);
            Assert.True(Math.Abs(v - refDa[e]) <= bound * scaleDa[e] + 1e-300, $"{where}: da[{e}] is {v}, the reference {refDa[e]}");
        }

        for (int e = 0; e < db.Length; e++)
        {
            double v = double.CreateTruncating(db[e]);
            Assert.True(Math.Abs(v - refDb[e]) <= bound * scaleDb[e] + 1e-300, $"{where}: db[{e}] is {v}, the reference {refDb[e]}");
        }
    }

    // The matrix by its definition, and for each pair the sum of |terms| its rounding error is bounded by (over the
    // clamped norms for a cosine).
    private static double[] ReferenceForward(PairwiseKind kind, double[] a, double[] b, int n, int m, int d, out double[] scale)
    {
        double[] result = new double[n * m];
        scale = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < m; k++)
            {
                double dot = 0, absDot = 0, sq = 0;
                for (int j = 0; j < d; j++)
                {
                    double x = a[i * d + j], y = b[k * d + j];
                    dot += x * y;
                    absDot += Math.Abs(x * y);
                    sq += (x - y) * (x - y);
                }

                double clamp = Math.Max(Norm(a, i, d), PairwiseKernels.CosineEps) * Math.Max(Norm(b, k, d), PairwiseKernels.CosineEps);
                (result[i * m + k], scale[i * m + k]) = kind switch
                {
                    PairwiseKind.SquaredDistance => (sq, sq),
                    PairwiseKind.Distance => (Math.Sqrt(sq), Math.Sqrt(sq)),
                    PairwiseKind.Dot => (dot, absDot),
                    _ => (dot / clamp, absDot / clamp),
                };
            }
        }

        return result;
    }

    // docs/dsl.md's derivatives for the adjoint g, and per element the sum of |terms| (both terms of each pair's
    // contribution, since the kernels add them separately).
    private static (double[] Da, double[] Db, double[] ScaleDa, double[] ScaleDb) ReferenceBackward(PairwiseKind kind, double[] a, double[] b, int n, int m, int d, double[] g)
    {
        double[] da = new double[n * d], db = new double[m * d], sa = new double[n * d], sb = new double[m * d];
        double[] values = ReferenceForward(kind, a, b, n, m, d, out _);
        for (int i = 0; i < n; i++)
        {
            double na = Norm(a, i, d);
            for (int k = 0; k < m; k++)
            {
                double gik = g[i * m + k], nb = Norm(b, k, d);
                for (int j = 0; j < d; j++)
                {
                    double x = a[i * d + j], y = b[k * d + j];
                    (double ga, double gb, double ta, double tb) = kind switch
                    {
                        PairwiseKind.SquaredDistance => (2 * gik * (x - y), -2 * gik * (x - y), 2 * Math.Abs(gik) * (Math.Abs(x) + Math.Abs(y)), 2 * Math.Abs(gik) * (Math.Abs(x) + Math.Abs(y))),
                        PairwiseKind.Distance => values[i * m + k] == 0
                            ? (0.0, 0.0, 0.0, 0.0)
                            : (gik * (x - y) / values[i * m + k], -gik * (x - y) / values[i * m + k],
                                Math.Abs(gik) * (Math.Abs(x) + Math.Abs(y)) / values[i * m + k], Math.Abs(gik) * (Math.Abs(x) + Math.Abs(y)) / values[i * m + k]),
                        PairwiseKind.Dot => (gik * y, gik * x, Math.Abs(gik * y), Math.Abs(gik * x)),
                        _ => CosineTerms(gik, x, y, na, nb, values[i * m + k]),
                    };
                    da[i * d + j] += ga;
                    db[k * d + j] += gb;
                    sa[i * d + j] += ta;
                    sb[k * d + j] += tb;
                }
            }
        }

        return (da, db, sa, sb);
    }

    // ∂c/∂x = y / (n̂ₐ n̂ᵦ) − c x / ‖a‖² with n̂ the clamped norms, the second term 0 at or below ε (symmetrically for y).
    private static (double, double, double, double) CosineTerms(double g, double x, double y, double na, double nb, double c)
    {
        double clamp = Math.Max(na, PairwiseKernels.CosineEps) * Math.Max(nb, PairwiseKernels.CosineEps);
        double ra = na > PairwiseKernels.CosineEps ? c * x / (na * na) : 0, rb = nb > PairwiseKernels.CosineEps ? c * y / (nb * nb) : 0;
        return (g * (y / clamp - ra), g * (x / clamp - rb), Math.Abs(g) * (Math.Abs(y / clamp) + Math.Abs(ra)), Math.Abs(g) * (Math.Abs(x / clamp) + Math.Abs(rb)));
    }

    private static double Loss(PairwiseKind kind, double[] a, double[] b, int n, int m, int d, double[] g)
    {
        double[] values = ReferenceForward(kind, a, b, n, m, d, out _);
        double total = 0;
        for (int p = 0; p < values.Length; p++)
        {
            total += g[p] * values[p];
        }

        return total;
    }

    private static double Norm(double[] x, int row, int d)
    {
        double s = 0;
        for (int j = 0; j < d; j++)
        {
            s += x[row * d + j] * x[row * d + j];
        }

        return Math.Sqrt(s);
    }

    private static double[] Uniform(int count, int seed)
    {
        var rng = new Random(seed);
        double[] x = new double[count];
        for (int e = 0; e < count; e++)
        {
            x[e] = 2 * rng.NextDouble() - 1;
        }

        return x;
    }

    // An adjoint with about a fifth of its entries exactly 0 (masked-out pairs).
    private static double[] Adjoint(int count, int seed)
    {
        var rng = new Random(seed);
        double[] g = new double[count];
        for (int e = 0; e < count; e++)
        {
            g[e] = rng.Next(5) == 0 ? 0 : 2 * rng.NextDouble() - 1;
        }

        return g;
    }

    private static double Ulp<T>()
        where T : IFloatingPointIeee754<T> =>
        double.CreateTruncating(T.BitIncrement(T.One) - T.One);

    private static T[] Convert<T>(double[] x)
        where T : IFloatingPointIeee754<T> =>
        Array.ConvertAll(x, T.CreateTruncating);

    private static double[] ToDouble<T>(T[] x)
        where T : IFloatingPointIeee754<T> =>
        Array.ConvertAll(x, double.CreateTruncating);

    private static float[] ToFloat(double[] x) => Array.ConvertAll(x, v => (float)v);
}
