namespace LossDsl.Analyzers.Symbols;

/// <summary>What a call does to kinds, as far as the analyzers care.</summary>
internal enum MethodRole
{
    /// <summary>Unknown to the analyzers: its result has no kind (unless an attribute says so).</summary>
    None,

    /// <summary>softmax, sigmoid, log_softmax, logsigmoid, log, exp, one_hot, argmax: the result gets a kind.</summary>
    Producer,

    /// <summary>An in-place producer (sigmoid_, log_, exp_): the receiver gets the kind too.</summary>
    InPlaceProducer,

    /// <summary>Another in-place tensor method (add_, fill_, copy_ ...): the receiver's kind is lost.</summary>
    InPlaceOther,

    /// <summary>Same numbers, another view or device (detach, clone, view, to(device), AsSpan, Slice ...).</summary>
    KindPreserving,

    /// <summary>Same numbers, another element type (to_type, @float ...): indices and one-hot rows change meaning for losses.</summary>
    DtypeConversion,

    /// <summary>torch.tensor(array): a tensor with the array's kind.</summary>
    FromData,

    /// <summary>A function of torch.nn.functional that computes a loss.</summary>
    FunctionalLoss,

    /// <summary>A factory of torch.nn that creates a known module.</summary>
    ModuleFactory,

    /// <summary>call or forward of a TorchSharp module.</summary>
    ModuleInvoke,

    /// <summary>Tensor.mean() over every element.</summary>
    ReduceMean,

    /// <summary>Tensor.sum() over every element.</summary>
    ReduceSum,

    /// <summary>item&lt;T&gt;(), ToSingle(), ToDouble(): a loss tensor read as a number.</summary>
    ScalarRead,

    /// <summary>TensorPrimitives.SoftMax/Sigmoid/Log/Exp: the destination span gets a kind.</summary>
    DestinationProducer,

    /// <summary>span.CopyTo(destination): the destination gets the source's kind.</summary>
    CopyTo,
}
