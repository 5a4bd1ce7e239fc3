using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>Where a value's kind comes from: said in the diagnostic, and used by the fixes to find the producer.</summary>
internal sealed class Origin
{
    /// <summary>The placeholder in a description template for the line of <see cref="ProducerSyntax"/>.</summary>
    public const string LinePlaceholder = "{line}";

    public Origin(ProducerKind producer, string template, SyntaxNode? producerSyntax = null, SyntaxNode? inputSyntax = null,
        ISymbol? inputSymbol = null, object? inputVersion = null, SyntaxNode? dimSyntax = null)
    {
        Producer = producer;
        Template = template;
        ProducerSyntax = producerSyntax;
        InputSyntax = inputSyntax;
        InputSymbol = inputSymbol;
        InputVersion = inputVersion;
        DimSyntax = dimSyntax;
    }

    public ProducerKind Producer { get; }

    /// <summary>The parenthetical of the message with <see cref="LinePlaceholder"/> for the line: <c>from torch.softmax at line {line}</c>.</summary>
    public string Template { get; }

    /// <summary>
    /// The parenthetical of the message, for example <c>from torch.softmax at line 12</c>. Computed when a diagnostic is
    /// reported, not while the analysis iterates: finding a line is not free and most values are never reported.
    /// </summary>
    public string Description => DescriptionOf(Template, ProducerSyntax);

    /// <summary>The call (or literal) that produced the value (softmax, one_hot, ...), when it is in source.</summary>
    public SyntaxNode? ProducerSyntax { get; }

    /// <summary>The producer's input expression (the logits of a softmax, the indices of a one_hot).</summary>
    public SyntaxNode? InputSyntax { get; }

    /// <summary>The local or parameter the input expression reads, if it is just that.</summary>
    public ISymbol? InputSymbol { get; }

    /// <summary>Which assignment of <see cref="InputSymbol"/> the producer read; a fix may reuse the input only if it is unchanged.</summary>
    public object? InputVersion { get; }

    /// <summary>The dim argument of a softmax.</summary>
    public SyntaxNode? DimSyntax { get; }

    public int Position => ProducerSyntax?.SpanStart ?? -1;

    // Structural: the flow analysis revisits a producer on every iteration and must see the same origin to converge.
    public override bool Equals(object? obj) =>
        obj is Origin o && o.Producer == Producer && o.Template == Template && ReferenceEquals(o.ProducerSyntax, ProducerSyntax)
        && ReferenceEquals(o.InputSyntax, InputSyntax) && SymbolEqualityComparer.Default.Equals(o.InputSymbol, InputSymbol)
        && Equals(o.InputVersion, InputVersion) && ReferenceEquals(o.DimSyntax, DimSyntax);

    public override int GetHashCode() => (Template.GetHashCode() * 31) + (int)Producer;

    /// <summary><paramref name="template"/> with its line placeholder replaced by the line of <paramref name="syntax"/>.</summary>
    public static string DescriptionOf(string template, SyntaxNode? syntax) =>
        syntax == null || template.IndexOf(LinePlaceholder, System.StringComparison.Ordinal) < 0
            ? template
            : template.Replace(LinePlaceholder, (syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
