using System;
using System.Numerics.Tensors;
using LossDsl;

namespace LossDsl.Samples.Pitfalls;

// The call-site pitfalls (LD2xxx) with LossDsl losses: their parameters declare the kind of numbers they take
// ([Logits], [Probabilities], [SignLabels] ...), and the analyzers follow what each argument holds through the method.
// Each line marked "pitfall:" is squiggled; the comment under it is the fix.
public static partial class LossDslCallPitfalls
{
    [Loss("mean(softplus(x) - t * x)")]
    public static partial float BceWithLogits([Logits] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t);

    [Loss("mean(-(t * log(max(p, 1e-7)) + (1 - t) * log(max(1 - p, 1e-7))))")]
    public static partial float Bce([Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t);

    [Loss("mean(relu(1 - t * x))")]
    public static partial float Hinge(ReadOnlySpan<float> x, [SignLabels] ReadOnlySpan<float> t);

    [Loss("mean((p - t)^2)")]
    public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t);

    [Loss("sum(abs(p - t))")]
    public static partial float SumAbsoluteError(ReadOnlySpan<float> p, ReadOnlySpan<float> t);

    /// <summary>A model's forward pass: it returns logits, and says so.</summary>
    [return: Logits]
    public static float[] Forward(float[] features) => features;

    public static float DoubleSigmoid(float[] features, float[] labels)
    {
        float[] scores = Forward(features);
        var p = new float[scores.Length];
        TensorPrimitives.Sigmoid<float>(scores, p);
        return BceWithLogits(p, labels); // pitfall: LD2002
        // fixed: return BceWithLogits(scores, labels);
    }

    public static float LogitsAsProbabilities(float[] features, float[] labels)
    {
        float[] scores = Forward(features);
        return Bce(scores, labels); // pitfall: LD2003
        // fixed: return BceWithLogits(scores, labels);
    }

    public static float BinaryLabelsIntoHinge(float[] scores)
    {
        float[] labels = { 1, 0, 0, 1 };
        return Hinge(scores, labels); // pitfall: LD2008
        // fixed: float[] labels = { 1, -1, -1, 1 };
    }

    public static float SignLabelsIntoBce(float[] features)
    {
        float[] labels = { 1, -1, -1, 1 };
        return BceWithLogits(Forward(features), labels); // pitfall: LD2009
        // fixed: float[] labels = { 1, 0, 0, 1 };
    }

    public static float MeanPlusSum(float[] p, float[] t)
    {
        return Mse(p, t) + SumAbsoluteError(p, t); // pitfall: LD2010
        // fixed: return Mse(p, t) + SumAbsoluteError(p, t) / p.Length;
    }
}
