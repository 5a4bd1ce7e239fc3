using System.Threading.Tasks;
using LossDsl.Analyzers.CodeFixes;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>Each fix: the source before, the source after (which must compile and be clean), and where it must not be offered.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Remove_an_inline_softmax() => Verify.Fix<ReplaceWithInputCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor scores, Tensor y) => cross_entropy({|LD2001:torch.softmax(scores, 1)|}, y);
            """),
        Sources.Torch("""
                static Tensor Step(Tensor scores, Tensor y) => cross_entropy(scores, y);
            """));

    [Fact]
    public Task Pass_the_logits_a_local_softmax_was_computed_from_and_leave_its_other_uses() => Verify.Fix<ReplaceWithInputCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor scores, Tensor y)
                {
                    var probs = torch.softmax(scores, 1);
                    var accuracy = probs.argmax(1);
                    return cross_entropy({|LD2001:probs|}, y);
                }
            """),
        Sources.Torch("""
                static Tensor Step(Tensor scores, Tensor y)
                {
                    var probs = torch.softmax(scores, 1);
                    var accuracy = probs.argmax(1);
                    return cross_entropy(scores, y);
                }
            """));

    [Fact]
    public Task Remove_a_sigmoid_module_and_a_TensorPrimitives_sigmoid() => Verify.Fix<ReplaceWithInputCodeFixProvider>(
        Sources.LossDsl(Sources.UserLosses + """

                static float Step(float[] scores, float[] t)
                {
                    var p = new float[scores.Length];
                    TensorPrimitives.Sigmoid<float>(scores, p);
                    return SigmoidCrossEntropy({|LD2002:p|}, t);
                }
            """),
        Sources.LossDsl(Sources.UserLosses + """

                static float Step(float[] scores, float[] t)
                {
                    var p = new float[scores.Length];
                    TensorPrimitives.Sigmoid<float>(scores, p);
                    return SigmoidCrossEntropy(scores, t);
                }
            """));

    [Fact]
    public Task Pass_the_indices_instead_of_one_hot() => Verify.Fix<ReplaceWithInputCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor x, Tensor labels) => nll_loss(x.log_softmax(1), {|LD2004:one_hot(labels, 10)|});
            """),
        Sources.Torch("""
                static Tensor Step(Tensor x, Tensor labels) => nll_loss(x.log_softmax(1), labels);
            """));

    [Fact]
    public Task No_fix_when_the_logits_changed_after_the_softmax() => Verify.NoFix<ReplaceWithInputCodeFixProvider>(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var probs = torch.softmax(scores, 1);
                scores = scores * 2;
                return cross_entropy({|LD2001:probs|}, y);
            }
        """));

    [Fact]
    public Task No_fix_when_the_softmax_came_from_different_calls_on_different_paths() => Verify.NoFix<ReplaceWithInputCodeFixProvider>(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y, bool hot)
            {
                var probs = hot ? torch.softmax(scores * 2, 1) : torch.softmax(scores, 1);
                return cross_entropy({|LD2001:probs|}, y);
            }
        """));

    [Fact]
    public Task No_fix_when_the_logits_are_out_of_scope_at_the_loss() => Verify.NoFix<ReplaceWithInputCodeFixProvider>(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y)
            {
                Tensor probs;
                {
                    var z = x * 2;
                    probs = z.softmax(1);
                }

                return cross_entropy({|LD2001:probs|}, y);
            }
        """));

    [Fact]
    public Task Use_log_softmax_for_nll_inline_and_through_a_local() => Verify.Fix<UseLogSoftmaxCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor x, Tensor y, Tensor teacher)
                {
                    var p = functional.softmax(x, 1);
                    return nll_loss({|LD2005:torch.softmax(x + 1, 1)|}, y) + nll_loss({|LD2005:p|}, y) + kl_div({|LD2006:p|}, teacher.log_softmax(1), reduction: Reduction.Sum) / x.size(0);
                }
            """),
        Sources.Torch("""
                static Tensor Step(Tensor x, Tensor y, Tensor teacher)
                {
                    var p = functional.softmax(x, 1);
                    return nll_loss((x + 1).log_softmax(1), y) + nll_loss(x.log_softmax(1), y) + kl_div(x.log_softmax(1), teacher.log_softmax(1), reduction: Reduction.Sum) / x.size(0);
                }
            """));

    [Fact]
    public Task No_log_softmax_fix_when_the_dim_is_a_variable_away_from_the_softmax() => Verify.NoFix<UseLogSoftmaxCodeFixProvider>(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y, long dim)
            {
                var p = x.softmax(dim);
                return nll_loss({|LD2005:p|}, y);
            }
        """));

    [Fact]
    public Task Switch_binary_cross_entropy_to_the_with_logits_form() => Verify.Fix<SwitchLossCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor logits, Tensor y, Tensor w)
                {
                    var bce = BCELoss(w, Reduction.Sum);
                    return functional.binary_cross_entropy({|LD2003:logits|}, y, w, Reduction.Sum) + bce.call({|LD2003:logits|}, y);
                }
            """),
        Sources.Torch("""
                static Tensor Step(Tensor logits, Tensor y, Tensor w)
                {
                    var bce = BCEWithLogitsLoss(w, reduction: Reduction.Sum);
                    return functional.binary_cross_entropy_with_logits(logits, y, w, reduction: Reduction.Sum) + bce.call(logits, y);
                }
            """));

    [Fact]
    public Task No_module_switch_when_the_module_has_other_users() => Verify.NoFix<SwitchLossCodeFixProvider>(Sources.Torch("""
            static Tensor Step(Tensor logits, Tensor y)
            {
                var bce = BCELoss();
                return bce.call({|LD2003:logits|}, y) + bce.call(logits.sigmoid(), y);
            }
        """));

    [Fact]
    public Task Switch_nll_loss_to_cross_entropy_keeping_each_argument_at_its_parameter() => Verify.Fix<SwitchLossCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor logits, Tensor y, Tensor w) => nll_loss({|LD2011:logits|}, y, w, Reduction.Sum);
            """),
        Sources.Torch("""
                static Tensor Step(Tensor logits, Tensor y, Tensor w) => cross_entropy(logits, y, w, reduction: Reduction.Sum);
            """));

    [Fact]
    public Task Switch_an_NLLLoss_module_to_CrossEntropyLoss() => Verify.Fix<SwitchLossCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor logits, Tensor y, Tensor w) => NLLLoss(w, Reduction.Sum).call({|LD2011:logits|}, y);
            """),
        Sources.Torch("""
                static Tensor Step(Tensor logits, Tensor y, Tensor w) => CrossEntropyLoss(w, reduction: Reduction.Sum).call(logits, y);
            """));

    [Fact]
    public Task Set_log_target_false_for_a_probability_target() => Verify.Fix<SetLogTargetCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor logq, Tensor teacher)
                {
                    var p = teacher.softmax(1);
                    var kl = KLDivLoss(reduction: Reduction.Sum);
                    return kl_div(logq, {|LD2012:p|}, reduction: Reduction.Sum) + kl_div(logq, {|LD2012:p|}, true, Reduction.Sum) + kl.call(logq, {|LD2012:p|});
                }
            """),
        Sources.Torch("""
                static Tensor Step(Tensor logq, Tensor teacher)
                {
                    var p = teacher.softmax(1);
                    var kl = KLDivLoss(reduction: Reduction.Sum, log_target: false);
                    return kl_div(logq, p, reduction: Reduction.Sum, log_target: false) + kl_div(logq, p, false, Reduction.Sum) + kl.call(logq, p);
                }
            """));

    [Fact]
    public Task Sum_and_divide_by_the_batch_for_kl_div() => Verify.Fix<KlBatchMeanCodeFixProvider>(
        Sources.Torch("""
                static Tensor Step(Tensor logq, Tensor logp)
                {
                    var a = {|LD2007:kl_div|}(logq, logp);
                    var b = 2 * kl_div(logq, logp, reduction: {|LD2007:Reduction.Mean|});
                    return a + b;
                }
            """),
        Sources.Torch("""
                static Tensor Step(Tensor logq, Tensor logp)
                {
                    var a = kl_div(logq, logp, reduction: Reduction.Sum) / logq.size(0);
                    var b = 2 * (kl_div(logq, logp, reduction: Reduction.Sum) / logq.size(0));
                    return a + b;
                }
            """));

    [Fact]
    public Task No_batchmean_fix_for_a_module_or_an_input_expression() => Verify.NoFix<KlBatchMeanCodeFixProvider>(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor logp) => {|LD2007:KLDivLoss|}().call(x.log_softmax(1), logp) + {|LD2007:kl_div|}(x.log_softmax(1), logp);
        """));
}
