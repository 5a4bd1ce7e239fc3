using System.Linq;
using System.Collections.Immutable;
using LossDsl.Analyzers.Flow;

namespace LossDsl.Analyzers.Symbols;

/// <summary>One TorchSharp loss: its functional name, its module type, and what each of its tensor inputs expects.</summary>
/// <remarks>
/// The names and parameter positions were read from TorchSharp 0.107's assembly (torch.nn.functional and
/// TorchSharp.Modules); a module's <c>forward</c> and <c>call</c> take the same tensors in the same order.
/// </remarks>
internal sealed class TorchLoss
{
    public TorchLoss(string functionalName, string moduleName, params (int Ordinal, Expectation Expectation)[] inputs)
    {
        FunctionalName = functionalName;
        ModuleName = moduleName;
        Inputs = inputs.ToImmutableArray();
    }

    /// <summary>The name in <c>torch.nn.functional</c>, for example <c>cross_entropy</c>.</summary>
    public string FunctionalName { get; }

    /// <summary>The type name in <c>TorchSharp.Modules</c> and the factory name in <c>torch.nn</c>, for example <c>CrossEntropyLoss</c>.</summary>
    public string ModuleName { get; }

    public ImmutableArray<(int Ordinal, Expectation Expectation)> Inputs { get; }

    public bool IsKlDiv => FunctionalName == "kl_div";

    public bool IsBinaryCrossEntropy => FunctionalName == "binary_cross_entropy";

    public bool IsNll => FunctionalName == "nll_loss";

    /// <summary>Every TorchSharp loss the analyzers know. The ones without inputs still count as known losses for LD2010.</summary>
    public static ImmutableArray<TorchLoss> All { get; } = ImmutableArray.Create(
        new TorchLoss("cross_entropy", "CrossEntropyLoss", (0, Expectation.SoftmaxLogits), (1, Expectation.CrossEntropyTarget)),
        new TorchLoss("binary_cross_entropy", "BCELoss", (0, Expectation.Probabilities), (1, Expectation.BinaryLabels)),
        new TorchLoss("binary_cross_entropy_with_logits", "BCEWithLogitsLoss", (0, Expectation.SigmoidLogits), (1, Expectation.BinaryLabels)),
        new TorchLoss("multilabel_soft_margin_loss", "MultiLabelSoftMarginLoss", (0, Expectation.SigmoidLogits), (1, Expectation.BinaryLabels)),
        new TorchLoss("nll_loss", "NLLLoss", (0, Expectation.LogProbabilities), (1, Expectation.ClassIndices)),
        new TorchLoss("ctc_loss", "CTCLoss", (0, Expectation.LogProbabilities)),
        new TorchLoss("kl_div", "KLDivLoss", (0, Expectation.KlInput), (1, Expectation.KlTarget)),
        new TorchLoss("hinge_embedding_loss", "HingeEmbeddingLoss", (1, Expectation.SignLabels)),
        new TorchLoss("soft_margin_loss", "SoftMarginLoss", (1, Expectation.SignLabels)),
        new TorchLoss("margin_ranking_loss", "MarginRankingLoss", (2, Expectation.SignLabels)),
        new TorchLoss("cosine_embedding_loss", "CosineEmbeddingLoss", (2, Expectation.SignLabels)),
        new TorchLoss("multi_margin_loss", "MultiMarginLoss", (1, Expectation.ClassIndices)),
        new TorchLoss("multi_label_margin_loss", "MultiLabelMarginLoss"),
        new TorchLoss("mse_loss", "MSELoss"),
        new TorchLoss("l1_loss", "L1Loss"),
        new TorchLoss("huber_loss", "HuberLoss"),
        new TorchLoss("smooth_l1_loss", "SmoothL1Loss"),
        new TorchLoss("poisson_nll_loss", "PoissonNLLLoss"),
        new TorchLoss("gaussian_nll_loss", "GaussianNLLLoss"),
        new TorchLoss("triplet_margin_loss", "TripletMarginLoss"),
        new TorchLoss("triplet_margin_with_distance_loss", "TripletMarginWithDistanceLoss"));
}

/// <summary>A TorchSharp module type the analyzers follow: a loss, or an activation whose output has a kind.</summary>
internal sealed class TorchModule
{
    private TorchModule(string name, TorchLoss? loss, ProducerKind? activation)
    {
        Name = name;
        Loss = loss;
        Activation = activation;
    }

    /// <summary>The type name in <c>TorchSharp.Modules</c>, also the factory's name in <c>torch.nn</c>.</summary>
    public string Name { get; }

    public TorchLoss? Loss { get; }

    /// <summary>Softmax, Sigmoid, LogSoftmax or LogSigmoid for the activation modules.</summary>
    public ProducerKind? Activation { get; }

    public string Display => "nn." + Name;

    public static ImmutableArray<TorchModule> All { get; } = TorchLoss.All
        .Select(l => new TorchModule(l.ModuleName, l, null))
        .Concat(new[]
        {
            new TorchModule("Softmax", null, ProducerKind.Softmax),
            new TorchModule("Sigmoid", null, ProducerKind.Sigmoid),
            new TorchModule("LogSoftmax", null, ProducerKind.LogSoftmax),
            new TorchModule("LogSigmoid", null, ProducerKind.LogSigmoid),
        })
        .ToImmutableArray();
}
