using System.Threading.Tasks;
using LossDsl.Analyzers.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Analyzers.Tests;

/// <summary>LD2008 ({0, 1} labels into a {-1, +1} loss) and LD2009 ({-1, +1} labels into a {0, 1} loss).</summary>
public sealed class LabelEncodingTests
{
    [Fact]
    public Task LD2008_a_literal_with_a_zero_into_every_sign_label_loss() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x1, Tensor x2)
            {
                var y = torch.tensor(new float[] { 1, 0, 1, 1 });
                return hinge_embedding_loss(x1, {|#0:y|}) + soft_margin_loss(x1, {|LD2008:y|}) + margin_ranking_loss(x1, x2, {|LD2008:y|})
                    + cosine_embedding_loss(x1, x2, {|LD2008:y|}) + SoftMarginLoss().call(x1, {|LD2008:y|});
            }
        """), Verify.Diagnostic("LD2008").WithLocation(0).WithArguments("'y'", "the literal at line 11 contains 0", "hinge_embedding_loss"));

    [Fact]
    public Task LD2008_declared_binary_labels_and_a_collection_expression() => Verify.Analyzer(Sources.LossDsl(Sources.UserLosses + """

            static float Step(float[] s, [BinaryLabels] float[] t)
            {
                ReadOnlySpan<float> u = [0f, 1f, 1f];
                return Hinge(s, {|LD2008:t|}) + Hinge(s, {|LD2008:u|});
            }
        """));

    [Fact]
    public Task Sign_labels_other_numbers_and_converted_labels_into_sign_label_losses_are_not_reported() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x)
            {
                var signs = torch.tensor(new float[] { 1, -1, 1 });
                var classes = torch.tensor(new float[] { 0, 1, 2 });
                var ones = torch.tensor(new float[] { 1, 1 });
                var binary = torch.tensor(new float[] { 0, 1, 1 });
                return hinge_embedding_loss(x, signs) + hinge_embedding_loss(x, classes) + hinge_embedding_loss(x, ones) + hinge_embedding_loss(x, binary * 2 - 1);
            }
        """));

    [Fact]
    public Task LD2009_sign_labels_into_binary_cross_entropy() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x, [LossDsl.SignLabels] Tensor s)
            {
                var y = torch.tensor(new[] { -1f, 1f, -1f });
                return binary_cross_entropy_with_logits(x, {|#0:y|}) + binary_cross_entropy(x.sigmoid(), {|LD2009:s|}) + BCEWithLogitsLoss().call(x, {|LD2009:y|});
            }
        """), Verify.Diagnostic("LD2009").WithLocation(0).WithArguments("'y'", "the literal at line 11 contains -1", "binary_cross_entropy_with_logits"));

    [Fact]
    public Task Binary_labels_into_binary_cross_entropy_are_right() => Verify.Analyzer(Sources.Torch("""
            static Tensor Step(Tensor x)
            {
                var y = torch.tensor(new[] { 0f, 1f, 0f });
                return binary_cross_entropy_with_logits(x, y) + binary_cross_entropy(x.sigmoid(), y);
            }
        """));
}
