namespace LossDsl.Generator.IR;

/// <summary>Static facts about each <see cref="Op"/>.</summary>
internal static class OpInfo
{
    /// <summary>How many operands the operation takes.</summary>
    public static int Arity(Op op) => op switch
    {
        Op.Constant or Op.Input or Op.Option or Op.Length or Op.Columns or Op.ColumnIndex or Op.RowIndex or Op.Materialized => 0,
        Op.Gather or Op.SumLog => 2,
        Op.Add or Op.Subtract or Op.Multiply or Op.Divide or Op.Power or Op.Min or Op.Max => 2,
        Op.Less or Op.LessEqual or Op.Greater or Op.GreaterEqual or Op.Equal or Op.NotEqual or Op.And or Op.Or => 2,
        Op.Clamp or Op.Where or Op.MultiplyAdd => 3,
        _ => 1,
    };

    /// <summary>Whether a op b equals b op a exactly.</summary>
    public static bool IsCommutative(Op op) =>
        op is Op.Add or Op.Multiply or Op.Min or Op.Max or Op.Equal or Op.NotEqual or Op.And or Op.Or;

    /// <summary>Whether the result is a mask.</summary>
    public static bool ProducesMask(Op op) =>
        op is Op.Less or Op.LessEqual or Op.Greater or Op.GreaterEqual or Op.Equal or Op.NotEqual or Op.And or Op.Or or Op.Not;

    /// <summary>Whether constant operands can be folded into a constant real at compile time.</summary>
    public static bool IsFoldable(Op op) => Arity(op) > 0 && !ProducesMask(op) && op is not (Op.Where or Op.ToReal or Op.Gather) && !IsReduction(op);

    /// <summary>Whether the operation reduces an axis.</summary>
    public static bool IsReduction(Op op) => IsSampleReduction(op) || IsRowReduction(op);

    /// <summary>Whether the operation sums over the samples, so it needs a whole pass over memory.</summary>
    public static bool IsSampleReduction(Op op) => op is Op.Sum or Op.SumLog || IsColumnReduction(op);

    /// <summary>Whether the operation reduces each column over the samples, keeping the class axis (into a buffer of C values).</summary>
    public static bool IsColumnReduction(Op op) => op is Op.ColumnSum or Op.ColumnMin or Op.ColumnMax;

    /// <summary>Whether the operation reduces the class axis of each row.</summary>
    public static bool IsRowReduction(Op op) => op is Op.RowSum or Op.RowMax or Op.RowMaxShift or Op.RowMin or Op.LogSumExp or Op.RowNorm;

    /// <summary>The function's name in the formula language, for printing.</summary>
    public static string FunctionName(Op op) => op switch
    {
        Op.Abs => "abs",
        Op.Sqrt => "sqrt",
        Op.Exp => "exp",
        Op.Log => "log",
        Op.Log1p => "log1p",
        Op.Expm1 => "expm1",
        Op.Sigmoid => "sigmoid",
        Op.LogSigmoid => "log_sigmoid",
        Op.Softplus => "softplus",
        Op.Tanh => "tanh",
        Op.Cosh => "cosh",
        Op.Sinh => "sinh",
        Op.LogCosh => "log_cosh",
        Op.Relu => "relu",
        Op.Sign => "sign",
        Op.Detach => "detach",
        Op.Truncate => "trunc",
        Op.Min => "min",
        Op.Max => "max",
        Op.Clamp => "clamp",
        Op.Where => "where",
        Op.Sum => "sum",
        Op.SumLog => "sum_log",
        Op.RowSum => "row_sum",
        Op.ColumnSum => "col_sum",
        Op.ColumnMin => "col_min",
        Op.ColumnMax => "col_max",
        Op.RowMax or Op.RowMaxShift => "row_max",
        Op.RowMin => "row_min",
        Op.LogSumExp => "logsumexp",
        Op.RowNorm => "norm",
        Op.Gather => "gather",
        Op.MultiplyAdd => "fma",
        Op.ToReal => "real",
        Op.Power => "pow",
        _ => op.ToString().ToLowerInvariant(),
    };
}
