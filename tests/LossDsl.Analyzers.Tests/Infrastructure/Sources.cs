namespace LossDsl.Analyzers.Tests.Infrastructure;

/// <summary>Builds test sources: a body in a class with the usings TorchSharp code has.</summary>
public static class Sources
{
    /// <summary>A TorchSharp source: <paramref name="members"/> inside <c>static class Train</c>; line 9 is the first line of <paramref name="members"/>.</summary>
    public static string Torch(string members) => Verify.TorchUsings + "static class Train\n{\n" + members + "\n}\n";

    /// <summary>A LossDsl source: <paramref name="members"/> inside <c>static partial class Train</c>.</summary>
    public static string LossDsl(string members) => """
        using System;
        using System.Numerics.Tensors;
        using LossDsl;

        static partial class Train
        {

        """ + members + "\n}\n";

    /// <summary>
    /// A <c>[Loss]</c> method <c>L</c> with <paramref name="formula"/> (markup allowed) in a regular string literal, and
    /// the implementing part the generator would write, so the source compiles without the generator.
    /// </summary>
    public static string Loss(string formula, string parameters, string returns = "float") => Literal("\"" + formula + "\"", parameters, returns);

    /// <summary>As <see cref="Loss"/>, with the attribute's argument written as <paramref name="argument"/> (any literal form, a constant ...).</summary>
    public static string Literal(string argument, string parameters, string returns = "float", string members = "") => LossDsl($$"""
            [Loss({{argument}})]
            private static partial {{returns}} L({{parameters}});
            private static partial {{returns}} L({{System.Text.RegularExpressions.Regex.Replace(parameters, @"\[[A-Za-z]+\]\s*", "")}}) { throw new NotImplementedException(); }
        {{members}}
        """);

    /// <summary>Users' own losses that declare the kinds they take, as the catalog will.</summary>
    public const string UserLosses = """
            static float SoftmaxCrossEntropy([Logits] ReadOnlySpan<float> x, [ClassIndices] ReadOnlySpan<int> t) => 0;
            static float SigmoidCrossEntropy([Logits] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t) => 0;
            static float BinaryCrossEntropy([Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t) => 0;
            static float NegativeLogLikelihood([LogProbabilities] ReadOnlySpan<float> logp, [ClassIndices] ReadOnlySpan<int> t) => 0;
            static float KlDivergence([LogProbabilities] ReadOnlySpan<float> logq, [Probabilities] ReadOnlySpan<float> p) => 0;
            static float Hinge(ReadOnlySpan<float> scores, [SignLabels] ReadOnlySpan<float> t) => 0;
            static float CategoricalCrossEntropy([Probabilities] ReadOnlySpan<float> p, [OneHot] ReadOnlySpan<float> t) => 0;
            static float SparseCrossEntropy([Logits] ReadOnlySpan<float> x, [ClassIndices] ReadOnlySpan<float> t) => 0;
        """;
}
