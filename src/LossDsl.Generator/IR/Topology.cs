using System.Collections.Generic;

namespace LossDsl.Generator.IR;

/// <summary>Walks of the IR DAG.</summary>
internal static class Topology
{
    /// <summary>Every node reachable from <paramref name="roots"/>, each once, arguments before users (ascending id).</summary>
    public static List<Expr> Reachable(params Expr[] roots) => Reachable((IEnumerable<Expr>)roots);

    /// <summary>Every node reachable from <paramref name="roots"/>, each once, arguments before users (ascending id).</summary>
    public static List<Expr> Reachable(IEnumerable<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        var list = new List<Expr>();
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            list.Add(e);
            foreach (Expr a in e.Args)
            {
                stack.Push(a);
            }
        }

        // Interning gives every argument a smaller id than its users, so id order is a topological order.
        list.Sort((x, y) => x.Id.CompareTo(y.Id));
        return list;
    }
}
