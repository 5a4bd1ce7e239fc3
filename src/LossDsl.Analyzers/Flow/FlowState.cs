using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>
/// The facts about every variable at one point of a control-flow graph: what each local or parameter holds, which
/// assignment it holds (its version), which other variable's buffer it is a view of, and the values of the graph's
/// flow captures (the temporaries of <c>?:</c>, <c>??</c> and <c>?.</c>). Variables are numbered once per graph
/// (<see cref="VariableTable"/>), so a state is an array: copying and joining it hashes nothing. A copy shares the
/// array until one side writes (most blocks between branches write nothing the analysis follows).
/// </summary>
internal sealed class FlowState
{
    private Slot[] slots;
    private int[]? aliases;
    private Dictionary<CaptureId, Fact>? captures;
    private bool owned;

    private FlowState(bool exceptional, Slot[] slots, int[]? aliases, Dictionary<CaptureId, Fact>? captures, bool owned)
    {
        Exceptional = exceptional;
        this.slots = slots;
        this.aliases = aliases;
        this.captures = captures;
        this.owned = owned;
    }

    /// <summary>Reached by an exception (a catch or finally entry): every variable not assigned since is ambiguous.</summary>
    public bool Exceptional { get; }

    public static FlowState Entry(int variables) => new(false, new Slot[variables], null, null, owned: true);

    public static FlowState ExceptionEntry(int variables) => new(true, new Slot[variables], null, null, owned: true);

    /// <summary>A copy; the two share their arrays until either writes.</summary>
    public FlowState Clone()
    {
        owned = false;
        return new FlowState(Exceptional, slots, aliases, captures, owned: false);
    }

    public Fact Get(int variable, Func<int, Fact> initial) => slots[variable].Fact ?? (Exceptional ? Fact.Ambiguous : initial(variable));

    public object? VersionOf(int variable) => slots[variable].Version;

    public void Set(int variable, Fact fact, object version)
    {
        Own();
        slots[variable] = new Slot(fact, version);
    }

    private void Own()
    {
        if (!owned)
        {
            slots = (Slot[])slots.Clone();
            aliases = (int[]?)aliases?.Clone();
            captures = captures == null ? null : new Dictionary<CaptureId, Fact>(captures);
            owned = true;
        }
    }

    public int RootOf(int variable) => aliases == null || aliases[variable] < 0 ? variable : aliases[variable];

    /// <summary>Calls <paramref name="action"/> for each variable that shares <paramref name="variable"/>'s buffer, itself included.</summary>
    public void ForEachInGroup(int variable, Action<int> action)
    {
        int root = RootOf(variable);
        action(root);
        if (aliases == null)
        {
            return;
        }

        for (int v = 0; v < aliases.Length; v++)
        {
            if (aliases[v] == root)
            {
                action(v);
            }
        }
    }

    /// <summary>Records that <paramref name="variable"/> now holds a new value, a view of <paramref name="aliasOf"/>'s buffer when not negative.</summary>
    public void Rebind(int variable, int aliasOf, object version)
    {
        if (aliases == null && aliasOf < 0)
        {
            return;
        }

        Own();
        if (aliases != null)
        {
            // Views of the old buffer keep what is known about it, but no longer follow writes to this variable; two or
            // more of them still share the old buffer, which is no longer tracked, so they become ambiguous.
            int views = 0;
            for (int v = 0; v < aliases.Length; v++)
            {
                views += aliases[v] == variable ? 1 : 0;
            }

            for (int v = 0; v < aliases.Length; v++)
            {
                if (aliases[v] == variable)
                {
                    aliases[v] = -1;
                    if (views > 1)
                    {
                        Set(v, Fact.Ambiguous, version);
                    }
                }
            }

            aliases[variable] = -1;
        }

        if (aliasOf >= 0 && RootOf(aliasOf) != variable)
        {
            if (aliases == null)
            {
                aliases = new int[slots.Length];
                aliases.AsSpan().Fill(-1);
            }

            aliases[variable] = RootOf(aliasOf);
        }
    }

    public Fact GetCapture(CaptureId id) => captures != null && captures.TryGetValue(id, out Fact? f) ? f : Fact.Ambiguous;

    public void SetCapture(CaptureId id, Fact fact)
    {
        Own();
        (captures ??= new Dictionary<CaptureId, Fact>())[id] = fact;
    }

    /// <summary>The state where the paths of <paramref name="states"/> join, at the start of block <paramref name="block"/>.</summary>
    public static FlowState Join(List<FlowState> states, int block, Func<int, Fact> initial)
    {
        if (states.Count == 1)
        {
            return states[0].Clone();
        }

        FlowState first = states[0];
        int n = first.slots.Length;
        bool exceptional = true;
        bool anyAliases = false;
        foreach (FlowState s in states)
        {
            exceptional &= s.Exceptional;
            anyAliases |= s.aliases != null;
        }

        var result = new FlowState(exceptional, new Slot[n], anyAliases ? new int[n] : null, null, owned: true);
        for (int v = 0; v < n; v++)
        {
            bool assigned = false;
            foreach (FlowState s in states)
            {
                assigned |= s.slots[v].Fact != null || s.RootOf(v) != v;
            }

            int alias = first.aliases == null ? -1 : first.aliases[v];
            if (result.aliases != null)
            {
                result.aliases[v] = -1;
            }

            if (!assigned)
            {
                continue;
            }

            Fact fact = first.Get(v, initial);
            object? version = first.slots[v].Version;
            bool versionsAgree = true, aliasesAgree = true;
            for (int k = 1; k < states.Count; k++)
            {
                FlowState s = states[k];
                fact = Fact.Merge(fact, s.Get(v, initial));
                versionsAgree &= Equals(version, s.slots[v].Version);
                aliasesAgree &= (s.aliases == null ? -1 : s.aliases[v]) == alias;
            }

            if (!aliasesAgree)
            {
                fact = Fact.Ambiguous;
            }
            else if (alias >= 0)
            {
                result.aliases![v] = alias;
            }

            result.slots[v] = new Slot(fact, versionsAgree ? version : new JoinVersion(block, v));
        }

        foreach (FlowState s in states)
        {
            if (s.captures == null)
            {
                continue;
            }

            foreach (CaptureId id in s.captures.Keys)
            {
                if (result.captures != null && result.captures.ContainsKey(id))
                {
                    continue;
                }

                Fact fact = first.GetCapture(id);
                for (int k = 1; k < states.Count; k++)
                {
                    fact = Fact.Merge(fact, states[k].GetCapture(id));
                }

                result.SetCapture(id, fact);
            }
        }

        return result;
    }

    public bool SameAs(FlowState other)
    {
        if (Exceptional != other.Exceptional)
        {
            return false;
        }

        for (int v = 0; v < slots.Length; v++)
        {
            if (!Equals(slots[v].Fact, other.slots[v].Fact) || !Equals(slots[v].Version, other.slots[v].Version) || RootOf(v) != other.RootOf(v))
            {
                return false;
            }
        }

        int count = captures?.Count ?? 0;
        if (count != (other.captures?.Count ?? 0))
        {
            return false;
        }

        if (captures != null)
        {
            foreach (KeyValuePair<CaptureId, Fact> c in captures)
            {
                if (!other.captures!.TryGetValue(c.Key, out Fact? f) || !f.Equals(c.Value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>What one variable holds, and which assignment put it there.</summary>
    private readonly struct Slot
    {
        public Slot(Fact fact, object? version)
        {
            Fact = fact;
            Version = version;
        }

        public Fact? Fact { get; }

        public object? Version { get; }
    }

    /// <summary>The version of a variable assigned differently on the paths that join at a block.</summary>
    private sealed class JoinVersion
    {
        private readonly int block;
        private readonly int variable;

        public JoinVersion(int block, int variable)
        {
            this.block = block;
            this.variable = variable;
        }

        public override bool Equals(object? obj) => obj is JoinVersion j && j.block == block && j.variable == variable;

        public override int GetHashCode() => (block * 397) + variable;
    }
}
