using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;
using LossDsl.Generator.Scheduling;

namespace LossDsl.Generator.Emission;

/// <summary>
/// Writes the kernel of a loss: a <c>Run</c> method that checks its arguments and runs the scheduled passes, and one
/// step method per pass and width that evaluates the per-element body. Each pass tries Vector512, Vector256 and
/// Vector128 in turn (the JIT keeps only the branch the CPU accelerates), unrolls four vectors with separate
/// accumulators, and finishes with a scalar tail.
/// </summary>
public sealed class KernelEmitter
{
    // Sixteen unrolled iterations per block: a float lane then sums at most 64 terms before its block total is widened
    // to double, which keeps a float sum of 10⁷ terms within 1e-6 of the exact sum at ~3% of the cost of summing in
    // double throughout.
    private const int BlockIterations = 16;

    // A light body (MSE: load, load, subtract, multiply, accumulate) is bound by latency and gains from four
    // independent vectors in flight; a heavy one already has enough independent work per vector, and four inlined
    // copies exhaust the 16 vector registers and spill (measured: Huber 2.1x → 1.55x the hand-written loop at 10⁵
    // going from four to two). The threshold counts the body's operations.
    private const int LightBodyOperations = 8;

    private readonly KernelPlan _plan;
    private readonly BoundSignature _sig;
    private readonly bool _isFloat;
    private readonly string _t;
    private readonly SourceWriter _w = new();
    private readonly Dictionary<Expr, string> _scalars = new();

    private KernelEmitter(KernelPlan plan)
    {
        _plan = plan;
        _sig = plan.Signature;
        _isFloat = _sig.Element == ElementType.Float;
        _t = _sig.ElementKeyword;
    }

    /// <summary>Writes the members of the kernel class (the <c>Run</c> method and its step methods).</summary>
    public static string EmitMembers(KernelPlan plan)
    {
        var emitter = new KernelEmitter(plan);
        emitter.EmitRun();
        foreach (Pass pass in plan.Passes)
        {
            foreach (Dialect d in Dialects(emitter._isFloat))
            {
                emitter.EmitStep(pass, d);
            }
        }

        return emitter._w.ToString();
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
            _ => "bool",
        };
        return p.Form switch
        {
            ParameterForm.ReadOnlySpan => $"global::System.ReadOnlySpan<{element}>",
            ParameterForm.Span => $"global::System.Span<{element}>",
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

    private IEnumerable<BoundParameter> Spans => _sig.Parameters.Where(p => p.Decl.Form is ParameterForm.ReadOnlySpan or ParameterForm.Span);

    private void EmitRun()
    {
        string returnType = _sig.IsReduced ? _t : "void";
        _w.Open($"public static {returnType} Run({ParameterList(_sig)})");
        EmitArgumentChecks();

        int passIndex = 0;
        EmitFills(passIndex);
        foreach (Pass pass in _plan.Passes)
        {
            EmitPass(pass);
            EmitFills(++passIndex);
        }

        if (_plan.ReturnValue != null)
        {
            _w.Line($"return {ScalarValue(_plan.ReturnValue)};");
        }

        _w.Close();
    }

    private void EmitArgumentChecks()
    {
        List<BoundParameter> spans = Spans.ToList();
        if (spans.Count == 0)
        {
            return;
        }

        BoundParameter first = spans[0];
        _w.Line($"int __n = {Arg(first.Name)}.Length;");
        foreach (BoundParameter p in spans.Skip(1))
        {
            _w.Line($"LossGuard.SameLength(\"{first.Name}\", __n, \"{p.Name}\", {Arg(p.Name)}.Length);");
        }

        // Outputs are written while inputs are still being read (and later passes read inputs again), so no output
        // may share memory with an input or with another output.
        List<BoundParameter> outputs = spans.Where(p => p.Decl.Form == ParameterForm.Span).ToList();
        foreach (BoundParameter o in outputs)
        {
            foreach (BoundParameter other in spans.Where(s => s != o && (s.Decl.Form == ParameterForm.ReadOnlySpan || s.Index > o.Index)))
            {
                _w.Line($"LossGuard.NoOverlap<{_t}, {ElementKeyword(other.Decl)}>(\"{o.Name}\", {Arg(o.Name)}, \"{other.Name}\", {Arg(other.Name)});");
            }
        }
    }

    private static string ElementKeyword(ParameterDecl p) => p.Element switch
    {
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        _ => "int",
    };

    private void EmitFills(int afterPass)
    {
        foreach ((OutputWrite write, int level) in _plan.Fills)
        {
            if (level == afterPass)
            {
                _w.Line($"{Arg(write.Parameter)}.Fill({ScalarValue(write.Value)});");
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

    private void EmitPass(Pass pass)
    {
        string[] invariants = pass.Invariants.Select(ScalarValue).ToArray();
        _w.Line();
        _w.Line($"// Pass {pass.Number}: {Describe(pass)}");
        foreach (Expr r in pass.Reductions)
        {
            _w.Line($"double __sum{r.Id} = 0;");
        }

        // Each pass has its own scope: its loop state and references do not outlive it.
        _w.Open();
        _w.Line("nuint __i = 0;");
        IEnumerable<string> references = pass.Inputs.Concat(pass.Writes.Select(wr => wr.Parameter)).Distinct();
        foreach (string name in references)
        {
            BoundParameter p = _sig.Find(name)!;
            _w.Line($"ref {ElementKeyword(p.Decl)} __ref_{name} = ref MemoryMarshal.GetReference({Arg(name)});");
        }

        bool first = true;
        foreach (Dialect d in Dialects(_isFloat).Where(x => !x.IsScalar))
        {
            _w.Open($"{(first ? "if" : "else if")} ({d.VectorClass}.IsHardwareAccelerated && __n >= {d.RealType}.Count)");
            first = false;
            EmitVectorLoops(pass, d, invariants);
            _w.Close();
        }

        string scalarArgs = StepArguments(pass, invariants, "__i", pass.Reductions.Select(r => $"ref __sum{r.Id}"));
        _w.Line($"for (; __i < (nuint)__n; __i++) Pass{pass.Number}Scalar({scalarArgs});");
        _w.Close();
        foreach (Expr r in pass.Reductions)
        {
            string name = "__r" + r.Id.ToString(CultureInfo.InvariantCulture);
            _w.Line($"{_t} {name} = ({_t})__sum{r.Id};");
            _scalars[r] = name;
        }
    }

    private void EmitVectorLoops(Pass pass, Dialect d, string[] invariants)
    {
        int unroll = pass.Body.Count(e => e.Op != Op.Input) <= LightBodyOperations ? 4 : 2;
        string[] broadcasts = new string[invariants.Length];
        for (int k = 0; k < invariants.Length; k++)
        {
            broadcasts[k] = $"__b{pass.Invariants[k].Id}";
            _w.Line($"{d.RealType} {broadcasts[k]} = {d.Broadcast(invariants[k], pass.Invariants[k].Kind)};");
        }

        string step = $"Pass{pass.Number}{d.Name}";
        _w.Line($"nuint __w = (nuint){d.RealType}.Count;");
        bool reduces = pass.Reductions.Length > 0;
        foreach (Expr r in pass.Reductions)
        {
            _w.Line($"{d.TotalType} __total{r.Id} = {d.TotalType}.Zero;");
        }

        _w.Open($"if ((nuint)__n >= {unroll} * __w)");
        _w.Line($"nuint __last = (nuint)__n - {unroll} * __w;");
        _w.Open("while (__i <= __last)");
        if (reduces)
        {
            _w.Line($"nuint __stop = Math.Min(__last, __i + {(BlockIterations - 1) * unroll} * __w);");
            foreach (Expr r in pass.Reductions)
            {
                _w.Line($"{d.RealType} " + string.Join(", ", Enumerable.Range(0, unroll).Select(u => $"__a{r.Id}_{u} = {d.RealType}.Zero")) + ";");
            }

            _w.Open("do");
        }

        for (int u = 0; u < unroll; u++)
        {
            string index = u == 0 ? "__i" : u == 1 ? "__i + __w" : $"__i + {u} * __w";
            _w.Line($"{step}({StepArguments(pass, broadcasts, index, pass.Reductions.Select(r => $"ref __a{r.Id}_{u}"))});");
        }

        _w.Line($"__i += {unroll} * __w;");
        if (reduces)
        {
            _w.Close(" while (__i <= __stop);");
            foreach (Expr r in pass.Reductions)
            {
                _w.Line($"__total{r.Id} += {Flush(d, PairwiseSum(Enumerable.Range(0, unroll).Select(u => $"__a{r.Id}_{u}").ToList()))};");
            }
        }

        _w.Close();
        _w.Close();

        foreach (Expr r in pass.Reductions)
        {
            _w.Line($"{d.RealType} __a{r.Id} = {d.RealType}.Zero;");
        }

        _w.Line($"for (; __i + __w <= (nuint)__n; __i += __w) {step}({StepArguments(pass, broadcasts, "__i", pass.Reductions.Select(r => $"ref __a{r.Id}"))});");
        foreach (Expr r in pass.Reductions)
        {
            _w.Line($"__total{r.Id} += {Flush(d, $"__a{r.Id}")};");
            _w.Line($"__sum{r.Id} += {d.VectorClass}.Sum(__total{r.Id});");
        }
    }

    // (a0 + a1) + (a2 + a3): the accumulators of the unrolled loop, added in a fixed, balanced order.
    private static string PairwiseSum(IReadOnlyList<string> terms) =>
        terms.Count == 1 ? terms[0] : $"({PairwiseSum(terms.Take(terms.Count / 2).ToList())} + {PairwiseSum(terms.Skip(terms.Count / 2).ToList())})";

    // Adds a block's lanes into the double totals: float lanes are widened so the running total never loses bits.
    private string Flush(Dialect d, string value) =>
        _isFloat ? $"{d.VectorClass}.WidenLower({value}) + {d.VectorClass}.WidenUpper({value})" : value;

    private string StepArguments(Pass pass, IEnumerable<string> invariants, string index, IEnumerable<string> accumulators) =>
        string.Join(", ", pass.Inputs.Select(n => $"ref __ref_{n}")
            .Concat(pass.Writes.Select(wr => $"ref __ref_{wr.Parameter}"))
            .Concat(new[] { index })
            .Concat(invariants)
            .Concat(accumulators));

    private void EmitStep(Pass pass, Dialect d)
    {
        var parameters = new List<string>();
        foreach (string name in pass.Inputs)
        {
            parameters.Add($"ref {ElementKeyword(_sig.Find(name)!.Decl)} {Arg(name)}");
        }

        foreach (OutputWrite write in pass.Writes)
        {
            parameters.Add($"ref {_t} {Arg(write.Parameter)}");
        }

        parameters.Add("nuint i");
        var names = new Dictionary<Expr, string>();
        foreach (Expr inv in pass.Invariants)
        {
            string name = "__s" + inv.Id.ToString(CultureInfo.InvariantCulture);
            parameters.Add($"{(inv.Kind == ValueKind.Mask ? d.MaskType : d.RealType)} {name}");
            names[inv] = name;
        }

        foreach (Expr r in pass.Reductions)
        {
            parameters.Add($"ref {(d.IsScalar ? "double" : d.RealType)} __acc{r.Id}");
        }

        _w.Line();
        _w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        _w.Open($"private static void Pass{pass.Number}{d.Name}({string.Join(", ", parameters)})");
        string Operand(Expr a) => a.Op == Op.Constant ? d.Literal(a.Value) : names[a];
        bool Fused(Expr reduction) => !d.IsScalar && reduction.A.Op == Op.Multiply;

        // Only what an output or an accumulator reads is written: a product folded into a multiply-add is not.
        var live = new HashSet<Expr>();
        var pending = new Stack<Expr>(pass.Writes.Select(w => w.Value)
            .Concat(pass.Reductions.SelectMany(r => Fused(r) ? new[] { r.A.A, r.A.B } : new[] { r.A })));
        while (pending.Count > 0)
        {
            Expr e = pending.Pop();
            if (live.Add(e))
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
            switch (e.Op)
            {
                case Op.Input:
                    foreach (string line in d.Load(name, Arg(e.Name!), e.Kind == ValueKind.Integer))
                    {
                        _w.Line(line);
                    }

                    break;
                case Op.ToReal:
                    _w.Line($"{d.RealType} {name} = {(e.A.Kind == ValueKind.Mask ? d.MaskToReal(Operand(e.A)) : Operand(e.A))};");
                    break;
                case Op.Min or Op.Max when !d.IsScalar && NativeOperands(e) is { } ordered:
                    // With a (non-NaN) constant first, the native instruction returns the other operand when it is
                    // NaN on x86 (second operand) and Arm (NaN-propagating), so NaN still propagates, at a fraction of
                    // the cost of the IEEE-exact Min/Max.
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
            _w.Line(Fused(r)
                ? $"__acc{r.Id} = {d.VectorClass}.MultiplyAddEstimate({Operand(r.A.A)}, {Operand(r.A.B)}, __acc{r.Id});"
                : $"__acc{r.Id} += {names[r.A]};");
        }

        foreach (OutputWrite write in pass.Writes)
        {
            _w.Line(d.Store(names[write.Value], Arg(write.Parameter)));
        }

        _w.Close();
    }

    private static (Expr Constant, Expr Other)? NativeOperands(Expr e) =>
        e.A.Op == Op.Constant && !double.IsNaN(e.A.Value) ? (e.A, e.B)
        : e.B.Op == Op.Constant && !double.IsNaN(e.B.Value) ? (e.B, e.A)
        : null;

    private static string Describe(Pass pass)
    {
        var parts = new List<string>();
        if (pass.Reductions.Length > 0)
        {
            parts.Add(pass.Reductions.Length == 1 ? "accumulates 1 sum" : $"accumulates {pass.Reductions.Length} sums");
        }

        if (pass.Writes.Length > 0)
        {
            parts.Add("writes " + string.Join(", ", pass.Writes.Select(w => w.Parameter)));
        }

        return string.Join(" and ", parts);
    }
}
