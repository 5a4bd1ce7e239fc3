using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Optimization;

/// <summary>
/// Rebuilds an IR DAG bottom-up through a rule: each node's operands are rewritten first, the node is rebuilt from them
/// (so the factory's simplifications apply again), then the rule may replace it. Shared nodes are rewritten once.
/// </summary>
internal sealed class Rewriter
{
    private readonly ExprFactory _factory;
    private readonly Func<Expr, Expr?> _rule;
    private readonly Dictionary<Expr, Expr> _memo = new();
    private readonly CancellationToken _cancellationToken;

    /// <summary>Creates a rewriter that applies <paramref name="rule"/> (null means "leave the node as it is").</summary>
    public Rewriter(ExprFactory factory, Func<Expr, Expr?> rule, CancellationToken cancellationToken)
    {
        _factory = factory;
        _rule = rule;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The rewritten form of <paramref name="root"/>.</summary>
    public Expr Rewrite(Expr root)
    {
        // Explicit post-order stack: formulas are shallow, but derived gradients of long bindings chains can be deep.
        var stack = new Stack<(Expr Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            (Expr node, bool expanded) = stack.Pop();
            if (_memo.ContainsKey(node))
            {
                continue;
            }

            if (!expanded)
            {
                stack.Push((node, true));
                foreach (Expr a in node.Args)
                {
                    if (!_memo.ContainsKey(a))
                    {
                        stack.Push((a, false));
                    }
                }

                continue;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            Expr rebuilt = node;
            if (!node.Args.IsEmpty)
            {
                ImmutableArray<Expr> args = node.Args.Map(a => _memo[a]);
                bool changed = false;
                for (int k = 0; k < args.Length; k++)
                {
                    changed |= !ReferenceEquals(args[k], node.Args[k]);
                }

                rebuilt = changed ? _factory.Make(node.Op, args) : node;
            }

            // Apply the rule until it has nothing more to say about this node (bounded, so a rule pair cannot loop).
            for (int round = 0; round < 8; round++)
            {
                Expr? replaced = _rule(rebuilt);
                if (replaced is null || ReferenceEquals(replaced, rebuilt))
                {
                    break;
                }

                rebuilt = replaced;
            }

            _memo[node] = rebuilt;
        }

        return _memo[root];
    }
}

internal static class ImmutableArrayExtensions
{
    public static ImmutableArray<TOut> Map<TIn, TOut>(this ImmutableArray<TIn> items, Func<TIn, TOut> map)
    {
        var builder = ImmutableArray.CreateBuilder<TOut>(items.Length);
        foreach (TIn item in items)
        {
            builder.Add(map(item));
        }

        return builder.MoveToImmutable();
    }
}
