using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LossDsl.Generator.Optimization;

namespace LossDsl.Generator.IR;

/// <summary>
/// Creates IR nodes. Every node is interned (hash-consed), so building the same expression twice yields the same node,
/// and each constructor applies the local simplifications that are exact or within a rounding of exact:
/// constant folding, identities (x·1, x+0, −−x), sign propagation, and gathering loop-invariant factors so that
/// <c>2·(p−t)/N</c> is one hoisted scalar times one vector.
/// </summary>
internal sealed class ExprFactory
{
    private readonly Dictionary<Key, Expr> _nodes = new();
    private int _nextId;

    /// <summary>A real constant.</summary>
    public Expr Constant(double value) => Constant(value, Shape.Scalar);

    /// <summary>A real constant with a shape: the same value at every element (what <c>p^0</c> simplifies to).</summary>
    public Expr Constant(double value, Shape shape) => Intern(Op.Constant, ImmutableArray<Expr>.Empty, value, null, ValueKind.Real, shape);

    /// <summary>The number of elements N, as a real.</summary>
    public Expr Length() => Intern(Op.Length, ImmutableArray<Expr>.Empty, 0, null, ValueKind.Real, Shape.Scalar);

    /// <summary>The number of columns along <paramref name="axis"/>, as a real: C (classes or features) or M (the pair axis).</summary>
    public Expr Columns(Axis axis = Axis.Class) => Intern(Op.Columns, ImmutableArray<Expr>.Empty, AxisValue(axis), null, ValueKind.Real, Shape.Scalar);

    /// <summary>The column index along <paramref name="axis"/>: j (classes) or k (the pair axis).</summary>
    public Expr ColumnIndex(Axis axis = Axis.Class) => Intern(Op.ColumnIndex, ImmutableArray<Expr>.Empty, AxisValue(axis), null, ValueKind.Integer, Shape.ColumnsOf(axis));

    /// <summary>The axis a <see cref="Op.Columns"/> or <see cref="Op.ColumnIndex"/> node counts or indexes.</summary>
    public static Axis AxisOf(Expr columns) => columns.Value == 1 ? Axis.Pair : Axis.Class;

    private static double AxisValue(Axis axis) => axis == Axis.Pair ? 1 : 0;

    /// <summary>Σ of <paramref name="x"/> along the column axis <paramref name="axis"/>; a value that does not vary along
    /// it (a broadcast) sums to itself times the axis's length.</summary>
    public Expr RowSum(Expr x, Axis axis) => x.Shape.Has(axis) ? Make(Op.RowSum, x) : Multiply(x, Columns(axis));

    /// <summary>The row index i.</summary>
    public Expr RowIndex() => Intern(Op.RowIndex, ImmutableArray<Expr>.Empty, 0, null, ValueKind.Integer, Shape.Samples);

    /// <summary>A value computed into a buffer by a runtime routine before the passes (see <see cref="MaterializedCall"/>).</summary>
    /// <param name="call">The call as written, for printing (<c>sqdist(a, b)</c>); equal calls are one node.</param>
    /// <param name="shape">Its shape.</param>
    public Expr Materialized(string call, Shape shape) => Intern(Op.Materialized, ImmutableArray<Expr>.Empty, 0, call, ValueKind.Real, shape);

    /// <summary>An element of the input span <paramref name="name"/>.</summary>
    public Expr Input(string name, ValueKind kind, Shape shape) => Intern(Op.Input, ImmutableArray<Expr>.Empty, 0, name, kind, shape);

    /// <summary>The scalar option <paramref name="name"/>.</summary>
    public Expr Option(string name, ValueKind kind) => Intern(Op.Option, ImmutableArray<Expr>.Empty, 0, name, kind, Shape.Scalar);

    /// <summary>a + b</summary>
    public Expr Add(Expr a, Expr b) => Make(Op.Add, a, b);

    /// <summary>a − b</summary>
    public Expr Subtract(Expr a, Expr b) => Make(Op.Subtract, a, b);

    /// <summary>a · b</summary>
    public Expr Multiply(Expr a, Expr b) => Make(Op.Multiply, a, b);

    /// <summary>a / b</summary>
    public Expr Divide(Expr a, Expr b) => Make(Op.Divide, a, b);

    /// <summary>−a</summary>
    public Expr Negate(Expr a) => Make(Op.Negate, a);

    /// <summary>Applies <paramref name="op"/> to <paramref name="args"/>, simplifying where exact.</summary>
    public Expr Make(Op op, params Expr[] args) => Make(op, ImmutableArray.Create(args));

    /// <summary>Applies <paramref name="op"/> to <paramref name="args"/>, simplifying where exact.</summary>
    public Expr Make(Op op, ImmutableArray<Expr> args)
    {
        if (args.Length != OpInfo.Arity(op))
        {
            throw new ArgumentException($"{op} takes {OpInfo.Arity(op)} arguments, not {args.Length}.", nameof(args));
        }

        Shape shape = ShapeOf(op, args);
        Expr? simplified = Simplify(op, args);
        if (simplified != null && !simplified.Shape.Equals(shape))
        {
            // A simplification must not lose the per-element shape (sum(p^0) is N, not 1): a constant keeps the
            // shape it stands for; anything else is left unsimplified.
            simplified = simplified.Op == Op.Constant ? Constant(simplified.Value, shape) : null;
        }

        return simplified ?? Intern(op, Canonical(op, args), 0, null, KindOf(op, args), shape);
    }

    private Expr? Simplify(Op op, ImmutableArray<Expr> args)
    {
        if (OpInfo.IsFoldable(op) && AllConstant(args))
        {
            double[] values = new double[args.Length];
            for (int k = 0; k < args.Length; k++)
            {
                values[k] = args[k].Value;
            }

            return Constant(ConstantFolder.Evaluate(op, values));
        }

        switch (op)
        {
            case Op.Add:
                return SimplifyAdd(args[0], args[1]);
            case Op.Subtract:
                return SimplifySubtract(args[0], args[1]);
            case Op.Multiply:
                return SimplifyMultiply(args[0], args[1]);
            case Op.Divide:
                return SimplifyDivide(args[0], args[1]);
            case Op.Negate:
                return args[0].Op switch
                {
                    Op.Negate => args[0].A,
                    Op.Subtract => Subtract(args[0].B, args[0].A),
                    _ => null,
                };
            case Op.Power:
                if (args[1].IsConstant(1))
                {
                    return args[0];
                }

                // PyTorch: x^0 is 1 for every x, NaN included.
                return args[1].IsConstant(0) ? Constant(1) : null;
            case Op.Where:
                return ReferenceEquals(args[1], args[2]) ? args[1] : null;
            case Op.ToReal:
                return args[0].Kind == ValueKind.Real ? args[0] : null;
            case Op.Sum:
                return SimplifySum(args[0]);
            case Op.RowSum:
            case Op.RowMax:
            case Op.RowMaxShift:
            case Op.RowMin:
            case Op.LogSumExp:
            case Op.RowNorm:
                return SimplifyRowReduction(op, args[0]);
            case Op.Gather:
                return SimplifyGather(args[0], args[1]);
            case Op.ColumnSum:
                return SimplifyColumnSum(args[0]);
            case Op.Abs:
                // |−x| = |x| lets σ(x) and σ(−x) share their exp(−|x|); non-negative functions need no abs at all.
                return args[0].Op == Op.Negate ? Make(Op.Abs, args[0].A)
                    : args[0].Op is Op.Abs or Op.Exp or Op.Sqrt or Op.Cosh or Op.Sigmoid or Op.Softplus or Op.Relu ? args[0] : null;
            default:
                return null;
        }
    }

    private Expr? SimplifyAdd(Expr a, Expr b)
    {
        if (a.IsConstant(0))
        {
            return b;
        }

        if (b.IsConstant(0))
        {
            return a;
        }

        if (b.Op == Op.Negate)
        {
            return Subtract(a, b.A);
        }

        if (a.Op == Op.Negate)
        {
            return Subtract(b, a.A);
        }

        if (CommonInvariantFactor(a, b) is { } factor)
        {
            return Multiply(factor, Add(a.B, b.B));
        }

        // where(c, x, 0) + where(c, 0, y) → where(c, x, y): the shape reverse mode gives every branch of a where.
        if (a.Op == Op.Where && b.Op == Op.Where && ReferenceEquals(a.A, b.A))
        {
            if (a.C.IsConstant(0) && b.B.IsConstant(0))
            {
                return Make(Op.Where, a.A, a.B, b.C);
            }

            if (a.B.IsConstant(0) && b.C.IsConstant(0))
            {
                return Make(Op.Where, a.A, b.B, a.C);
            }

            if (a.C.IsConstant(0) && b.C.IsConstant(0))
            {
                return Make(Op.Where, a.A, Add(a.B, b.B), a.C);
            }
        }

        return null;
    }

    private Expr? SimplifySubtract(Expr a, Expr b)
    {
        if (b.IsConstant(0))
        {
            return a;
        }

        if (a.IsConstant(0))
        {
            return Negate(b);
        }

        if (CommonInvariantFactor(a, b) is { } factor)
        {
            return Multiply(factor, Subtract(a.B, b.B));
        }

        return b.Op == Op.Negate ? Add(a, b.A) : null;
    }

    // s·x ± s·y with a loop-invariant s: one multiplication per element instead of two (σ(x)/N − t/N → (σ(x) − t)/N).
    private static Expr? CommonInvariantFactor(Expr a, Expr b) =>
        a.Op == Op.Multiply && b.Op == Op.Multiply && ReferenceEquals(a.A, b.A) && a.A.Shape.IsScalar ? a.A : null;

    private Expr? SimplifyMultiply(Expr a, Expr b)
    {
        // Keep the loop-invariant factor first: it is then hoisted and combined with other invariant factors.
        if (Order(b) < Order(a))
        {
            (a, b) = (b, a);
        }

        if (a.IsConstant(1))
        {
            return b;
        }

        if (a.IsConstant(0))
        {
            return a;
        }

        if (a.IsConstant(-1))
        {
            return Negate(b);
        }

        if (a.Op == Op.Negate && b.Op == Op.Negate)
        {
            return Multiply(a.A, b.A);
        }

        if (a.Op == Op.Constant && b.Op == Op.Divide && b.A.Op == Op.Constant && b.Shape.IsScalar)
        {
            return Divide(Constant(a.Value * b.A.Value), b.B);
        }

        if (a.Op == Op.Negate)
        {
            return Negate(Multiply(a.A, b));
        }

        if (b.Op == Op.Negate)
        {
            return Negate(Multiply(a, b.A));
        }

        // x·where(c, y, 0) → where(c, x·y, 0): the masked-out lanes stay exactly 0 even where x is infinite,
        // instead of the NaN that 0·∞ gives (PyTorch's well-known NaN gradient through where).
        if (b.Op == Op.Where && (b.B.IsConstant(0) || b.C.IsConstant(0)))
        {
            return b.B.IsConstant(0)
                ? Make(Op.Where, b.A, b.B, Multiply(a, b.C))
                : Make(Op.Where, b.A, Multiply(a, b.B), b.C);
        }

        if (a.Op == Op.Where && (a.B.IsConstant(0) || a.C.IsConstant(0)))
        {
            return a.B.IsConstant(0)
                ? Make(Op.Where, a.A, a.B, Multiply(a.C, b))
                : Make(Op.Where, a.A, Multiply(a.B, b), a.C);
        }

        if (b.Op == Op.Multiply && b.A.Shape.IsScalar && !b.B.Shape.IsScalar && !IsInvariantAlong(b, a))
        {
            // s·(c·v) → (s·c)·v, and u·(c·v) → c·(u·v): invariant factors gather at the top of a product. A u that is
            // itself invariant along v's loop (a per-row value times a matrix) joins them: (c·u)·v.
            return a.Shape.IsScalar ? Multiply(Multiply(a, b.A), b.B)
                : IsInvariantAlong(a, b.B) ? Multiply(Multiply(b.A, a), b.B)
                : Multiply(b.A, Multiply(a, b.B));
        }

        if (a.Op == Op.Multiply && a.A.Shape.IsScalar && !a.B.Shape.IsScalar && !b.Shape.IsScalar && !IsInvariantAlong(a.B, b))
        {
            return Multiply(a.A, Multiply(a.B, b));
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="x"/> is the same at every element of the innermost loop over <paramref name="v"/>: without
    /// a class axis when v has one (a row pass loops over the columns), a scalar when v is per sample (a flat pass).
    /// </summary>
    public static bool IsInvariantAlong(Expr x, Expr v) =>
        v.Shape.ColumnAxis is { } axis ? !x.Shape.Has(axis) : v.Shape.Has(Axis.Sample) && x.Shape.IsScalar;

    private Expr? SimplifyDivide(Expr a, Expr b)
    {
        if (b.IsConstant(1))
        {
            return a;
        }

        if (a.Op == Op.Negate)
        {
            return Negate(Divide(a.A, b));
        }

        if (b.Op == Op.Negate)
        {
            return Negate(Divide(a, b.A));
        }

        // A vector divided by an invariant becomes a multiplication by a hoisted reciprocal: one division in all, not N.
        if (b.Shape.IsScalar && !a.Shape.IsScalar)
        {
            return Multiply(Divide(Constant(1), b), a);
        }

        return null;
    }

    private Expr? SimplifySum(Expr x)
    {
        if (x.Shape.IsScalar)
        {
            return x;
        }

        // A sum over everything of a matrix is the sum over the samples of its row sums: rows are summed while they
        // are in cache, and the samples' sum is the one reduction a pass over memory accumulates.
        if (x.Shape.HasColumns)
        {
            Expr rows = Make(Op.RowSum, x);
            return x.Shape.Has(Axis.Sample) ? Make(Op.Sum, rows) : rows;
        }

        if (x.Op == Op.Constant)
        {
            return Multiply(Constant(x.Value), Length());
        }

        if (x.Op == Op.Negate)
        {
            return Negate(Make(Op.Sum, x.A));
        }

        if (x.Op == Op.Multiply && x.A.Shape.IsScalar)
        {
            return Multiply(x.A, Make(Op.Sum, x.B));
        }

        return null;
    }

    private Expr? SimplifyColumnSum(Expr x)
    {
        if (!x.Shape.HasColumns)
        {
            return Make(Op.Sum, x); // nothing to keep apart: the sum over the samples is the sum
        }

        if (!x.Shape.Has(Axis.Sample))
        {
            return Multiply(x, Length()); // the same value for every sample
        }

        if (x.Op == Op.Negate)
        {
            return Negate(Make(Op.ColumnSum, x.A));
        }

        if (x.Op == Op.Multiply)
        {
            if (!x.A.Shape.Has(Axis.Sample))
            {
                return Multiply(x.A, Make(Op.ColumnSum, x.B));
            }

            if (!x.B.Shape.Has(Axis.Sample))
            {
                return Multiply(x.B, Make(Op.ColumnSum, x.A));
            }
        }

        return null;
    }

    private Expr? SimplifyRowReduction(Op op, Expr x)
    {
        if (x.Shape.ColumnAxis is not { } axis)
        {
            // The same value in every column: the reduction of a broadcast. Which axis it was broadcast along is not
            // known here: a reduction over the pair axis of a broadcast is made by RowSum(x, Axis.Pair).
            return op switch
            {
                Op.RowSum => Multiply(x, Columns()),
                Op.LogSumExp => Add(x, Make(Op.Log, Columns())),
                Op.RowNorm => Multiply(Make(Op.Abs, x), Make(Op.Sqrt, Columns())),
                _ => x,
            };
        }

        if (op != Op.RowSum)
        {
            return null;
        }

        if (x.Op == Op.Negate)
        {
            return Negate(Make(Op.RowSum, x.A));
        }

        // Σⱼ s·xⱼ = s·Σⱼ xⱼ for any factor s that does not vary along the row (a scalar or a per-sample value).
        if (x.Op == Op.Multiply)
        {
            if (!x.A.Shape.Has(axis))
            {
                return Multiply(x.A, Make(Op.RowSum, x.B));
            }

            if (!x.B.Shape.Has(axis))
            {
                return Multiply(x.B, Make(Op.RowSum, x.A));
            }
        }

        return null;
    }

    // Gathers sink to the leaves: (a − b)[y] = a[y] − b[y], so a gather only ever reads an input at one column, and
    // log_softmax(x)[y] costs one load and the row's logsumexp, not a row.
    private Expr? SimplifyGather(Expr x, Expr index)
    {
        if (!x.Shape.Has(Axis.Class))
        {
            return x;
        }

        switch (x.Op)
        {
            case Op.Constant:
                return Constant(x.Value, Shape.Broadcast(x.Shape.Without(Axis.Class), index.Shape));
            case Op.ColumnIndex:
                return index;
            case Op.Input:
            case Op.Materialized:
                return null;
            default:
                return Make(x.Op, x.Args.Map(a => Make(Op.Gather, a, index)));
        }
    }

    private static bool AllConstant(ImmutableArray<Expr> args)
    {
        foreach (Expr a in args)
        {
            if (a.Op != Op.Constant)
            {
                return false;
            }
        }

        return args.Length > 0;
    }

    // Commutative operations are stored in one order so that a+b and b+a intern to one node.
    private static ImmutableArray<Expr> Canonical(Op op, ImmutableArray<Expr> args) =>
        OpInfo.IsCommutative(op) && Order(args[1]) < Order(args[0]) ? ImmutableArray.Create(args[1], args[0]) : args;

    private static long Order(Expr e) => (e.Op == Op.Constant ? 0L : 1L << 40) | (e.Shape.IsScalar ? 0L : 1L << 39) | (uint)e.Id;

    private static ValueKind KindOf(Op op, ImmutableArray<Expr> args) =>
        OpInfo.ProducesMask(op) ? ValueKind.Mask : op == Op.Gather ? args[0].Kind : ValueKind.Real;

    private static Shape ShapeOf(Op op, ImmutableArray<Expr> args)
    {
        if (op is Op.Sum or Op.SumLog)
        {
            return Shape.Scalar;
        }

        if (OpInfo.IsRowReduction(op))
        {
            return args[0].Shape.Without(args[0].Shape.ColumnAxis ?? Axis.Class);
        }

        if (OpInfo.IsColumnReduction(op))
        {
            return args[0].Shape.Without(Axis.Sample);
        }

        if (op == Op.Gather)
        {
            return Shape.Broadcast(args[0].Shape.Without(Axis.Class), args[1].Shape);
        }

        Shape shape = Shape.Scalar;
        foreach (Expr a in args)
        {
            shape = Shape.Broadcast(shape, a.Shape);
        }

        return shape;
    }

    private Expr Intern(Op op, ImmutableArray<Expr> args, double value, string? name, ValueKind kind, Shape shape)
    {
        var key = new Key(op, args, BitConverter.DoubleToInt64Bits(value), name, kind, shape);
        if (!_nodes.TryGetValue(key, out Expr? node))
        {
            node = new Expr(_nextId++, op, args, value, name, kind, shape);
            _nodes.Add(key, node);
        }

        return node;
    }

    private readonly struct Key : IEquatable<Key>
    {
        private readonly Op _op;
        private readonly ImmutableArray<Expr> _args;
        private readonly long _value;
        private readonly string? _name;
        private readonly ValueKind _kind;
        private readonly Shape _shape;

        public Key(Op op, ImmutableArray<Expr> args, long value, string? name, ValueKind kind, Shape shape)
        {
            _op = op;
            _args = args;
            _value = value;
            _name = name;
            _kind = kind;
            _shape = shape;
        }

        public bool Equals(Key other)
        {
            if (_op != other._op || _value != other._value || _kind != other._kind || _name != other._name ||
                !_shape.Equals(other._shape) || _args.Length != other._args.Length)
            {
                return false;
            }

            for (int k = 0; k < _args.Length; k++)
            {
                if (!ReferenceEquals(_args[k], other._args[k]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode()
        {
            int h = HashCombiner.Combine((int)_op, _value.GetHashCode(), _name?.GetHashCode() ?? 0, _shape.GetHashCode());
            foreach (Expr a in _args)
            {
                h = HashCombiner.Combine(h, a.Id);
            }

            return h;
        }
    }
}
