using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;
using LossDsl.Generator.Model;
using LossDsl.Generator.Scheduling;

namespace LossDsl.Generator.Emission;

/// <summary>
/// Writes the kernel of a loss: a <c>Run</c> method that checks its arguments and runs the scheduled passes, and one
/// step method per pass and width that evaluates the per-element body. Each pass tries Vector512, Vector256 and
/// Vector128 in turn (the JIT keeps only the branch the CPU accelerates), unrolls four vectors with separate
/// accumulators, and finishes with a scalar tail.
/// </summary>
internal sealed class KernelEmitter
{
    // Sixteen unrolled iterations per block: a float lane then sums at most 64 terms before its block total is widened
    // to double, which keeps a float sum of 10⁷ terms within 1e-6 of the exact sum at ~3% of the cost of summing in
    // double throughout.
    private const int BlockIterations = 16;

    // A light body (MSE: load, load, subtract, multiply, accumulate) is bound by latency and gains from four
    // independent vectors in flight; a heavy one already has enough independent work per vector, and four inlined
    // copies exhaust the 16 vector registers and spill (measured: Huber 2.1x → 1.55x the hand-written loop at 10⁵
    // going from four to two). The threshold counts the body's operations. A body with a vector exp or log is not
    // unrolled at all: each is some 50 instructions with independent work of its own, and the JIT inlines only about
    // two of them per method (its inlining budget); the copies beyond that stay calls that spill every live vector
    // around them (measured on cross-entropy's exp loop: unrolled four deep, two of six exps inlined). LossDsl's own
    // float exp is small enough to be exempt; its float log is inlined too but still not unrolled (KeepsLoopRolled).
    private const int LightBodyOperations = 8;

    private readonly KernelPlan _plan;
    private readonly BoundSignature _sig;
    private readonly bool _isFloat;
    private readonly string _t;
    private SourceWriter _w = new();

    // The vector loops, one method per loop and width (see EmitVectorLoops), written after Run.
    private readonly SourceWriter _loopMethods = new();
    private readonly Dictionary<Expr, string> _scalars = new();

    // Arguments of a pairwise function or an intrinsic that the formula also reads element by element
    // (KernelPlan.AddsAfterPasses): the node's backward adds into cleared scratch of the argument's own, added into the
    // gradient once every pass and backward has run, so neither overwrites the other whatever order the scheduler chose.
    private readonly ImmutableArray<(string Input, BoundParameter Gradient)> _addedLater;

    private KernelEmitter(KernelPlan plan)
    {
        _plan = plan;
        _sig = plan.Signature;
        _isFloat = _sig.Element == ElementType.Float;
        _t = _sig.ElementKeyword;
        _addedLater = plan.Materialized.Where(sc => sc.HasBackward)
            .SelectMany(sc => sc.Call.Arguments).Distinct()
            .Where(plan.AddsAfterPasses)
            .Select(input => (input, _sig.GradientFor(input)!))
            .ToImmutableArray();
    }

    /// <summary>Writes the members of the kernel class (the <c>Run</c> method and its step methods).</summary>
    public static string EmitMembers(KernelPlan plan)
    {
        var emitter = new KernelEmitter(plan);
        emitter.EmitRun();
        foreach (Pass pass in plan.Passes)
        {
            var loops = pass.IsRowwise
                ? pass.Stages.Where(st => st.Loop != null).Select(st => (Loop: st.Loop!, Shape: ColumnLoop(pass, st.Loop!)))
                : new[] { (Loop: pass, Shape: ElementLoop(pass)) };
            emitter.EmitSteps(loops);
        }

        emitter.EmitSteps(plan.ClassLoops.Select(c => (Loop: c.Loop, Shape: ClassLoop(c.Loop))));

        return emitter._w.ToString() + emitter._loopMethods.ToString();
    }

    private void EmitSteps(IEnumerable<(Pass Loop, LoopShape Shape)> loops)
    {
        foreach ((Pass loop, LoopShape shape) in loops)
        {
            foreach (Dialect d in Dialects(_isFloat))
            {
                EmitStep(loop, shape, d, tail: false);
                if (!d.IsScalar && shape.OverColumns)
                {
                    EmitStep(loop, shape, d, tail: true);
                }
            }
        }
    }

    /// <summary>The parameter list of <c>Run</c>, with C# types and kernel-side names.</summary>
    private static string ParameterList(BoundSignature sig) =>
        string.Join(", ", sig.Parameters.Select(p => $"{(p.Decl.IsScoped ? "scoped " : "")}{TypeOf(p.Decl)} {Arg(p.Name)}"));

    // Inside the kernel, user names carry a prefix: a parameter named i, n, Math or Unsafe cannot then shadow a local
    // or a type the kernel uses, and no user name can meet the generated __-prefixed locals.
    private static string Arg(string name) => "arg_" + name;

    /// <summary>The C# type of a parameter declaration (fully qualified).</summary>
    public static string TypeOf(ParameterDecl p)
    {
        string element = p.Element switch
        {
            ScalarType.Float => "float",
            ScalarType.Double => "double",
            ScalarType.Int32 => "int",
            ScalarType.Int64 => "long",
            ScalarType.Reduction => "global::LossDsl.Reduction",
            _ => "bool",
        };
        return p.Form switch
        {
            ParameterForm.ReadOnlySpan => $"global::System.ReadOnlySpan<{element}>",
            ParameterForm.Span => $"global::System.Span<{element}>",
            ParameterForm.ReadOnlyTensorSpan => $"global::System.Numerics.Tensors.ReadOnlyTensorSpan<{element}>",
            ParameterForm.TensorSpan => $"global::System.Numerics.Tensors.TensorSpan<{element}>",
            _ => element,
        };
    }

    /// <summary>Escapes a C# keyword used as a name.</summary>
    public static string Escape(string name) => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static IEnumerable<Dialect> Dialects(bool isFloat)
    {
        yield return Dialect.Vector(512, isFloat);
        yield return Dialect.Vector(256, isFloat);
        yield return Dialect.Vector(128, isFloat);
        yield return Dialect.Scalar(isFloat);
    }

    private IEnumerable<BoundParameter> Spans => _sig.Parameters.Where(p => p.Decl.IsReadOnlyMemory || p.Decl.IsWritableMemory);

    // A tensor is checked once and then read through a flat span of its elements.
    private static string SpanOf(BoundParameter p) => p.Decl.IsTensor ? "__span_" + p.Name : Arg(p.Name);

    private string SpanOf(string name) => MaterializedCall.IsBuffer(name) ? $"__buf_{name}" : SpanOf(_sig.Find(name)!);

    // The element keyword of a parameter, or of a materialized node's buffer (the loss's element type).
    private string ElementOf(string name) => MaterializedCall.IsBuffer(name) ? _t : ElementKeyword(_sig.Find(name)!.Decl);

    // Whether a span parameter holds one value per class: a per-class input, or the gradient of one.
    private bool IsPerClass(BoundParameter p)
    {
        string name = p.Role == ParameterRole.Gradient ? p.GradientOf! : p.Name;
        return _plan.Inputs.TryGetValue(name, out Expr? leaf) && leaf.Shape.Equals(Shape.Classes);
    }

    private void EmitRun()
    {
        string returnType = _sig.IsReduced ? _t : "void";
        _w.Open($"public static {returnType} Run({ParameterList(_sig)})");
        EmitArgumentChecks();

        // Column sums accumulate in double, one slot per class, in buffers from the shared pool (no allocation after
        // the first call); in a float kernel each is then rounded once into a float buffer that later loops read, in a
        // double kernel later loops read the accumulator itself.
        foreach (Expr c in _plan.ColumnSums)
        {
            string count = ColumnCount(c.Shape.ColumnAxis!.Value);
            _w.Line($"double[] __colsum{c.Id} = global::System.Buffers.ArrayPool<double>.Shared.Rent({count});");
            _w.Line(c.Op == Op.ColumnSum ? $"global::System.Array.Clear(__colsum{c.Id}, 0, {count});"
                : $"global::System.Array.Fill(__colsum{c.Id}, double.{(c.Op == Op.ColumnMin ? "PositiveInfinity" : "NegativeInfinity")}, 0, {count});");
            _w.Line(_isFloat ? $"float[] __col{c.Id} = global::System.Buffers.ArrayPool<float>.Shared.Rent({count});" : $"double[] __col{c.Id} = __colsum{c.Id};");
        }

        EmitMaterializedForwards();
        int passIndex = 0;
        EmitClassLoops(passIndex);
        EmitFills(passIndex);
        EmitMaterializedBackwards(passIndex);
        foreach (Pass pass in _plan.Passes)
        {
            EmitPass(pass);
            foreach (Expr c in pass.Reductions.Where(r => _isFloat && OpInfo.IsColumnReduction(r.Op)))
            {
                _w.Line($"for (int __k = 0; __k < {ColumnCount(c.Shape.ColumnAxis!.Value)}; __k++) __col{c.Id}[__k] = (float)__colsum{c.Id}[__k];");
            }

            EmitClassLoops(++passIndex);
            EmitFills(passIndex);
            EmitMaterializedBackwards(passIndex);
        }

        foreach ((string input, BoundParameter gradient) in _addedLater)
        {
            _w.Line($"global::LossDsl.Kernels.IntrinsicCalls.AddInto<{_t}>({SpanOf(gradient)}, {AddedLater(input)});");
            _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(__added_{input});");
        }

        string? result = _plan.ReturnValue != null ? ScalarValue(_plan.ReturnValue) : null;
        foreach (Expr c in _plan.ColumnSums)
        {
            _w.Line($"global::System.Buffers.ArrayPool<double>.Shared.Return(__colsum{c.Id});");
            if (_isFloat)
            {
                _w.Line($"global::System.Buffers.ArrayPool<float>.Shared.Return(__col{c.Id});");
            }
        }

        if (_plan.Materialized.Any(sc => sc.Call.IsPairwise && sc.StreamedInPass == 0))
        {
            _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(__pairs);");
        }

        if (_plan.Materialized.Any(sc => sc.StreamedInPass > 0))
        {
            _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(__pairRows);");
            foreach (ScheduledCall sc in _plan.Materialized.Where(sc => sc.StreamedInPass > 0))
            {
                _w.Line($"{RowsOf(sc.Call)}.Dispose();");
            }
        }

        if (_plan.Materialized.Any(sc => !sc.Call.IsPairwise))
        {
            _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(__values);");
        }

        if (result != null)
        {
            _w.Line($"return {result};");
        }

        _w.Close();
    }

    private void EmitClassLoops(int afterPass)
    {
        foreach ((Pass loop, int after) in _plan.ClassLoops)
        {
            if (after != afterPass)
            {
                continue;
            }

            LoopShape shape = ClassLoop(loop);
            string[] invariants = OpenLoop(loop, $"Over the classes: {Describe(loop)}", "__j");
            DeclareBufferReferences(loop);
            foreach (string name in loop.Inputs)
            {
                DeclareReference(name);
            }

            foreach (OutputWrite write in loop.Writes)
            {
                _w.Line($"ref {_t} __m_{write.Parameter} = ref MemoryMarshal.GetReference({SpanOf(write.Parameter)});");
            }

            EmitLoop(loop, shape, invariants, vectorCondition: null);
            _w.Close();
            NameReductionResults(loop.Reductions, "__r", _scalars);
        }
    }

    // The invariants a loop reads (computed before it), its reductions' running values, and a scope with its index.
    private string[] OpenLoop(Pass loop, string comment, string index)
    {
        string[] invariants = loop.Invariants.Select(ScalarValue).ToArray();
        _w.Line();
        _w.Line("// " + comment);
        foreach (Expr r in loop.Reductions)
        {
            _w.Line(ReductionStart(r));
        }

        // Each loop has its own scope: its state and references do not outlive it.
        _w.Open();
        _w.Line($"nuint {index} = 0;");
        return invariants;
    }

    private void DeclareReference(BoundParameter p) =>
        _w.Line($"ref {ElementKeyword(p.Decl)} __ref_{p.Name} = ref MemoryMarshal.GetReference({SpanOf(p)});");

    private void DeclareReference(string name)
    {
        if (MaterializedCall.IsBuffer(name))
        {
            _w.Line($"ref {_t} __ref_{name} = ref MemoryMarshal.GetReference(__buf_{name});");
            return;
        }

        DeclareReference(_sig.Find(name)!);
    }

    private void DeclareBufferReferences(Pass loop)
    {
        foreach (Expr c in loop.Accumulations)
        {
            _w.Line($"ref double __ref_colsum{c.Id} = ref MemoryMarshal.GetArrayDataReference(__colsum{c.Id});");
        }

        foreach (Expr c in loop.Buffers)
        {
            _w.Line($"ref {_t} __ref_col{c.Id} = ref MemoryMarshal.GetArrayDataReference(__col{c.Id});");
        }
    }

    private void EmitArgumentChecks()
    {
        foreach (BoundParameter option in _sig.Parameters.Where(p => p.Role == ParameterRole.Option && p.Decl.Element == ScalarType.Reduction))
        {
            _w.Line($"LossGuard.CheckReduction(\"{option.Name}\", {Arg(option.Name)});");
        }

        List<BoundParameter> all = Spans.ToList();
        if (all.Count == 0)
        {
            return;
        }

        // Parameters only a [LossIntrinsic] of the user's reads (and their gradients) have the intrinsic's shapes, not
        // the formula's: they are checked apart, and N comes from the first such call when nothing else gives it.
        List<BoundParameter> spans = all.Where(p => !IsUserIntrinsicOnly(p)).ToList();
        if (UserIntrinsicCalls.Any())
        {
            string? intrinsicSize = EmitUserIntrinsicChecks(all.Where(IsUserIntrinsicOnly).ToList(), spans);
            if (intrinsicSize != null)
            {
                EmitOverlapChecks(all);
                EmitIndexChecks(intrinsicSize);
                return;
            }
        }

        // Tensors first: the first one sets N (samples), C (columns) and the distance between columns; every other
        // tensor must have its shape, per-sample spans N elements, per-class spans C.
        List<BoundParameter> tensors = spans.Where(p => p.Decl.IsTensor).ToList();
        BoundParameter? perClass = spans.FirstOrDefault(p => !p.Decl.IsTensor && IsPerClass(p));
        BoundParameter? perSample = spans.FirstOrDefault(p => !p.Decl.IsTensor && !IsPerClass(p));
        string sizeSource;
        if (_plan.IsPairwise)
        {
            sizeSource = EmitPairwiseShapeChecks(spans);
        }
        else if (_plan.Materialized.Any(sc => sc.Call.Function == PairwiseFunction.ConnectionistTemporalClassification))
        {
            sizeSource = EmitCtcShapeChecks(spans);
        }
        else if (tensors.Count > 0)
        {
            BoundParameter first = tensors[0];
            sizeSource = first.Name;
            _w.Line($"var {SpanOf(first)} = LossGuard.Tensor(\"{first.Name}\", {Arg(first.Name)}, out int __n, out int __c, out int __inner);");
            if (_plan.Passes.Any(p => p.IsOverAllElements))
            {
                _w.Line("int __all = __n * __c;");
            }

            EmitSameShapes(first, tensors.Skip(1));
            foreach (BoundParameter p in spans.Where(p => !p.Decl.IsTensor))
            {
                _w.Line(IsPerClass(p)
                    ? $"LossGuard.ClassLength(\"{first.Name}\", __c, \"{p.Name}\", {Arg(p.Name)}.Length);"
                    : $"LossGuard.SampleLength(\"{first.Name}\", __n, \"{p.Name}\", {Arg(p.Name)}.Length);");
            }
        }
        else
        {
            BoundParameter first = perSample ?? spans[0];
            sizeSource = first.Name;
            _w.Line($"int __n = {Arg(first.Name)}.Length;");
            foreach (BoundParameter p in spans.Where(p => p != first && !IsPerClass(p)))
            {
                _w.Line($"LossGuard.SameLength(\"{first.Name}\", __n, \"{p.Name}\", {Arg(p.Name)}.Length);");
            }

            if (perClass != null)
            {
                _w.Line($"int __c = {Arg(perClass.Name)}.Length;");
                DeclareUnitInner();
                foreach (BoundParameter p in spans.Where(p => p != perClass && IsPerClass(p)))
                {
                    _w.Line($"LossGuard.SameLength(\"{perClass.Name}\", __c, \"{p.Name}\", {Arg(p.Name)}.Length);");
                }
            }
        }

        if (UserIntrinsicCalls.Any())
        {
            EmitUserIntrinsicSizes(sizeSource);
        }

        EmitOverlapChecks(all);
        EmitIndexChecks(sizeSource);
    }

    // Every tensor after the first has the first one's shape (checked), and is read through a flat span of its elements.
    private void EmitSameShapes(BoundParameter first, IEnumerable<BoundParameter> others)
    {
        foreach (BoundParameter t in others)
        {
            _w.Line($"LossGuard.SameShape(\"{first.Name}\", {Arg(first.Name)}.Lengths, \"{t.Name}\", {Arg(t.Name)}.Lengths);");
            _w.Line($"var {SpanOf(t)} = LossGuard.Tensor(\"{t.Name}\", {Arg(t.Name)}, out _, out _, out _);");
        }
    }

    // Outputs are written while inputs are still being read (and later passes read inputs again), so no output may
    // share memory with an input or with another output.
    private void EmitOverlapChecks(List<BoundParameter> spans)
    {
        foreach (BoundParameter o in spans.Where(p => p.Decl.IsWritableMemory))
        {
            foreach (BoundParameter other in spans.Where(s => s != o && (s.Decl.IsReadOnlyMemory || s.Index > o.Index)))
            {
                _w.Line($"LossGuard.NoOverlap<{_t}, {ElementKeyword(other.Decl)}>(\"{o.Name}\", {SpanOf(o)}, \"{other.Name}\", {SpanOf(other)});");
            }
        }
    }

    private IEnumerable<MaterializedCall> UserIntrinsicCalls =>
        _plan.Materialized.Select(sc => sc.Call).Where(c => c.Function == PairwiseFunction.UserIntrinsic);

    // An input no pass and no pairwise function reads that a user intrinsic takes, or the gradient of one.
    private bool IsUserIntrinsicOnly(BoundParameter p)
    {
        string name = p.Role == ParameterRole.Gradient ? p.GradientOf! : p.Name;
        return p.Role is ParameterRole.Input or ParameterRole.Gradient && !_plan.Inputs.ContainsKey(name) &&
            !_plan.Materialized.Any(sc => sc.Call.IsPairwise && sc.Call.Arguments.Contains(name)) &&
            UserIntrinsicCalls.Any(c => c.Intrinsic!.Parameters.Where((q, k) => q.IsInput && c.Arguments[k] == name).Any());
    }

    // The number of values a user intrinsic writes: its first input's axis 0.
    private string IntrinsicSize(MaterializedCall call)
    {
        string first = FirstInput(call);
        return _sig.Find(first)!.Decl.IsTensor ? $"global::LossDsl.Kernels.IntrinsicCalls.Samples(\"{first}\", {Arg(first)})" : $"{Arg(first)}.Length";
    }

    private static string FirstInput(MaterializedCall call) => call.Arguments[call.Intrinsic!.Parameters.ToList().FindIndex(q => q.IsInput)];

    // Inputs only intrinsics read are checked by the intrinsic itself; their gradients must have their shape (and be
    // dense, for a tensor). When nothing else of the formula has a length (every input is an intrinsic's), N is the
    // first call's size, the remaining spans (outputs, upstream) must have N values, and the parameter that gave N is
    // returned; otherwise null, and the formula's other inputs give N.
    private string? EmitUserIntrinsicChecks(List<BoundParameter> intrinsicOnly, List<BoundParameter> rest)
    {
        foreach (BoundParameter t in intrinsicOnly.Where(p => p.Decl.IsTensor && p.Role == ParameterRole.Input))
        {
            _w.Line($"var {SpanOf(t)} = global::LossDsl.Kernels.IntrinsicCalls.Covering(\"{t.Name}\", {Arg(t.Name)});");
        }

        foreach (BoundParameter g in intrinsicOnly.Where(p => p.Role == ParameterRole.Gradient))
        {
            _w.Line(g.Decl.IsTensor
                ? $"var {SpanOf(g)} = global::LossDsl.Kernels.IntrinsicCalls.DenseGradient(\"{g.Name}\", {Arg(g.Name)}, \"{g.GradientOf}\", {Arg(g.GradientOf!)});"
                : $"LossGuard.SameLength(\"{g.GradientOf}\", {Arg(g.GradientOf!)}.Length, \"{g.Name}\", {Arg(g.Name)}.Length);");
        }

        if (rest.Any(p => p.Decl.IsReadOnlyMemory && p.Role == ParameterRole.Input))
        {
            return null;
        }

        MaterializedCall first = UserIntrinsicCalls.First();
        string sizeSource = FirstInput(first);
        _w.Line($"int __n = {IntrinsicSize(first)};");
        EmitUserIntrinsicSizes(sizeSource);
        foreach (BoundParameter p in rest)
        {
            _w.Line($"LossGuard.SampleLength(\"{sizeSource}\", __n, \"{p.Name}\", {Arg(p.Name)}.Length);");
        }

        return sizeSource;
    }

    // Every user intrinsic writes N values: its size must be the formula's.
    private void EmitUserIntrinsicSizes(string sizeSource)
    {
        foreach (MaterializedCall call in UserIntrinsicCalls.Where(c => FirstInput(c) != sizeSource).GroupBy(FirstInput).Select(g => g.First()))
        {
            _w.Line($"LossGuard.SameLength(\"{sizeSource}\", __n, \"{FirstInput(call)}\", {IntrinsicSize(call)});");
        }
    }

    // Without tensors of rank 3 or more, a row's columns are adjacent (stride 1). Only row passes read the stride, and
    // an unused local would be a compiler warning in the user's build (an error where warnings are errors).
    private void DeclareUnitInner()
    {
        if (_plan.Passes.Any(p => p.IsRowwise))
        {
            _w.Line("const int __inner = 1;");
        }
    }

    // A formula with pairwise functions: the tensors they compare (and emd_points's) are row sets (points × features)
    // read only by them. The first call's first argument sets N (the rows i), its second argument M (the columns k of
    // every pair matrix, in __m). Tensors read element by element are matrices of classes or features (columns j, in
    // __c) with one sample per row i.
    private string EmitPairwiseShapeChecks(List<BoundParameter> spans)
    {
        bool IsRowSet(BoundParameter p) => p.Decl.IsTensor && _plan.Materialized.Any(sc =>
            (sc.Call.IsPairwise || sc.Call.Function == PairwiseFunction.EarthMoversPoints) && sc.Call.Arguments.Contains(p.Role == ParameterRole.Gradient ? p.GradientOf! : p.Name));
        foreach (BoundParameter t in spans.Where(p => IsRowSet(p) && p.Role == ParameterRole.Input))
        {
            _w.Line($"var {SpanOf(t)} = global::LossDsl.Kernels.PairwiseKernels.Rows(\"{t.Name}\", {Arg(t.Name)}, out int __rows_{t.Name}, out int __cols_{t.Name});");
        }

        foreach (BoundParameter g in spans.Where(p => IsRowSet(p) && p.Role == ParameterRole.Gradient))
        {
            string of = g.GradientOf!;
            _w.Line($"var {SpanOf(g)} = global::LossDsl.Kernels.PairwiseKernels.Gradient(\"{g.Name}\", {Arg(g.Name)}, \"{of}\", __rows_{of}, __cols_{of});");
        }

        MaterializedCall first = _plan.Materialized.First(sc => sc.Call.IsPairwise).Call;
        string a0 = first.Arguments[0], b0 = first.Arguments[1];
        _w.Line($"int __n = __rows_{a0};");
        _w.Line($"int __m = __rows_{b0};");
        List<BoundParameter> rest = spans.Where(p => !IsRowSet(p)).ToList();
        EmitClassAxisChecks(rest, a0, spans.Where(p => IsRowSet(p) && p.Role == ParameterRole.Input && _plan.Inputs.ContainsKey(p.Name)).ToList());

        var checkedRows = new HashSet<(string, int)> { (a0, 0), (b0, 1) };
        var checkedFeatures = new HashSet<(string, string)>();
        foreach (ScheduledCall sc in _plan.Materialized.Where(sc => sc.Call.Function == PairwiseFunction.EarthMoversPoints))
        {
            // emd_points gives one value per point of its first set (it checks that the second has the same shape).
            string a = sc.Call.Arguments[0];
            if (checkedRows.Add((a, 0)))
            {
                _w.Line($"LossGuard.SameLength(\"{a0}\", __n, \"{a}\", __rows_{a});");
            }
        }

        foreach (ScheduledCall sc in _plan.Materialized.Where(sc => sc.Call.IsPairwise))
        {
            string a = sc.Call.Arguments[0], b = sc.Call.Arguments[1];
            if (checkedRows.Add((a, 0)))
            {
                _w.Line($"global::LossDsl.Kernels.PairwiseKernels.SameRows(\"{a}\", __rows_{a}, \"{a0}\", __n, \"first\");");
            }

            if (checkedRows.Add((b, 1)))
            {
                _w.Line($"global::LossDsl.Kernels.PairwiseKernels.SameRows(\"{b}\", __rows_{b}, \"{b0}\", __m, \"second\");");
            }

            if (a != b && checkedFeatures.Add((a, b)))
            {
                _w.Line($"global::LossDsl.Kernels.PairwiseKernels.SameFeatures(\"{a}\", __cols_{a}, \"{b}\", __cols_{b}, \"{sc.Call.FunctionName}\");");
            }
        }

        foreach (string label in _plan.PairLabels)
        {
            _w.Line($"global::LossDsl.Kernels.PairwiseKernels.PairLength(\"{label}\", {Arg(label)}.Length, \"{b0}\", __m);");
        }

        return a0;
    }

    // Beside pair matrices, the spans read element by element: tensors of classes or features (the first sets C and
    // the stride, every other has its shape, and it has N samples), per-class vectors (C values: from the tensors, or
    // the first of them sets C) and per-sample vectors (N values). __c and __inner are declared only when C exists.
    // Row sets a pairwise function compares that the passes also read (already checked dense and of rank 2) come first:
    // the first sets C (its features, adjacent), each must have N rows, and every tensor read beside them their shape.
    private void EmitClassAxisChecks(List<BoundParameter> spans, string rowsName, List<BoundParameter> readRowSets)
    {
        List<BoundParameter> tensors = spans.Where(p => p.Decl.IsTensor).ToList();
        string? classSource = null;
        if (readRowSets.Count > 0)
        {
            BoundParameter first = readRowSets[0];
            classSource = first.Name;
            _w.Line($"int __c = __cols_{first.Name};");
            DeclareUnitInner();
            foreach (BoundParameter r in readRowSets.Where(r => r.Name != rowsName))
            {
                _w.Line($"LossGuard.PairSamples(\"{rowsName}\", __n, \"{r.Name}\", __rows_{r.Name});");
            }

            foreach (BoundParameter r in readRowSets.Skip(1))
            {
                _w.Line($"LossGuard.SameShape(\"{first.Name}\", {Arg(first.Name)}.Lengths, \"{r.Name}\", {Arg(r.Name)}.Lengths);");
            }

            EmitSameShapes(first, tensors);
        }
        else if (tensors.Count > 0)
        {
            BoundParameter first = tensors[0];
            classSource = first.Name;
            _w.Line($"var {SpanOf(first)} = LossGuard.Tensor(\"{first.Name}\", {Arg(first.Name)}, out int __samples, out int __c, out int __inner);");
            _w.Line($"LossGuard.PairSamples(\"{rowsName}\", __n, \"{first.Name}\", __samples);");
            EmitSameShapes(first, tensors.Skip(1));
        }

        foreach (BoundParameter p in spans.Where(p => !p.Decl.IsTensor))
        {
            if (!IsPerClass(p))
            {
                _w.Line($"LossGuard.SampleLength(\"{rowsName}\", __n, \"{p.Name}\", {Arg(p.Name)}.Length);");
            }
            else if (classSource == null)
            {
                classSource = p.Name;
                _w.Line($"int __c = {Arg(p.Name)}.Length;");
                DeclareUnitInner();
            }
            else
            {
                _w.Line($"LossGuard.ClassLength(\"{classSource}\", __c, \"{p.Name}\", {Arg(p.Name)}.Length);");
            }
        }

        if (classSource != null && _plan.Passes.Any(p => p.IsOverAllElements))
        {
            _w.Line("int __all = __n * __c;");
        }
    }

    // A formula with ctc(...): its tensors are read only by ctc, which checks them itself (naming the method's
    // parameters). N is axis 1 of the first call's log-probabilities; every per-sample span has N values.
    private string EmitCtcShapeChecks(List<BoundParameter> spans)
    {
        List<MaterializedCall> calls = _plan.Materialized.Select(sc => sc.Call).ToList();
        string logProbs = calls[0].Arguments[0];
        _w.Line($"int __n = global::LossDsl.Kernels.IntrinsicCalls.CtcSamples(\"{logProbs}\", {Arg(logProbs)});");
        foreach (string other in calls.Skip(1).Select(c => c.Arguments[0]).Distinct().Where(n => n != logProbs))
        {
            _w.Line($"LossGuard.SameLength(\"{logProbs}\", __n, \"{other}\", global::LossDsl.Kernels.IntrinsicCalls.CtcSamples(\"{other}\", {Arg(other)}));");
        }

        foreach (BoundParameter t in spans.Where(p => p.Decl.IsTensor && p.Role == ParameterRole.Input))
        {
            _w.Line($"var {SpanOf(t)} = global::LossDsl.Kernels.IntrinsicCalls.Covering(\"{t.Name}\", {Arg(t.Name)});");
        }

        foreach (BoundParameter g in spans.Where(p => p.Decl.IsTensor && p.Role == ParameterRole.Gradient))
        {
            _w.Line($"var {SpanOf(g)} = global::LossDsl.Kernels.IntrinsicCalls.DenseGradient(\"{g.Name}\", {Arg(g.Name)}, \"{g.GradientOf}\", {Arg(g.GradientOf!)});");
        }

        foreach (BoundParameter p in spans.Where(p => !p.Decl.IsTensor))
        {
            _w.Line($"global::LossDsl.Kernels.IntrinsicCalls.CtcSampleLength(\"{logProbs}\", __n, \"{p.Name}\", {Arg(p.Name)}.Length);");
        }

        return logProbs;
    }

    // Each pairwise matrix is computed into a pooled N×M buffer before the passes read it; a node with a backward also
    // gets a buffer for its adjoint, which a pass writes.
    private void EmitMaterializedForwards()
    {
        foreach ((string input, _) in _addedLater)
        {
            _w.Line($"{_t}[] __added_{input} = global::LossDsl.Kernels.IntrinsicCalls.RentCleared<{_t}>({SpanOf(input)}.Length);");
        }

        EmitIntrinsicForwards();
        if (!_plan.IsPairwise)
        {
            return;
        }

        // One pooled array holds every matrix (values, then adjoints), so a call rents one array per element type and
        // the pool's per-thread slot can serve it again on the next call.
        List<ScheduledCall> pairwise = _plan.Materialized.Where(sc => sc.Call.IsPairwise && sc.StreamedInPass == 0).ToList();
        List<ScheduledCall> streamed = _plan.Materialized.Where(sc => sc.StreamedInPass > 0).ToList();
        if (streamed.Count > 0)
        {
            // A matrix used row by row in one pass: one row of it (and of its adjoint) at a time.
            var rowBuffers = streamed.Select(sc => sc.Call.ValueBuffer).Concat(streamed.Where(sc => sc.HasBackward).Select(sc => sc.Call.AdjointBuffer)).ToList();
            _w.Line($"{_t}[] __pairRows = global::LossDsl.Kernels.PairwiseKernels.RentMatrices<{_t}>(1, __m, {rowBuffers.Count});");
            for (int k = 0; k < rowBuffers.Count; k++)
            {
                _w.Line($"global::System.Span<{_t}> __buf_{rowBuffers[k]} = __pairRows.AsSpan({k} * __m, __m);");
            }

            foreach (ScheduledCall sc in streamed)
            {
                MaterializedCall call = sc.Call;
                _w.Line($"var {RowsOf(call)} = new global::LossDsl.Kernels.PairwiseRows<{_t}>({KindOf(call)}, __span_{call.Arguments[0]}, __span_{call.Arguments[1]}, __n, __m, __cols_{call.Arguments[0]}, {(sc.HasBackward ? "true" : "false")});");
            }
        }

        if (pairwise.Count == 0)
        {
            return;
        }

        var buffers = pairwise.Select(sc => sc.Call.ValueBuffer)
            .Concat(pairwise.Where(sc => sc.HasBackward).Select(sc => sc.Call.AdjointBuffer)).ToList();
        _w.Line($"{_t}[] __pairs = global::LossDsl.Kernels.PairwiseKernels.RentMatrices<{_t}>(__n, __m, {buffers.Count});");
        for (int k = 0; k < buffers.Count; k++)
        {
            _w.Line($"global::System.Span<{_t}> __buf_{buffers[k]} = __pairs.AsSpan({k} * __n * __m, __n * __m);");
        }

        foreach (ScheduledCall sc in pairwise)
        {
            MaterializedCall call = sc.Call;
            _w.Line($"global::LossDsl.Kernels.PairwiseKernels.Forward<{_t}>({KindOf(call)}, __span_{call.Arguments[0]}, __span_{call.Arguments[1]}, __n, __m, __cols_{call.Arguments[0]}, __buf_{call.ValueBuffer});");
        }
    }

    // After the pass that completes a node's adjoint: the runtime adds its arguments' gradients (zeroed before the passes).
    private void EmitMaterializedBackwards(int afterPass)
    {
        foreach (ScheduledCall sc in _plan.Materialized.Where(c => c.HasBackward && c.BackwardAfterPass == afterPass))
        {
            MaterializedCall call = sc.Call;
            if (sc.StreamedInPass > 0)
            {
                // Every row has been given; what waits for the last rows (products of a block, the βₖ bₖ term of dB) comes now.
                _w.Line($"{RowsOf(call)}.Finish({BackwardGradientOf(call.Arguments[0])}, {BackwardGradientOf(call.Arguments[1])});");
                continue;
            }
            if (call.Function == PairwiseFunction.ConnectionistTemporalClassification)
            {
                // Only the log-probabilities have a gradient; the adapter adds into it (zeroed by the fills).
                string gradient = GradientOf(call.Arguments[0]);
                if (gradient != "default")
                {
                    _w.Line($"global::LossDsl.Kernels.IntrinsicCalls.CtcBackward<{_t}>({CtcArguments(call)}, __buf_{call.AdjointBuffer}, {gradient}, {CtcNames(call)});");
                }

                continue;
            }

            if (call.Function == PairwiseFunction.UserIntrinsic)
            {
                EmitUserIntrinsicBackward(call);
                continue;
            }

            if (!call.IsPairwise)
            {
                // The intrinsic's own Backward, through an adapter that adds into the (zeroed) gradients.
                string adapter = call.Function == PairwiseFunction.EarthMoversPoints ? "EarthMoversPointsBackward" : "EarthMoversHistogramBackward";
                _w.Line($"global::LossDsl.Kernels.IntrinsicCalls.{adapter}<{_t}>({Arg(call.Arguments[0])}, {Arg(call.Arguments[1])}, __buf_{call.AdjointBuffer}, " +
                    $"{BackwardGradientOf(call.Arguments[0])}, {BackwardGradientOf(call.Arguments[1])});");
                continue;
            }

            _w.Line($"global::LossDsl.Kernels.PairwiseKernels.Backward<{_t}>({KindOf(call)}, __span_{call.Arguments[0]}, __span_{call.Arguments[1]}, __n, __m, __cols_{call.Arguments[0]}, " +
                $"__buf_{call.ValueBuffer}, __buf_{call.AdjointBuffer}, {BackwardGradientOf(call.Arguments[0])}, {BackwardGradientOf(call.Arguments[1])});");
        }
    }

    // Runtime intrinsics give one value per sample: an N-element buffer each, filled by the intrinsic's Forward.
    private void EmitIntrinsicForwards()
    {
        List<ScheduledCall> intrinsics = _plan.Materialized.Where(sc => !sc.Call.IsPairwise).ToList();
        if (intrinsics.Count == 0)
        {
            return;
        }

        var buffers = intrinsics.Select(sc => sc.Call.ValueBuffer)
            .Concat(intrinsics.Where(sc => sc.HasBackward).Select(sc => sc.Call.AdjointBuffer)).ToList();
        _w.Line($"{_t}[] __values = global::LossDsl.Kernels.IntrinsicCalls.Rent<{_t}>({buffers.Count}L * __n);");
        for (int k = 0; k < buffers.Count; k++)
        {
            _w.Line($"global::System.Span<{_t}> __buf_{buffers[k]} = __values.AsSpan({k} * __n, __n);");
        }

        foreach (ScheduledCall sc in intrinsics)
        {
            MaterializedCall call = sc.Call;
            if (call.Function == PairwiseFunction.ConnectionistTemporalClassification)
            {
                _w.Line($"global::LossDsl.Kernels.IntrinsicCalls.CtcForward<{_t}>({CtcArguments(call)}, __buf_{call.ValueBuffer}, {CtcNames(call)});");
                continue;
            }

            if (call.Function == PairwiseFunction.UserIntrinsic)
            {
                _w.Line($"{call.Intrinsic!.TypeName}.Forward<{_t}>({UserIntrinsicArguments(call)}, __buf_{call.ValueBuffer});");
                continue;
            }

            string type = call.Function == PairwiseFunction.EarthMoversPoints ? "EarthMoversPoints" : "EarthMoversHistogram";
            _w.Line($"global::LossDsl.Intrinsics.{type}.Forward<{_t}>({Arg(call.Arguments[0])}, {Arg(call.Arguments[1])}, __buf_{call.ValueBuffer});");
        }
    }

    // A user intrinsic's Backward writes every real input's gradient into cleared scratch (one pooled array, the
    // gradients one after another, tensors as dense tensors of the input's shape); what the method asked for is then
    // added into its gradient outputs, which were zeroed first (other parts of the formula may add into them too).
    private void EmitUserIntrinsicBackward(MaterializedCall call)
    {
        var reals = call.Intrinsic!.Parameters.Select((q, k) => (Parameter: q, Name: call.Arguments[k])).Where(x => x.Parameter.IsDifferentiable).ToList();
        _w.Line($"// The backward of {call.Leaf.Name}, into scratch, then added into the gradients.");
        _w.Open();
        var ends = new List<string>();
        for (int k = 0; k < reals.Count; k++)
        {
            string length = reals[k].Parameter.IsTensor ? $"global::LossDsl.Kernels.IntrinsicCalls.Elements({Arg(reals[k].Name)})" : $"{Arg(reals[k].Name)}.Length";
            ends.Add($"__end{k}");
            _w.Line($"long __end{k} = {(k == 0 ? "" : $"__end{k - 1} + ")}{length};");
        }

        string Start(int k) => k == 0 ? "0" : $"(int)__end{k - 1}";
        string Length(int k) => k == 0 ? "(int)__end0" : $"(int)(__end{k} - __end{k - 1})";
        _w.Line($"{_t}[] __scratch = global::LossDsl.Kernels.IntrinsicCalls.RentCleared<{_t}>({ends[ends.Count - 1]});");
        _w.Open("try");
        var gradients = reals.Select((x, k) => x.Parameter.IsTensor
            ? $"global::LossDsl.Kernels.IntrinsicCalls.GradientScratch(__scratch, {Start(k)}, {Arg(x.Name)})"
            : $"__scratch.AsSpan({Start(k)}, {Arg(x.Name)}.Length)");
        _w.Line($"{call.Intrinsic.TypeName}.Backward<{_t}>({UserIntrinsicArguments(call)}, __buf_{call.AdjointBuffer}, {string.Join(", ", gradients)});");
        for (int k = 0; k < reals.Count; k++)
        {
            if (_sig.GradientFor(reals[k].Name) is not null)
            {
                _w.Line($"global::LossDsl.Kernels.IntrinsicCalls.AddInto<{_t}>({BackwardGradientOf(reals[k].Name)}, __scratch.AsSpan({Start(k)}, {Length(k)}));");
            }
        }

        _w.Close();
        _w.Open("finally");
        _w.Line($"global::System.Buffers.ArrayPool<{_t}>.Shared.Return(__scratch);");
        _w.Close();
        _w.Close();
    }

    // A user intrinsic's inputs and options: parameters by name, literals (a number, or an omitted option's default) in
    // the type the parameter has.
    private string UserIntrinsicArguments(MaterializedCall call) =>
        string.Join(", ", call.Intrinsic!.Parameters.Select((q, k) => _sig.Find(call.Arguments[k]) is not null ? Arg(call.Arguments[k])
            : q.Kind == IntrinsicParameterKind.RealOption ? $"({_t})({call.Arguments[k]})"
            : call.Arguments[k]));

    // ctc's six arguments: parameters by name; a literal blank and a missing zero_infinity as written.
    private string CtcArguments(MaterializedCall call) =>
        string.Join(", ", call.Arguments.Select(a => _sig.Find(a) is null ? a : Arg(a)));

    // The names ctc's messages use for its inputs and blank: the method's parameters, or the blank literal's text.
    private static string CtcNames(MaterializedCall call) =>
        string.Join(", ", call.Arguments.Take(5).Select((a, k) => "\"" + (k == 4 && !char.IsLetter(a[0]) && a[0] != '_' && a[0] != '@' ? "blank" : a) + "\""));

    private static string KindOf(MaterializedCall call) => "global::LossDsl.Kernels.PairwiseKind." + call.Function switch
    {
        PairwiseFunction.SquaredDistance => "SquaredDistance",
        PairwiseFunction.Distance => "Distance",
        PairwiseFunction.Dot => "Dot",
        _ => "Cosine",
    };

    // Class indices are checked before anything is written, so a bad index never leaves outputs half-written; columns
    // picked by a literal or an option are checked against C.
    private void EmitIndexChecks(string sizeSource)
    {
        foreach (ClassIndexUse use in _plan.ClassIndices)
        {
            string ignored = string.Concat(use.IgnoredBy.Select(o => $" && __y != {Arg(o)}"));
            _w.Open($"for (int __k = 0; __k < {Arg(use.Input)}.Length; __k++)");
            _w.Line($"{ElementKeyword(_sig.Find(use.Input)!.Decl)} __y = {Arg(use.Input)}[__k];");
            _w.Line($"if ((ulong)__y >= (ulong)__c{ignored}) LossGuard.ThrowClassIndex(\"{use.Input}\", __k, __y, __c);");
            _w.Close();
        }

        var picks = new HashSet<string>();
        foreach (Expr e in AllNodes().Where(e => e.Op == Op.Gather && e.B.Shape.IsScalar))
        {
            string column = e.B.Op == Op.Constant ? ((int)e.B.Value).ToString(CultureInfo.InvariantCulture) : Arg(e.B.Name!);
            string source = e.B.Op == Op.Constant ? $"the literal {column}" : e.B.Name!;
            if (picks.Add(column))
            {
                _w.Line($"LossGuard.ColumnInRange(\"{(e.A.Name ?? sizeSource)}\", __c, {column}, \"{source}\");");
            }
        }
    }

    private IEnumerable<Expr> AllNodes()
    {
        var roots = new List<Expr>();
        foreach (Pass pass in _plan.Passes)
        {
            roots.AddRange(pass.Reductions.SelectMany(r => r.Args));
            roots.AddRange(pass.Writes.Select(w => w.Value));
        }

        roots.AddRange(_plan.Fills.Select(f => f.Write.Value));
        if (_plan.ReturnValue != null)
        {
            roots.Add(_plan.ReturnValue);
        }

        return Topology.Reachable(roots);
    }

    private static string ElementKeyword(ParameterDecl p) => p.Element switch
    {
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        ScalarType.Int64 => "long",
        _ => "int",
    };

    private void EmitFills(int afterPass)
    {
        foreach ((OutputWrite write, int level) in _plan.Fills)
        {
            if (level == afterPass)
            {
                _w.Line($"{SpanOf(write.Parameter)}.Fill({ScalarValue(write.Value)});");
            }
        }
    }

    // A loop-invariant value, computed once in Run (its arguments first) and named __s{id}.
    private string ScalarValue(Expr e)
    {
        if (_scalars.TryGetValue(e, out string? name))
        {
            return name;
        }

        Dialect d = Dialect.Scalar(_isFloat);
        string text = e.Op switch
        {
            Op.Constant => d.Literal(e.Value),
            Op.Option => OptionText(e),
            Op.Length => $"({_t})__n",
            Op.Columns => ExprFactory.AxisOf(e) == Axis.Pair ? $"({_t})__m" : $"({_t})__c",
            Op.Gather => $"Unsafe.Add(ref MemoryMarshal.GetReference({SpanOf(e.A.Name!)}), {IndexText(e.B)})",
            Op.Sum => throw new System.InvalidOperationException("A reduction is read before its pass ran."),
            Op.ToReal => e.A.Kind == ValueKind.Mask ? d.MaskToReal(ScalarValue(e.A)) : ScalarValue(e.A),
            _ => d.Operation(e.Op, e.Args.Select(ScalarValue).ToArray()),
        };
        if (e.Op is Op.Constant or Op.Option)
        {
            _scalars[e] = text;
            return text;
        }

        name = "__s" + e.Id.ToString(CultureInfo.InvariantCulture);
        _w.Line($"{(e.Kind == ValueKind.Mask ? "bool" : _t)} {name} = {text};");
        _scalars[e] = name;
        return name;
    }

    private string OptionText(Expr e)
    {
        BoundParameter p = _sig.Find(e.Name!)!;
        string name = Arg(p.Name);
        return p.Decl.Element switch
        {
            ScalarType.Boolean => name,
            ScalarType.Float when _isFloat => name,
            ScalarType.Double when !_isFloat => name,
            _ => $"({_t}){name}",
        };
    }

    // How one loop is spelled: over the samples of vectors (index __i, length __n), or over the columns of one row
    // (index __j, length __c; matrices are read through references to the row's first element, column j at j·__inner
    // when Strided), or over the classes (index __j; only per-class values, so element j is at j).
    // Prefetched: the matrices whose next row the loop's unrolled part prefetches (see EmitColumnLoop).
    private sealed record LoopShape(string StepName, string Length, string Index, bool OverColumns, bool Strided = false)
    {
        public IReadOnlyList<string> Prefetched { get; init; } = System.Array.Empty<string>();
    }

    private static LoopShape ElementLoop(Pass pass) => new($"Pass{pass.Number}", pass.IsOverAllElements ? "__all" : "__n", "__i", false);

    // A loop over a pair matrix's row walks M adjacent elements (pair rows are stored densely); one over a row of
    // classes or features walks C, j·__inner apart.
    private static LoopShape ColumnLoop(Pass rowPass, Pass loop) => loop.ColumnAxis == Axis.Pair
        ? new($"Pass{rowPass.Number}Pairs{loop.Number}", "__m", "__j", true)
        : new($"Pass{rowPass.Number}Row{loop.Number}", "__c", "__j", true, Strided: true);

    private static LoopShape ClassLoop(Pass loop) => new($"Classes{loop.Number}", ColumnCount(loop.ColumnAxis), "__j", true);

    // The length of a column axis in Run: C or M.
    private static string ColumnCount(Axis axis) => axis == Axis.Pair ? "__m" : "__c";

    // A vector exp or log: some 50 instructions, of which the JIT inlines only a few per method.
    private static bool IsTranscendental(Expr e) => e.Op is Op.Exp or Op.Log;

    // An operation that keeps its loop body from being unrolled. .NET's vector exp and log: too big for the JIT to
    // inline more than about two per method. LossDsl's float log (FloatVectorMath.Log, about 30 instructions and 15
    // constants on its common path): it is inlined wherever it appears, but two copies of a body with one make the JIT
    // keep their shared constants in registers and spill them (disassembly of BCE with logits' loop unrolled two deep:
    // a 1.4 KB stack frame; one copy: one spilled vector), and every log body measured ran slower unrolled two deep
    // than not unrolled (BCE with logits: 0.71 to 0.80 of the hand-written loop against 0.55 to 0.58; mean(-log(p)):
    // 77 to 86 µs against 61 µs at 10⁵; also mean(log(p) * t) and a BCE on probabilities with two logs). LossDsl's
    // float exp (FloatVectorMath.Exp, about 15 instructions on its common path) is unrolled like any other operation.
    private static bool KeepsLoopRolled(Expr e, Dialect d) => IsTranscendental(e) && !(e.Op == Op.Exp && d.IsFloat && !d.IsScalar);

    private static bool IsMax(Expr r) => r.Op is Op.RowMax or Op.RowMaxShift;

    // The CPU's max (MaxNative: which operand a NaN or a ±0 tie yields is the hardware's choice) for a max that only shifts.
    private static string MaxOrMin(Expr r) => r.Op == Op.RowMaxShift ? "MaxNative" : IsMax(r) ? "Max" : "Min";

    // The runtime helper that folds a vector's lanes into one max or min.
    private static string LaneReduction(Expr r) => r.Op == Op.RowMaxShift ? "MaxLaneNative" : IsMax(r) ? "MaxLane" : "MinLane";

    private static bool IsMin(Expr r) => r.Op == Op.RowMin;

    private static bool IsSum(Expr r) => !IsMax(r) && !IsMin(r);

    // The running value of a reduction: sums in double; max and min in the element type, starting at -inf and +inf.
    private string ReductionStart(Expr r) =>
        r.Op == Op.SumLog ? $"double __sum{r.Id} = 0, __prod{r.Id} = 1;"
        : IsSum(r) ? $"double __sum{r.Id} = 0;" : $"{_t} __sum{r.Id} = {_t}.{(IsMax(r) ? "NegativeInfinity" : "PositiveInfinity")};";

    private void EmitPass(Pass pass)
    {
        if (pass.IsRowwise)
        {
            EmitRowPass(pass);
            return;
        }

        string[] invariants = OpenLoop(pass, $"Pass {pass.Number}: {Describe(pass)}", "__i");
        IEnumerable<string> references = pass.Inputs.Concat(pass.Writes.Select(wr => wr.Parameter)).Distinct();
        foreach (string name in references)
        {
            DeclareReference(name);
        }

        EmitLoop(pass, ElementLoop(pass), invariants, vectorCondition: null);
        _w.Close();
        NameReductionResults(pass.Reductions, "__r", _scalars);
    }

    private void NameReductionResults(IEnumerable<Expr> reductions, string prefix, Dictionary<Expr, string> names)
    {
        foreach (Expr r in reductions)
        {
            string name = prefix + r.Id.ToString(CultureInfo.InvariantCulture);
            _w.Line(IsSum(r) ? $"{_t} {name} = ({_t})__sum{r.Id};" : $"{_t} {name} = __sum{r.Id};");
            names[r] = name;
        }
    }

    // The vector paths (widest accelerated width first), then the scalar tail.
    private void EmitLoop(Pass loop, LoopShape shape, string[] invariants, string? vectorCondition)
    {
        if (vectorCondition != null)
        {
            _w.Open($"if ({vectorCondition})");
        }

        bool first = true;
        foreach (Dialect d in Dialects(_isFloat).Where(x => !x.IsScalar))
        {
            _w.Open($"{(first ? "if" : "else if")} ({d.VectorClass}.IsHardwareAccelerated && {shape.Length} >= {d.RealType}.Count)");
            first = false;
            EmitVectorLoops(loop, shape, d, invariants);
            _w.Close();
        }

        if (vectorCondition != null)
        {
            _w.Close();
        }

        string index = shape.Strided ? $"{shape.Index} * (nuint)__inner, {shape.Index}" : shape.OverColumns ? $"{shape.Index}, {shape.Index}" : shape.Index;
        string scalarArgs = StepArguments(loop, shape, invariants, index, loop.Reductions.Select(r => $"ref __sum{r.Id}"));
        _w.Line($"for (; {shape.Index} < (nuint){shape.Length}; {shape.Index}++) {shape.StepName}Scalar({scalarArgs});");
    }

    private void EmitRowPass(Pass pass)
    {
        foreach (Expr inv in pass.Invariants)
        {
            ScalarValue(inv);
        }

        _w.Line();
        _w.Line($"// Pass {pass.Number}: over the rows; {Describe(pass)}");
        ImmutableArray<Expr> sums = pass.Reductions.Where(r => r.Op is Op.Sum or Op.SumLog).ToImmutableArray();
        foreach (Expr r in sums)
        {
            _w.Line(ReductionStart(r));
        }

        _w.Open();
        var inputs = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (RowStage stage in pass.Stages)
        {
            inputs.UnionWith(stage.RowValues.Where(v => v.Op == Op.Input).Select(v => v.Name!));
            inputs.UnionWith(stage.RowValues.Where(v => v.Op == Op.Materialized).Select(MaterializedCall.ValueBufferOf));
            inputs.UnionWith(stage.RowValues.Where(v => v.Op == Op.Gather).Select(v => v.A.Name!));
            if (stage.Loop != null)
            {
                inputs.UnionWith(stage.Loop.Inputs);
            }
        }

        foreach (string name in inputs.Concat(pass.Writes.Select(wr => wr.Parameter)).Distinct())
        {
            DeclareReference(name);
        }

        _w.Open("for (nuint __row = 0; __row < (nuint)__n; __row++)");
        if (UsesRowBase(pass))
        {
            // Element (i, j) of an (N, C, d…) tensor, with i = n·d + s, is at n·C·d + j·d + s; for a matrix, i·C + j.
            _w.Line("nuint __base = __inner == 1 ? __row * (nuint)__c : (__row / (nuint)__inner * (nuint)__c * (nuint)__inner) + (__row % (nuint)__inner);");
        }

        List<ScheduledCall> streamed = _plan.Materialized.Where(sc => sc.StreamedInPass == pass.Number).ToList();
        foreach (ScheduledCall sc in streamed)
        {
            _w.Line($"{RowsOf(sc.Call)}.Forward((int)__row, __buf_{sc.Call.ValueBuffer});");
        }
        var row = new Dictionary<Expr, string>();
        foreach (RowStage stage in pass.Stages)
        {
            foreach (Expr v in stage.RowValues)
            {
                EmitRowValue(v, row);
            }

            if (stage.Loop != null)
            {
                EmitColumnLoop(pass, stage.Loop, row);
            }
        }

        foreach (Expr r in sums)
        {
            if (r.Op == Op.SumLog)
            {
                // Σ (u + log s): u is added per row; Σ log s is log Π s, the product (of values ≥ 0) logged and restarted
                // before it leaves the range where a double multiplies exactly enough; a 0, an ∞ or a NaN is logged at
                // once, giving the same −∞, +∞ or NaN as a log per row.
                _w.Line($"__sum{r.Id} += {RowOperand(r.A, row)};");
                _w.Line($"__prod{r.Id} *= {RowOperand(r.B, row)};");
                _w.Line($"if (!(__prod{r.Id} <= 1e280 && __prod{r.Id} >= 1e-280)) {{ __sum{r.Id} += Math.Log(__prod{r.Id}); __prod{r.Id} = 1; }}");
                continue;
            }

            _w.Line($"__sum{r.Id} += {RowOperand(r.A, row)};");
        }

        foreach (OutputWrite write in pass.Writes.Where(wr => !wr.Target.HasColumns))
        {
            _w.Line($"Unsafe.Add(ref __ref_{write.Parameter}, __row) = {RowOperand(write.Value, row)};");
        }

        // One-hot terms, added at their column once the row is written (an ignored index adds nothing).
        foreach (OutputWrite write in pass.Writes.Where(wr => wr.Fixup != null))
        {
            (Expr index, Expr value) = write.Fixup!.Value;
            string column = IndexText(index, row);
            string add = $"Unsafe.Add(ref __ref_{write.Parameter}, __base + ((nuint){column} * (nuint)__inner)) += {RowOperand(value, row)};";
            _w.Line(MayBeIgnored(index) ? $"if ((ulong){column} < (ulong)__c) {add}" : add);
        }

        // The row's part of each streamed matrix's backward, while its row and the row's adjoint are in cache.
        foreach (ScheduledCall sc in streamed.Where(sc => sc.HasBackward))
        {
            MaterializedCall call = sc.Call;
            _w.Line($"{RowsOf(call)}.Backward((int)__row, __buf_{call.ValueBuffer}, __buf_{call.AdjointBuffer}, {BackwardGradientOf(call.Arguments[0])}, {BackwardGradientOf(call.Arguments[1])});");
        }

        _w.Close();
        _w.Close();
        foreach (Expr r in sums.Where(r => r.Op == Op.SumLog))
        {
            _w.Line($"__sum{r.Id} += Math.Log(__prod{r.Id});");
        }

        NameReductionResults(sums, "__r", _scalars);
    }

    // Whether a row pass reads or writes a matrix of classes or features at the row's offset (__base): a loop over its
    // columns, a gather from it, a one-hot term added into it. Each needs a class axis, so C and the stride exist then;
    // a row pass over pair matrices alone has no such offset.
    private static bool UsesRowBase(Pass pass) =>
        pass.Writes.Any(w => w.Fixup != null) ||
        pass.Stages.Any(st => st.Loop?.ColumnAxis == Axis.Class || st.RowValues.Any(v => v.Op == Op.Gather && v.A.Shape.Has(Axis.Sample)));

    // Class indices were range-checked before the passes; only one that may equal an ignore value can still be outside
    // [0, C), so only its gathers need a guard in the row loop.
    private bool MayBeIgnored(Expr index) =>
        index.Op == Op.Input && _plan.ClassIndices.Any(u => u.Input == index.Name && !u.IgnoredBy.IsEmpty);

    private string RowOperand(Expr e, Dictionary<Expr, string> row) =>
        e.Op == Op.Constant ? Dialect.Scalar(_isFloat).Literal(e.Value) : e.Shape.IsScalar ? ScalarValue(e) : row[e];

    // The column of a gather or pick: an int literal, an int option, or the row's class index.
    private string IndexText(Expr index, Dictionary<Expr, string>? row = null) =>
        index.Op == Op.Constant ? ((int)index.Value).ToString(CultureInfo.InvariantCulture)
        : index.Shape.IsScalar ? Arg(index.Name!)
        : row![index];

    // A per-sample value of the current row, in scalar code.
    private void EmitRowValue(Expr e, Dictionary<Expr, string> row)
    {
        Dialect d = Dialect.Scalar(_isFloat);
        string name = "__q" + e.Id.ToString(CultureInfo.InvariantCulture);
        string type = e.Kind switch
        {
            ValueKind.Mask => "bool",
            ValueKind.Integer => e.Op == Op.Input ? ElementKeyword(_sig.Find(e.Name!)!.Decl) : "int",
            _ => _t,
        };
        string text;
        switch (e.Op)
        {
            case Op.Input:
                text = $"Unsafe.Add(ref __ref_{e.Name}, __row)";
                break;
            case Op.Materialized:
                // An intrinsic's value for this sample, from the buffer its Forward filled.
                text = $"Unsafe.Add(ref __ref_{MaterializedCall.ValueBufferOf(e)}, __row)";
                break;
            case Op.RowIndex:
                text = "(int)__row";
                break;
            case Op.Gather:
            {
                string column = IndexText(e.B, row);
                bool isMatrix = e.A.Shape.Has(Axis.Sample);
                string load = isMatrix
                    ? $"Unsafe.Add(ref __ref_{e.A.Name}, __base + ((nuint){column} * (nuint)__inner))"
                    : $"Unsafe.Add(ref __ref_{e.A.Name}, (nuint){column})";
                // An index outside [0, C) survived the checks only because it is ignored: it reads nothing.
                text = MayBeIgnored(e.B) ? $"(ulong){column} < (ulong)__c ? {load} : {d.Literal(0)}" : load;
                break;
            }

            case Op.ToReal:
                text = e.A.Kind == ValueKind.Mask ? d.MaskToReal(RowOperand(e.A, row)) : $"({_t}){RowOperand(e.A, row)}";
                break;
            default:
                text = d.Operation(e.Op, e.Args.Select(a => RowOperand(a, row)).ToArray());
                break;
        }

        _w.Line($"{type} {name} = {text};");
        row[e] = name;
    }

    private void EmitColumnLoop(Pass rowPass, Pass loop, Dictionary<Expr, string> row)
    {
        LoopShape shape = ColumnLoop(rowPass, loop);
        foreach (Expr r in loop.Reductions)
        {
            _w.Line(ReductionStart(r));
        }

        _w.Open();
        _w.Line("nuint __j = 0;");
        foreach (string name in loop.Inputs.Where(IsMatrix).Concat(loop.Writes.Select(wr => wr.Parameter)).Distinct())
        {
            _w.Line($"ref {ElementOf(name)} __m_{name} = ref {RowStart(name)};");
        }

        DeclareBufferReferences(loop);
        string[] invariants = loop.Invariants.Select(inv => RowOperand(inv, row)).ToArray();
        shape = shape with { Prefetched = PrefetchedBy(rowPass, loop) };
        if (shape.Prefetched.Count > 0)
        {
            foreach (string name in shape.Prefetched.Where(name => !loop.Inputs.Contains(name) && !loop.Writes.Any(wr => wr.Parameter == name)))
            {
                _w.Line($"ref {ElementOf(name)} __m_{name} = ref {RowStart(name)};");
            }

            _w.Line($"bool __prefetch = __row + 1 < (nuint)__n && {shape.Length} >= {PrefetchMinimumColumns};");
        }

        // Vectors run along a row only where its columns are adjacent (a matrix, a pair matrix); (N, C, d…) tensors are
        // walked with stride d.
        EmitLoop(loop, shape, invariants, vectorCondition: shape.Strided ? "__inner == 1" : null);
        _w.Close();
        NameReductionResults(loop.Reductions, "__q", row);
    }

    // A row pass reads its rows from memory in its first column loop (a max, say), which has too little arithmetic to
    // hide the loads behind; its costliest later loop (an exp per element, say) has plenty. So that loop prefetches the
    // next row of the matrices the first loop reads, one cache line at a time: the hand-written cross-entropy loop
    // measured about 10% from this at 1000 and 32000 columns. Short rows (under PrefetchMinimumColumns) are left to the
    // hardware prefetcher, as are passes with one column loop (their reads are one sequential stream).
    private IReadOnlyList<string> PrefetchedBy(Pass rowPass, Pass loop)
    {
        List<Pass> loops = rowPass.Stages.Where(st => st.Loop?.ColumnAxis == loop.ColumnAxis).Select(st => st.Loop!).ToList();
        if (loops.Count < 2 || loops.Skip(1).OrderByDescending(Cost).First() != loop)
        {
            return System.Array.Empty<string>();
        }

        return loops[0].Inputs.Where(name => IsMatrix(name) && !IsRowBuffer(name)).ToList();

        static int Cost(Pass p) => p.Body.Sum(e => IsTranscendental(e) ? 10 : e.Op == Op.Input ? 0 : 1);
    }

    private const int PrefetchMinimumColumns = 64;

    // The current row of a matrix: at the row's offset, or the start of a streamed matrix's one-row buffer.
    // A stored pair matrix's row i starts at i·M.
    private string RowStart(string name) => IsRowBuffer(name) ? $"__ref_{name}"
        : IsPairBuffer(name) ? $"Unsafe.Add(ref __ref_{name}, __row * (nuint)__m)"
        : $"Unsafe.Add(ref __ref_{name}, __base)";

    // Whether a buffer holds a pairwise matrix or its adjoint (N×M, or one row of it).
    private bool IsPairBuffer(string name) =>
        _plan.Materialized.Any(sc => sc.Call.IsPairwise && (sc.Call.ValueBuffer == name || sc.Call.AdjointBuffer == name));

    // Whether a buffer holds one row of a streamed pairwise matrix (or of its adjoint) rather than the whole matrix.
    private bool IsRowBuffer(string name) =>
        _plan.Materialized.Any(sc => sc.StreamedInPass > 0 && (sc.Call.ValueBuffer == name || sc.Call.AdjointBuffer == name));

    // The local that computes a streamed matrix's rows.
    private static string RowsOf(MaterializedCall call) => "__rows" + call.Leaf.Id.ToString(CultureInfo.InvariantCulture);

    // The gradient output of an input, as the runtime's backward adds into it: its span, or default when not requested.
    private string GradientOf(string input) =>
        _sig.GradientFor(input) is { } g ? SpanOf(g) : "default";

    // Where a pairwise or intrinsic backward adds an argument's gradient: the output itself, or the scratch of _addedLater.
    private string BackwardGradientOf(string input) =>
        _addedLater.Any(x => x.Input == input) ? AddedLater(input) : GradientOf(input);

    private string AddedLater(string input) => $"__added_{input}.AsSpan(0, {SpanOf(input)}.Length)";

    // Whether a name is a matrix (read through the row's reference) rather than a per-class vector.
    // Labels that same(y) reads along the pair axis are read at the column k, from the vector's start.
    private bool IsMatrix(string name) => MaterializedCall.IsBuffer(name) ||
        (!_plan.PairLabels.Contains(name) && (_plan.Inputs.TryGetValue(name, out Expr? leaf) ? leaf.Shape.Has(Axis.Sample) : _sig.Find(name)!.Decl.IsTensor));

    // The vector loops of one loop at one width are a method of their own, called from Run: Run holds every pass, width
    // and check, and a method that large exhausts the JIT's inlining budget, so the vector Exp and Log in its loops
    // became calls that spill every live vector around them. In a method of its own the loop's steps and their math
    // inline. It returns the index the scalar tail continues from.
    private void EmitVectorLoops(Pass pass, LoopShape shape, Dialect d, string[] invariants)
    {
        string i = shape.Index, n = shape.Length;
        string method = $"{shape.StepName}{d.Name}Loop";
        var parameters = new List<string>();
        var arguments = new List<string>();
        void Pass(string parameter, string argument)
        {
            if (!parameters.Contains(parameter))
            {
                parameters.Add(parameter);
                arguments.Add(argument);
            }
        }

        // The method holds the memory by the caller's names, so the step calls inside read as they would in Run.
        foreach ((string type, string outer, _) in StepMemory(pass, shape))
        {
            Pass($"ref {type} {outer}", $"ref {outer}");
        }

        foreach (string name in shape.Prefetched)
        {
            Pass($"ref {ElementOf(name)} __m_{name}", $"ref __m_{name}");
        }

        if (shape.Prefetched.Count > 0)
        {
            Pass("bool __prefetch", "__prefetch");
        }

        Pass($"int {n}", n);
        Pass($"nuint {i}", i);
        string[] scalars = new string[invariants.Length];
        for (int k = 0; k < invariants.Length; k++)
        {
            scalars[k] = $"__inv{pass.Invariants[k].Id}";
            Pass($"{(pass.Invariants[k].Kind == ValueKind.Mask ? "bool" : _t)} {scalars[k]}", invariants[k]);
        }

        foreach (Expr r in pass.Reductions)
        {
            Pass($"ref {(IsSum(r) ? "double" : _t)} __sum{r.Id}", $"ref __sum{r.Id}");
        }

        _w.Line($"{i} = {method}({string.Join(", ", arguments)});");

        SourceWriter run = _w;
        _w = _loopMethods;
        _w.Line();
        _w.Line("[MethodImpl(MethodImplOptions.NoInlining)]");
        _w.Open($"private static nuint {method}({string.Join(", ", parameters)})");
        EmitVectorLoopBody(pass, shape, d, scalars);
        _w.Line($"return {i};");
        _w.Close();
        _w = run;
    }

    private void EmitVectorLoopBody(Pass pass, LoopShape shape, Dialect d, string[] invariants)
    {
        int unroll = pass.Body.Any(e => KeepsLoopRolled(e, d)) ? 1 : pass.Body.Count(e => e.Op != Op.Input) <= LightBodyOperations ? 4 : 2;
        string i = shape.Index, n = shape.Length;
        string[] broadcasts = new string[invariants.Length];
        for (int k = 0; k < invariants.Length; k++)
        {
            broadcasts[k] = $"__b{pass.Invariants[k].Id}";
            _w.Line($"{d.RealType} {broadcasts[k]} = {d.Broadcast(invariants[k], pass.Invariants[k].Kind)};");
        }

        string step = $"{shape.StepName}{d.Name}";
        string Index(string at) => shape.OverColumns ? $"{at}, {at}" : at;
        _w.Line($"nuint __w = (nuint){d.RealType}.Count;");
        bool reduces = pass.Reductions.Length > 0;
        foreach (Expr r in pass.Reductions)
        {
            _w.Line(IsSum(r) ? $"{d.TotalType} __total{r.Id} = {d.TotalType}.Zero;" : $"{d.RealType} __total{r.Id} = {Identity(r.Op, d)};");
        }

        string vectors = unroll == 1 ? "__w" : $"{unroll} * __w";
        _w.Open($"if ((nuint){n} >= {vectors})");
        _w.Line($"nuint __last = (nuint){n} - {vectors};");
        _w.Open($"while ({i} <= __last)");
        if (reduces)
        {
            _w.Line($"nuint __stop = Math.Min(__last, {i} + {(BlockIterations - 1) * unroll} * __w);");
            foreach (Expr r in pass.Reductions)
            {
                _w.Line($"{d.RealType} " + string.Join(", ", Enumerable.Range(0, unroll).Select(u => $"__a{r.Id}_{u} = {Identity(r.Op, d)}")) + ";");
            }

            _w.Open("do");
        }

        if (shape.Prefetched.Count > 0)
        {
            // The next row starts C (or M) elements further; one prefetch per cache line this unrolled iteration reads.
            int perLine = _isFloat ? 16 : 8;
            int lines = System.Math.Max(1, unroll * d.Bits / 8 / 64);
            _w.Open("if (__prefetch)");
            foreach (string name in shape.Prefetched)
            {
                for (int k = 0; k < lines; k++)
                {
                    string offset = k == 0 ? "" : $" + {k * perLine}";
                    _w.Line($"VectorTails.Prefetch(ref Unsafe.Add(ref __m_{name}, (nuint){n} + {i}{offset}));");
                }
            }

            _w.Close();
        }

        for (int u = 0; u < unroll; u++)
        {
            string index = u == 0 ? i : u == 1 ? $"{i} + __w" : $"{i} + {u} * __w";
            _w.Line($"{step}({StepArguments(pass, shape, broadcasts, Index(index), pass.Reductions.Select(r => $"ref __a{r.Id}_{u}"))});");
        }

        _w.Line($"{i} += {vectors};");
        if (reduces)
        {
            _w.Close($" while ({i} <= __stop);");
            foreach (Expr r in pass.Reductions)
            {
                _w.Line(Combine(r, d, $"__total{r.Id}", Enumerable.Range(0, unroll).Select(u => $"__a{r.Id}_{u}").ToList()));
            }
        }

        _w.Close();
        _w.Close();

        foreach (Expr r in pass.Reductions)
        {
            _w.Line($"{d.RealType} __a{r.Id} = {Identity(r.Op, d)};");
        }

        if (unroll > 1)
        {
            // (Not unrolled, the loop above has taken every whole vector.)
            _w.Line($"for (; {i} + __w <= (nuint){n}; {i} += __w) {step}({StepArguments(pass, shape, broadcasts, Index(i), pass.Reductions.Select(r => $"ref __a{r.Id}"))});");
        }

        if (shape.OverColumns)
        {
            // The row's last columns: one vector ending at the row's end, whose lanes already done are masked off.
            _w.Open($"if ({i} < (nuint){n})");
            string mask = $"VectorTails.TailMask{d.Bits}<{_t}>((int)((nuint){n} - {i}))";
            _w.Line($"{step}Tail({StepArguments(pass, shape, broadcasts, Index($"(nuint){n} - __w"), pass.Reductions.Select(r => $"ref __a{r.Id}"))}, {mask});");
            _w.Line($"{i} = (nuint){n};");
            _w.Close();
        }
        foreach (Expr r in pass.Reductions)
        {
            _w.Line(Combine(r, d, $"__total{r.Id}", new[] { $"__a{r.Id}" }));
            _w.Line(IsSum(r)
                ? $"__sum{r.Id} += {d.VectorClass}.Sum(__total{r.Id});"
                : $"__sum{r.Id} = {_t}.{MaxOrMin(r)}(__sum{r.Id}, LossGuard.{LaneReduction(r)}(__total{r.Id}));");
        }
    }

    // What a reduction starts from, and what a masked-off lane adds to it: 0 for a sum, −∞ for a max, +∞ for a min.
    private string Identity(Op op, Dialect d) => op switch
    {
        Op.RowMax or Op.RowMaxShift or Op.ColumnMax => $"{d.VectorClass}.Create({_t}.NegativeInfinity)",
        Op.RowMin or Op.ColumnMin => $"{d.VectorClass}.Create({_t}.PositiveInfinity)",
        _ => $"{d.RealType}.Zero",
    };

    // Adds (or takes the max/min of) a block's accumulators into the running total.
    private string Combine(Expr r, Dialect d, string total, IReadOnlyList<string> accumulators)
    {
        if (IsSum(r))
        {
            return $"{total} += {Flush(d, PairwiseSum(accumulators))};";
        }

        string fn = d.Fn(MaxOrMin(r));
        return $"{total} = {accumulators.Aggregate(total, (acc, a) => $"{fn}({acc}, {a})")};";
    }

    // (a0 + a1) + (a2 + a3): the accumulators of the unrolled loop, added in a fixed, balanced order.
    private static string PairwiseSum(IReadOnlyList<string> terms) =>
        terms.Count == 1 ? terms[0] : $"({PairwiseSum(terms.Take(terms.Count / 2).ToList())} + {PairwiseSum(terms.Skip(terms.Count / 2).ToList())})";

    // Adds a block's lanes into the double totals: float lanes are widened so the running total never loses bits.
    private string Flush(Dialect d, string value) =>
        _isFloat ? $"{d.VectorClass}.WidenLower({value}) + {d.VectorClass}.WidenUpper({value})" : value;

    // The memory a step reads and writes, in the order of its parameters: the inputs, the column buffers, the outputs and
    // the column accumulators, each with its element type, the name the caller holds it by, and the step's own name.
    private IEnumerable<(string Type, string Outer, string Inner)> StepMemory(Pass pass, LoopShape shape) =>
        pass.Inputs.Select(n => (ElementOf(n), Reference(n, shape), Arg(n)))
            .Concat(pass.Buffers.Select(c => (_t, $"__ref_col{c.Id}", $"__col{c.Id}")))
            .Concat(pass.Writes.Select(wr => (_t, Reference(wr.Parameter, shape), Arg(wr.Parameter))))
            .Concat(pass.Accumulations.Select(c => ("double", $"__ref_colsum{c.Id}", $"__colsum{c.Id}")));

    private string StepArguments(Pass pass, LoopShape shape, IEnumerable<string> invariants, string index, IEnumerable<string> accumulators) =>
        string.Join(", ", StepMemory(pass, shape).Select(m => $"ref {m.Outer}")
            .Concat(new[] { index })
            .Concat(invariants)
            .Concat(accumulators));

    private string Reference(string name, LoopShape shape) => shape.OverColumns && (IsMatrix(name) || IsOutput(name)) ? "__m_" + name : "__ref_" + name;

    private bool IsOutput(string name) => MaterializedCall.IsBuffer(name) ? name.StartsWith("0g", System.StringComparison.Ordinal) : _sig.Find(name)!.Decl.IsWritableMemory;

    // The step of one element (scalar) or one vector of elements. Its tail form handles a row's last, overlapping
    // vector: only the lanes of __mask are new, so only they are added into reductions and stored (the other lanes of
    // an output keep what the vector steps before wrote there).
    private void EmitStep(Pass pass, LoopShape shape, Dialect d, bool tail)
    {
        var parameters = StepMemory(pass, shape).Select(m => $"ref {m.Type} {m.Inner}").ToList();
        parameters.Add("nuint i");
        if (shape.OverColumns)
        {
            parameters.Add("nuint j");
        }

        var names = new Dictionary<Expr, string>();
        foreach (Expr inv in pass.Invariants)
        {
            string name = "__s" + inv.Id.ToString(CultureInfo.InvariantCulture);
            parameters.Add($"{(inv.Kind == ValueKind.Mask ? d.MaskType : d.RealType)} {name}");
            names[inv] = name;
        }

        foreach (Expr r in pass.Reductions)
        {
            parameters.Add($"ref {(!d.IsScalar ? d.RealType : IsSum(r) ? "double" : _t)} __acc{r.Id}");
        }

        if (tail)
        {
            parameters.Add($"{d.RealType} __mask");
        }

        _w.Line();
        _w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        _w.Open($"private static void {shape.StepName}{d.Name}{(tail ? "Tail" : "")}({string.Join(", ", parameters)})");
        string Operand(Expr a) => a.Op == Op.Constant ? d.Literal(a.Value) : names[a];
        bool Fused(Expr reduction) => !d.IsScalar && IsSum(reduction) && pass.Accumulated(reduction).Op == Op.Multiply;
        // In a tail step, the lanes outside the mask give the reduction's identity (or the value already stored).
        string New(string value, string old) => tail ? $"{d.VectorClass}.ConditionalSelect(__mask, {value}, {old})" : value;

        // Only what an output or an accumulator reads is written: a product folded into a multiply-add is not.
        var live = new HashSet<Expr>();
        var pending = new Stack<Expr>(pass.Writes.Select(w => w.Value).Concat(pass.Accumulations.Select(c => c.A))
            .Concat(pass.Reductions.SelectMany(r => Fused(r) ? new[] { pass.Accumulated(r).A, pass.Accumulated(r).B } : new[] { pass.Accumulated(r) })));
        while (pending.Count > 0)
        {
            Expr e = pending.Pop();
            if (live.Add(e) && !OpInfo.IsSampleReduction(e.Op) && !pass.Reloads.ContainsKey(e))
            {
                foreach (Expr a in e.Args)
                {
                    pending.Push(a);
                }
            }
        }

        foreach (Expr e in pass.Body.Where(live.Contains))
        {
            string name = "__v" + e.Id.ToString(CultureInfo.InvariantCulture);
            names[e] = name;
            if (pass.Reloads.TryGetValue(e, out string? stash))
            {
                // Stored into this output by an earlier loop over the same row; read back instead of recomputed.
                foreach (string line in d.Load(name, Arg(stash), false, "i"))
                {
                    _w.Line(line);
                }

                continue;
            }

            switch (e.Op)
            {
                case Op.Input:
                    // Matrices are read at the element offset i, per-class vectors at the column j.
                    string at = shape.OverColumns && !e.Shape.Has(Axis.Sample) ? "j" : "i";
                    bool isLong = _sig.Find(e.Name!)?.Decl.Element == ScalarType.Int64;
                    foreach (string line in d.Load(name, Arg(e.Name!), e.Kind == ValueKind.Integer, at, isLong))
                    {
                        _w.Line(line);
                    }

                    break;
                case Op.ColumnIndex:
                    _w.Line($"{d.RealType} {name} = {d.ColumnIndex("j")};");
                    break;
                case Op.Materialized:
                    foreach (string line in d.Load(name, Arg(MaterializedCall.ValueBufferOf(e)), false, "i"))
                    {
                        _w.Line(line);
                    }

                    break;
                case Op.ColumnSum or Op.ColumnMin or Op.ColumnMax:
                    foreach (string line in d.Load(name, $"__col{e.Id}", false, "j"))
                    {
                        _w.Line(line);
                    }

                    break;
                case Op.ToReal when e.A.Kind != ValueKind.Mask:
                    names[e] = Operand(e.A); // integers are loaded (and column indices made) as reals already
                    break;
                case Op.ToReal:
                    _w.Line($"{d.RealType} {name} = {d.MaskToReal(Operand(e.A))};");
                    break;
                case Op.Min or Op.Max when !d.IsScalar && (NativeOperands(e) ?? AssumedOperands(e)) is { } ordered:
                    // With a (non-NaN) constant first, the native instruction returns the other operand when it is
                    // NaN on x86 (second operand) and Arm (NaN-propagating), so NaN still propagates, at a fraction of
                    // the cost of the IEEE-exact Min/Max. The same holds for an option the kernel assumes finite with a
                    // clear sign bit (min with it, max with its negation: a ±0 tie then also gives IEEE's answer).
                    _w.Line($"{d.RealType} {name} = {d.VectorClass}.{(e.Op == Op.Max ? "MaxNative" : "MinNative")}({Operand(ordered.Constant)}, {Operand(ordered.Other)});");
                    break;
                default:
                    string type = e.Kind == ValueKind.Mask ? d.MaskType : d.RealType;
                    _w.Line($"{type} {name} = {d.Operation(e.Op, e.Args.Select(Operand).ToArray())};");
                    break;
            }
        }

        foreach (Expr r in pass.Reductions)
        {
            // acc += a·b is one fused multiply-add (the product's own node is then dead unless used elsewhere).
            string fn = d.Fn(MaxOrMin(r));
            Expr value = pass.Accumulated(r);
            // A tail step masks the product before adding it, rather than fusing the multiply-add.
            string added = New(Fused(r) ? $"{Operand(value.A)} * {Operand(value.B)}" : Operand(value), Identity(r.Op, d));
            _w.Line(Fused(r) && !tail ? $"__acc{r.Id} = {d.VectorClass}.MultiplyAddEstimate({Operand(value.A)}, {Operand(value.B)}, __acc{r.Id});"
                : IsSum(r) ? $"__acc{r.Id} += {added};"
                : $"__acc{r.Id} = {fn}(__acc{r.Id}, {added});");
        }

        // A loop that reads none of the outputs it writes recomputes, in the lanes already done, exactly the values
        // stored there, so its tail stores them again unmasked; one that updates an output in place (a rescaling of
        // values an earlier loop stored) must keep them.
        bool inPlace = pass.Writes.Any(w => pass.Inputs.Contains(w.Parameter) || pass.Reloads.ContainsValue(w.Parameter));
        foreach (OutputWrite write in pass.Writes)
        {
            string value = inPlace ? New(Operand(write.Value), $"{d.VectorClass}.LoadUnsafe(ref {Arg(write.Parameter)}, i)") : Operand(write.Value);
            _w.Line(d.Store(value, Arg(write.Parameter)));
        }

        foreach (Expr c in pass.Accumulations)
        {
            foreach (string line in d.AccumulateDouble(New(Operand(c.A), Identity(c.Op, d)), $"__colsum{c.Id}", "j", c.Op))
            {
                _w.Line(line);
            }
        }

        _w.Close();
    }

    private (Expr Constant, Expr Other)? AssumedOperands(Expr e)
    {
        bool Assumed(Expr a) => a.Op == Op.Option && _plan.AssumedNonNegative.Contains(a.Name!);
        bool Known(Expr a) => e.Op == Op.Min ? Assumed(a) : a.Op == Op.Negate && Assumed(a.A);
        return Known(e.A) ? (e.A, e.B) : Known(e.B) ? (e.B, e.A) : null;
    }

    private static (Expr Constant, Expr Other)? NativeOperands(Expr e) =>
        e.A.Op == Op.Constant && !double.IsNaN(e.A.Value) ? (e.A, e.B)
        : e.B.Op == Op.Constant && !double.IsNaN(e.B.Value) ? (e.B, e.A)
        : null;

    private string Describe(Pass pass)
    {
        var parts = new List<string>();
        if (pass.Reductions.Length > 0)
        {
            parts.Add(pass.Reductions.Length == 1 ? "accumulates 1 sum" : $"accumulates {pass.Reductions.Length} sums");
        }

        if (pass.Writes.Length > 0)
        {
            parts.Add("writes " + string.Join(", ", pass.Writes.Select(w => _plan.DescribeOutput(w.Parameter))));
        }

        return string.Join(" and ", parts);
    }
}
