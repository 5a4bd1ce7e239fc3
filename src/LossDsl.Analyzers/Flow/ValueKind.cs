namespace LossDsl.Analyzers.Flow;

/// <summary>What the numbers in a value mean. Mirrors the attributes of LossDsl.Runtime/Kinds.</summary>
internal enum ValueKind
{
    Logits,
    Probabilities,
    LogProbabilities,
    ClassIndices,
    OneHot,
    BinaryLabels,
    SignLabels,
}

/// <summary>How a value got its kind; decides the wording of a diagnostic and which fix is mechanical.</summary>
internal enum ProducerKind
{
    Softmax,
    Sigmoid,
    LogSoftmax,
    LogSigmoid,
    Log,
    Exp,
    OneHot,
    Argmax,
    Attribute,
    Literal,
    Name,
}

/// <summary>A loss's reduction over the batch. The values are TorchSharp's <c>torch.nn.Reduction</c>.</summary>
internal enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

/// <summary>What a loss parameter expects; the conflicts with each are listed in <see cref="SinkChecker"/>.</summary>
internal enum Expectation
{
    /// <summary>Logits of a loss that applies softmax (cross-entropy).</summary>
    SoftmaxLogits,

    /// <summary>Logits of a loss that applies sigmoid (binary cross-entropy with logits, multi-label soft margin).</summary>
    SigmoidLogits,

    /// <summary>Logits of a loss that applies softmax or sigmoid, which its signature does not tell.</summary>
    Logits,

    Probabilities,

    /// <summary>Log-probabilities of a likelihood loss (NLL, CTC).</summary>
    LogProbabilities,

    /// <summary>The input of a KL divergence: log-probabilities.</summary>
    KlInput,

    /// <summary>The target of a KL divergence: probabilities, or log-probabilities when log_target is true.</summary>
    KlTarget,

    ClassIndices,

    /// <summary>TorchSharp's cross-entropy target: class indices, or float class probabilities of the input's shape.</summary>
    CrossEntropyTarget,

    BinaryLabels,
    SignLabels,
}
