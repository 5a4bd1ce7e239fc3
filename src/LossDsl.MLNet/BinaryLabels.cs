namespace LossDsl.MLNet;

/// <summary>
/// The labels a classification formula expects. ML.NET's binary trainers hand a loss the label as a float that is
/// positive for the positive class (1 for <c>true</c>) and 0 for the negative class, and ML.NET's own losses
/// (<c>HingeLoss</c>, <c>LogLoss</c>…) read it as "positive when greater than 0". The adapter reads it the same way and
/// passes the formula the encoding chosen here.
/// </summary>
public enum BinaryLabels
{
    /// <summary>The formula receives 1 for the positive class and 0 for the negative class, as in <c>softplus(p) - t * p</c> (logistic loss).</summary>
    ZeroOne = 0,

    /// <summary>The formula receives +1 for the positive class and −1 for the negative class, as in <c>relu(1 - t * p)</c> (hinge loss).</summary>
    PlusMinusOne = 1,
}
