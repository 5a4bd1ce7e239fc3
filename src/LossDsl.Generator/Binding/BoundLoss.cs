using LossDsl.Generator.IR;

namespace LossDsl.Generator.Binding;

/// <summary>A formula bound to its method: every name resolved, every node typed and shaped.</summary>
/// <param name="Signature">The method's parameters and their roles.</param>
/// <param name="Factory">The factory that owns the IR; later stages build their nodes with it.</param>
/// <param name="Result">The loss: a scalar for a reduced method, per-element values for a void one.</param>
public sealed record BoundLoss(BoundSignature Signature, ExprFactory Factory, Expr Result);
