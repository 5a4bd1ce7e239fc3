using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Flow;
using LossDsl.Generator.Parsing;

namespace LossDsl.Analyzers.Formula;

/// <summary>
/// The formula pitfalls (LD1001–LD1006), found on the parsed formula alone: each check matches a written form and
/// reports only what it can show from the formula and the parameters' declarations. Anything else is silent.
/// </summary>
/// <remarks>
/// Which fragile forms the generator rewrites (LD1002, an information) and which it computes as written (LD1003, a
/// warning) follows <c>src/LossDsl.Generator/Optimization/StableRewrites.cs</c>; the analyzer tests compile each form with
/// the generator's <c>FormulaCompiler</c> to keep the two in step.
/// </remarks>
internal sealed class FormulaChecks
{
    /// <summary>What the clamps of LD1001's fix and the constant of LD1004's fix write.</summary>
    public const string LogEpsilon = "1e-7";

    public const string SqrtEpsilon = "1e-12";

    private readonly string _formula;
    private readonly FormulaSyntax _syntax;
    private readonly IReadOnlyDictionary<string, FormulaParameter> _parameters;
    private readonly List<FormulaFinding> _findings = new();

    // Formula vectors that a gather by class indices makes per-class (weight in weight[y]), as the binder decides.
    private readonly HashSet<string> _gathered = new(StringComparer.Ordinal);

    // Every difference a - b written in the formula (bindings included), for LD1005.
    private readonly List<BinarySyntax> _differences = new();

    private FormulaChecks(string formula, FormulaSyntax syntax, IReadOnlyDictionary<string, FormulaParameter> parameters)
    {
        _formula = formula;
        _syntax = syntax;
        _parameters = parameters;
    }

    /// <summary>The pitfalls of <paramref name="formula"/>, parsed as <paramref name="syntax"/>, for a method with <paramref name="parameters"/>.</summary>
    /// <remarks>A formula nested deeper than the stack allows gives no finding (a miss, never a guess).</remarks>
    public static IReadOnlyList<FormulaFinding> Run(string formula, FormulaSyntax syntax, IReadOnlyDictionary<string, FormulaParameter> parameters)
    {
        var checks = new FormulaChecks(formula, syntax, parameters);
        try
        {
            foreach (ExpressionSyntax root in checks.Roots())
            {
                checks.Prepare(root);
            }

            foreach (ExpressionSyntax root in checks.Roots())
            {
                checks.Visit(root, guards: null);
            }

            checks.CheckReductions();
        }
        catch (InsufficientExecutionStackException)
        {
            return Array.Empty<FormulaFinding>();
        }

        return checks._findings;
    }

    private IEnumerable<ExpressionSyntax> Roots()
    {
        foreach (BindingSyntax b in _syntax.Bindings)
        {
            yield return b.Value;
        }

        yield return _syntax.Result;
    }

    // ---- The walk ----

    // Records the gathers and differences of the whole formula, which later checks consult.
    private void Prepare(ExpressionSyntax e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case IndexSyntax { Target: NameSyntax target, Index: NameSyntax index } when IsIntegerInput(index.Name):
                _gathered.Add(target.Name);
                break;
            case BinarySyntax { Operator: TokenKind.Minus } minus:
                _differences.Add(minus);
                break;
        }

        foreach (ExpressionSyntax child in Children(e))
        {
            Prepare(child);
        }
    }

    private void Visit(ExpressionSyntax e, Guard? guards)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case CallSyntax { Name: "log", Arguments.Length: 1 } log:
                CheckLog(log, guards);
                break;
            case CallSyntax { Name: "sqrt", Arguments.Length: 1 } sqrt:
                CheckSqrt(sqrt);
                break;
            case BinarySyntax { Operator: TokenKind.Slash } ratio:
                CheckRatio(ratio, guards);
                break;
        }

        if (e is CallSyntax { Name: "where", Arguments.Length: 3 } where)
        {
            Visit(where.Arguments[0], guards);
            var guarded = new Guard(where.Arguments[0], guards);
            Visit(where.Arguments[1], guarded);
            Visit(where.Arguments[2], guarded);
            return;
        }

        foreach (ExpressionSyntax child in Children(e))
        {
            Visit(child, guards);
        }
    }

    private static IEnumerable<ExpressionSyntax> Children(ExpressionSyntax e)
    {
        switch (e)
        {
            case UnarySyntax u:
                yield return u.Operand;
                break;
            case BinarySyntax b:
                yield return b.Left;
                yield return b.Right;
                break;
            case CallSyntax c:
                foreach (ExpressionSyntax a in c.Arguments)
                {
                    yield return a;
                }

                break;
            case IndexSyntax i:
                yield return i.Target;
                yield return i.Index;
                break;
        }
    }

    // The conditions of the where(...) calls around an expression, innermost first.
    private sealed record Guard(ExpressionSyntax Condition, Guard? Outer);

    // ---- log: LD1002 (rewritten anyway), LD1003 (logsumexp by hand), LD1001 (log of a value that can be 0) ----

    private void CheckLog(CallSyntax log, Guard? guards)
    {
        ExpressionSyntax a = log.Arguments[0];

        // log(sigmoid(x)) → log_sigmoid(x)
        if (a is CallSyntax { Name: "sigmoid", Arguments.Length: 1 } sigmoid)
        {
            ExpressionSyntax x = sigmoid.Arguments[0];
            Rewritten(log, Edits((Between(log.Span.Start, x.Span.Start), "log_sigmoid("), (Between(x.Span.End, log.Span.End), ")")));
            return;
        }

        // log(1 - sigmoid(x)) → log_sigmoid(-x)
        if (a is BinarySyntax { Operator: TokenKind.Minus, Left: NumberSyntax { Value: 1 }, Right: CallSyntax { Name: "sigmoid", Arguments.Length: 1 } complement })
        {
            ExpressionSyntax x = complement.Arguments[0];
            ImmutableArray<(FormulaSpan, string)> edits;
            if (x is UnarySyntax { Operator: TokenKind.Minus } negated && !IsParenthesized(x))
            {
                // log(1 - sigmoid(-z)) → log_sigmoid(z)
                ExpressionSyntax z = negated.Operand;
                edits = Edits((Between(log.Span.Start, z.Span.Start), "log_sigmoid("), (Between(z.Span.End, log.Span.End), ")"));
            }
            else
            {
                bool atomic = IsAtomic(x);
                edits = Edits((Between(log.Span.Start, x.Span.Start), atomic ? "log_sigmoid(-" : "log_sigmoid(-("), (Between(x.Span.End, log.Span.End), atomic ? ")" : "))"));
            }

            Rewritten(log, edits);
            return;
        }

        // log(softmax(x)) → log_softmax(x); log(softmax(x)[y]) → log_softmax(x)[y]
        if (a is CallSyntax { Name: "softmax", Arguments.Length: 1 } softmax)
        {
            ExpressionSyntax x = softmax.Arguments[0];
            Rewritten(log, Edits((Between(log.Span.Start, x.Span.Start), "log_softmax("), (Between(x.Span.End, log.Span.End), ")")));
            return;
        }

        if (a is IndexSyntax { Target: CallSyntax { Name: "softmax", Arguments.Length: 1 } gathered } index)
        {
            ExpressionSyntax x = gathered.Arguments[0];
            ExpressionSyntax y = index.Index;
            Rewritten(log, Edits(
                (Between(log.Span.Start, x.Span.Start), "log_softmax("),
                (Between(x.Span.End, y.Span.Start), ")["),
                (Between(y.Span.End, log.Span.End), "]")));
            return;
        }

        // log(row_sum(exp(x))) → logsumexp(x): not rewritten, and exp overflows.
        if (Argument(Argument(a, "row_sum"), "exp") is { } summed && !IsShifted(summed))
        {
            Unstable(log, Edits((Between(log.Span.Start, summed.Span.Start), "logsumexp("), (Between(summed.Span.End, log.Span.End), ")")));
            return;
        }

        // Through bindings, the generator still rewrites these (s = sigmoid(x); log(s)): not a log of 0.
        ExpressionSyntax resolved = Resolve(a);
        if (resolved is CallSyntax { Name: "sigmoid" or "softmax" } or IndexSyntax { Target: CallSyntax { Name: "softmax" } }
            || resolved is BinarySyntax { Operator: TokenKind.Minus, Left: NumberSyntax { Value: 1 } } d && Resolve(d.Right) is CallSyntax { Name: "sigmoid" })
        {
            return;
        }

        if (ZeroReason(a) is not { } reason || IsGuarded(a, guards))
        {
            return;
        }

        string clamped = $"max({Text(a)}, {LogEpsilon})";
        _findings.Add(new FormulaFinding(DiagnosticDescriptors.LogOfZero, log.Span, new object[] { Text(log), reason, $"log({clamped})" },
            $"Clamp: log(max(..., {LogEpsilon}))",
            Edits((new FormulaSpan(a.Span.Start, 0), "max("), (new FormulaSpan(a.Span.End, 0), ", " + LogEpsilon + ")"))));
    }

    // Why e can be exactly 0 in floating point, or null when nothing says so.
    private string? ZeroReason(ExpressionSyntax e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case NameSyntax name when TryBinding(name, out ExpressionSyntax? value):
                return ZeroReason(value!) is { } inner ? $"'{name.Name}', that is {inner}" : null;
            case NameSyntax name when _parameters.TryGetValue(name.Name, out FormulaParameter? p) && p.IsInput && IsProbabilityLike(p.Kind):
                return $"'{name.Name}' (declared [{p.Kind}])";
            case IndexSyntax index:
                return ZeroReason(index.Target);
            case CallSyntax { Name: "sigmoid" } call:
                return $"'{Text(call)}' (0 for inputs below about -100 in float)";
            case CallSyntax { Name: "softmax" } call:
                return $"'{Text(call)}' (an entry is 0 when it is about 100 below its row's maximum, in float)";
            case BinarySyntax { Operator: TokenKind.Minus, Left: NumberSyntax { Value: 1 } } complement when OneReason(complement.Right) is { } one:
                return $"'{Text(complement)}' (0 where {one.Who} is 1: {one.Note})";
            case BinarySyntax { Operator: TokenKind.Star } product:
                return ZeroReason(product.Left) ?? ZeroReason(product.Right);
            default:
                return null;
        }
    }

    // Why e can be exactly 1, or null when nothing says so.
    private (string Who, string Note)? OneReason(ExpressionSyntax e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case NameSyntax name when TryBinding(name, out ExpressionSyntax? value):
                return OneReason(value!) is { } inner ? ($"'{name.Name}'", inner.Note) : null;
            case NameSyntax name when _parameters.TryGetValue(name.Name, out FormulaParameter? p) && p.IsInput && IsProbabilityLike(p.Kind):
                return ($"'{name.Name}'", $"declared [{p.Kind}]");
            case IndexSyntax index:
                return OneReason(index.Target) is { } target ? ($"'{Text(index)}'", target.Note) : null;
            case CallSyntax { Name: "sigmoid" } call:
                return ($"'{Text(call)}'", "it rounds to 1 above about 17 in float");
            case CallSyntax { Name: "softmax" } call:
                return ($"'{Text(call)}'", "an entry rounds to 1 when it dominates its row");
            default:
                return null;
        }
    }

    private static bool IsProbabilityLike(ValueKind? kind) => kind is ValueKind.Probabilities or ValueKind.BinaryLabels or ValueKind.OneHot;

    // Inside where(c, ..., ...) with c reading a name the guarded expression reads: the author has handled the 0.
    private bool IsGuarded(ExpressionSyntax e, Guard? guards)
    {
        if (guards == null)
        {
            return false;
        }

        HashSet<string> names = NamesOf(e);
        for (Guard? g = guards; g != null; g = g.Outer)
        {
            if (NamesOf(g.Condition).Overlaps(names))
            {
                return true;
            }
        }

        return false;
    }

    // ---- Ratios: LD1003 (softmax by hand), LD1005 (division by a target) ----

    private void CheckRatio(BinarySyntax ratio, Guard? guards)
    {
        if (Argument(Argument(ratio.Right, "row_sum"), "exp") is { } summed && !IsShifted(summed))
        {
            // exp(x) / row_sum(exp(x)) → softmax(x)
            if (Argument(ratio.Left, "exp") is { } x && SameExpression(x, summed))
            {
                Unstable(ratio, Edits((Between(ratio.Span.Start, x.Span.Start), "softmax("), (Between(x.Span.End, ratio.Span.End), ")")));
                return;
            }

            // exp(x[y]) / row_sum(exp(x)) and exp(x)[y] / row_sum(exp(x)) → softmax(x)[y]
            IndexSyntax? gather = Argument(ratio.Left, "exp") as IndexSyntax
                ?? (ratio.Left is IndexSyntax { Target: var exp } outer && Argument(exp, "exp") is { } inner ? new IndexSyntax(outer.Span, inner, outer.BracketSpan, outer.Index) : null);
            if (gather != null && SameExpression(gather.Target, summed))
            {
                Unstable(ratio, Edits(
                    (Between(ratio.Span.Start, gather.Target.Span.Start), "softmax("),
                    (Between(gather.Target.Span.End, gather.Index.Span.Start), ")["),
                    (Between(gather.Index.Span.End, ratio.Span.End), "]")));
                return;
            }
        }

        // MAPE: '/ t' or '/ abs(t)' where t is an input subtracted from another input somewhere in the formula.
        ExpressionSyntax denominator = Argument(ratio.Right, "abs") ?? ratio.Right;
        if (denominator is not NameSyntax target || TryBinding(target, out _)
            || !_parameters.TryGetValue(target.Name, out FormulaParameter? parameter) || !parameter.IsInput
            || parameter.Kind is ValueKind.SignLabels or ValueKind.Logits or ValueKind.LogProbabilities
            || IsGuarded(target, guards))
        {
            return;
        }

        foreach (BinarySyntax difference in _differences)
        {
            ExpressionSyntax? other = difference.Left is NameSyntax { Name: var l } && l == target.Name ? difference.Right
                : difference.Right is NameSyntax { Name: var r } && r == target.Name ? difference.Left
                : null;
            if (other != null && NamesOf(other).Overlaps(OtherInputs(target.Name)))
            {
                _findings.Add(new FormulaFinding(DiagnosticDescriptors.DivisionByTarget, ratio.Right.Span,
                    new object[] { Text(ratio), target.Name, Text(difference) }, null, ImmutableArray<(FormulaSpan, string)>.Empty));
                return;
            }
        }
    }

    private IEnumerable<string> OtherInputs(string name)
    {
        foreach (string input in Inputs())
        {
            if (input != name)
            {
                yield return input;
            }
        }
    }

    private IEnumerable<string> Inputs()
    {
        foreach (FormulaParameter p in _parameters.Values)
        {
            if (p.IsInput)
            {
                yield return p.Name;
            }
        }
    }

    // ---- sqrt: LD1004 ----

    private void CheckSqrt(CallSyntax sqrt)
    {
        ExpressionSyntax a = sqrt.Arguments[0];
        if (Resolve(a) is not CallSyntax { Name: "mean" or "sum", Arguments.Length: 1 } reduction
            || reduction.Arguments[0] is not { } terms
            || !CanBeZeroNonNegative(Resolve(terms)) || !NamesOf(terms).Overlaps(Inputs()))
        {
            return;
        }

        string fixedText = $"sqrt({Text(a)} + {SqrtEpsilon})";
        _findings.Add(new FormulaFinding(DiagnosticDescriptors.SqrtOfZero, sqrt.Span, new object[] { Text(sqrt), Text(reduction), fixedText },
            $"Add {SqrtEpsilon} inside the square root", Edits((new FormulaSpan(a.Span.End, 0), " + " + SqrtEpsilon))));
    }

    // A square (x^2, x * x, pow(x, 2)), an absolute value, or a sum of them: never negative, and 0 where its operand is.
    private bool CanBeZeroNonNegative(ExpressionSyntax e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return e switch
        {
            BinarySyntax { Operator: TokenKind.Caret, Right: NumberSyntax { Value: 2 } } => true,
            BinarySyntax { Operator: TokenKind.Star } product => SameExpression(product.Left, product.Right),
            CallSyntax { Name: "pow", Arguments.Length: 2 } pow => pow.Arguments[1] is NumberSyntax { Value: 2 },
            CallSyntax { Name: "abs", Arguments.Length: 1 } => true,
            BinarySyntax { Operator: TokenKind.Plus } sum => CanBeZeroNonNegative(Resolve(sum.Left)) && CanBeZeroNonNegative(Resolve(sum.Right)),
            _ => false,
        };
    }

    // ---- Reductions: LD1006 ----

    private void CheckReductions()
    {
        var terms = new List<ExpressionSyntax>();
        Flatten(_syntax.Result, terms);
        ExpressionSyntax? sum = null, mean = null;
        foreach (ExpressionSyntax term in terms)
        {
            switch (ReductionOf(term))
            {
                case "sum":
                    sum ??= term;
                    break;
                case "mean":
                    mean ??= term;
                    break;
            }
        }

        if (sum != null && mean != null)
        {
            _findings.Add(new FormulaFinding(DiagnosticDescriptors.MixedReductionsInFormula, sum.Span, new object[] { Text(sum), Text(mean) },
                null, ImmutableArray<(FormulaSpan, string)>.Empty));
        }
    }

    // The terms of the outermost sum or difference, through bindings and signs.
    private void Flatten(ExpressionSyntax e, List<ExpressionSyntax> terms)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case BinarySyntax { Operator: TokenKind.Plus or TokenKind.Minus } b:
                Flatten(b.Left, terms);
                Flatten(b.Right, terms);
                break;
            case UnarySyntax { Operator: TokenKind.Minus or TokenKind.Plus } u:
                Flatten(u.Operand, terms);
                break;
            case NameSyntax name when TryBinding(name, out ExpressionSyntax? value) && value is BinarySyntax { Operator: TokenKind.Plus or TokenKind.Minus } or UnarySyntax:
                Flatten(value!, terms);
                break;
            default:
                terms.Add(e);
                break;
        }
    }

    // "mean" or "sum" for a reduction over the samples, kept by a constant factor or divisor; null for anything else
    // (a division by a name or an expression is taken as a normalisation).
    private string? ReductionOf(ExpressionSyntax e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return Resolve(e) switch
        {
            UnarySyntax { Operator: TokenKind.Minus or TokenKind.Plus } u => ReductionOf(u.Operand),
            BinarySyntax { Operator: TokenKind.Star, Left: NumberSyntax } b => ReductionOf(b.Right),
            BinarySyntax { Operator: TokenKind.Star or TokenKind.Slash, Right: NumberSyntax } b => ReductionOf(b.Left),
            CallSyntax { Name: "mean" or "sum", Arguments.Length: 1 } c when HasSampleAxis(c.Arguments[0]) => c.Name,
            _ => null,
        };
    }

    // Whether e varies along the samples: it reads a per-sample or matrix input outside any reduction over the samples.
    private bool HasSampleAxis(ExpressionSyntax e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case NameSyntax name when TryBinding(name, out ExpressionSyntax? value):
                return HasSampleAxis(value!);
            case NameSyntax name:
                return _parameters.TryGetValue(name.Name, out FormulaParameter? p) && p.IsInput && !p.IsPerClass && !_gathered.Contains(p.Name);
            case CallSyntax { Name: "mean" or "sum" or "col_sum" or "col_mean" }:
                return false;
            case IndexSyntax index:
                return HasSampleAxis(index.Target) || (index.Index is NameSyntax i && IsIntegerInput(i.Name));
            default:
                foreach (ExpressionSyntax child in Children(e))
                {
                    if (HasSampleAxis(child))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    // ---- Helpers ----

    private void Rewritten(CallSyntax log, ImmutableArray<(FormulaSpan Region, string Text)> edits)
    {
        string suggestion = Apply(log.Span, edits);
        _findings.Add(new FormulaFinding(DiagnosticDescriptors.StableFormRewritten, log.Span, new object[] { Text(log), suggestion },
            $"Write '{suggestion}'", edits));
    }

    private void Unstable(ExpressionSyntax e, ImmutableArray<(FormulaSpan Region, string Text)> edits)
    {
        string suggestion = Apply(e.Span, edits);
        _findings.Add(new FormulaFinding(DiagnosticDescriptors.UnstableFormNotRewritten, e.Span, new object[] { Text(e), suggestion },
            $"Write '{suggestion}'", edits));
    }

    // The text of span after the edits (which lie inside it).
    private string Apply(FormulaSpan span, ImmutableArray<(FormulaSpan Region, string Text)> edits)
    {
        var text = new System.Text.StringBuilder();
        int at = span.Start;
        foreach ((FormulaSpan region, string replacement) in edits)
        {
            text.Append(_formula, at, region.Start - at).Append(replacement);
            at = region.End;
        }

        return text.Append(_formula, at, span.End - at).ToString();
    }

    // exp(x - m): the hand-stabilised form, which subtracts the row's maximum (or anything else) before exp.
    private bool IsShifted(ExpressionSyntax exponent) => Resolve(exponent) is BinarySyntax { Operator: TokenKind.Minus };

    // The argument of e when e is a call of function with one argument.
    private static ExpressionSyntax? Argument(ExpressionSyntax? e, string function) =>
        e is CallSyntax { Arguments.Length: 1 } call && call.Name == function ? call.Arguments[0] : null;

    private static ImmutableArray<(FormulaSpan, string)> Edits(params (FormulaSpan, string)[] edits) => ImmutableArray.Create(edits);

    private static FormulaSpan Between(int start, int end) => new(start, end - start);

    // The formula text of e for a message: an operator's operands without the parentheses around the whole.
    private string Text(ExpressionSyntax e)
    {
        FormulaSpan span = e is BinarySyntax b ? FormulaSpan.Cover(b.Left.Span, b.Right.Span) : e.Span;
        return _formula.Substring(span.Start, span.Length);
    }

    // A binding visible where name is written: the last one whose statement ends before it.
    private bool TryBinding(NameSyntax name, out ExpressionSyntax? value)
    {
        value = null;
        foreach (BindingSyntax b in _syntax.Bindings)
        {
            if (b.Name == name.Name && b.Value.Span.End <= name.Span.Start)
            {
                value = b.Value;
            }
        }

        return value != null;
    }

    private ExpressionSyntax Resolve(ExpressionSyntax e)
    {
        // Each step goes to a binding written earlier, so this ends.
        while (e is NameSyntax name && TryBinding(name, out ExpressionSyntax? value))
        {
            e = value!;
        }

        return e;
    }

    // The parameters e reads, through bindings.
    private HashSet<string> NamesOf(ExpressionSyntax e)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Collect(ExpressionSyntax x)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            if (x is NameSyntax name)
            {
                if (TryBinding(name, out ExpressionSyntax? value))
                {
                    Collect(value!);
                }
                else
                {
                    names.Add(name.Name);
                }

                return;
            }

            foreach (ExpressionSyntax child in Children(x))
            {
                Collect(child);
            }
        }

        Collect(e);
        return names;
    }

    private bool IsIntegerInput(string name) => _parameters.TryGetValue(name, out FormulaParameter? p) && p.IsInput && p.IsInteger;

    // Equal as formulas: same operators, names, numbers and calls, whatever the spacing and parentheses.
    private static bool SameExpression(ExpressionSyntax a, ExpressionSyntax b)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (a, b)
        {
            case (NumberSyntax x, NumberSyntax y):
                return x.Value.Equals(y.Value);
            case (NameSyntax x, NameSyntax y):
                return x.Name == y.Name;
            case (UnarySyntax x, UnarySyntax y):
                return x.Operator == y.Operator && SameExpression(x.Operand, y.Operand);
            case (BinarySyntax x, BinarySyntax y):
                return x.Operator == y.Operator && SameExpression(x.Left, y.Left) && SameExpression(x.Right, y.Right);
            case (IndexSyntax x, IndexSyntax y):
                return SameExpression(x.Target, y.Target) && SameExpression(x.Index, y.Index);
            case (CallSyntax x, CallSyntax y):
                if (x.Name != y.Name || x.Arguments.Length != y.Arguments.Length)
                {
                    return false;
                }

                for (int k = 0; k < x.Arguments.Length; k++)
                {
                    if (!SameExpression(x.Arguments[k], y.Arguments[k]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    // Parentheses are not nodes: a parenthesised expression's span covers them.
    private bool IsParenthesized(ExpressionSyntax e) => e switch
    {
        BinarySyntax b => e.Span.Start < b.Left.Span.Start || e.Span.End > b.Right.Span.End,
        UnarySyntax or NameSyntax or NumberSyntax => e.Span.Length > 0 && _formula[e.Span.Start] == '(',
        _ => false,
    };

    // Negating it needs no parentheses: -x, -f(x), -x[y], -2, -(a + b).
    private bool IsAtomic(ExpressionSyntax e) => e is NameSyntax or NumberSyntax or CallSyntax or IndexSyntax || IsParenthesized(e);
}
