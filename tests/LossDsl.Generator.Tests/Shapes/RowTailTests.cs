using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;

namespace LossDsl.Generator.Tests.Shapes;

public delegate T ColumnExtremesFn<T>(ReadOnlyTensorSpan<T> x, ReadOnlyTensorSpan<T> t, TensorSpan<T> dx);

public delegate T RowReductionFn<T>(ReadOnlyTensorSpan<T> x, TensorSpan<T> dx);

/// <summary>
/// A row of C columns is walked in whole vectors and finished by one vector that ends at column C, overlapping columns
/// already done, with those lanes masked off (VectorTails). Every C from 1 to 40 is run, so each remainder of each
/// vector width (2 to 16 lanes) occurs, and each kind of work a column loop does is checked in the tail: a row max and
/// a row min (the masked lanes must not win), a row sum (they must not be added twice), an in-place rescaling of an
/// output written by an earlier loop (they must not be scaled twice), and column sums and maxima kept per column
/// (they must not be added or compared twice). Expected values are closed forms evaluated in double.
/// </summary>
public class RowTailTests
{
    // Column sums of x·t squared, plus each row's minimum, plus each column's maximum:
    // L = Σⱼ (Σᵢ xᵢⱼ tᵢⱼ)² + Σᵢ minⱼ xᵢⱼ + Σⱼ maxᵢ xᵢⱼ.
    private const string Extremes = "sum(col_sum(x * t)^2) + sum(row_min(x)) + sum(col_max(x))";

    private static readonly string Members = $$"""
        [Loss("mean(logsumexp(x) - x[y])")]
        public static partial float CeF(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);
        [Loss("mean(logsumexp(x) - x[y])")]
        public static partial double CeD(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, TensorSpan<double> dx);
        [Loss("sum(row_max(x))")]
        public static partial float RowMaxF(ReadOnlyTensorSpan<float> x, TensorSpan<float> dx);
        [Loss("{{Extremes}}")]
        public static partial float ExtremesF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t, TensorSpan<float> dx);
        [Loss("{{Extremes}}")]
        public static partial double ExtremesD(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, TensorSpan<double> dx);
        """;

    private static Type Losses => ShapedLossCompiler.Compile(Members);

    public static TheoryData<int> Columns() => new(Enumerable.Range(1, 40));

    // Row 0 has its largest and smallest logit in the last column, row 1 in the first, row 2 in the middle: a masked
    // lane that leaked into the max or the min would change the loss in one of them.
    private static double[,] Logits(int n, int c)
    {
        var random = new Random(1000 + c);
        var x = new double[n, c];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                x[i, j] = Math.Round(random.NextDouble() * 4 - 2, 3);
            }
        }

        x[0, c - 1] = 3;
        x[1, 0] = 3;
        x[2, c / 2] = 3;
        x[3, c - 1] = -3;
        return x;
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Cross_entropy_is_exact_for_every_row_length(int c)
    {
        const int n = 5;
        double[,] x = Logits(n, c);
        int[] y = Enumerable.Range(0, n).Select(i => (3 * i + 1) % c).ToArray();

        // PyTorch's definition in double: loss = mean(logsumexp(xᵢ) − xᵢ,yᵢ); dx = (softmax(xᵢ) − onehot(yᵢ)) / N.
        double expected = 0;
        var expectedDx = new double[n * c];
        for (int i = 0; i < n; i++)
        {
            double m = Enumerable.Range(0, c).Max(j => x[i, j]);
            double s = Enumerable.Range(0, c).Sum(j => Math.Exp(x[i, j] - m));
            expected += (m + Math.Log(s) - x[i, y[i]]) / n;
            for (int j = 0; j < c; j++)
            {
                expectedDx[i * c + j] = (Math.Exp(x[i, j] - m) / s - (j == y[i] ? 1 : 0)) / n;
            }
        }

        double[] xd = x.Cast<double>().ToArray();
        var dxD = new double[n * c];
        double lossD = Losses.Get<CrossEntropyFn<double>>("CeD")(new ReadOnlyTensorSpan<double>(xd, [n, c], default), y, new TensorSpan<double>(dxD, [n, c], default));
        Assert.True(Math.Abs(lossD - expected) <= 1e-14 * Math.Max(1, expected), $"C = {c}: double loss {lossD:R}, expected {expected:R}");
        AssertClose(expectedDx, dxD, 1e-15, $"C = {c}, double");

        float[] xf = xd.Select(v => (float)v).ToArray();
        var dxF = new float[n * c];
        float lossF = Losses.Get<CrossEntropyFn<float>>("CeF")(new ReadOnlyTensorSpan<float>(xf, [n, c], default), y, new TensorSpan<float>(dxF, [n, c], default));
        Assert.True(Math.Abs(lossF - expected) <= 1e-6 * Math.Max(1, expected), $"C = {c}: float loss {lossF:R}, expected {expected:R}");
        AssertClose(expectedDx, dxF.Select(v => (double)v).ToArray(), 1e-6, $"C = {c}, float");
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Column_sums_and_extremes_are_exact_for_every_row_length(int c)
    {
        const int n = 4;
        double[,] x = Logits(n, c);
        var random = new Random(c);
        double[,] t = new double[n, c];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                t[i, j] = Math.Round(random.NextDouble() * 2 - 1, 3);
            }
        }

        // L = Σⱼ Sⱼ² + Σᵢ minⱼ xᵢⱼ + Σⱼ maxᵢ xᵢⱼ with Sⱼ = Σᵢ xᵢⱼ tᵢⱼ;
        // ∂L/∂xᵢⱼ = 2 Sⱼ tᵢⱼ + [xᵢⱼ is row i's minimum] + [xᵢⱼ is column j's maximum] (the extremes are unique here).
        double expected = 0;
        var expectedDx = new double[n * c];
        var columnSum = new double[c];
        for (int j = 0; j < c; j++)
        {
            columnSum[j] = Enumerable.Range(0, n).Sum(i => x[i, j] * t[i, j]);
            double max = Enumerable.Range(0, n).Max(i => x[i, j]);
            expected += columnSum[j] * columnSum[j] + max;
            for (int i = 0; i < n; i++)
            {
                expectedDx[i * c + j] += 2 * columnSum[j] * t[i, j] + (x[i, j] == max ? 1.0 / Enumerable.Range(0, n).Count(k => x[k, j] == max) : 0);
            }
        }

        for (int i = 0; i < n; i++)
        {
            double min = Enumerable.Range(0, c).Min(j => x[i, j]);
            expected += min;
            int ties = Enumerable.Range(0, c).Count(j => x[i, j] == min);
            for (int j = 0; j < c; j++)
            {
                expectedDx[i * c + j] += x[i, j] == min ? 1.0 / ties : 0;
            }
        }

        double[] xd = x.Cast<double>().ToArray(), td = t.Cast<double>().ToArray();
        var dxD = new double[n * c];
        double lossD = Losses.Get<ColumnExtremesFn<double>>("ExtremesD")(new ReadOnlyTensorSpan<double>(xd, [n, c], default), new ReadOnlyTensorSpan<double>(td, [n, c], default), new TensorSpan<double>(dxD, [n, c], default));
        Assert.True(Math.Abs(lossD - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"C = {c}: double loss {lossD:R}, expected {expected:R}");
        AssertClose(expectedDx, dxD, 1e-12, $"C = {c}, double");

        float[] xf = xd.Select(v => (float)v).ToArray(), tf = td.Select(v => (float)v).ToArray();
        var dxF = new float[n * c];
        float lossF = Losses.Get<ColumnExtremesFn<float>>("ExtremesF")(new ReadOnlyTensorSpan<float>(xf, [n, c], default), new ReadOnlyTensorSpan<float>(tf, [n, c], default), new TensorSpan<float>(dxF, [n, c], default));
        Assert.True(Math.Abs(lossF - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"C = {c}: float loss {lossF:R}, expected {expected:R}");
        AssertClose(expectedDx, dxF.Select(v => (double)v).ToArray(), 1e-5, $"C = {c}, float");
    }

    // Cross-entropy shifts each row by its max with the CPU's max instruction, which may pass a NaN over; the sum of
    // exponentials must still carry it. So a NaN in any one column (first, last, in the masked tail, in a full vector)
    // makes the loss NaN and that row's whole gradient NaN, as PyTorch's softmax does, and leaves the other rows' exact.
    [Theory]
    [MemberData(nameof(Columns))]
    public void A_nan_in_any_column_reaches_the_loss_and_its_rows_gradient(int c)
    {
        const int n = 4;
        double[] clean = Logits(n, c).Cast<double>().ToArray();
        int[] y = Enumerable.Range(0, n).Select(i => (2 * i + 1) % c).ToArray();
        var cleanDx = new double[n * c];
        Losses.Get<CrossEntropyFn<double>>("CeD")(new ReadOnlyTensorSpan<double>(clean, [n, c], default), y, new TensorSpan<double>(cleanDx, [n, c], default));
        for (int k = 0; k < c; k++)
        {
            double[] xd = (double[])clean.Clone();
            xd[c + k] = double.NaN;
            var dxD = new double[n * c];
            double lossD = Losses.Get<CrossEntropyFn<double>>("CeD")(new ReadOnlyTensorSpan<double>(xd, [n, c], default), y, new TensorSpan<double>(dxD, [n, c], default));
            float[] xf = xd.Select(v => (float)v).ToArray();
            var dxF = new float[n * c];
            float lossF = Losses.Get<CrossEntropyFn<float>>("CeF")(new ReadOnlyTensorSpan<float>(xf, [n, c], default), y, new TensorSpan<float>(dxF, [n, c], default));
            Assert.True(double.IsNaN(lossD) && float.IsNaN(lossF), $"C = {c}, NaN in column {k}: loss {lossD:R} (double), {lossF:R} (float)");
            for (int j = 0; j < c; j++)
            {
                Assert.True(double.IsNaN(dxD[c + j]) && float.IsNaN(dxF[c + j]), $"C = {c}, NaN in column {k}: dx[1, {j}] is {dxD[c + j]:R} (double), {dxF[c + j]:R} (float)");
                foreach (int i in new[] { 0, 2, 3 })
                {
                    Assert.Equal(cleanDx[i * c + j], dxD[i * c + j]);
                }
            }
        }
    }

    // A row_max the user writes is a value, not a shift: IEEE 754's maximum, so a NaN in any column is the row's max.
    [Theory]
    [MemberData(nameof(Columns))]
    public void A_written_row_max_propagates_a_nan_from_any_column(int c)
    {
        const int n = 4;
        float[] clean = Logits(n, c).Cast<double>().Select(v => (float)v).ToArray();
        for (int k = 0; k < c; k++)
        {
            float[] x = (float[])clean.Clone();
            x[c + k] = float.NaN;
            var dx = new float[n * c];
            float loss = Losses.Get<RowReductionFn<float>>("RowMaxF")(new ReadOnlyTensorSpan<float>(x, [n, c], default), new TensorSpan<float>(dx, [n, c], default));
            Assert.True(float.IsNaN(loss), $"C = {c}, NaN in column {k}: sum of row maxima is {loss:R}");
        }
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        double scale = Math.Max(1e-300, expected.Max(Math.Abs));
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(actual[k] - expected[k]) <= tolerance * scale, $"{what}: element {k} is {actual[k]:R}, expected {expected[k]:R}");
        }
    }
}
