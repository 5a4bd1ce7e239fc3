using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2003: logits or log-probabilities into a loss that expects probabilities.</summary>
public sealed class ProbabilityInputTests
{
    [Fact]
    public Task LD2003_logits_declared_by_the_model_into_binary_cross_entropy() => Verify.Analyzer(Sources.Torch("""
            [return: LossDsl.Logits]
            static Tensor Forward(Tensor x) => x;

            static Tensor Step(Tensor x, Tensor y)
            {
                var z = Forward(x);
                return binary_cross_entropy({|#0:z|}, y);
            }
        """), Verify.Diagnostic("LD2003").WithLocation(0)
            .WithArguments("'z'", "logits", "declared [return: Logits] on 'Train.Forward'", "binary_cross_entropy"));

    [Fact]
    public Task LD2003_logits_by_name_into_a_BCELoss_module() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor logits, Tensor y)
            {
                var bce = BCELoss();
                return bce.call({|LD2003:logits|}, y);
            }
        """));

    [Fact]
    public Task LD2003_a_module_field_of_the_BCELoss_type_is_a_sink_too() => Verify.Analyzer(Sources.Torch("""
            static readonly TorchSharp.Modules.BCELoss Criterion = BCELoss();

            static Tensor Step(Tensor logits, Tensor y) => Criterion.call({|LD2003:logits|}, y);
        """));

    [Fact]
    public Task LD2003_log_probabilities_into_binary_cross_entropy() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y) => binary_cross_entropy({|#0:functional.logsigmoid(x)|}, y);
        """), Verify.Diagnostic("LD2003").WithLocation(0)
            .WithArguments("The argument", "log-probabilities", "from functional.logsigmoid at line 9", "binary_cross_entropy"));

    [Fact]
    public Task LD2003_declared_logits_into_a_probabilities_parameter() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step([Logits] float[] z, float[] t) => BinaryCrossEntropy({|LD2003:z|}, t);
        """));

    [Fact]
    public Task Probabilities_and_unknown_values_into_binary_cross_entropy_are_not_reported() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor z, Tensor y, Tensor logits)
            {
                var p = torch.sigmoid(x);
                return binary_cross_entropy(p, y) + binary_cross_entropy(z, y) + binary_cross_entropy_with_logits(logits, y);
            }
        """));

    [Fact]
    public Task A_name_hint_gives_way_to_what_the_code_shows() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor y)
            {
                var logits = torch.sigmoid(x);
                var probs = x.log_softmax(1);
                return binary_cross_entropy(logits, y) + nll_loss(probs, y);
            }
        """));

    [Fact]
    public Task A_module_stored_as_the_generic_Module_type_is_not_followed() => Verify.Analyzer(Sources.Torch("""
            static readonly Module<Tensor, Tensor, Tensor> Criterion = BCELoss();

            static Tensor Step(Tensor logits, Tensor y) => Criterion.call(logits, y);
        """));
}
