using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Differentiation;
using LossDsl.Generator.Emission;
using LossDsl.Generator.IR;
using LossDsl.Generator.Optimization;
using LossDsl.Generator.Parsing;
using LossDsl.Generator.Scheduling;

namespace LossDsl.Generator.Compiler;

/// <summary>The outcome of compiling a formula: diagnostics and, when there are no errors, the kernel and its explanation.</summary>
/// <param name="Diagnostics">Errors and warnings, located in the formula or on parameters.</param>
/// <param name="Plan">The scheduled kernel, or null if there were errors.</param>
/// <param name="Explanation">What the compiler derived, or null if there were errors.</param>
internal sealed record CompiledLoss(ImmutableArray<CompilerDiagnostic> Diagnostics, KernelPlan? Plan, LossExplanation? Explanation)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// A second kernel, valid when every option in its <see cref="KernelPlan.AssumedNonNegative"/> is finite with a clear
    /// sign bit (+0 or positive): the caller runs it then and <see cref="Plan"/> otherwise. Null when no rewrite needs it.
    /// </summary>
    public KernelPlan? Specialized { get; init; }
}

/// <summary>
/// The formula compiler: parse → bind → stable rewrites → differentiate → lower and fuse → schedule. It has no Roslyn
/// state and never throws for a bad formula (errors are diagnostics), so tools can use it as a library.
/// </summary>
internal static class FormulaCompiler
{
    // Parsing, binding, differentiation and printing recurse over expression depth, and a long flat formula
    // (p + p + … + p) is as deep as it is long. A formula short enough to be safe on any thread runs where it is
    // called; a longer one runs on a thread whose stack grows with the formula, so no input can overflow the stack
    // of the compiler that hosts the generator (1 MB on Windows) and kill the build.
    private const int LongFormula = 400;

    [System.ThreadStatic]
    private static bool _onLargeStack;

    /// <summary>Runs the front end only (signature, parse, bind): every diagnostic, none of the code generation.</summary>
    /// <param name="signature">The method's signature.</param>
    /// <param name="formula">The formula.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="intrinsics">The user's runtime intrinsics the formula may call (<c>[LossIntrinsic]</c> classes).</param>
    public static ImmutableArray<CompilerDiagnostic> Check(LossSignature signature, string formula, CancellationToken cancellationToken = default,
        IReadOnlyList<Model.IntrinsicSpec>? intrinsics = null) =>
        WithStackFor(formula, () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var diagnostics = new List<CompilerDiagnostic>();
            Bind(signature, formula, diagnostics, intrinsics);
            return diagnostics.ToImmutableArray();
        });

    /// <summary>Compiles <paramref name="formula"/> for a method with <paramref name="signature"/>.</summary>
    /// <param name="signature">The method's signature.</param>
    /// <param name="formula">The formula.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="intrinsics">The user's runtime intrinsics the formula may call (<c>[LossIntrinsic]</c> classes).</param>
    public static CompiledLoss Compile(LossSignature signature, string formula, CancellationToken cancellationToken = default,
        IReadOnlyList<Model.IntrinsicSpec>? intrinsics = null) =>
        WithStackFor(formula, () => CompileOnThisThread(signature, formula, cancellationToken, intrinsics));

    /// <summary>Runs <paramref name="work"/> on a stack deep enough for <paramref name="formula"/>.</summary>
    internal static T WithStackFor<T>(string formula, System.Func<T> work)
    {
        // Already on a guarded stack (emission guards compilation and emission together): one thread is enough.
        if (formula.Length <= LongFormula || _onLargeStack)
        {
            return work();
        }

        T result = default!;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        int stackBytes = (int)System.Math.Min(1L << 30, System.Math.Max(16L << 20, formula.Length * 4096L));
        var thread = new Thread(
            () =>
            {
                try
                {
                    _onLargeStack = true;
                    result = work();
                }
                catch (System.Exception e)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static CompiledLoss CompileOnThisThread(LossSignature signature, string formula, CancellationToken cancellationToken, IReadOnlyList<Model.IntrinsicSpec>? intrinsics)
    {
        var diagnostics = new List<CompilerDiagnostic>();
        BoundLoss? bound = Bind(signature, formula, diagnostics, intrinsics);
        if (bound is null || diagnostics.Any(d => d.IsError))
        {
            return new CompiledLoss(diagnostics.ToImmutableArray(), null, null);
        }

        ExprFactory f = bound.Factory;
        BoundSignature sig = bound.Signature;
        var rewrites = new SortedSet<string>(System.StringComparer.Ordinal);
        Expr loss = StableRewrites.Apply(f, bound.Result, rewrites, cancellationToken);

        // Gradients: reverse mode from the loss, seeded with 1 (reduced) or with the upstream gradient (per element).
        ImmutableArray<BoundParameter> gradientOutputs = sig.WithRole(ParameterRole.Gradient);
        var gradients = new List<(BoundParameter Output, Expr Derivative)>();
        // A materialized node (a pairwise matrix, an intrinsic's values) whose arguments need gradients: the passes
        // write its adjoint into a buffer, and a runtime call turns that into the arguments' gradients, which it adds.
        // An argument read only through such nodes has a gradient of 0 as far as the passes go (filled first, then
        // added into); one the formula also reads element by element gets the passes' part written and the runtime's
        // added after the last pass (KernelEmitter, from scratch).
        var backward = bound.Materialized.Where(m => m.Arguments.Any(a => gradientOutputs.Any(g => g.GradientOf == a))).ToList();
        var materializedAdjoints = new List<(MaterializedCall Call, Expr Adjoint)>();
        if (gradientOutputs.Length > 0)
        {
            Expr seed = sig.IsReduced ? f.Constant(1) : f.Input(sig.UpstreamGradient!.Name, ValueKind.Real, loss.Shape);
            // An input the formula does not use (a warning) has a zero gradient; its leaf is made only to be looked up.
            var inputs = gradientOutputs.Select(g => InputLeaf(g.GradientOf!)).ToList();
            IReadOnlyDictionary<Expr, Expr> adjoints = ReverseDifferentiator.Differentiate(f, loss, seed, inputs.Concat(backward.Select(m => m.Leaf)).ToList(), cancellationToken);
            for (int k = 0; k < gradientOutputs.Length; k++)
            {
                gradients.Add((gradientOutputs[k], adjoints[inputs[k]]));
            }

            materializedAdjoints.AddRange(backward.Select(m => (m, adjoints[m.Leaf])).Where(x => !x.Item2.IsConstant(0)));
        }

        // The leaf of an input; one the formula does not use (a warning) gets one made only for its zero gradient.
        Expr InputLeaf(string name) => bound.Inputs.TryGetValue(name, out Expr? leaf) ? leaf
            : f.Input(name, ValueKind.Real, sig.Find(name)!.Decl.IsTensor ? Shape.Rows : Shape.Samples);

        LossExplanation explanation = Explain(formula, loss, gradients, materializedAdjoints) with
        {
            Rewrites = rewrites.ToImmutableArray(),
            HasClassAxis = bound.Inputs.Values.Any(e => e.Shape.Has(Axis.Class)),
            HasPairAxis = bound.Materialized.Any(m => m.IsPairwise),
        };

        var planInputs = bound.Inputs;
        if (sig.UpstreamGradient is { } upstream)
        {
            planInputs = planInputs.SetItem(upstream.Name, f.Input(upstream.Name, ValueKind.Real, loss.Shape));
        }

        // Lowers, fuses and schedules the loss, gradients and adjoints, each first passed through `merge` (the identity
        // for the general kernel; ThresholdMerge's result for the specialised one).
        KernelPlan BuildPlan(System.Func<Expr, Expr> merge)
        {
            Rewriter lower = Lowering.Create(f, cancellationToken);
            Rewriter fuse = FusedMultiplyAdd.Create(f, cancellationToken);
            Expr Final(Expr e) => fuse.Rewrite(lower.Rewrite(merge(e)));

            var writes = new List<OutputWrite>();
            if (sig.LossOutput is { } lossOutput)
            {
                writes.Add(new OutputWrite(lossOutput.Name, Final(loss), loss.Shape));
            }

            foreach ((BoundParameter output, Expr derivative) in gradients)
            {
                Expr lowered = lower.Rewrite(merge(derivative));
                Shape target = InputLeaf(output.GradientOf!).Shape;
                writes.Add(OneHotPart(lowered) is { } split && target.Equals(Shape.Rows)
                    ? new OutputWrite(output.Name, fuse.Rewrite(split.Dense), target) { Fixup = (split.Index, fuse.Rewrite(split.Value)) }
                    : new OutputWrite(output.Name, fuse.Rewrite(lowered), target));
            }
            foreach ((MaterializedCall call, Expr adjoint) in materializedAdjoints)
            {
                writes.Add(new OutputWrite(call.AdjointBuffer, Final(adjoint), call.Leaf.Shape));
            }

            return PassScheduler.Schedule(sig, sig.IsReduced ? Final(loss) : null, writes, planInputs, bound.ClassIndices,
                bound.Materialized, materializedAdjoints.Select(m => m.Call).ToList()) with { PairLabels = bound.PairLabels };
        }

        KernelPlan plan = BuildPlan(e => e);

        // Loop unswitching on the sign of a threshold option: a second kernel, run when the options it assumes are finite
        // with a clear sign bit, if ThresholdMerge finds something to merge under that assumption (Huber's delta).
        KernelPlan? specialized = null;
        var realOptions = sig.WithRole(ParameterRole.Option)
            .Where(p => p.Decl.Form == ParameterForm.Scalar && p.Decl.Element is ScalarType.Float or ScalarType.Double)
            .Select(p => p.Name).ToList();
        if (realOptions.Count > 0)
        {
            // Every real option assumed: a rewrite records the options it relied on in `used`, so merging under all of
            // them gives what merging under `used` alone would. Most formulas with options have nothing to merge and
            // need no second plan; the one built here lowers the merged roots computed once.
            var used = new SortedSet<string>(System.StringComparer.Ordinal);
            var merged = new Dictionary<Expr, Expr>();
            foreach (Expr root in gradients.Select(g => g.Derivative).Concat(materializedAdjoints.Select(m => m.Adjoint)).Prepend(loss))
            {
                merged[root] = ThresholdMerge.Apply(f, root, realOptions, used, cancellationToken);
            }

            if (used.Count > 0)
            {
                specialized = BuildPlan(e => merged[e]) with { AssumedNonNegative = used.ToImmutableArray() };
            }
        }

        explanation = explanation with
        {
            Passes = plan.Passes.Select(p => DescribePass(p, plan)).ToImmutableArray(),
            Fills = plan.Fills.Select(fill => DescribeFill(fill.Write, fill.AfterPass, plan)).Concat(DescribeAddedAfterPasses(plan)).ToImmutableArray(),
            Specializations = specialized is null ? ImmutableArray<string>.Empty : ImmutableArray.Create(DescribeSpecialization(specialized)),
        };
        return new CompiledLoss(diagnostics.ToImmutableArray(), plan, explanation) { Specialized = specialized };
    }

    // d = a + where(j == k, v, 0) with k and v the same along the row: the where is non-zero in one column, so the
    // row is written as a and v is added at column k afterwards (a gather's gradient: the −1/N of cross-entropy).
    private static (Expr Dense, Expr Index, Expr Value)? OneHotPart(Expr d)
    {
        if (d.Op != Op.Add)
        {
            return null;
        }

        foreach ((Expr dense, Expr sparse) in new[] { (d.A, d.B), (d.B, d.A) })
        {
            if (sparse.Op == Op.Where && sparse.C.IsConstant(0) && !sparse.B.Shape.Has(Axis.Class) &&
                sparse.A.Op == Op.Equal && IsColumnIndexAgainst(sparse.A, out Expr? index))
            {
                return (dense, index!, sparse.B);
            }
        }

        return null;
    }

    private static bool IsColumnIndexAgainst(Expr equal, out Expr? index)
    {
        static Expr Strip(Expr e) => e.Op == Op.ToReal ? e.A : e;
        (Expr a, Expr b) = (Strip(equal.A), Strip(equal.B));
        index = a.Op == Op.ColumnIndex && ExprFactory.AxisOf(a) == Axis.Class && !b.Shape.HasColumns && b.Kind == ValueKind.Integer ? b
            : b.Op == Op.ColumnIndex && ExprFactory.AxisOf(b) == Axis.Class && !a.Shape.HasColumns && a.Kind == ValueKind.Integer ? a
            : null;
        return index != null;
    }

    private static BoundLoss? Bind(LossSignature signature, string formula, List<CompilerDiagnostic> diagnostics, IReadOnlyList<Model.IntrinsicSpec>? intrinsics)
    {
        BoundSignature? sig = SignatureBinder.Bind(signature, diagnostics);
        ParseResult parsed = Parser.Parse(formula);
        if (parsed.Formula is null)
        {
            diagnostics.Add(CompilerDiagnostic.AtFormula(DiagnosticDescriptors.SyntaxError, parsed.ErrorSpan, parsed.ErrorMessage!));
            return null;
        }

        return sig is null ? null : FormulaBinder.Bind(sig, parsed.Formula, diagnostics, intrinsics);
    }

    private static LossExplanation Explain(string formula, Expr loss, List<(BoundParameter Output, Expr Derivative)> gradients,
        List<(MaterializedCall Call, Expr Adjoint)> materialized)
    {
        var shared = new List<string>();
        var roots = new List<Expr> { loss };
        roots.AddRange(gradients.Select(g => g.Derivative));
        roots.AddRange(materialized.Select(m => m.Adjoint));
        IReadOnlyList<string> texts = ExprPrinter.Print(roots, shared);
        // A gradient that flows through pairwise matrices: the runtime backward of each, applied to its adjoint.
        string Text(BoundParameter output, int k)
        {
            var parts = materialized.Select((m, q) => (m, q)).Where(x => x.m.Call.Arguments.Contains(output.GradientOf!))
                .Select(x => $"backward of {x.m.Call.Leaf.Name} with adjoint {texts[1 + gradients.Count + x.q]}").ToList();
            if (parts.Count > 0 && !gradients[k].Derivative.IsConstant(0))
            {
                parts.Insert(0, texts[k + 1]); // the input is also read element by element
            }

            return parts.Count == 0 ? texts[k + 1] : string.Join(" + ", parts);
        }

        ImmutableArray<GradientExplanation> gradientTexts = gradients
            .Select((g, k) => new GradientExplanation(g.Output.Name, g.Output.GradientOf!, Text(g.Output, k)))
            .ToImmutableArray();
        return new LossExplanation(formula, texts[0], shared.ToImmutableArray(), gradientTexts, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);
    }

    // An output the same at every element: "dt: filled with 0 (constant)", "dp: filled with one value, known after pass 1".
    // A gradient that also flows through a materialized node is filled with its direct part, and the node's backward
    // adds into it: "da: filled with 0 (constant); the backward of cosine_sim(a, b) adds to it after pass 1".
    private static string When(int pass) => pass == 0 ? "before the first pass" : $"after pass {pass}";

    // When a node's backward runs: "row by row in pass 2" for a streamed matrix, else "after pass 1".
    private static string BackwardTiming(ScheduledCall sc) => sc.StreamedInPass > 0 ? $"row by row in pass {sc.StreamedInPass}" : When(sc.BackwardAfterPass);

    private static string DescribeFill(OutputWrite write, int afterPass, KernelPlan plan)
    {
        string text = plan.DescribeOutput(write.Parameter) + ": filled with " + (write.Value.Op == Op.Constant
            ? ExprPrinter.FormatNumber(write.Value.Value) + " (constant)"
            : "one value, known " + When(afterPass));
        // A fill that is not 0 is the input's own part (read element by element): the backward adds into scratch.
        bool later = plan.Signature.Find(write.Parameter)?.GradientOf is { } input && plan.AddsAfterPasses(input);
        foreach (ScheduledCall sc in plan.BackwardsInto(write.Parameter))
        {
            text += later
                ? $"; the backward of {sc.Call.Leaf.Name} ({BackwardTiming(sc)}, into scratch) is added to it after the last pass"
                : $"; the backward of {sc.Call.Leaf.Name} adds to it {BackwardTiming(sc)}";
        }

        return text;
    }

    // A gradient a pass writes whose input a pairwise function or an intrinsic also reads: the node's backward adds into
    // scratch, which is added to the gradient once every pass has run. "da: written in pass 1; the backward of sqdist(a, b)
    // (row by row in pass 1, into scratch) is added to it after the last pass".
    private static IEnumerable<string> DescribeAddedAfterPasses(KernelPlan plan)
    {
        foreach (Pass pass in plan.Passes)
        {
            foreach (OutputWrite write in pass.Writes)
            {
                List<string> backwards = plan.BackwardsInto(write.Parameter)
                    .Select(sc => $"the backward of {sc.Call.Leaf.Name} ({BackwardTiming(sc)}, into scratch)")
                    .ToList();
                if (backwards.Count > 0)
                {
                    yield return $"{plan.DescribeOutput(write.Parameter)}: written in pass {pass.Number}; {string.Join(" and ", backwards)} {(backwards.Count == 1 ? "is" : "are")} added to it after the last pass";
                }
            }
        }
    }

    private static string DescribeSpecialization(KernelPlan specialized) =>
        $"when {string.Join(" and ", specialized.AssumedNonNegative)} {(specialized.AssumedNonNegative.Length == 1 ? "is" : "are")} finite and not negative (not -0), " +
        "a second kernel runs with each where over abs(x) and that threshold merged into one branch at min(threshold, abs(x)), and sign(x) * min(threshold, abs(x)) as a clamp";

    private static string DescribePass(Pass pass, KernelPlan plan)
    {
        var parts = new List<string>();
        if (pass.Reductions.Length > 0)
        {
            parts.Add(pass.Reductions.Length == 1 ? "accumulates one sum" : $"accumulates {pass.Reductions.Length} sums");
        }

        if (pass.Writes.Length > 0)
        {
            parts.Add("writes " + string.Join(", ", pass.Writes.Select(w => plan.DescribeOutput(w.Parameter))));
        }

        if (pass.IsRowwise)
        {
            List<string> streamed = plan.Materialized.Where(c => c.StreamedInPass == pass.Number).Select(c => c.Call.Leaf.Name!).ToList();
            if (streamed.Count > 0)
            {
                parts.Add($"makes each row of {string.Join(" and ", streamed)} as it goes, never storing the whole matrix");
            }

            int loops = pass.Stages.Count(s => s.Loop != null);
            if (loops > 0)
            {
                parts.Insert(0, loops == 1 ? "one loop over each row's columns" : $"{loops} loops over each row's columns");
            }

            return $"pass {pass.Number} over the rows: {string.Join("; ", parts)}";
        }

        return $"pass {pass.Number} over the {(pass.IsOverAllElements ? "elements of the tensors, as one flat run" : "elements")}: {string.Join("; ", parts)}";
    }
}
