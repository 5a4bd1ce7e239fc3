using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.IR;
using LossDsl.Generator.Parsing;

namespace LossDsl.Generator.Binding;

/// <summary>
/// Resolves a parsed formula against a bound signature and builds typed, shaped IR. Reports every error it finds,
/// continuing after each with a placeholder so one mistake does not hide the next.
/// </summary>
internal sealed class FormulaBinder
{
    private readonly BoundSignature _signature;
    private readonly ExprFactory _factory = new();
    private readonly List<CompilerDiagnostic> _diagnostics;
    private readonly Dictionary<string, Expr> _bindings = new();
    private readonly List<BoundBinding> _boundBindings = new();
    private readonly HashSet<string> _usedParameters = new();
    private readonly HashSet<string> _perClass = new();
    private readonly Dictionary<string, SortedSet<string>> _classIndices = new();
    private readonly Dictionary<string, Expr> _inputs = new();
    private readonly List<MaterializedCall> _materialized = new();
    private readonly SortedSet<string> _pairLabels = new(System.StringComparer.Ordinal);
    private bool _pairwise;
    private bool _ctc;
    private bool _userIntrinsic;
    private readonly HashSet<string> _intrinsicTensors = new();

    private readonly Dictionary<string, Model.IntrinsicSpec> _userIntrinsics = new(System.StringComparer.Ordinal);
    private int _errors;

    private FormulaBinder(BoundSignature signature, List<CompilerDiagnostic> diagnostics, IReadOnlyList<Model.IntrinsicSpec>? intrinsics)
    {
        _signature = signature;
        _diagnostics = diagnostics;
        foreach (Model.IntrinsicSpec spec in intrinsics ?? System.Array.Empty<Model.IntrinsicSpec>())
        {
            _userIntrinsics[spec.Name] = spec;
        }
    }

    // Before binding: which vectors are per-class (marked [PerClass], or gathered by class indices: w[y]), and which
    // integer options each integer input is compared with (y != ignore_index lets an index take that value).
    private void Prescan(FormulaSyntax formula)
    {
        foreach (BoundParameter p in _signature.Parameters)
        {
            if (p.Decl.IsPerClass)
            {
                _perClass.Add(p.Name);
            }
        }

        var stack = new Stack<ExpressionSyntax>(formula.Bindings.Select(b => b.Value).Append(formula.Result));
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case IndexSyntax { Target: NameSyntax target, Index: NameSyntax index } ix when IsIntegerInput(index.Name):
                    if (_signature.Find(target.Name) is { Role: ParameterRole.Input, Decl.Form: ParameterForm.ReadOnlySpan } vector && !IsIntegerInput(vector.Name))
                    {
                        _perClass.Add(vector.Name);
                    }

                    stack.Push(ix.Target);
                    break;
                case IndexSyntax ix:
                    stack.Push(ix.Target);
                    stack.Push(ix.Index);
                    break;
                case BinarySyntax b:
                    if (b.Operator is TokenKind.NotEqual or TokenKind.EqualEqual && b.Left is NameSyntax l && b.Right is NameSyntax r)
                    {
                        NoteComparison(l.Name, r.Name);
                        NoteComparison(r.Name, l.Name);
                    }

                    stack.Push(b.Left);
                    stack.Push(b.Right);
                    break;
                case UnarySyntax u:
                    stack.Push(u.Operand);
                    break;
                case CallSyntax c:
                    bool pairwise = FunctionTable.TryGet(c.Name, out FunctionInfo called) && called.Kind == FunctionKind.Pairwise;
                    _pairwise |= pairwise;
                    _ctc |= c.Name == "ctc" && called?.Kind == FunctionKind.Intrinsic;
                    bool user = _userIntrinsics.ContainsKey(c.Name);
                    _userIntrinsic |= user;
                    foreach (ExpressionSyntax a in c.Arguments)
                    {
                        stack.Push(a);
                    }

                    break;
            }
        }
    }

    private readonly Dictionary<string, SortedSet<string>> _comparedWith = new();

    private void NoteComparison(string input, string option)
    {
        if (IsIntegerInput(input) && _signature.Find(option) is { Role: ParameterRole.Option, Decl.Element: ScalarType.Int32 })
        {
            if (!_comparedWith.TryGetValue(input, out SortedSet<string>? set))
            {
                _comparedWith[input] = set = new SortedSet<string>(System.StringComparer.Ordinal);
            }

            set.Add(option);
        }
    }

    private bool IsIntegerInput(string name) =>
        !_bindings.ContainsKey(name) && _signature.Find(name) is { Role: ParameterRole.Input, Decl.Element: ScalarType.Int32 or ScalarType.Int64 };

    private void NoteClassIndex(string input) =>
        _classIndices[input] = _comparedWith.TryGetValue(input, out SortedSet<string>? options) ? options : new SortedSet<string>();

    /// <summary>Binds <paramref name="formula"/>; returns null if it has errors (reported into <paramref name="diagnostics"/>).</summary>
    /// <param name="signature">The method's bound signature.</param>
    /// <param name="formula">The parsed formula.</param>
    /// <param name="diagnostics">Receives every error and warning.</param>
    /// <param name="intrinsics">The user's runtime intrinsics the formula may call by name.</param>
    public static BoundLoss? Bind(BoundSignature signature, FormulaSyntax formula, List<CompilerDiagnostic> diagnostics, IReadOnlyList<Model.IntrinsicSpec>? intrinsics = null)
    {
        var binder = new FormulaBinder(signature, diagnostics, intrinsics);
        return binder.BindFormula(formula);
    }

    private BoundLoss? BindFormula(FormulaSyntax formula)
    {
        Prescan(formula);
        foreach (BindingSyntax binding in formula.Bindings)
        {
            Expr value = BindExpression(binding.Value);
            if (_signature.Find(binding.Name) is { } clash)
            {
                Error(DiagnosticDescriptors.DuplicateName, binding.NameSpan, binding.Name, $"parameter {clash.Index + 1} of '{_signature.MethodName}'");
            }
            else if (_bindings.ContainsKey(binding.Name))
            {
                Error(DiagnosticDescriptors.DuplicateName, binding.NameSpan, binding.Name, "bound earlier in the formula");
            }
            else if (FunctionTable.TryGet(binding.Name, out _))
            {
                Error(DiagnosticDescriptors.DuplicateName, binding.NameSpan, binding.Name, "a function of the formula language");
            }
            else
            {
                _bindings[binding.Name] = value;
                _boundBindings.Add(new BoundBinding(binding.Name, binding, value));
            }
        }

        Expr result = BindExpression(formula.Result);
        if (result.Kind != ValueKind.Real)
        {
            result = _factory.Make(Op.ToReal, result);
        }

        if (_errors > 0)
        {
            // The placeholder that stands for a broken subexpression has no meaningful shape; say nothing more.
            return null;
        }

        if (_signature.IsReduced && !result.Shape.IsScalar)
        {
            Error(DiagnosticDescriptors.ReductionMismatch, formula.Result.Span,
                $"The formula gives one value per element, but '{_signature.MethodName}' returns a single {_signature.ElementKeyword}; " +
                "wrap it in mean(...) or sum(...), or make the method void with a 'Span<" + _signature.ElementKeyword + "> loss' parameter");
        }
        else if (!_signature.IsReduced && result.Shape.IsScalar)
        {
            Error(DiagnosticDescriptors.ReductionMismatch, formula.Result.Span,
                $"The formula reduces to a single value, but '{_signature.MethodName}' is void and writes one loss per element; " +
                $"remove the outer mean/sum, or return {_signature.ElementKeyword}");
        }
        else if (!_signature.IsReduced && result.Shape.Has(Axis.Pair))
        {
            Error(DiagnosticDescriptors.PairwiseMisuse, formula.Result.Span,
                "A per-element loss of a pairwise formula writes one value per sample; reduce each row of the pair matrix (row_min, row_max, logsumexp, row_sum…)");
        }
        else if (!_signature.IsReduced)
        {
            CheckPerElementShape(formula.Result, result.Shape);
        }

        ReportUnusedParameters();
        return _errors > 0 ? null : new BoundLoss(_signature, _factory, result, _inputs.ToImmutableDictionary(),
            _classIndices.OrderBy(kv => kv.Key, System.StringComparer.Ordinal)
                .Select(kv => new ClassIndexUse(kv.Key, kv.Value.ToImmutableArray())).ToImmutableArray())
        {
            Materialized = _materialized.ToImmutableArray(),
            PairLabels = _pairLabels.ToImmutableArray(),
            Bindings = _boundBindings.ToImmutableArray(),
        };
    }

    // Per-element losses and the upstream gradient have the formula's shape: a span per sample, a tensor per matrix element.
    private void CheckPerElementShape(ExpressionSyntax resultSyntax, Shape shape)
    {
        string t = _signature.ElementKeyword;
        foreach (BoundParameter? p in new[] { _signature.LossOutput, _signature.UpstreamGradient })
        {
            if (p is null)
            {
                continue;
            }

            string? expected = shape.Equals(Shape.Samples) ? (p.Decl.IsTensor ? $"{(p.Decl.IsReadOnlyMemory ? "ReadOnlySpan" : "Span")}<{t}>" : null)
                : shape.Equals(Shape.Rows) ? (p.Decl.IsTensor ? null : $"{(p.Decl.IsReadOnlyMemory ? "ReadOnlyTensorSpan" : "TensorSpan")}<{t}>")
                : "";
            if (expected is null)
            {
                continue;
            }

            Error(DiagnosticDescriptors.ShapeError, resultSyntax.Span, expected.Length == 0
                ? $"The formula gives one value per class ({shape}), which a per-element loss cannot write; reduce it with sum(...) or mean(...)"
                : $"The formula gives one value per {(shape.Equals(Shape.Rows) ? "matrix element" : "sample")} ({shape}), so '{p.Name}' must be a {expected}");
        }
    }

    private void ReportUnusedParameters()
    {
        foreach (BoundParameter p in _signature.Parameters)
        {
            if (p.Role == ParameterRole.Input && p.Decl.IsTensor && p.Decl.Element == ScalarType.Int32 && !_intrinsicTensors.Contains(p.Name) && !_usedParameters.Contains(p.Name))
            {
                _errors++;
                _diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.IntrinsicMisuse, p.Index,
                    $"'{p.Name}' is an integer tensor, which only a runtime intrinsic reads (ctc(...) as its targets, or a [LossIntrinsic] of yours), and the formula of '{_signature.MethodName}' does not pass it to one"));
                continue;
            }

            if (p.Role is ParameterRole.Input or ParameterRole.Option && !_usedParameters.Contains(p.Name))
            {
                bool hasGradient = _signature.Parameters.Any(g => g.GradientOf == p.Name);
                _diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnusedParameter, p.Index, p.Name, _signature.MethodName,
                    hasGradient ? "; its gradient is zero" : ""));
            }
        }
    }

    private Expr BindExpression(ExpressionSyntax syntax)
    {
        Expr bound = syntax switch
        {
            NumberSyntax n => _factory.Constant(n.Value),
            NameSyntax n => BindName(n),
            UnarySyntax u => BindUnary(u),
            IndexSyntax ix => BindIndex(ix),
            BinarySyntax b => BindBinary(b),
            CallSyntax c => BindCall(c),
            _ => Placeholder(),
        };

        // The class axis j and the pair axis k are different columns: an elementwise operation of a pair matrix and a
        // matrix of classes or features (or of their per-column vectors) has no meaning.
        // (A placeholder left by an earlier error has a shape of its own; it is not reported again.)
        if (bound.Shape.Has(Axis.Class) && bound.Shape.Has(Axis.Pair) && !Topology.Reachable(bound).Any(e => e.Op == Op.Input && e.Name == "<error>"))
        {
            FormulaSpan at = syntax switch
            {
                BinarySyntax b => b.OperatorSpan,
                CallSyntax c => c.NameSpan,
                _ => syntax.Span,
            };
            return Error(DiagnosticDescriptors.PairwiseMisuse, at, MixedAxesMessage);
        }

        return bound;
    }

    private const string MixedAxesMessage =
        "This combines a pair matrix (N × M, columns k: the rows of a pairwise function's second argument) with values along the classes or features (columns j, C of them) element by element; " +
        "j and k are different axes, so reduce one side along its rows first (row_sum, row_max, row_min, logsumexp…) and combine per-sample values";

    private Expr BindName(NameSyntax syntax)
    {
        if (_bindings.TryGetValue(syntax.Name, out Expr? bound))
        {
            return bound;
        }

        if (_signature.Find(syntax.Name) is { } p)
        {
            switch (p.Role)
            {
                case ParameterRole.Input when p.Decl.IsTensor && p.Decl.Element == ScalarType.Int32:
                    _usedParameters.Add(p.Name);
                    return Error(DiagnosticDescriptors.IntrinsicMisuse, syntax.Span,
                        $"'{p.Name}' is an integer tensor, which only a runtime intrinsic reads (ctc(...) as its targets, or a [LossIntrinsic] of yours); class indices used in a formula are a ReadOnlySpan<int>");
                case ParameterRole.Input when _ctc && p.Decl.IsTensor:
                    _usedParameters.Add(p.Name);
                    Error(DiagnosticDescriptors.IntrinsicMisuse, syntax.Span,
                        $"'{p.Name}' is a tensor in a formula with ctc(...), whose samples are axis 1 of the (T, N, C) log-probabilities; " +
                        "such a formula reads tensors only through ctc");
                    return _factory.Input("<error>", ValueKind.Real, Shape.Rows);
                case ParameterRole.Input:
                    _usedParameters.Add(p.Name);
                    Shape shape = p.Decl.IsTensor ? Shape.Rows : _perClass.Contains(p.Name) ? Shape.Classes : Shape.Samples;
                    Expr input = _factory.Input(p.Name, p.Decl.Element is ScalarType.Int32 or ScalarType.Int64 ? ValueKind.Integer : ValueKind.Real, shape);
                    _inputs[p.Name] = input;
                    return input;
                case ParameterRole.Option:
                    _usedParameters.Add(p.Name);
                    return _factory.Option(p.Name, p.Decl.Element switch
                    {
                        ScalarType.Int32 or ScalarType.Reduction => ValueKind.Integer,
                        ScalarType.Boolean => ValueKind.Mask,
                        _ => ValueKind.Real,
                    });
                default:
                    string what = p.Role switch
                    {
                        ParameterRole.Gradient => $"the gradient output for '{p.GradientOf}'",
                        ParameterRole.LossOutput => "the per-element loss output",
                        ParameterRole.UpstreamGradient => "the upstream gradient, which the generated backward pass applies itself",
                        _ => "a parameter the loss cannot use",
                    };
                    return Error(DiagnosticDescriptors.UnknownName, syntax.Span, $"'{syntax.Name}' is {what}; a formula can only read inputs, options and bindings");
            }
        }

        if (FunctionTable.Constants.TryGetValue(syntax.Name, out double constant))
        {
            return _factory.Constant(constant);
        }

        if (FunctionTable.TryGet(syntax.Name, out FunctionInfo f))
        {
            return Error(DiagnosticDescriptors.UnknownName, syntax.Span, $"'{syntax.Name}' is a function; call it as {f.Signature}");
        }

        List<string> names = _signature.Parameters.Where(q => q.Role is ParameterRole.Input or ParameterRole.Option).Select(q => q.Name).Concat(_bindings.Keys).ToList();
        string known = string.Join(", ", names.Select(s => "'" + s + "'"));
        // One- and two-letter names are all one edit apart (p, t, x): a suggestion there would be a guess.
        string? suggestion = syntax.Name.Length > 2 ? NameSuggestion.Closest(syntax.Name, names) : null;
        return Error(DiagnosticDescriptors.UnknownName, syntax.Span,
            $"'{syntax.Name}' is not a parameter of '{_signature.MethodName}', a binding or a constant"
            + (suggestion is not null ? $"; did you mean '{suggestion}'?" : known.Length > 0 ? $" (known names: {known})" : ""));
    }

    private Expr BindUnary(UnarySyntax syntax)
    {
        Expr operand = BindExpression(syntax.Operand);
        return syntax.Operator switch
        {
            TokenKind.Minus => _factory.Negate(AsReal(operand)),
            TokenKind.Plus => AsReal(operand),
            _ => _factory.Make(Op.Not, AsMask(operand, syntax.Operand, "the operand of '!'")),
        };
    }

    private Expr BindBinary(BinarySyntax syntax)
    {
        Expr left = BindExpression(syntax.Left);
        Expr right = BindExpression(syntax.Right);
        switch (syntax.Operator)
        {
            case TokenKind.Ampersand:
            case TokenKind.Bar:
                string opText = syntax.Operator == TokenKind.Ampersand ? "&" : "|";
                return _factory.Make(syntax.Operator == TokenKind.Ampersand ? Op.And : Op.Or,
                    AsMask(left, syntax.Left, $"the left operand of '{opText}'"), AsMask(right, syntax.Right, $"the right operand of '{opText}'"));
            default:
                Op op = syntax.Operator switch
                {
                    TokenKind.Plus => Op.Add,
                    TokenKind.Minus => Op.Subtract,
                    TokenKind.Star => Op.Multiply,
                    TokenKind.Slash => Op.Divide,
                    TokenKind.Caret => Op.Power,
                    TokenKind.Less => Op.Less,
                    TokenKind.LessEqual => Op.LessEqual,
                    TokenKind.Greater => Op.Greater,
                    TokenKind.GreaterEqual => Op.GreaterEqual,
                    TokenKind.EqualEqual => Op.Equal,
                    _ => Op.NotEqual,
                };
                return _factory.Make(op, AsReal(left), AsReal(right));
        }
    }

    // x[y] gathers one column per sample (y a class-index input); x[k] picks a column (k an integer literal or option).
    private Expr BindIndex(IndexSyntax syntax)
    {
        Expr target = BindExpression(syntax.Target);
        if (target.Shape.Has(Axis.Pair))
        {
            BindExpression(syntax.Index);
            return Error(DiagnosticDescriptors.PairwiseMisuse, syntax.BracketSpan,
                "A pair matrix cannot be indexed: its columns are the second sample index k, not classes; use where(...) with same(y) or eye() to select pairs");
        }

        if (!target.Shape.Has(Axis.Class))
        {
            BindExpression(syntax.Index);
            return Error(DiagnosticDescriptors.ShapeError, syntax.BracketSpan,
                $"Only a matrix or a per-class vector can be indexed, but this is {Describe(target.Shape)}" +
                (syntax.Target is NameSyntax { Name: var n } && _signature.Find(n) is { Decl.Form: ParameterForm.ReadOnlySpan }
                    ? $"; a matrix is a ReadOnlyTensorSpan, and a vector gathered by class indices must be indexed by a ReadOnlySpan<int> ('{n}[y]')" : ""));
        }

        switch (syntax.Index)
        {
            case NumberSyntax number when number.Value >= 0 && number.Value == System.Math.Floor(number.Value) && number.Value < int.MaxValue:
                return _factory.Make(Op.Gather, target, _factory.Constant(number.Value));
            case NameSyntax name when !_bindings.ContainsKey(name.Name) && _signature.Find(name.Name) is { } p && IsIndex(p):
                Expr index = BindName(name);
                if (p.Role == ParameterRole.Input)
                {
                    NoteClassIndex(p.Name);
                }

                return _factory.Make(Op.Gather, target, index);
            default:
                Expr bound = BindExpression(syntax.Index);
                string what = bound.Kind == ValueKind.Real ? "a real number" : bound.Kind == ValueKind.Mask ? "a mask" : "an integer expression";
                return Error(DiagnosticDescriptors.ShapeError, syntax.Index.Span,
                    $"An index must be a class-index input (ReadOnlySpan<int>), an int option or a non-negative integer literal, but this is {what}");
        }
    }

    // An index is an int option (a column pick) or an int or long input (class indices).
    private static bool IsIndex(BoundParameter p) =>
        p.Role == ParameterRole.Option ? p.Decl.Element == ScalarType.Int32
        : p.Role == ParameterRole.Input && p.Decl.Element is ScalarType.Int32 or ScalarType.Int64;

    private static string Describe(Shape shape) =>
        shape.IsScalar ? "a single value" : shape.Equals(Shape.Samples) ? "a vector with one value per sample" : shape.ToString();

    private Expr RowOperand(Expr x, CallSyntax syntax, int argument = 0)
    {
        if (!x.Shape.HasColumns)
        {
            Error(DiagnosticDescriptors.ShapeError, syntax.Arguments[argument].Span,
                $"'{syntax.Name}' works along the rows of a matrix, but this is {Describe(x.Shape)}" +
                (x.Shape.Equals(Shape.Samples) ? "; to reduce a vector use sum(...) or mean(...)" : ""));
        }

        return AsReal(x);
    }

    private Expr BindCall(CallSyntax syntax)
    {
        if (_userIntrinsics.TryGetValue(syntax.Name, out Model.IntrinsicSpec? intrinsic))
        {
            return BindUserIntrinsic(syntax, intrinsic);
        }

        if (!FunctionTable.TryGet(syntax.Name, out FunctionInfo f))
        {
            foreach (ExpressionSyntax a in syntax.Arguments)
            {
                BindExpression(a);
            }

            string? suggestion = FunctionTable.Suggest(syntax.Name);
            return Error(DiagnosticDescriptors.UnknownFunction, syntax.NameSpan, syntax.Name, suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        }

        if (f.Kind == FunctionKind.Intrinsic && f.Accepts(syntax.Arguments.Length))
        {
            return BindIntrinsic(syntax);
        }

        if (f.Kind is FunctionKind.Pairwise or FunctionKind.Same or FunctionKind.Eye && f.Accepts(syntax.Arguments.Length))
        {
            return f.Kind == FunctionKind.Pairwise ? BindPairwise(syntax) : f.Kind == FunctionKind.Same ? BindSame(syntax) : BindEye(syntax);
        }

        var args = syntax.Arguments.Select(BindExpression).ToList();
        if (!f.Accepts(args.Count))
        {
            string takes = f.MinArity >= 0 ? $"{f.MinArity} to {f.Arity} arguments" : f.Arity == 1 ? "1 argument" : $"{f.Arity} arguments";
            string given = args.Count == 1 ? "1 is" : $"{args.Count.ToString(CultureInfo.InvariantCulture)} are";
            return Error(DiagnosticDescriptors.WrongArgumentCount, syntax.Span, f.Signature, takes, given);
        }

        switch (f.Kind)
        {
            case FunctionKind.Where:
                return _factory.Make(Op.Where, AsMask(args[0], syntax.Arguments[0], "the condition of where"), AsReal(args[1]), AsReal(args[2]));
            case FunctionKind.Sum:
                return _factory.Make(Op.Sum, AsReal(args[0]));
            case FunctionKind.Mean:
                Expr x = AsReal(args[0]);
                return x.Shape.IsScalar ? x : _factory.Divide(_factory.Make(Op.Sum, x), Count(x.Shape));
            case FunctionKind.RowReduction:
                return _factory.Make(f.Op, RowOperand(args[0], syntax));
            case FunctionKind.RowMean:
                Expr meaned = RowOperand(args[0], syntax);
                return _factory.Divide(_factory.Make(Op.RowSum, meaned), _factory.Columns(meaned.Shape.ColumnAxis ?? Axis.Class));
            case FunctionKind.Softmax:
            case FunctionKind.LogSoftmax:
                Expr logits = RowOperand(args[0], syntax);
                Expr logSoftmax = _factory.Subtract(logits, _factory.Make(Op.LogSumExp, logits));
                return f.Kind == FunctionKind.LogSoftmax ? logSoftmax : _factory.Make(Op.Exp, logSoftmax);
            case FunctionKind.Norm:
                return _factory.Make(Op.RowNorm, RowOperand(args[0], syntax));
            case FunctionKind.Norm1:
                return _factory.Make(Op.RowSum, _factory.Make(Op.Abs, RowOperand(args[0], syntax)));
            case FunctionKind.NormP:
                Expr exponent = AsReal(args[1]);
                Expr powered = _factory.Make(Op.RowSum, _factory.Make(Op.Power, _factory.Make(Op.Abs, RowOperand(args[0], syntax)), exponent));
                // A row of zeros has norm 0 and, as in PyTorch, gradient 0: the "double where" keeps s^(1/p)'s infinite
                // derivative at s = 0 out of the reverse pass. The mask is s != 0, so a NaN row stays NaN.
                Expr nonZero = _factory.Make(Op.NotEqual, powered, _factory.Constant(0));
                Expr safe = _factory.Make(Op.Where, nonZero, powered, _factory.Constant(1));
                return _factory.Make(Op.Where, nonZero, _factory.Make(Op.Power, safe, _factory.Divide(_factory.Constant(1), exponent)), _factory.Constant(0));
            case FunctionKind.Dot:
                Expr left = RowOperand(args[0], syntax), right = RowOperand(args[1], syntax, 1);
                if (!SameColumns(left, right))
                {
                    return Error(DiagnosticDescriptors.PairwiseMisuse, syntax.Arguments[1].Span, MixedAxesMessage);
                }

                return _factory.Make(Op.RowSum, _factory.Multiply(left, right));
            case FunctionKind.Cosine:
                // PyTorch's cosine_similarity: each row divided by its norm clamped below at eps = 1e-8.
                Expr a = RowOperand(args[0], syntax), b = RowOperand(args[1], syntax, 1);
                if (!SameColumns(a, b))
                {
                    return Error(DiagnosticDescriptors.PairwiseMisuse, syntax.Arguments[1].Span, MixedAxesMessage);
                }

                Expr eps = _factory.Constant(1e-8);
                Expr norms = _factory.Multiply(_factory.Make(Op.Max, _factory.Make(Op.RowNorm, a), eps), _factory.Make(Op.Max, _factory.Make(Op.RowNorm, b), eps));
                return _factory.Divide(_factory.Make(Op.RowSum, _factory.Multiply(a, b)), norms);
            case FunctionKind.ColumnSum:
            case FunctionKind.ColumnMean:
            case FunctionKind.ColumnExtreme:
                Expr columns = AsReal(args[0]);
                if (!columns.Shape.HasColumns || !columns.Shape.Has(Axis.Sample))
                {
                    return Error(DiagnosticDescriptors.ShapeError, syntax.Arguments[0].Span,
                        $"'{syntax.Name}' sums the samples of each column of a matrix, but this is {Describe(columns.Shape)}; to reduce a vector use sum(...) or mean(...)");
                }

                if (f.Kind == FunctionKind.ColumnExtreme)
                {
                    return _factory.Make(f.Op, columns);
                }

                Expr total = _factory.Make(Op.ColumnSum, columns);
                return f.Kind == FunctionKind.ColumnMean ? _factory.Divide(total, _factory.Length()) : total;
            case FunctionKind.OneHot:
                if (syntax.Arguments[0] is not NameSyntax { Name: var indexName } || !IsIntegerInput(indexName))
                {
                    return Error(DiagnosticDescriptors.ShapeError, syntax.Arguments[0].Span,
                        "onehot takes a class-index input (a ReadOnlySpan<int> parameter)");
                }

                NoteClassIndex(indexName);
                return _factory.Make(Op.Equal, _factory.Make(Op.ToReal, _factory.ColumnIndex()), _factory.Make(Op.ToReal, args[0]));
            case FunctionKind.Reduce:
                return BindReduce(syntax, AsReal(args[0]), args.Count > 1 ? AsReal(args[1]) : null);
            default:
                return _factory.Make(f.Op, args.Select(AsReal).ToArray());
        }
    }

    // sqdist(a, b) and its siblings: both arguments are tensor parameters written by name (a: N×D, b: M×D); the call is
    // one materialized N×M matrix whose column axis is the second sample index k. Equal calls are one node.
    private Expr BindPairwise(CallSyntax syntax)
    {
        var names = new List<string>();
        foreach (ExpressionSyntax argument in syntax.Arguments)
        {
            if (argument is NameSyntax { Name: var name } && !_bindings.ContainsKey(name) &&
                _signature.Find(name) is { Role: ParameterRole.Input, Decl.IsTensor: true } tensor && tensor.Decl.Element is ScalarType.Float or ScalarType.Double)
            {
                _usedParameters.Add(name);
                names.Add(name);
                continue;
            }

            string what = argument is NameSyntax { Name: var n } && !_bindings.ContainsKey(n) && _signature.Find(n) is { } p
                ? (p.Decl.IsTensor ? $"'{n}' is not an input" : p.Decl.IsReadOnlyMemory ? $"'{n}' is a vector (ReadOnlySpan), one value per sample" : $"'{n}' is a scalar option")
                : argument is NameSyntax { Name: var b } && _bindings.ContainsKey(b) ? $"'{b}' is a binding; write the parameter's name"
                : "this is an expression";
            Error(DiagnosticDescriptors.PairwiseMisuse, argument.Span,
                $"'{syntax.Name}' compares the rows of two tensor parameters (ReadOnlyTensorSpan<T> of points × features), but {what}");
            return PairPlaceholder(ValueKind.Real);
        }

        PairwiseFunction function = syntax.Name switch
        {
            "sqdist" => PairwiseFunction.SquaredDistance,
            "cdist" => PairwiseFunction.Distance,
            "dots" => PairwiseFunction.Dot,
            _ => PairwiseFunction.Cosine,
        };
        Expr leaf = _factory.Materialized($"{syntax.Name}({names[0]}, {names[1]})", Shape.Pairs);
        if (!_materialized.Any(m => m.Leaf == leaf))
        {
            _materialized.Add(new MaterializedCall(leaf, function, names.ToImmutableArray()));
        }

        return leaf;
    }

    // emd_points(a, b) takes two (N, D) tensor parameters, emd_hist(p, q) two vector parameters, by name: one value per
    // sample (point or bin), computed and differentiated by the runtime intrinsic.
    private Expr BindIntrinsic(CallSyntax syntax)
    {
        if (syntax.Name == "ctc")
        {
            return BindCtc(syntax);
        }

        bool tensors = syntax.Name == "emd_points";
        var names = new List<string>();
        foreach (ExpressionSyntax argument in syntax.Arguments)
        {
            if (argument is NameSyntax { Name: var name } && !_bindings.ContainsKey(name) &&
                _signature.Find(name) is { Role: ParameterRole.Input } p && p.Decl.Element is ScalarType.Float or ScalarType.Double &&
                (tensors ? p.Decl.IsTensor : p.Decl.Form == ParameterForm.ReadOnlySpan && !_perClass.Contains(name)))
            {
                _usedParameters.Add(name);
                names.Add(name);
                continue;
            }

            Error(DiagnosticDescriptors.IntrinsicMisuse, argument.Span, tensors
                ? "emd_points(a, b) takes two point sets: ReadOnlyTensorSpan<T> parameters of shape (N, D), written by name"
                : "emd_hist(p, q) takes two histograms: ReadOnlySpan<T> parameters with one mass per bin, written by name");
            return _factory.Input("<error>", ValueKind.Real, Shape.Samples);
        }

        if (_ctc)
        {
            return Error(DiagnosticDescriptors.IntrinsicMisuse, syntax.NameSpan,
                $"'{syntax.Name}' cannot share a formula with ctc(...), which reads its samples from axis 1 of its log-probabilities");
        }

        Expr leaf = _factory.Materialized($"{syntax.Name}({names[0]}, {names[1]})", Shape.Samples);
        if (!_materialized.Any(m => m.Leaf == leaf))
        {
            _materialized.Add(new MaterializedCall(leaf, tensors ? PairwiseFunction.EarthMoversPoints : PairwiseFunction.EarthMoversHistogram, names.ToImmutableArray()));
        }

        return leaf;
    }

    // A call of one of the user's [LossIntrinsic] classes: each input is a parameter of the declared kind written by
    // name, each option an option of that type or a literal (an omitted trailing option takes its default). One value
    // per element of the first input's axis 0, computed by the class's Forward; its gradient by its Backward.
    private Expr BindUserIntrinsic(CallSyntax syntax, Model.IntrinsicSpec spec)
    {
        string type = spec.TypeName.Replace("global::", "");
        if (spec.Problem is not null)
        {
            // The arguments are not bound: what the intrinsic would take is unknown, so they are only marked as used.
            foreach (ExpressionSyntax a in syntax.Arguments)
            {
                if (a is NameSyntax { Name: var used } && _signature.Find(used) is not null)
                {
                    _usedParameters.Add(used);
                }
            }

            return Error(DiagnosticDescriptors.IntrinsicMisuse, syntax.NameSpan,
                $"'{spec.Name}' is the loss intrinsic '{type}', which formulas cannot call: {spec.Problem} (LD0022 on its declaration)");
        }

        int given = syntax.Arguments.Length;
        if (given < spec.MinimumArguments || given > spec.Parameters.Count)
        {
            int min = spec.MinimumArguments, max = spec.Parameters.Count;
            string takes = min == max ? (max == 1 ? "1 argument" : $"{max} arguments") : $"{min} to {max} arguments";
            return Error(DiagnosticDescriptors.WrongArgumentCount, syntax.Span, spec.Signature, takes, given == 1 ? "1 is" : $"{given.ToString(CultureInfo.InvariantCulture)} are");
        }

        var arguments = new List<string>();
        for (int k = 0; k < spec.Parameters.Count; k++)
        {
            Model.IntrinsicParameter parameter = spec.Parameters[k];
            if (k >= given)
            {
                arguments.Add(parameter.Default!);
                continue;
            }

            ExpressionSyntax argument = syntax.Arguments[k];
            string? name = argument is NameSyntax n && !_bindings.ContainsKey(n.Name) ? n.Name : null;
            BoundParameter? p = name is null ? null : _signature.Find(name);
            bool real = p?.Decl.Element is ScalarType.Float or ScalarType.Double;
            NumberSyntax? number = argument as NumberSyntax;
            bool ok = parameter.Kind switch
            {
                Model.IntrinsicParameterKind.RealSpan => p is { Role: ParameterRole.Input, Decl.Form: ParameterForm.ReadOnlySpan } && real && !_perClass.Contains(p.Name),
                Model.IntrinsicParameterKind.RealTensor => p is { Role: ParameterRole.Input, Decl.IsTensor: true } && real,
                Model.IntrinsicParameterKind.IntegerSpan => p is { Role: ParameterRole.Input, Decl.Form: ParameterForm.ReadOnlySpan, Decl.Element: ScalarType.Int32 },
                Model.IntrinsicParameterKind.IntegerTensor => p is { Role: ParameterRole.Input, Decl.IsTensor: true, Decl.Element: ScalarType.Int32 },
                Model.IntrinsicParameterKind.IntegerOption => p is { Role: ParameterRole.Option, Decl.Element: ScalarType.Int32 } ||
                    (number != null && number.Value <= int.MaxValue && number.Value == System.Math.Floor(number.Value)),
                Model.IntrinsicParameterKind.BooleanOption => p is { Role: ParameterRole.Option, Decl.Element: ScalarType.Boolean },
                _ => p is { Role: ParameterRole.Option } && real || number != null,
            };
            if (!ok)
            {
                string expected = parameter.Kind switch
                {
                    Model.IntrinsicParameterKind.RealSpan => $"a ReadOnlySpan<{_signature.ElementKeyword}> input",
                    Model.IntrinsicParameterKind.RealTensor => $"a ReadOnlyTensorSpan<{_signature.ElementKeyword}> input",
                    Model.IntrinsicParameterKind.IntegerSpan => "a ReadOnlySpan<int> input",
                    Model.IntrinsicParameterKind.IntegerTensor => "a ReadOnlyTensorSpan<int> input",
                    Model.IntrinsicParameterKind.IntegerOption => "an int option or an integer literal",
                    Model.IntrinsicParameterKind.BooleanOption => "a bool option",
                    _ => $"a {_signature.ElementKeyword} option or a number",
                };
                Error(DiagnosticDescriptors.IntrinsicMisuse, argument.Span,
                    $"Argument {k + 1} of {spec.Name}(...) is its '{parameter.Name}' ({parameter.Display} in '{type}'), so it must be {expected} of '{_signature.MethodName}' written by name" +
                    (parameter.IsInput ? "" : " (or a literal, where the type allows)"));
                return _factory.Input("<error>", ValueKind.Real, Shape.Samples);
            }

            if (p is not null)
            {
                _usedParameters.Add(p.Name);
                if (parameter.Kind == Model.IntrinsicParameterKind.IntegerTensor)
                {
                    _intrinsicTensors.Add(p.Name);
                }
            }

            arguments.Add(p is not null ? p.Name : number!.Value.ToString("R", CultureInfo.InvariantCulture));
        }

        if (_ctc)
        {
            return Error(DiagnosticDescriptors.IntrinsicMisuse, syntax.NameSpan,
                $"'{spec.Name}' cannot share a formula with ctc(...), which reads its samples from axis 1 of its log-probabilities");
        }

        Expr leaf = _factory.Materialized($"{spec.Name}({string.Join(", ", arguments)})", Shape.Samples);
        if (!_materialized.Any(m => m.Leaf == leaf))
        {
            _materialized.Add(new MaterializedCall(leaf, PairwiseFunction.UserIntrinsic, arguments.ToImmutableArray()) { Intrinsic = spec });
        }

        return leaf;
    }

    // ctc(log_probs, targets, input_lengths, target_lengths[, blank[, zero_infinity]]): PyTorch's ctc_loss with
    // reduction 'none', one value per sample. The inputs are parameters written by name: a (T, N, C) tensor of
    // log-probabilities, an int tensor of targets, two ReadOnlySpan<int> of lengths; blank is an int option or a literal
    // (default 0), zero_infinity a bool option (default false). The samples are axis 1 of the log-probabilities.
    private Expr BindCtc(CallSyntax syntax)
    {
        string[] roles =
        [
            "its log-probabilities: a ReadOnlyTensorSpan<T> parameter of shape (T, N, C), written by name",
            "its targets: a ReadOnlyTensorSpan<int> parameter, padded (N, S) or concatenated, written by name",
            "its input lengths: a ReadOnlySpan<int> parameter with one length per sample, written by name",
            "its target lengths: a ReadOnlySpan<int> parameter with one length per sample, written by name",
            "its blank class: an int option written by name, or a non-negative integer literal",
            "zero_infinity: a bool option written by name",
        ];
        var arguments = new List<string>();
        for (int k = 0; k < syntax.Arguments.Length; k++)
        {
            ExpressionSyntax argument = syntax.Arguments[k];
            string? name = argument is NameSyntax n && !_bindings.ContainsKey(n.Name) ? n.Name : null;
            BoundParameter? p = name is null ? null : _signature.Find(name);
            bool ok = k switch
            {
                0 => p is { Role: ParameterRole.Input, Decl.IsTensor: true } && p.Decl.Element is ScalarType.Float or ScalarType.Double,
                1 => p is { Role: ParameterRole.Input, Decl.IsTensor: true, Decl.Element: ScalarType.Int32 },
                2 or 3 => p is { Role: ParameterRole.Input, Decl.Form: ParameterForm.ReadOnlySpan, Decl.Element: ScalarType.Int32 },
                4 => p is { Role: ParameterRole.Option, Decl.Element: ScalarType.Int32 } ||
                     (argument is NumberSyntax number && number.Value >= 0 && number.Value <= int.MaxValue && number.Value == System.Math.Floor(number.Value)),
                _ => p is { Role: ParameterRole.Option, Decl.Element: ScalarType.Boolean },
            };
            if (!ok)
            {
                Error(DiagnosticDescriptors.IntrinsicMisuse, argument.Span, $"Argument {k + 1} of ctc(...) is {roles[k]}");
                return _factory.Input("<error>", ValueKind.Real, Shape.Samples);
            }

            if (p is not null)
            {
                _usedParameters.Add(p.Name);
            }

            arguments.Add(p is not null ? p.Name : ((int)((NumberSyntax)argument).Value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (arguments.Count < 5)
        {
            arguments.Add("0");
        }

        if (arguments.Count < 6)
        {
            arguments.Add("false");
        }

        if (_pairwise || _userIntrinsic || _materialized.Any(m => m.Function != PairwiseFunction.ConnectionistTemporalClassification))
        {
            return Error(DiagnosticDescriptors.IntrinsicMisuse, syntax.NameSpan,
                "ctc(...) reads its samples from axis 1 of its log-probabilities, so it cannot share a formula with pairwise functions or other intrinsics");
        }

        _intrinsicTensors.Add(arguments[1]);
        Expr leaf = _factory.Materialized($"ctc({string.Join(", ", arguments)})", Shape.Samples);
        if (!_materialized.Any(m => m.Leaf == leaf))
        {
            _materialized.Add(new MaterializedCall(leaf, PairwiseFunction.ConnectionistTemporalClassification, arguments.ToImmutableArray()));
        }

        return leaf;
    }

    // same(y): yᵢ == yₖ, the labels of both rows of a pair; y is a label input written by name.
    private Expr BindSame(CallSyntax syntax)
    {
        if (syntax.Arguments[0] is not NameSyntax { Name: var name } || !IsIntegerInput(name))
        {
            Expr bound = BindExpression(syntax.Arguments[0]);
            string what = bound.Kind == ValueKind.Real ? "a real number" : bound.Kind == ValueKind.Mask ? "a mask" : "an integer expression";
            Error(DiagnosticDescriptors.PairwiseMisuse, syntax.Arguments[0].Span,
                $"same(y) compares labels, so y must be a label input (a ReadOnlySpan<int> or ReadOnlySpan<long> parameter written by name), but this is {what}");
            return PairPlaceholder(ValueKind.Mask);
        }

        Expr own = BindName((NameSyntax)syntax.Arguments[0]);
        if (!_pairwise)
        {
            Error(DiagnosticDescriptors.PairwiseMisuse, syntax.NameSpan,
                "same(y) compares the labels of the two rows of a pair, which needs a pairwise function (sqdist, cdist, dots, cosine_sim) in the formula");
            return PairPlaceholder(ValueKind.Mask);
        }

        _pairLabels.Add(name);
        Expr other = _factory.Input(name, own.Kind, Shape.PairColumns);
        return _factory.Make(Op.Equal, _factory.Make(Op.ToReal, other), _factory.Make(Op.ToReal, own));
    }

    // eye(): i == k, the pairs of a row with itself.
    private Expr BindEye(CallSyntax syntax)
    {
        if (!_pairwise)
        {
            Error(DiagnosticDescriptors.PairwiseMisuse, syntax.Span,
                "eye() is the mask i == k over the pairs of a pair matrix, which needs a pairwise function (sqdist, cdist, dots, cosine_sim) in the formula");
            return PairPlaceholder(ValueKind.Mask);
        }

        return _factory.Make(Op.Equal, _factory.Make(Op.ToReal, _factory.ColumnIndex(Axis.Pair)), _factory.Make(Op.ToReal, _factory.RowIndex()));
    }

    // reduce(x[, w]) is the catalog's way of saying "PyTorch's reduction": in a void method the per-element values x;
    // otherwise mean (Σx / Σw, or Σx / count), sum (Σx) or batch mean (Σx / N), chosen at run time by the method's
    // LossDsl.Reduction option (mean when it has none). x holds the already weighted values and w the weights a mean
    // divides by, as PyTorch's weighted losses do (with label smoothing the two are not proportional). All three share the sums, so the kernel computes them
    // once and picks; the gradient of the choice flows through the same where.
    private Expr BindReduce(CallSyntax syntax, Expr x, Expr? w)
    {
        if (x.Shape.IsScalar)
        {
            return Error(DiagnosticDescriptors.ShapeError, syntax.Arguments[0].Span, "reduce(...) reduces per-element values, but this is a single value");
        }

        if (w != null && !Shape.Broadcast(x.Shape, w.Shape).Equals(x.Shape))
        {
            return Error(DiagnosticDescriptors.ShapeError, syntax.Arguments[1].Span,
                $"The weights of reduce(...) must have the shape of the values ({Describe(x.Shape)}) or broadcast to it, but they are {Describe(w.Shape)}");
        }

        if (!_signature.IsReduced)
        {
            return x;
        }

        Expr total = _factory.Make(Op.Sum, x);
        Expr mean = _factory.Divide(total, w is null ? Count(x.Shape) : _factory.Make(Op.Sum, _factory.Multiply(w, _factory.Constant(1, x.Shape))));
        List<BoundParameter> options = _signature.Parameters.Where(p => p.Role == ParameterRole.Option && p.Decl.Element == ScalarType.Reduction).ToList();
        if (options.Count > 1)
        {
            return Error(DiagnosticDescriptors.ReductionMismatch, syntax.NameSpan,
                $"reduce(...) follows the method's LossDsl.Reduction option, but '{_signature.MethodName}' has {options.Count} ({string.Join(", ", options.Select(o => "'" + o.Name + "'"))})");
        }

        if (options.Count == 0)
        {
            return mean;
        }

        _usedParameters.Add(options[0].Name);
        Expr choice = _factory.Make(Op.ToReal, _factory.Option(options[0].Name, ValueKind.Integer));
        Expr isSum = _factory.Make(Op.Equal, choice, _factory.Constant(1));
        Expr isBatchMean = _factory.Make(Op.Equal, choice, _factory.Constant(2));
        return _factory.Make(Op.Where, isSum, total, _factory.Make(Op.Where, isBatchMean, _factory.Divide(total, _factory.Length()), mean));
    }

    // The number of elements a mean divides by: N for a vector, N·C for a matrix (N·M for a pair matrix), C (M) for a
    // per-column vector.
    private Expr Count(Shape shape) =>
        shape.ColumnAxis is not { } axis ? _factory.Length()
        : shape.Has(Axis.Sample) ? _factory.Multiply(_factory.Length(), _factory.Columns(axis))
        : _factory.Columns(axis);

    // Whether two row operands have the same columns (both along the classes, both along the pair axis).
    private static bool SameColumns(Expr a, Expr b) => a.Shape.ColumnAxis == b.Shape.ColumnAxis;

    private Expr AsReal(Expr e) => e.Kind == ValueKind.Real ? e : _factory.Make(Op.ToReal, e);

    private Expr AsMask(Expr e, ExpressionSyntax syntax, string role)
    {
        if (e.Kind == ValueKind.Mask)
        {
            return e;
        }

        Error(DiagnosticDescriptors.TypeMismatch, syntax.Span,
            $"{role} must be a mask, such as a comparison 'x > 0', but this is {(e.Kind == ValueKind.Integer ? "an integer" : "a real number")}");
        return _factory.Make(Op.Less, _factory.Constant(0), _factory.Constant(1));
    }

    private Expr Error(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, FormulaSpan span, params string[] args)
    {
        _errors++;
        _diagnostics.Add(CompilerDiagnostic.AtFormula(descriptor, span, args));
        return Placeholder();
    }

    // After a misused pairwise function, same() or eye(): a value of the shape and kind the call would have had.
    private Expr PairPlaceholder(ValueKind kind)
    {
        Expr matrix = _factory.Input("<error>", ValueKind.Real, Shape.Pairs);
        return kind == ValueKind.Mask ? _factory.Make(Op.Less, matrix, _factory.Constant(0)) : matrix;
    }

    // Binding continues after an error with a value that provokes no further diagnostics.
    private Expr Placeholder() => _factory.Input("<error>", ValueKind.Real, Shape.Samples);
}
