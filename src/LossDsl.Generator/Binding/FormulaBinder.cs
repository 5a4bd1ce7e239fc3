using System.Collections.Generic;
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
public sealed class FormulaBinder
{
    private readonly BoundSignature _signature;
    private readonly ExprFactory _factory = new();
    private readonly List<CompilerDiagnostic> _diagnostics;
    private readonly Dictionary<string, Expr> _bindings = new();
    private readonly HashSet<string> _usedParameters = new();
    private int _errors;

    private FormulaBinder(BoundSignature signature, List<CompilerDiagnostic> diagnostics)
    {
        _signature = signature;
        _diagnostics = diagnostics;
    }

    /// <summary>Binds <paramref name="formula"/>; returns null if it has errors (reported into <paramref name="diagnostics"/>).</summary>
    public static BoundLoss? Bind(BoundSignature signature, FormulaSyntax formula, List<CompilerDiagnostic> diagnostics)
    {
        var binder = new FormulaBinder(signature, diagnostics);
        return binder.BindFormula(formula);
    }

    private BoundLoss? BindFormula(FormulaSyntax formula)
    {
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

        ReportUnusedParameters();
        return _errors > 0 ? null : new BoundLoss(_signature, _factory, result);
    }

    private void ReportUnusedParameters()
    {
        foreach (BoundParameter p in _signature.Parameters)
        {
            if (p.Role is ParameterRole.Input or ParameterRole.Option && !_usedParameters.Contains(p.Name))
            {
                bool hasGradient = _signature.Parameters.Any(g => g.GradientOf == p.Name);
                _diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnusedParameter, p.Index, p.Name, _signature.MethodName,
                    hasGradient ? "; its gradient is zero" : ""));
            }
        }
    }

    private Expr BindExpression(ExpressionSyntax syntax) => syntax switch
    {
        NumberSyntax n => _factory.Constant(n.Value),
        NameSyntax n => BindName(n),
        UnarySyntax u => BindUnary(u),
        BinarySyntax b => BindBinary(b),
        CallSyntax c => BindCall(c),
        _ => Placeholder(),
    };

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
                case ParameterRole.Input:
                    _usedParameters.Add(p.Name);
                    return _factory.Input(p.Name, p.Decl.Element == ScalarType.Int32 ? ValueKind.Integer : ValueKind.Real, Shape.Samples);
                case ParameterRole.Option:
                    _usedParameters.Add(p.Name);
                    return _factory.Option(p.Name, p.Decl.Element switch
                    {
                        ScalarType.Int32 => ValueKind.Integer,
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

        string known = string.Join(", ", _signature.Parameters.Where(q => q.Role is ParameterRole.Input or ParameterRole.Option).Select(q => q.Name).Concat(_bindings.Keys).Select(s => "'" + s + "'"));
        return Error(DiagnosticDescriptors.UnknownName, syntax.Span,
            $"'{syntax.Name}' is not a parameter of '{_signature.MethodName}', a binding or a constant" + (known.Length > 0 ? $" (known names: {known})" : ""));
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

    private Expr BindCall(CallSyntax syntax)
    {
        if (!FunctionTable.TryGet(syntax.Name, out FunctionInfo f))
        {
            foreach (ExpressionSyntax a in syntax.Arguments)
            {
                BindExpression(a);
            }

            string? suggestion = FunctionTable.Suggest(syntax.Name);
            return Error(DiagnosticDescriptors.UnknownFunction, syntax.NameSpan, syntax.Name, suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        }

        var args = syntax.Arguments.Select(BindExpression).ToList();
        if (args.Count != f.Arity)
        {
            string takes = f.Arity == 1 ? "1 argument" : $"{f.Arity} arguments";
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
                return x.Shape.IsScalar ? x : _factory.Divide(_factory.Make(Op.Sum, x), _factory.Length());
            default:
                return _factory.Make(f.Op, args.Select(AsReal).ToArray());
        }
    }

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

    // Binding continues after an error with a value that provokes no further diagnostics.
    private Expr Placeholder() => _factory.Input("<error>", ValueKind.Real, Shape.Samples);
}
