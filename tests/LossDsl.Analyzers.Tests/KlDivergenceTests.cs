using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2006 (probabilities as the KL input), LD2007 (mean reduction of KL) and LD2012 (target space vs log_target).</summary>
public sealed class KlDivergenceTests
{
    [Fact]
    public Task LD2006_softmax_as_the_input_of_kl_div_and_KLDivLoss() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor student, Tensor teacherLogp)
            {
                var q = torch.softmax(student, 1);
                var kl = KLDivLoss(reduction: Reduction.Sum);
                return kl_div({|#0:q|}, teacherLogp, reduction: Reduction.Sum) + kl.call({|LD2006:q|}, teacherLogp);
            }
        """), Verify.Diagnostic("LD2006").WithLocation(0).WithArguments("'q'", "from torch.softmax at line 11", "kl_div"));

    [Fact]
    public Task LD2006_declared_probabilities_into_the_log_probabilities_input_of_a_divergence() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step([Probabilities] float[] q, [Probabilities] float[] p) => KlDivergence({|LD2006:q|}, p);
        """));

    [Fact]
    public Task LD2007_mean_reduction_by_default_explicitly_and_in_the_module_forms() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor logq, Tensor logp)
            {
                var a = functional.{|#0:kl_div|}(logq, logp);
                var b = kl_div(logq, logp, reduction: {|LD2007:Reduction.Mean|});
                var c = {|LD2007:KLDivLoss|}();
                var d = new TorchSharp.Modules.KLDivLoss(true, {|LD2007:Reduction.Mean|});
                var e = new {|LD2007:TorchSharp.Modules.KLDivLoss|}();
                return a + b + c.call(logq, logp) + d.call(logq, logp) + e.call(logq, logp);
            }
        """), Verify.Diagnostic("LD2007").WithLocation(0).WithArguments("kl_div"));

    [Fact]
    public Task Sum_none_and_unknown_reductions_of_KL_are_not_reported() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor logq, Tensor logp, Reduction r)
            {
                var batch = logq.size(0);
                return kl_div(logq, logp, reduction: Reduction.Sum) / batch + kl_div(logq, logp, true, Reduction.None).sum() / batch
                    + kl_div(logq, logp, reduction: r) + KLDivLoss(reduction: Reduction.Sum).call(logq, logp);
            }
        """));

    [Fact]
    public Task LD2012_probabilities_as_target_while_log_target_is_true_by_default() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor student, Tensor teacher)
            {
                var logq = student.log_softmax(1);
                var p = teacher.softmax(1);
                return kl_div(logq, {|#0:p|}, reduction: Reduction.Sum) + kl_div(logq, {|#1:p|}, log_target: true, reduction: Reduction.Sum)
                    + KLDivLoss(reduction: Reduction.Sum).call(logq, {|LD2012:p|});
            }
        """),
        Verify.Diagnostic("LD2012").WithLocation(0).WithArguments("'p'", "probabilities", "from Tensor.softmax at line 12", "kl_div", "log-probabilities", "true (TorchSharp's default, unlike PyTorch's)"),
        Verify.Diagnostic("LD2012").WithLocation(1).WithArguments("'p'", "probabilities", "from Tensor.softmax at line 12", "kl_div", "log-probabilities", "true"));

    [Fact]
    public Task LD2012_log_probabilities_as_target_while_log_target_is_false() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor logq, Tensor teacher)
            {
                var logp = teacher.log_softmax(1);
                return kl_div(logq, {|LD2012:logp|}, false, Reduction.Sum) + KLDivLoss(false, Reduction.Sum).call(logq, {|LD2012:logp|});
            }
        """));

    [Fact]
    public Task Targets_in_the_space_log_target_says_are_right() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor student, Tensor teacher, bool logTarget)
            {
                var logq = student.log_softmax(1);
                return kl_div(logq, teacher.log_softmax(1), reduction: Reduction.Sum) + kl_div(logq, teacher.softmax(1), log_target: false, reduction: Reduction.Sum)
                    + kl_div(logq, teacher.softmax(1), log_target: logTarget, reduction: Reduction.Sum);
            }
        """));
}
