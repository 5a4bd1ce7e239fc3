using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>The locals and parameters one graph reads or writes, numbered so that a <see cref="FlowState"/> is a few arrays.</summary>
internal sealed class VariableTable
{
    private readonly Dictionary<ISymbol, int> index = new(SymbolEqualityComparer.Default);
    private readonly List<ISymbol> symbols = new();

    public int Count => symbols.Count;

    public ISymbol this[int variable] => symbols[variable];

    public void Add(ISymbol symbol)
    {
        if (!index.ContainsKey(symbol))
        {
            index.Add(symbol, symbols.Count);
            symbols.Add(symbol);
        }
    }

    /// <summary>The number of <paramref name="symbol"/>, or -1 if the graph never mentions it.</summary>
    public int IndexOf(ISymbol symbol) => index.TryGetValue(symbol, out int v) ? v : -1;
}
