using System.Collections.Generic;
using System.Collections.Immutable;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Analyzers.Flow;

/// <summary>
/// The conflicts between what a loss parameter expects and what a value holds, each with its diagnostic and, where
/// mechanical, its fix. Every pair not listed here is silent: log-probabilities into cross-entropy (log_softmax is
/// idempotent, so the loss is right), probabilities into binary cross-entropy, {0, 1} labels as class indices, ...
/// </summary>
internal static class SinkChecker
{
    public static Diagnostic? Check(Expectation expectation, ValueFact fact, SinkSite site, SyntaxNode argument, InputReuse reuse)
    {
        Origin origin = fact.Origin;
        string value = ArgumentDisplay(argument);
        switch (expectation, fact.Kind)
        {
            case (Expectation.SoftmaxLogits, ValueKind.Probabilities):
            case (Expectation.SigmoidLogits, ValueKind.Probabilities):
            // Which activation the loss applies is not declared: when a sigmoid made the value, that is the one applied
            // twice; otherwise softmax, the more common (and the analyzers' choice before LogitsAttribute.Activation).
            case (Expectation.Logits, ValueKind.Probabilities):
                bool sigmoid = expectation == Expectation.SigmoidLogits || (expectation == Expectation.Logits && origin.Producer == ProducerKind.Sigmoid);
                return Create(sigmoid ? DiagnosticDescriptors.DoubleSigmoid : DiagnosticDescriptors.DoubleSoftmax,
                    argument, ReplaceWithInput(origin, reuse, ProducerKind.Softmax, ProducerKind.Sigmoid), value, origin.Description, site.Display);

            case (Expectation.Probabilities, ValueKind.Logits):
                return Create(DiagnosticDescriptors.ScoresAsProbabilities, argument,
                    site.Loss?.IsBinaryCrossEntropy == true ? Rename(FixData.UseWithLogits, site) : null,
                    value, "logits", origin.Description, site.Display);

            case (Expectation.Probabilities, ValueKind.LogProbabilities):
                return Create(DiagnosticDescriptors.ScoresAsProbabilities, argument, null, value, "log-probabilities", origin.Description, site.Display);

            case (Expectation.LogProbabilities, ValueKind.Probabilities):
                return Create(DiagnosticDescriptors.ProbabilitiesAsLogProbabilities, argument, UseLogSoftmax(origin, reuse), value, origin.Description, site.Display);

            case (Expectation.KlInput, ValueKind.Probabilities):
                return Create(DiagnosticDescriptors.ProbabilitiesAsKlInput, argument, UseLogSoftmax(origin, reuse), value, origin.Description, site.Display);

            case (Expectation.LogProbabilities or Expectation.KlInput, ValueKind.Logits):
                return Create(DiagnosticDescriptors.LogitsAsLogProbabilities, argument,
                    site.Loss?.IsNll == true ? Rename(FixData.UseCrossEntropy, site) : null, value, origin.Description, site.Display);

            case (Expectation.KlTarget, ValueKind.Probabilities) when site.LogTarget == true:
            case (Expectation.KlTarget, ValueKind.LogProbabilities) when site.LogTarget == false:
                bool logTarget = site.LogTarget!.Value;
                Fix? setLogTarget = site.FixTarget == null ? null : new Fix(
                    ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, FixData.SetLogTarget).Add(FixData.LogTarget, logTarget ? "false" : "true")
                        .Add(FixData.Target, site.Module != null ? FixData.Module : FixData.Functional),
                    site.FixTarget);
                return Create(DiagnosticDescriptors.KlTargetSpace, argument, setLogTarget, value,
                    logTarget ? "probabilities" : "log-probabilities", origin.Description, site.Display,
                    logTarget ? "log-probabilities" : "probabilities",
                    logTarget ? (site.LogTargetExplicit ? "true" : "true (TorchSharp's default, unlike PyTorch's)") : "false");

            case (Expectation.ClassIndices, ValueKind.OneHot):
            // TorchSharp's cross-entropy also takes float class probabilities, so only an integer one_hot result is wrong there.
            case (Expectation.CrossEntropyTarget, ValueKind.OneHot) when origin.Producer == ProducerKind.OneHot:
                return Create(DiagnosticDescriptors.OneHotAsClassIndices, argument, ReplaceWithInput(origin, reuse, ProducerKind.OneHot, ProducerKind.OneHot),
                    value, origin.Description, site.Display);

            case (Expectation.SignLabels, ValueKind.BinaryLabels):
                return Create(DiagnosticDescriptors.BinaryLabelsAsSignLabels, argument, null, value, origin.Description, site.Display);

            case (Expectation.BinaryLabels, ValueKind.SignLabels):
                return Create(DiagnosticDescriptors.SignLabelsAsBinaryLabels, argument, null, value, origin.Description, site.Display);

            default:
                return null;
        }
    }

    /// <summary><paramref name="node"/> without enclosing parentheses.</summary>
    public static SyntaxNode Unparenthesize(SyntaxNode node)
    {
        while (node is ParenthesizedExpressionSyntax p)
        {
            node = p.Expression;
        }

        return node;
    }

    private static string ArgumentDisplay(SyntaxNode argument) =>
        Unparenthesize(argument) is IdentifierNameSyntax id ? $"'{id.Identifier.ValueText}'" : "The argument";

    private static Fix? ReplaceWithInput(Origin origin, InputReuse reuse, ProducerKind a, ProducerKind b) =>
        reuse != InputReuse.No && (origin.Producer == a || origin.Producer == b) && origin.InputSyntax != null
            ? new Fix(ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, FixData.ReplaceWithInput), origin.InputSyntax)
            : null;

    // Moving the dim expression to the sink is safe when the producer call is the argument itself, or the dim is a literal.
    private static Fix? UseLogSoftmax(Origin origin, InputReuse reuse)
    {
        if (origin.Producer != ProducerKind.Softmax || origin.InputSyntax == null || origin.DimSyntax == null || reuse == InputReuse.No
            || (reuse == InputReuse.Unchanged && !IsLiteral(origin.DimSyntax)))
        {
            return null;
        }

        return new Fix(ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, FixData.UseLogSoftmax), origin.InputSyntax, origin.DimSyntax);
    }

    private static bool IsLiteral(SyntaxNode node) =>
        node is LiteralExpressionSyntax || (node is PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax } u && u.IsKind(SyntaxKind.UnaryMinusExpression));

    private static Fix? Rename(string fix, SinkSite site) =>
        site.FixTarget == null ? null : new Fix(
            ImmutableDictionary<string, string?>.Empty.Add(FixData.Fix, fix).Add(FixData.Target, site.Module != null ? FixData.Module : FixData.Functional),
            site.FixTarget);

    private static Diagnostic Create(DiagnosticDescriptor descriptor, SyntaxNode argument, Fix? fix, params object[] args) =>
        Diagnostic.Create(descriptor, argument.GetLocation(), fix?.Locations ?? (IEnumerable<Location>?)null, fix?.Properties, args);

    private sealed class Fix
    {
        public Fix(ImmutableDictionary<string, string?> properties, params SyntaxNode[] nodes)
        {
            Properties = properties;
            Locations = System.Array.ConvertAll(nodes, n => n.GetLocation());
        }

        public ImmutableDictionary<string, string?> Properties { get; }

        public Location[] Locations { get; }
    }
}
