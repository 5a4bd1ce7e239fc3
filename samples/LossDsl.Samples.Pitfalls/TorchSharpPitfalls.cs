using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace LossDsl.Samples.Pitfalls;

// LossDsl has its own Reduction enum; inside namespace LossDsl.* it would hide TorchSharp's, so name TorchSharp's here.
using Reduction = TorchSharp.torch.nn.Reduction;

// The call-site pitfalls (LD2xxx) with TorchSharp's losses. Compiled against TorchSharp's managed assembly only: nothing
// here runs, and libtorch is not needed. Each line marked "pitfall:" is squiggled; the comment under it is the fix
// (most are offered as code fixes: put the cursor on the squiggle and open the light bulb).
public static class TorchSharpPitfalls
{
    public static Tensor DoubleSoftmax(Tensor scores, Tensor labels)
    {
        var probs = torch.softmax(scores, 1);
        return cross_entropy(probs, labels); // pitfall: LD2001
        // fixed: return cross_entropy(scores, labels);
    }

    public static Tensor DoubleSigmoid(Tensor scores, Tensor targets)
    {
        var p = torch.sigmoid(scores);
        return binary_cross_entropy_with_logits(p, targets); // pitfall: LD2002
        // fixed: return binary_cross_entropy_with_logits(scores, targets);
    }

    public static Tensor LogitsAsProbabilities(Tensor logits, Tensor targets)
    {
        return binary_cross_entropy(logits, targets); // pitfall: LD2003
        // fixed: return binary_cross_entropy_with_logits(logits, targets);
    }

    public static Tensor OneHotAsClassIndices(Tensor logits, Tensor labels)
    {
        var target = one_hot(labels, 10);
        return cross_entropy(logits, target); // pitfall: LD2004
        // fixed: return cross_entropy(logits, labels);
    }

    public static Tensor ProbabilitiesIntoNll(Tensor scores, Tensor labels)
    {
        var p = torch.softmax(scores, 1);
        return nll_loss(p, labels); // pitfall: LD2005
        // fixed: return nll_loss(scores.log_softmax(1), labels);
    }

    public static Tensor ProbabilitiesAsKlInput(Tensor student, Tensor teacher)
    {
        var q = torch.softmax(student, 1);
        var logp = teacher.log_softmax(1);
        return kl_div(q, logp, reduction: Reduction.Sum) / student.size(0); // pitfall: LD2006
        // fixed: return kl_div(student.log_softmax(1), logp, reduction: Reduction.Sum) / student.size(0);
    }

    public static Tensor KlDivergenceMean(Tensor student, Tensor teacher)
    {
        var logq = student.log_softmax(1);
        var logp = teacher.log_softmax(1);
        return kl_div(logq, logp); // pitfall: LD2007
        // fixed: return kl_div(logq, logp, reduction: Reduction.Sum) / logq.size(0);
    }

    public static Tensor BinaryLabelsIntoSoftMargin(Tensor scores)
    {
        var labels = torch.tensor(new float[] { 1, 0, 0, 1 });
        return soft_margin_loss(scores, labels); // pitfall: LD2008
        // fixed: var labels = torch.tensor(new float[] { 1, -1, -1, 1 });
    }

    public static Tensor SignLabelsIntoBce(Tensor logits)
    {
        var targets = torch.tensor(new float[] { 1, -1, -1, 1 });
        return binary_cross_entropy_with_logits(logits, targets); // pitfall: LD2009
        // fixed: var targets = torch.tensor(new float[] { 1, 0, 0, 1 });
    }

    public static Tensor SumPlusMean(Tensor recon, Tensor x, Tensor logits, Tensor labels)
    {
        var reconstruction = mse_loss(recon, x, Reduction.Sum);
        var classification = cross_entropy(logits, labels);
        return reconstruction + classification; // pitfall: LD2010
        // fixed: return reconstruction / x.size(0) + classification;
    }

    public static Tensor LogitsIntoNll(Tensor logits, Tensor labels)
    {
        return nll_loss(logits, labels); // pitfall: LD2011
        // fixed: return cross_entropy(logits, labels);
    }

    public static Tensor KlTargetSpace(Tensor student, Tensor teacher)
    {
        var logq = student.log_softmax(1);
        var p = teacher.softmax(1);
        return kl_div(logq, p, reduction: Reduction.Sum) / logq.size(0); // pitfall: LD2012
        // fixed: return kl_div(logq, p, reduction: Reduction.Sum, log_target: false) / logq.size(0);
    }
}
