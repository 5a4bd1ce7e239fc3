using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>
/// The facts about every variable at one point of a control-flow graph: what each local or parameter holds, which
/// assignment it holds (its version), which other variable's buffer it is a view of, and the values of the graph's
/// flow captures (the temporaries of <c>?:</c>, <c>??</c> and <c>?.</c>).
/// </summary>
internal sealed class FlowState
{
    private readonly Dictionary<ISymbol, Fact> facts;
    private readonly Dictionary<ISymbol, object?> versions;
    private readonly Dictionary<ISymbol, ISymbol> aliases;
    private readonly Dictionary<CaptureId, Fact> captures;

    private FlowState(bool exceptional, Dictionary<ISymbol, Fact> facts, Dictionary<ISymbol, object?> versions,
        Dictionary<ISymbol, ISymbol> aliases, Dictionary<CaptureId, Fact> captures)
    {
        Exceptional = exceptional;
        this.facts = facts;
        this.versions = versions;
        this.aliases = aliases;
        this.captures = captures;
    }

    /// <summary>Reached by an exception (a catch or finally entry): every variable not assigned since is ambiguous.</summary>
    public bool Exceptional { get; }

    public static FlowState Entry() => new(false, NewFacts(), NewVersions(), NewAliases(), new Dictionary<CaptureId, Fact>());

    public static FlowState ExceptionEntry() => new(true, NewFacts(), NewVersions(), NewAliases(), new Dictionary<CaptureId, Fact>());

    public FlowState Clone() => new(Exceptional, new Dictionary<ISymbol, Fact>(facts, SymbolEqualityComparer.Default),
        new Dictionary<ISymbol, object?>(versions, SymbolEqualityComparer.Default),
        new Dictionary<ISymbol, ISymbol>(aliases, SymbolEqualityComparer.Default), new Dictionary<CaptureId, Fact>(captures));

    public Fact Get(ISymbol symbol, Func<ISymbol, Fact> initial) =>
        facts.TryGetValue(symbol, out Fact? f) ? f : Exceptional ? Fact.Ambiguous : initial(symbol);

    public object? VersionOf(ISymbol symbol) => versions.TryGetValue(symbol, out object? v) ? v : null;

    public void Set(ISymbol symbol, Fact fact, object version)
    {
        facts[symbol] = fact;
        versions[symbol] = version;
    }

    public ISymbol RootOf(ISymbol symbol) => aliases.TryGetValue(symbol, out ISymbol? root) ? root : symbol;

    /// <summary>The variables that share <paramref name="symbol"/>'s buffer, itself included.</summary>
    public IEnumerable<ISymbol> GroupOf(ISymbol symbol)
    {
        ISymbol root = RootOf(symbol);
        yield return root;
        foreach (KeyValuePair<ISymbol, ISymbol> a in aliases)
        {
            if (SymbolEqualityComparer.Default.Equals(a.Value, root))
            {
                yield return a.Key;
            }
        }
    }

    /// <summary>Records that <paramref name="symbol"/> now holds a new value, a view of <paramref name="aliasOf"/>'s buffer when given.</summary>
    public void Rebind(ISymbol symbol, ISymbol? aliasOf, object version)
    {
        // Views of the old buffer keep what is known about it, but no longer follow writes to this variable; two or
        // more of them still share the old buffer, which is no longer tracked, so they become ambiguous.
        List<ISymbol> views = aliases.Where(a => SymbolEqualityComparer.Default.Equals(a.Value, symbol)).Select(a => a.Key).ToList();
        foreach (ISymbol view in views)
        {
            aliases.Remove(view);
            if (views.Count > 1)
            {
                Set(view, Fact.Ambiguous, version);
            }
        }

        aliases.Remove(symbol);
        if (aliasOf != null && !SymbolEqualityComparer.Default.Equals(RootOf(aliasOf), symbol))
        {
            aliases[symbol] = RootOf(aliasOf);
        }
    }

    public Fact GetCapture(CaptureId id) => captures.TryGetValue(id, out Fact? f) ? f : Fact.Ambiguous;

    public void SetCapture(CaptureId id, Fact fact) => captures[id] = fact;

    /// <summary>The state where the paths of <paramref name="states"/> join, at the start of block <paramref name="block"/>.</summary>
    public static FlowState Join(IReadOnlyList<FlowState> states, int block, Func<ISymbol, Fact> initial)
    {
        if (states.Count == 1)
        {
            return states[0].Clone();
        }

        var result = new FlowState(states.All(s => s.Exceptional), NewFacts(), NewVersions(), NewAliases(), new Dictionary<CaptureId, Fact>());
        var symbols = new HashSet<ISymbol>(states.SelectMany(s => s.facts.Keys.Concat(s.aliases.Keys)), SymbolEqualityComparer.Default);
        foreach (ISymbol symbol in symbols)
        {
            Fact fact = states[0].Get(symbol, initial);
            object? version = states[0].VersionOf(symbol);
            bool versionsAgree = true;
            for (int k = 1; k < states.Count; k++)
            {
                fact = Fact.Merge(fact, states[k].Get(symbol, initial));
                versionsAgree &= Equals(version, states[k].VersionOf(symbol));
            }

            states[0].aliases.TryGetValue(symbol, out ISymbol? alias);
            bool aliasesAgree = states.All(s => s.aliases.TryGetValue(symbol, out ISymbol? a) ? SymbolEqualityComparer.Default.Equals(a, alias) : alias == null);
            if (!aliasesAgree)
            {
                fact = Fact.Ambiguous;
            }
            else if (alias != null)
            {
                result.aliases[symbol] = alias;
            }

            result.facts[symbol] = fact;
            result.versions[symbol] = versionsAgree ? version : new JoinVersion(block, symbol.Name);
        }

        foreach (CaptureId id in states.SelectMany(s => s.captures.Keys).Distinct())
        {
            Fact fact = states[0].GetCapture(id);
            for (int k = 1; k < states.Count; k++)
            {
                fact = Fact.Merge(fact, states[k].GetCapture(id));
            }

            result.captures[id] = fact;
        }

        return result;
    }

    public bool SameAs(FlowState other) =>
        Exceptional == other.Exceptional && SameEntries(facts, other.facts, (a, b) => a.Equals(b))
        && SameEntries(versions, other.versions, Equals) && SameEntries(aliases, other.aliases, SymbolEqualityComparer.Default.Equals)
        && captures.Count == other.captures.Count && captures.All(c => other.captures.TryGetValue(c.Key, out Fact? f) && f.Equals(c.Value));

    private static bool SameEntries<T>(Dictionary<ISymbol, T> a, Dictionary<ISymbol, T> b, Func<T, T, bool> same) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out T? v) && same(e.Value, v));

    private static Dictionary<ISymbol, Fact> NewFacts() => new(SymbolEqualityComparer.Default);

    private static Dictionary<ISymbol, object?> NewVersions() => new(SymbolEqualityComparer.Default);

    private static Dictionary<ISymbol, ISymbol> NewAliases() => new(SymbolEqualityComparer.Default);

    /// <summary>The version of a variable assigned differently on the paths that join at a block.</summary>
    private sealed class JoinVersion
    {
        private readonly int block;
        private readonly string name;

        public JoinVersion(int block, string name)
        {
            this.block = block;
            this.name = name;
        }

        public override bool Equals(object? obj) => obj is JoinVersion j && j.block == block && j.name == name;

        public override int GetHashCode() => (block * 31) + name.GetHashCode();
    }
}
