using System;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

/// <summary>
/// A pairwise matrix consumed row by row in one pass (InfoNCE, batch-hard triplet) is never stored: each row is made
/// into an M-element buffer, used and differentiated in turn. One whose column reductions need a later pass (Chamfer's
/// col_min) is still materialized. Values and gradients of both kinds are checked against closed forms in
/// PairwiseLossTests; these tests check the memory.
/// </summary>
public class PairwiseStreamingTests
{
    private const string Members = """
        [Loss("s = cosine_sim(a, b) / t; mean(logsumexp(s) - row_sum(where(eye(), s, 0)))")]
        public static partial float InfoNce(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t);
        [Loss("mean(row_min(sqdist(a, b))) + mean(col_min(sqdist(a, b)))")]
        public static partial float Chamfer(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db);
        """;

    private static Type Compiled => ShapedLossCompiler.Compile(Members);

    // Bytes the calling thread allocates in one call with sizes no other test uses, so every pooled buffer is new.
    private static long FirstCallBytes(Action call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void A_matrix_used_row_by_row_is_never_stored()
    {
        // N = M = 1531: the cosine matrix and its adjoint would be 2 · 1531² floats, 18.7 MB.
        const int n = 1531, d = 8;
        float[] a = As<float>(Normal(n * d, seed: 1)), b = As<float>(Normal(n * d, seed: 2)), da = new float[n * d], db = new float[n * d];
        var f = Compiled.Get<TwoViewGradientFloat>("InfoNce");
        long bytes = FirstCallBytes(() => f(new ReadOnlyTensorSpan<float>(a, [n, d], default), new ReadOnlyTensorSpan<float>(b, [n, d], default),
            new TensorSpan<float>(da, [n, d], default), new TensorSpan<float>(db, [n, d], default), 0.1f));
        Assert.True(bytes < 256 * 1024, $"InfoNCE allocated {bytes} bytes; a stored matrix would be {2L * n * n * sizeof(float)}");
        Assert.All(da, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_matrix_whose_columns_need_a_second_pass_is_stored()
    {
        const int n = 1201, m = 1187, d = 3;
        float[] a = As<float>(Normal(n * d, seed: 3)), b = As<float>(Normal(m * d, seed: 4)), da = new float[n * d], db = new float[m * d];
        var f = Compiled.Get<TwoSetGradientFloat>("Chamfer");
        long bytes = FirstCallBytes(() => f(new ReadOnlyTensorSpan<float>(a, [n, d], default), new ReadOnlyTensorSpan<float>(b, [m, d], default),
            new TensorSpan<float>(da, [n, d], default), new TensorSpan<float>(db, [m, d], default)));
        Assert.True(bytes >= 2L * n * m * sizeof(float), $"Chamfer allocated {bytes} bytes, less than its matrix and adjoint");
    }

    [Fact]
    public void The_explanation_says_which_matrices_are_streamed()
    {
        GeneratorRun run = ShapedLossCompiler.Run(Members);
        string infoNce = run.Sources.Single(s => s.Key.Contains(".InfoNce.", StringComparison.Ordinal)).Value;
        string chamfer = run.Sources.Single(s => s.Key.Contains(".Chamfer.", StringComparison.Ordinal)).Value;
        Assert.Contains("makes each row of cosine_sim(a, b) as it goes, never storing the whole matrix", infoNce, StringComparison.Ordinal);
        Assert.DoesNotContain("never storing", chamfer, StringComparison.Ordinal);
        Assert.Contains("RentMatrices<float>(__n, __m, 2)", chamfer, StringComparison.Ordinal);
    }
}
