using System;

namespace LossDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Independent references for the shaped losses (rows, classes, pairs): closed forms evaluated in double, written from
/// the definitions (PyTorch / torchvision source and docs, the seed documents), never from the generator's output.
/// </summary>
/// <remarks>
/// <para>Layout conventions, shared by every method:</para>
/// <list type="bullet">
/// <item>Matrices are row-major <c>double[]</c> with explicit sizes: logits N×C are <c>x[i * c + j]</c>; embeddings
/// N×D are <c>x[i * d + k]</c>; (N, C, S) tensors (S = H·W·…, the trailing axes flattened, as PyTorch's class axis is
/// axis 1) are <c>x[(i * c + j) * s + k]</c>; boxes N×4 are <c>b[i * 4 + 0..3]</c> = (x1, y1, x2, y2).</item>
/// <item>Class indices are <c>int[]</c>. Out-of-range indices (other than an ignore index) throw
/// <see cref="ArgumentOutOfRangeException"/> naming the argument and the sample, as PyTorch's "Target k is out of
/// bounds".</item>
/// <item>Where PyTorch has <c>reduction</c>, a method <c>XxxPerSample</c> returns the <c>reduction='none'</c> output
/// and <c>Xxx(..., Reduction)</c> returns the reduced scalar (<see cref="Reduction.None"/> is rejected there).</item>
/// <item>Every log-sum-exp is max-subtracted and every log-sigmoid / softplus uses the |x| form, so the references
/// stay finite for logits of ±1e4 (see the self-tests).</item>
/// </list>
/// The file is split by family: <c>Reference/ShapedReference.Classification.cs</c>, <c>.Embedding.cs</c>,
/// <c>.Segmentation.cs</c>, <c>.FiniteDifference.cs</c>.
/// </remarks>
public static partial class ShapedReference
{
    /// <summary>
    /// PyTorch's <c>reduction</c> argument. Nested here (not a namespace-level type) so it never competes with a
    /// runtime <c>LossDsl.Reduction</c> in a test file that imports both namespaces.
    /// </summary>
    public enum Reduction
    {
        /// <summary><c>'none'</c>: per-sample (per-element) values; use the <c>PerSample</c> methods.</summary>
        None,

        /// <summary><c>'mean'</c>.</summary>
        Mean,

        /// <summary><c>'sum'</c>.</summary>
        Sum,

        /// <summary><c>'batchmean'</c> (<c>kl_div</c> only): the sum divided by the batch size.</summary>
        BatchMean,
    }

    /// <summary>PyTorch's default <c>ignore_index</c> (<c>-100</c>) for <c>cross_entropy</c> and <c>nll_loss</c>.</summary>
    public const int DefaultIgnoreIndex = -100;

    /// <summary>
    /// log(1 + x), accurate for small |x|. .NET's <c>double.LogP1</c> is computed as <c>Log(x + 1)</c> and loses the
    /// low digits, so a reference cannot use it; this is the classic correction log(u)·x/(u − 1) with u = 1 + x
    /// (Goldberg, "What every computer scientist should know about floating-point arithmetic", theorem 4).
    /// </summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1, accurate for small |x| (Kahan's correction (u − 1)·x / log(u) with u = exp(x)).</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        if (um1 == -1)
        {
            return -1;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        return um1 * x / Math.Log(u);
    }

    /// <summary>softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(−|x|)); finite and exact to rounding for all x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>log(sigmoid(x)) = −softplus(−x).</summary>
    public static double LogSigmoid(double x) => -Softplus(-x);

    /// <summary>sigmoid(x) without overflow: 1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) otherwise.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>
    /// BCE with logits for one element, as PyTorch's <c>binary_cross_entropy_with_logits</c> (no weights):
    /// max(x, 0) − x·t + log1p(exp(−|x|)) (aten/src/ATen/native/Loss.cpp, <c>binary_cross_entropy_with_logits</c>).
    /// </summary>
    public static double BceWithLogits(double x, double t) => Math.Max(x, 0) - (x * t) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>
    /// log Σ exp(row) = m + log1p(Σ_{j ≠ argmax} exp(x_j − m)) with m the largest entry. All −∞ gives −∞; a +∞ entry
    /// gives +∞; a NaN gives NaN; an empty row gives −∞. Use <see cref="NegativeLogSoftmax"/> for lse − x_j: it keeps
    /// the digits this sum loses when one logit dominates.
    /// </summary>
    public static double LogSumExp(ReadOnlySpan<double> row)
    {
        (double max, double log1pRest) = LogSumExpParts(row);
        return max + log1pRest;
    }

    /// <summary>
    /// −log_softmax(row)_j = lse − x_j, evaluated as (m − x_j) + log1p(Σ_{k ≠ argmax} exp(x_k − m)): for a row dominated
    /// by its target, e.g. (40, 0) with j = 0, this is log1p(e^−40) ≈ 4.25e-18, where (m + log1p(…)) − x_j would round
    /// to 0.
    /// </summary>
    public static double NegativeLogSoftmax(ReadOnlySpan<double> row, int j) => NegativeLogSoftmax(LogSumExpParts(row), row[j]);

    /// <summary>
    /// lse − x_j from a row's <see cref="LogSumExpParts"/> computed once (so a loop over the row's entries stays O(C)).
    /// </summary>
    public static double NegativeLogSoftmax((double Max, double Log1pRest) parts, double xj) =>
        double.IsFinite(parts.Max) ? (parts.Max - xj) + parts.Log1pRest : parts.Max - xj;

    /// <summary>(m, log1p(Σ_{j ≠ argmax} exp(x_j − m))) for a row; (±∞ or NaN, 0) in the degenerate cases.</summary>
    public static (double Max, double Log1pRest) LogSumExpParts(ReadOnlySpan<double> row)
    {
        int argmax = -1;
        double max = double.NegativeInfinity;
        for (int j = 0; j < row.Length; j++)
        {
            if (double.IsNaN(row[j]))
            {
                return (double.NaN, 0);
            }

            if (argmax < 0 || row[j] > max)
            {
                max = row[j];
                argmax = j;
            }
        }

        if (argmax < 0 || double.IsInfinity(max))
        {
            return (max, 0);
        }

        double rest = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (j != argmax)
            {
                rest += Math.Exp(row[j] - max);
            }
        }

        return (max, Log1p(rest));
    }

    /// <summary>Row-wise log_softmax of an N×C matrix: x − logsumexp(row).</summary>
    public static double[] LogSoftmax(double[] x, int n, int c)
    {
        CheckMatrix(x, n, c, nameof(x));
        var result = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(i * c, c);
            var parts = LogSumExpParts(row);
            for (int j = 0; j < c; j++)
            {
                result[(i * c) + j] = -NegativeLogSoftmax(parts, row[j]);
            }
        }

        return result;
    }

    /// <summary>Row-wise softmax of an N×C matrix: exp(x − logsumexp(row)).</summary>
    public static double[] Softmax(double[] x, int n, int c)
    {
        double[] result = LogSoftmax(x, n, c);
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = Math.Exp(result[k]);
        }

        return result;
    }

    /// <summary>
    /// PyTorch's <c>apply_loss_reduction</c> (aten/src/ATen/native/Loss.cpp): the mean (NaN when empty, as the mean of
    /// an empty tensor) or the sum of per-sample values.
    /// </summary>
    public static double Reduce(double[] perSample, Reduction reduction)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        double sum = 0;
        foreach (double v in perSample)
        {
            sum += v;
        }

        return reduction switch
        {
            Reduction.Mean => sum / perSample.Length,
            Reduction.Sum => sum,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Only Mean and Sum reduce to a scalar here; use the PerSample method for None."),
        };
    }

    /// <summary>Euclidean norm of a − b (no eps), the distance of <c>torch.cdist(p=2)</c>.</summary>
    public static double EuclideanDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Math.Sqrt(SquaredDistance(a, b));

    /// <summary>Σ (a_k − b_k)².</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Rows have different lengths ({a.Length} and {b.Length}).", nameof(b));
        }

        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double e = a[k] - b[k];
            s += e * e;
        }

        return s;
    }

    internal static void CheckMatrix(double[] x, int rows, int cols, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (rows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"The row count for {name} must be non-negative.");
        }

        if (cols < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(cols), cols, $"The column count for {name} must be at least 1.");
        }

        if (x.Length != (long)rows * cols)
        {
            throw new ArgumentException($"{name} has {x.Length} elements; expected {rows}×{cols} = {(long)rows * cols}.", name);
        }
    }

    internal static void CheckLength<T>(T[] x, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Length != length)
        {
            throw new ArgumentException($"{name} has {x.Length} elements; expected {length}.", name);
        }
    }

    internal static void CheckScalarReduction(Reduction reduction, bool allowBatchMean = false)
    {
        if (reduction == Reduction.Mean || reduction == Reduction.Sum || (allowBatchMean && reduction == Reduction.BatchMean))
        {
            return;
        }

        throw new ArgumentOutOfRangeException(nameof(reduction), reduction, reduction == Reduction.None
            ? "Reduction.None has no scalar value; use the PerSample method."
            : "BatchMean is defined for kl_div only.");
    }
}
