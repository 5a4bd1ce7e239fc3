using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2005 (probabilities where log-probabilities are expected) and LD2011 (logits there).</summary>
public sealed class LogProbabilityInputTests
{
    [Fact]
    public Task LD2005_softmax_into_nll_loss_NLLLoss_and_ctc_loss() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y, Tensor targets, Tensor inputLengths, Tensor targetLengths)
            {
                var p = torch.softmax(x, 1);
                var nll = NLLLoss();
                return nll_loss({|#0:p|}, y) + nll.call({|LD2005:p|}, y) + ctc_loss({|LD2005:x.softmax(2)|}, targets, inputLengths, targetLengths);
            }
        """), Verify.Diagnostic("LD2005").WithLocation(0).WithArguments("'p'", "from torch.softmax at line 11", "nll_loss"));

    [Fact]
    public Task LD2005_TensorPrimitives_SoftMax_into_a_log_probabilities_parameter() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] x, int[] t)
            {
                var p = new float[x.Length];
                TensorPrimitives.SoftMax<float>(x, p);
                return NegativeLogLikelihood({|LD2005:p|}, t);
            }
        """));

    [Fact]
    public Task Log_of_probabilities_is_log_probabilities() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] x, int[] t)
            {
                var p = new float[x.Length];
                TensorPrimitives.SoftMax<float>(x, p);
                TensorPrimitives.Log<float>(p, p);
                return NegativeLogLikelihood(p, t);
            }
        """));

    [Fact]
    public Task Log_softmax_and_the_log_of_a_softmax_into_nll_loss_are_right() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y) => nll_loss(x.log_softmax(1), y) + nll_loss(torch.log(torch.softmax(x, 1)), y) + nll_loss(functional.log_softmax(x, 1), y);
        """));

    [Fact]
    public Task LD2011_logits_into_nll_loss() => Verify.Analyzer(Sources.Torch("""
            [return: LossDsl.Logits]
            static Tensor Forward(Tensor x) => x;

            static Tensor Step(Tensor x, Tensor y, Tensor logits)
            {
                var z = Forward(x);
                return nll_loss({|#0:z|}, y) + NLLLoss().call({|LD2011:logits|}, y);
            }
        """), Verify.Diagnostic("LD2011").WithLocation(0).WithArguments("'z'", "declared [return: Logits] on 'Train.Forward'", "nll_loss"));

    [Fact]
    public Task LD2011_declared_logits_into_a_log_probabilities_parameter() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step([Logits] float[] z, int[] t) => NegativeLogLikelihood({|LD2011:z|}, t);
        """));
}
