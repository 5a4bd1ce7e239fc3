using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2004: one-hot rows where class indices are expected.</summary>
public sealed class ClassTargetTests
{
    [Fact]
    public Task LD2004_one_hot_into_cross_entropy_and_nll_targets() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor labels)
            {
                var target = one_hot(labels, 10);
                return cross_entropy(x, {|#0:target|}) + nll_loss(x.log_softmax(1), {|LD2004:target|}) + NLLLoss().call(x.log_softmax(1), {|LD2004:one_hot(labels)|});
            }
        """), Verify.Diagnostic("LD2004").WithLocation(0).WithArguments("'target'", "from functional.one_hot at line 11", "cross_entropy"));

    [Fact]
    public Task LD2004_declared_one_hot_rows_into_a_class_indices_parameter() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] x, [OneHot] float[] t) => SparseCrossEntropy(x, {|LD2004:t|});
        """));

    [Fact]
    public Task Float_one_hot_rows_are_class_probabilities_which_cross_entropy_accepts() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor labels, [LossDsl.OneHot] Tensor declared)
            {
                var soft = one_hot(labels, 10).to_type(ScalarType.Float32);
                return cross_entropy(x, soft) + cross_entropy(x, one_hot(labels).@float()) + cross_entropy(x, declared);
            }
        """));

    [Fact]
    public Task Indices_and_argmax_results_are_class_indices() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, Tensor teacher, Tensor labels)
            {
                var pseudo = teacher.argmax(1);
                return cross_entropy(x, labels) + cross_entropy(x, pseudo) + nll_loss(x.log_softmax(1), torch.argmax(teacher, 1));
            }
        """));
}
