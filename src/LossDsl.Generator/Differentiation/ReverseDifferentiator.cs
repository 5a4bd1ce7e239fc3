using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Differentiation;

/// <summary>
/// Symbolic reverse-mode differentiation on the IR. Starting from the seed adjoint of the output, it visits nodes in
/// reverse topological order (ids decrease) and adds each node's contribution to its operands' adjoints, using
/// <see cref="DerivativeRules"/>. Adjoints are themselves IR built by the same factory, so they share subexpressions
/// with the forward pass (the forward <c>p - t</c> and the gradient's <c>p - t</c> are one node).
/// </summary>
internal static class ReverseDifferentiator
{
    /// <summary>
    /// The adjoint of every requested input: ∂(Σ seed · output)/∂input. For a reduced loss the seed is 1; for a
    /// per-element loss it is the upstream gradient, so the result is the vector-Jacobian product.
    /// </summary>
    /// <param name="factory">The factory that owns <paramref name="output"/>.</param>
    /// <param name="output">The loss.</param>
    /// <param name="seed">The adjoint of the output.</param>
    /// <param name="inputs">The inputs whose gradients are wanted.</param>
    /// <param name="cancellationToken">Stops the work when the compilation no longer needs it.</param>
    public static IReadOnlyDictionary<Expr, Expr> Differentiate(ExprFactory factory, Expr output, Expr seed, IReadOnlyCollection<Expr> inputs, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<Expr>(inputs);
        List<Expr> nodes = Topology.Reachable(output);
        var dependsOnInput = new HashSet<Expr>();
        foreach (Expr e in nodes)
        {
            if (wanted.Contains(e) || e.Args.Any(dependsOnInput.Contains))
            {
                dependsOnInput.Add(e);
            }
        }

        var adjoints = new Dictionary<Expr, Expr> { [output] = seed };
        var rules = new DerivativeRules(factory);
        for (int k = nodes.Count - 1; k >= 0; k--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Expr node = nodes[k];
            if (!adjoints.TryGetValue(node, out Expr? adjoint) || !dependsOnInput.Contains(node) || node.Args.IsEmpty)
            {
                continue;
            }

            for (int a = 0; a < node.Args.Length; a++)
            {
                Expr arg = node.Args[a];
                if (!dependsOnInput.Contains(arg))
                {
                    continue;
                }

                Expr? contribution = rules.Contribution(node, a, adjoint);
                if (contribution is null)
                {
                    continue;
                }

                // An operand that was broadcast along an axis of the node receives the sum of its contributions
                // over that axis. An adjoint that does not vary along the axis (2/N for every element of a mean)
                // stands for the same value at every position, so its sum is that value times the axis's length.
                if (node.Shape.ColumnAxis is { } axis && !arg.Shape.Has(axis))
                {
                    contribution = factory.RowSum(contribution, axis);
                }

                if (node.Shape.Has(Axis.Sample) && !arg.Shape.Has(Axis.Sample))
                {
                    // A per-class operand (a class weight) receives, for each class, the sum over the samples.
                    contribution = contribution.Shape.Has(Axis.Sample)
                        ? factory.Make(arg.Shape.HasColumns ? Op.ColumnSum : Op.Sum, contribution)
                        : factory.Multiply(contribution, factory.Length());
                }

                adjoints[arg] = adjoints.TryGetValue(arg, out Expr? existing) ? factory.Add(existing, contribution) : contribution;
            }
        }

        var result = new Dictionary<Expr, Expr>();
        foreach (Expr input in inputs)
        {
            result[input] = adjoints.TryGetValue(input, out Expr? g) ? g : factory.Constant(0);
        }

        return result;
    }
}
