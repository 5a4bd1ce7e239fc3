using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2010: a sum-reduced and a mean-reduced known loss added together.</summary>
public sealed class ReductionMixTests
{
    [Fact]
    public Task LD2010_sum_and_mean_reduced_functional_losses_through_locals() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y, Tensor mu, Tensor target)
            {
                var recon = mse_loss(x, target, Reduction.Sum);
                var ce = cross_entropy(x, y);
                return {|#0:ce + recon|};
            }
        """), Verify.Diagnostic("LD2010").WithLocation(0).WithArguments("'recon'", "mse_loss with reduction Sum at line 11", "'ce'", "cross_entropy with reduction Mean at line 12"));

    [Fact]
    public Task LD2010_scaled_by_constants_inline_compound_and_module_forms() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor t)
            {
                var l1 = L1Loss(Reduction.Sum);
                var loss = {|LD2010:0.5 * mse_loss(x, t) + l1.call(x, t) / 2|};
                var total = huber_loss(x, t);
                {|LD2010:total += mse_loss(x, t, reduction: Reduction.None).sum()|};
                return loss + total;
            }
        """));

    [Fact]
    public Task LD2010_LossDsl_losses_whose_formulas_mean_and_sum() => Verify.Analyzer(Sources.LossDsl("""
            [Loss("mean((p - t)^2)")]
            private static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
            private static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t) => 0;

            [Loss("e = p - t; sum(abs(e))")]
            private static partial float SumAbs(ReadOnlySpan<float> p, ReadOnlySpan<float> t);
            private static partial float SumAbs(ReadOnlySpan<float> p, ReadOnlySpan<float> t) => 0;

            static float Step(float[] p, float[] t) => {|LD2010:Mse(p, t) + SumAbs(p, t)|};
        """));

    [Fact]
    public Task Same_reductions_normalised_sums_and_unknown_reductions_are_not_reported() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor t, Reduction r, double beta)
            {
                var batch = x.size(0);
                var sum = mse_loss(x, t, Reduction.Sum);
                var means = mse_loss(x, t) + l1_loss(x, t);
                var sums = sum + l1_loss(x, t, Reduction.Sum);
                var normalised = sum / batch + l1_loss(x, t);
                var unknown = mse_loss(x, t, r) + l1_loss(x, t);
                var weighted = beta * sum + mse_loss(x, t);
                return means * sums * normalised * unknown * weighted;
            }
        """));
}
