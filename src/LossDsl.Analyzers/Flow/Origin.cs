using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>Where a value's kind comes from: said in the diagnostic, and used by the fixes to find the producer.</summary>
internal sealed class Origin
{
    public Origin(ProducerKind producer, string description, SyntaxNode? producerSyntax = null, SyntaxNode? inputSyntax = null,
        ISymbol? inputSymbol = null, object? inputVersion = null, SyntaxNode? dimSyntax = null)
    {
        Producer = producer;
        Description = description;
        ProducerSyntax = producerSyntax;
        InputSyntax = inputSyntax;
        InputSymbol = inputSymbol;
        InputVersion = inputVersion;
        DimSyntax = dimSyntax;
    }

    public ProducerKind Producer { get; }

    /// <summary>The parenthetical of the message, for example <c>from torch.softmax at line 12</c>.</summary>
    public string Description { get; }

    /// <summary>The call that produced the value (softmax, one_hot, ...), when it is a call in source.</summary>
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
        obj is Origin o && o.Producer == Producer && o.Description == Description && ReferenceEquals(o.ProducerSyntax, ProducerSyntax)
        && ReferenceEquals(o.InputSyntax, InputSyntax) && SymbolEqualityComparer.Default.Equals(o.InputSymbol, InputSymbol)
        && Equals(o.InputVersion, InputVersion) && ReferenceEquals(o.DimSyntax, DimSyntax);

    public override int GetHashCode() => (Description.GetHashCode() * 31) + (int)Producer;
}
