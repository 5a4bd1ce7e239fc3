using System.Collections.Generic;
using System.Runtime.CompilerServices;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers.Flow;

/// <summary>The transfer functions of the operations other than calls: reads, writes, conversions, arithmetic, literals.</summary>
internal sealed partial class KindFlowAnalysis
{
    private Fact Visit(IOperation? op)
    {
        if (op == null)
        {
            return Fact.Opaque;
        }

        // Operation trees nest as deep as the source's expressions; a body too deep for this thread's stack is skipped
        // (see LossPitfallAnalyzer) rather than crash the compiler.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (op)
        {
            case IArgumentOperation a:
                return Visit(a.Value);
            case IConversionOperation c:
                return Convert(c, Visit(c.Operand));
            case IParenthesizedOperation p:
                return Visit(p.Operand);
            case ILocalReferenceOperation l:
                return ValueOf(l.Local);
            case IParameterReferenceOperation p:
                return ValueOf(p.Parameter);
            case IFlowCaptureOperation capture:
                state.SetCapture(capture.Id, Visit(capture.Value));
                return Fact.Opaque;
            case IFlowCaptureReferenceOperation captured:
                return state.GetCapture(captured.Id);
            case ISimpleAssignmentOperation assignment:
                return VisitAssignment(assignment);
            case ICompoundAssignmentOperation compound:
                return VisitCompoundAssignment(compound);
            case IIncrementOrDecrementOperation increment:
                Visit(increment.Target);
                Write(increment.Target, Fact.Opaque, increment, null);
                return Fact.Opaque;
            case IDeconstructionAssignmentOperation deconstruction:
                Visit(deconstruction.Value);
                foreach (IOperation target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (Variable(target) != null)
                    {
                        Write(target, Fact.Opaque, deconstruction, null);
                    }
                }

                return Fact.Opaque;
            case IInvocationOperation invocation:
                return VisitInvocation(invocation);
            case IObjectCreationOperation creation:
                VisitChildren(creation);
                return creation.Type is INamedTypeSymbol created && known.Modules.TryGetValue(created, out TorchModule? module)
                    ? ModuleCreated(module, creation.Syntax, creation.Arguments)
                    : Fact.Opaque;
            case IBinaryOperation binary:
                return VisitBinary(Visit(binary.LeftOperand), Visit(binary.RightOperand), binary.OperatorKind, binary.LeftOperand, binary.RightOperand, binary.Syntax);
            case IArrayCreationOperation array:
                VisitChildren(array);
                return array.Initializer == null ? Fact.Opaque : LabelLiteral(array.Initializer.ElementValues, array.Syntax);
            case ICollectionExpressionOperation collection:
                VisitChildren(collection);
                return LabelLiteral(collection.Elements, collection.Syntax);
            case IAnonymousFunctionOperation or IFlowAnonymousFunctionOperation or ILocalFunctionOperation:
                // Analysed on their own graphs.
                return Fact.Opaque;
            default:
                VisitChildren(op);
                return Fact.Opaque;
        }
    }

    private void VisitChildren(IOperation op)
    {
        foreach (IOperation child in op.ChildOperations)
        {
            Visit(child);
        }
    }

    // Built-in conversions and the span, memory and tensor-span conversions keep the numbers; a user-defined
    // conversion (a double to a Tensor, say) makes something new.
    private static Fact Convert(IConversionOperation conversion, Fact operand)
    {
        if (conversion.OperatorMethod is not { } op)
        {
            return operand;
        }

        string? ns = op.ContainingType?.ContainingNamespace?.ToDisplayString();
        return ns is "System" or "System.Numerics.Tensors" ? operand : Fact.Opaque;
    }

    private Fact VisitAssignment(ISimpleAssignmentOperation assignment)
    {
        Fact value = Visit(assignment.Value);
        if (Variable(assignment.Target) != null)
        {
            Write(assignment.Target, value, assignment, assignment.Value);
        }
        else
        {
            // An element, a field or an indexer of a variable: its buffer now holds something else.
            VisitChildren(assignment.Target);
            if (BufferOf(assignment.Target) is { } buffer)
            {
                WriteContents(buffer, Fact.Opaque, assignment);
            }
        }

        return value;
    }

    private Fact VisitCompoundAssignment(ICompoundAssignmentOperation compound)
    {
        Fact target = Visit(compound.Target);
        Fact value = Visit(compound.Value);
        Fact result = VisitBinary(target, value, compound.OperatorKind, compound.Target, compound.Value, compound.Syntax);
        if (Variable(compound.Target) != null)
        {
            Write(compound.Target, result, compound, null);
        }
        else if (BufferOf(compound.Target) is { } buffer)
        {
            WriteContents(buffer, Fact.Opaque, compound);
        }

        return result;
    }

    private static ISymbol? Variable(IOperation op) => op switch
    {
        ILocalReferenceOperation l => l.Local,
        IParameterReferenceOperation p => p.Parameter,
        _ => null,
    };

    /// <summary>The variable whose buffer <paramref name="op"/> designates: itself, an element of it, a view of it.</summary>
    private ISymbol? BufferOf(IOperation? op)
    {
        while (op != null)
        {
            switch (op)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return Variable(op);
                case IConversionOperation c:
                    op = c.Operand;
                    break;
                case IParenthesizedOperation p:
                    op = p.Operand;
                    break;
                case IArgumentOperation a:
                    op = a.Value;
                    break;
                case IArrayElementReferenceOperation e:
                    op = e.ArrayReference;
                    break;
                case IPropertyReferenceOperation { Instance: { } instance } p when p.Property.IsIndexer:
                    op = instance;
                    break;
                case IInvocationOperation i when known.InfoOf(i.TargetMethod).Role == MethodRole.KindPreserving && i.TargetMethod.ContainingType?.Name != "Tensor":
                    op = i.Instance ?? (i.Arguments.Length > 0 ? i.Arguments[0] : null);
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Assigns <paramref name="value"/> to the variable <paramref name="target"/> designates.</summary>
    private void Write(IOperation target, Fact value, IOperation writer, IOperation? source)
    {
        int v = Tracked(Variable(target));
        if (v < 0)
        {
            return;
        }

        int aliasOf = source != null && IsBuffer(target.Type) ? Tracked(BufferOf(source)) : -1;
        state.Rebind(v, aliasOf, writer);
        state.Set(v, value, writer);
    }

    /// <summary>Something was written into <paramref name="buffer"/>'s elements: every variable viewing them now holds <paramref name="value"/>.</summary>
    private void WriteContents(ISymbol buffer, Fact value, IOperation writer)
    {
        int v = Tracked(buffer);
        if (v >= 0)
        {
            state.ForEachInGroup(v, member =>
            {
                if (!untracked[member])
                {
                    state.Set(member, value, writer);
                }
            });
        }
    }

    private Fact VisitBinary(Fact left, Fact right, BinaryOperatorKind kind, IOperation leftOp, IOperation rightOp, SyntaxNode syntax)
    {
        switch (kind)
        {
            case BinaryOperatorKind.Add or BinaryOperatorKind.Subtract:
                if (left is LossFact l && right is LossFact r)
                {
                    if (l.Reduction == r.Reduction && l.Reduction != Reduction.None)
                    {
                        return l;
                    }

                    if (reporting && l.Reduction != r.Reduction && l.Reduction != Reduction.None && r.Reduction != Reduction.None)
                    {
                        (LossFact sum, IOperation sumOp, LossFact mean, IOperation meanOp) = l.Reduction == Reduction.Sum ? (l, leftOp, r, rightOp) : (r, rightOp, l, leftOp);
                        passDiagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MixedReductions, syntax.GetLocation(),
                            OperandDisplay(sumOp), sum.Description, OperandDisplay(meanOp), mean.Description));
                    }
                }

                return Fact.Opaque;
            case BinaryOperatorKind.Multiply:
                return left is LossFact && IsConstant(rightOp) ? left : right is LossFact && IsConstant(leftOp) ? right : Fact.Opaque;
            case BinaryOperatorKind.Divide:
                // Dividing by a constant keeps the scale's dependence on the batch; dividing by anything else may be the normalisation.
                return left is LossFact && IsConstant(rightOp) ? left : Fact.Opaque;
            default:
                return Fact.Opaque;
        }
    }

    private static bool IsConstant(IOperation op)
    {
        for (IOperation? o = op; o != null; o = (o as IConversionOperation)?.Operand)
        {
            if (o.ConstantValue.HasValue)
            {
                return true;
            }
        }

        return false;
    }

    // A literal whose elements are all 0 or 1 with at least one 0 holds {0, 1} labels; all -1 or 1 with at least one
    // -1 holds {-1, +1} labels. Anything else (a 2, a 0.5, only 1s) says nothing.
    private static Fact LabelLiteral(IEnumerable<IOperation> elements, SyntaxNode syntax)
    {
        bool any = false, zero = false, minusOne = false, other = false;
        foreach (IOperation e in elements)
        {
            any = true;
            object? value = e.ConstantValue.HasValue ? e.ConstantValue.Value : null;
            double? d = value switch
            {
                int i => i,
                long l => l,
                float f => f,
                double x => x,
                short s => s,
                sbyte b => b,
                _ => null,
            };
            switch (d)
            {
                case 0:
                    zero = true;
                    break;
                case 1:
                    break;
                case -1:
                    minusOne = true;
                    break;
                default:
                    other = true;
                    break;
            }
        }

        if (!any || other || (zero && minusOne))
        {
            return Fact.Opaque;
        }

        if (zero)
        {
            return new ValueFact(ValueKind.BinaryLabels, new Origin(ProducerKind.Literal, $"the literal at line {Origin.LinePlaceholder} contains 0", syntax));
        }

        return minusOne
            ? new ValueFact(ValueKind.SignLabels, new Origin(ProducerKind.Literal, $"the literal at line {Origin.LinePlaceholder} contains -1", syntax))
            : Fact.Opaque;
    }

    private static IOperation Unwrap(IOperation op)
    {
        while (true)
        {
            switch (op)
            {
                case IConversionOperation c when c.IsImplicit || c.OperatorMethod == null:
                    op = c.Operand;
                    break;
                case IParenthesizedOperation p:
                    op = p.Operand;
                    break;
                case IArgumentOperation a:
                    op = a.Value;
                    break;
                default:
                    return op;
            }
        }
    }

    private static SyntaxNode SyntaxOf(IOperation op) => op.Syntax is ArgumentSyntax a ? a.Expression : op.Syntax;

    private static string OperandDisplay(IOperation op) => SinkChecker.Unparenthesize(SyntaxOf(Unwrap(op))) switch
    {
        IdentifierNameSyntax id => $"'{id.Identifier.ValueText}'",
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var name } } => $"'{name.Identifier.ValueText}(...)'",
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => $"'{name.Identifier.ValueText}(...)'",
        _ => "one term",
    };
}
