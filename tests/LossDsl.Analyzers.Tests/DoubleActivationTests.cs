using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2001 (softmax before a loss that applies softmax) and LD2002 (sigmoid before a loss that applies sigmoid).</summary>
public sealed class DoubleActivationTests
{
    [Fact]
    public Task LD2001_softmax_through_a_local_into_cross_entropy_names_the_producer_and_its_line()
    {
        string source = Sources.Torch("""
                static Tensor Step(Tensor scores, Tensor y)
                {
                    var probs = torch.softmax(scores, 1);
                    return cross_entropy({|#0:probs|}, y);
                }
            """);
        return Verify.Analyzer(source, Verify.Diagnostic("LD2001").WithLocation(0)
            .WithArguments("'probs'", "from torch.softmax at line 11", "cross_entropy"));
    }

    [Fact]
    public Task LD2001_inline_tensor_softmax() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y) => cross_entropy({|LD2001:scores.softmax(1)|}, y);
        """));

    [Fact]
    public Task LD2001_functional_softmax_into_a_cross_entropy_module_created_here() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var criterion = CrossEntropyLoss();
                var p = functional.softmax(scores, 1);
                var a = criterion.call({|LD2001:p|}, y);
                return criterion.forward({|LD2001:p|}, y);
            }
        """));

    [Fact]
    public Task LD2001_softmax_module_output_survives_detach_and_device_moves() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var softmax = Softmax(1);
                var p = softmax.call(scores).detach().cpu();
                return cross_entropy({|LD2001:p|}, y);
            }
        """));

    [Fact]
    public Task LD2001_sigmoid_output_into_cross_entropy_is_reported_for_the_softmax_the_loss_applies() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y) => cross_entropy({|LD2001:torch.sigmoid(scores)|}, y);
        """));

    [Fact]
    public Task LD2001_probabilities_declared_by_a_model_and_by_a_parameter() => Verify.Analyzer(Sources.Torch("""
            [return: LossDsl.Probabilities]
            static Tensor Predict(Tensor x) => x;

            static Tensor Step(Tensor x, [LossDsl.Probabilities] Tensor q, Tensor y)
            {
                var p = Predict(x);
                return cross_entropy({|LD2001:p|}, y) + cross_entropy({|LD2001:q|}, y);
            }
        """));

    [Fact]
    public Task LD2001_a_model_whose_forward_declares_probabilities_called_through_call() => Verify.Analyzer(Verify.TorchUsings + """
        sealed class Net : Module<Tensor, Tensor>
        {
            public Net() : base("net") { }

            [return: LossDsl.Probabilities]
            public override Tensor forward(Tensor x) => x;
        }

        static class Train
        {
            static Tensor Step(Net net, Tensor x, Tensor y) => cross_entropy({|LD2001:net.call(x)|}, y);
        }
        """);

    [Fact]
    public Task LD2001_a_variable_named_probs_that_nothing_else_explains() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor probs, Tensor y) => cross_entropy({|LD2001:probs|}, y);
        """));

    [Fact]
    public Task LD2001_TensorPrimitives_SoftMax_destination_into_a_logits_parameter() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] scores, int[] t)
            {
                var p = new float[scores.Length];
                TensorPrimitives.SoftMax<float>(scores, p);
                return SoftmaxCrossEntropy({|LD2001:p|}, t);
            }
        """));

    [Fact]
    public Task LD2001_a_write_through_a_span_view_reaches_the_array() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] scores, int[] t)
            {
                var p = new float[scores.Length];
                Span<float> view = p;
                TensorPrimitives.SoftMax<float>(scores, view);
                return SoftmaxCrossEntropy({|LD2001:p|}, t);
            }
        """));

    [Fact]
    public Task Logits_log_softmax_and_log_probabilities_into_cross_entropy_are_right() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                // log_softmax is idempotent: cross-entropy of log-probabilities is the cross-entropy of the logits.
                var logp = torch.nn.functional.log_softmax(scores, 1);
                var logq = torch.softmax(scores, 1).log();
                return cross_entropy(scores, y) + cross_entropy(logp, y) + cross_entropy(logq, y);
            }
        """));

    [Fact]
    public Task Softmax_on_one_branch_only_is_unknown() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y, bool normalise)
            {
                var p = scores;
                if (normalise)
                {
                    p = torch.softmax(scores, 1);
                }

                var q = normalise ? torch.softmax(scores, 1) : scores;
                return cross_entropy(p, y) + cross_entropy(q, y);
            }
        """));

    [Fact]
    public Task Softmax_on_every_branch_is_reported() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y, bool hot)
            {
                Tensor p;
                if (hot)
                {
                    p = torch.softmax(scores * 2, 1);
                }
                else
                {
                    p = scores.softmax(1);
                }

                return cross_entropy({|LD2001:p|}, y);
            }
        """));

    [Fact]
    public Task Softmax_overwritten_before_the_loss_is_not_reported() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var p = torch.softmax(scores, 1);
                p = scores * 2;
                return cross_entropy(p, y);
            }
        """));

    [Fact]
    public Task A_loop_that_applies_softmax_at_its_end_leaves_the_start_ambiguous() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor logits, Tensor y)
            {
                var p = logits;
                var total = torch.zeros(1);
                for (int k = 0; k < 3; k++)
                {
                    total = total + cross_entropy(p, y);
                    p = torch.softmax(p, 1);
                }

                return total;
            }
        """));

    [Fact]
    public Task A_loop_that_applies_softmax_before_the_loss_is_reported_every_iteration() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor[] batches, Tensor y)
            {
                var total = torch.zeros(1);
                foreach (var x in batches)
                {
                    var p = torch.softmax(x, 1);
                    total = total + cross_entropy({|LD2001:p|}, y);
                }

                return total;
            }
        """));

    [Fact]
    public Task A_variable_a_lambda_may_reassign_is_not_followed() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var p = torch.softmax(scores, 1);
                Action reset = () => p = scores;
                reset();
                return cross_entropy(p, y);
            }
        """));

    [Fact]
    public Task A_lambda_body_is_analysed_on_its_own() => Verify.Analyzer(Sources.Torch("""
            static Func<Tensor, Tensor, Tensor> Loss() => (scores, y) =>
            {
                var p = torch.softmax(scores, 1);
                return cross_entropy({|LD2001:p|}, y);
            };
        """));

    [Fact]
    public Task Values_from_unknown_calls_and_other_methods_are_unknown() => Verify.Analyzer(Sources.Torch("""
            static Tensor Model(Tensor x) => torch.softmax(x, 1);

            static Tensor Step(Tensor x, Tensor p, Tensor y)
            {
                var q = Model(x);
                return cross_entropy(q, y) + cross_entropy(p, y);
            }
        """));

    [Fact]
    public Task LD2002_sigmoid_into_binary_cross_entropy_with_logits() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var p = torch.sigmoid(scores);
                var q = scores.sigmoid();
                return binary_cross_entropy_with_logits({|#0:p|}, y) + binary_cross_entropy_with_logits({|LD2002:q|}, y)
                    + multilabel_soft_margin_loss({|LD2002:p|}, y);
            }
        """), Verify.Diagnostic("LD2002").WithLocation(0).WithArguments("'p'", "from torch.sigmoid at line 11", "binary_cross_entropy_with_logits"));

    [Fact]
    public Task LD2002_in_place_sigmoid_and_the_module_form() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y)
            {
                var criterion = BCEWithLogitsLoss();
                scores.sigmoid_();
                return criterion.call({|LD2002:scores|}, y);
            }
        """));

    [Fact]
    public Task LD2002_TensorPrimitives_Sigmoid_into_a_logits_parameter_beside_binary_labels() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] scores, float[] t)
            {
                Span<float> p = stackalloc float[scores.Length];
                TensorPrimitives.Sigmoid<float>(scores, p);
                return SigmoidCrossEntropy({|LD2002:p|}, t);
            }
        """));

    // With probability targets a [Logits] loss may apply either activation (cross-entropy or BCE with soft targets): the
    // activation that made the value is the one applied twice, unless the parameter declares its Activation.
    private const string SoftTargetLosses = """
            static float SoftTargets([Logits] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t) => 0;
            static float DeclaredSigmoid([Logits(Activation = LogitsActivation.Sigmoid)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t) => 0;
            static float DeclaredSoftmax([Logits(Activation = LogitsActivation.Softmax)] ReadOnlySpan<float> x, [Probabilities] ReadOnlySpan<float> t) => 0;
        """;

    [Fact]
    public Task With_probability_targets_the_producer_names_the_activation_applied_twice() => Verify.Analyzer(Sources.LossDsl(SoftTargetLosses + """

            static float Step(float[] scores, float[] t)
            {
                var s = new float[scores.Length];
                TensorPrimitives.Sigmoid<float>(scores, s);
                var m = new float[scores.Length];
                TensorPrimitives.SoftMax<float>(scores, m);
                return SoftTargets({|LD2002:s|}, t) + SoftTargets({|LD2001:m|}, t);
            }
        """));

    [Fact]
    public Task A_declared_activation_decides() => Verify.Analyzer(Sources.LossDsl(SoftTargetLosses + """

            static float Step(float[] scores, float[] t)
            {
                var s = new float[scores.Length];
                TensorPrimitives.Sigmoid<float>(scores, s);
                var m = new float[scores.Length];
                TensorPrimitives.SoftMax<float>(scores, m);
                return DeclaredSigmoid({|LD2002:m|}, t) + DeclaredSoftmax({|LD2001:s|}, t) + DeclaredSigmoid(scores, t);
            }
        """));

    [Fact]
    public Task Sigmoid_into_binary_cross_entropy_is_right() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor scores, Tensor y) => binary_cross_entropy(torch.sigmoid(scores), y) + binary_cross_entropy_with_logits(scores, y);
        """));

    [Fact]
    public Task A_buffer_given_to_an_unknown_method_is_unknown_afterwards() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static void Fill(Span<float> destination) { }

            static float Step(float[] scores, int[] t)
            {
                var p = new float[scores.Length];
                TensorPrimitives.SoftMax<float>(scores, p);
                Fill(p);
                var q = new float[scores.Length];
                TensorPrimitives.SoftMax<float>(scores, q);
                q[0] = 1;
                return SoftmaxCrossEntropy(p, t) + SoftmaxCrossEntropy(q, t);
            }
        """));
}
