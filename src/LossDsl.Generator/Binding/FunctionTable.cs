using System.Collections.Generic;
using System.Linq;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Binding;

/// <summary>The kinds of built-in function.</summary>
internal enum FunctionKind
{
    /// <summary>An elementwise function of real arguments that maps to one IR operation.</summary>
    Elementwise,
    /// <summary><c>where(mask, a, b)</c></summary>
    Where,
    /// <summary><c>mean(x)</c>: the sum over every element divided by their number.</summary>
    Mean,
    /// <summary><c>sum(x)</c>: the sum over every element.</summary>
    Sum,
    /// <summary>A reduction of each row of a matrix over its columns (<c>row_sum</c>, <c>row_max</c>, <c>logsumexp</c>…).</summary>
    RowReduction,
    /// <summary><c>row_mean(x)</c>: each row's sum divided by C.</summary>
    RowMean,
    /// <summary><c>softmax(x)</c> along each row.</summary>
    Softmax,
    /// <summary><c>log_softmax(x)</c> along each row.</summary>
    LogSoftmax,
    /// <summary><c>norm(x)</c>: the Euclidean norm of each row.</summary>
    Norm,
    /// <summary><c>norm1(x)</c>: the sum of absolute values of each row.</summary>
    Norm1,
    /// <summary><c>norm_p(x, p)</c>: (Σⱼ |xⱼ|ᵖ)^(1/p) of each row.</summary>
    NormP,
    /// <summary><c>dot(a, b)</c>: Σⱼ aⱼ·bⱼ of each row.</summary>
    Dot,
    /// <summary><c>cosine(a, b)</c>: the cosine similarity of each row pair, as PyTorch's <c>cosine_similarity</c>.</summary>
    Cosine,
    /// <summary><c>onehot(y)</c>: the mask j == yᵢ.</summary>
    OneHot,
    /// <summary><c>col_sum(x)</c>: the sum over the samples of each column, one value per class.</summary>
    ColumnSum,
    /// <summary><c>col_mean(x)</c>: each column's sum divided by N.</summary>
    ColumnMean,
    /// <summary><c>col_min(x)</c>, <c>col_max(x)</c>: the extreme of each column over the samples.</summary>
    ColumnExtreme,
    /// <summary><c>reduce(x[, w])</c>: the reduction the method's <c>LossDsl.Reduction</c> option chooses (mean by
    /// default), a mean dividing by Σw when weights are given; in a per-element (<c>void</c>) method, x itself.</summary>
    Reduce,
    /// <summary>A pairwise function of two tensors (<c>sqdist</c>, <c>cdist</c>, <c>dots</c>, <c>cosine_sim</c>): an N×M
    /// matrix over the rows of both, materialized by the runtime.</summary>
    Pairwise,
    /// <summary><c>same(y)</c>: the mask yᵢ == yₖ over the pair axis.</summary>
    Same,
    /// <summary><c>eye()</c>: the mask i == k over the pair axis.</summary>
    Eye,
    /// <summary>A runtime intrinsic (<c>emd_points</c>, <c>emd_hist</c>, <c>ctc</c>): hand-written forward and backward in
    /// <c>LossDsl.Intrinsics</c>, one value per sample.</summary>
    Intrinsic,
}

/// <summary>A built-in function of the formula language.</summary>
/// <param name="Name">Its name in formulas.</param>
/// <param name="Kind">How it binds.</param>
/// <param name="Op">For elementwise functions, the IR operation.</param>
/// <param name="Arity">How many arguments it takes.</param>
/// <param name="Signature">Its parameters, for messages and docs.</param>
/// <param name="MinArity">The fewest arguments it takes, when trailing ones are optional (-1: exactly <paramref name="Arity"/>).</param>
internal sealed record FunctionInfo(string Name, FunctionKind Kind, Op Op, int Arity, string Signature, int MinArity = -1)
{
    /// <summary>Whether <paramref name="count"/> arguments are accepted.</summary>
    public bool Accepts(int count) => count <= Arity && count >= (MinArity < 0 ? Arity : MinArity);
}

/// <summary>Every built-in function, by name. docs/dsl.md documents the same list.</summary>
internal static class FunctionTable
{
    private static readonly Dictionary<string, FunctionInfo> Functions = new FunctionInfo[]
    {
        new("abs", FunctionKind.Elementwise, Op.Abs, 1, "abs(x)"),
        new("sqrt", FunctionKind.Elementwise, Op.Sqrt, 1, "sqrt(x)"),
        new("exp", FunctionKind.Elementwise, Op.Exp, 1, "exp(x)"),
        new("log", FunctionKind.Elementwise, Op.Log, 1, "log(x)"),
        new("log1p", FunctionKind.Elementwise, Op.Log1p, 1, "log1p(x)"),
        new("expm1", FunctionKind.Elementwise, Op.Expm1, 1, "expm1(x)"),
        new("sigmoid", FunctionKind.Elementwise, Op.Sigmoid, 1, "sigmoid(x)"),
        new("log_sigmoid", FunctionKind.Elementwise, Op.LogSigmoid, 1, "log_sigmoid(x)"),
        new("softplus", FunctionKind.Elementwise, Op.Softplus, 1, "softplus(x)"),
        new("tanh", FunctionKind.Elementwise, Op.Tanh, 1, "tanh(x)"),
        new("cosh", FunctionKind.Elementwise, Op.Cosh, 1, "cosh(x)"),
        new("log_cosh", FunctionKind.Elementwise, Op.LogCosh, 1, "log_cosh(x)"),
        new("relu", FunctionKind.Elementwise, Op.Relu, 1, "relu(x)"),
        new("sign", FunctionKind.Elementwise, Op.Sign, 1, "sign(x)"),
        new("detach", FunctionKind.Elementwise, Op.Detach, 1, "detach(x)"),
        new("min", FunctionKind.Elementwise, Op.Min, 2, "min(a, b)"),
        new("max", FunctionKind.Elementwise, Op.Max, 2, "max(a, b)"),
        new("pow", FunctionKind.Elementwise, Op.Power, 2, "pow(x, y)"),
        new("clamp", FunctionKind.Elementwise, Op.Clamp, 3, "clamp(x, lo, hi)"),
        new("where", FunctionKind.Where, Op.Where, 3, "where(mask, a, b)"),
        new("mean", FunctionKind.Mean, Op.Sum, 1, "mean(x)"),
        new("sum", FunctionKind.Sum, Op.Sum, 1, "sum(x)"),
        new("row_sum", FunctionKind.RowReduction, Op.RowSum, 1, "row_sum(x)"),
        new("row_mean", FunctionKind.RowMean, Op.RowSum, 1, "row_mean(x)"),
        new("row_max", FunctionKind.RowReduction, Op.RowMax, 1, "row_max(x)"),
        new("row_min", FunctionKind.RowReduction, Op.RowMin, 1, "row_min(x)"),
        new("logsumexp", FunctionKind.RowReduction, Op.LogSumExp, 1, "logsumexp(x)"),
        new("softmax", FunctionKind.Softmax, Op.LogSumExp, 1, "softmax(x)"),
        new("log_softmax", FunctionKind.LogSoftmax, Op.LogSumExp, 1, "log_softmax(x)"),
        new("norm", FunctionKind.Norm, Op.RowSum, 1, "norm(x)"),
        new("norm1", FunctionKind.Norm1, Op.RowSum, 1, "norm1(x)"),
        new("norm_p", FunctionKind.NormP, Op.RowSum, 2, "norm_p(x, p)"),
        new("dot", FunctionKind.Dot, Op.RowSum, 2, "dot(a, b)"),
        new("cosine", FunctionKind.Cosine, Op.RowSum, 2, "cosine(a, b)"),
        new("onehot", FunctionKind.OneHot, Op.Equal, 1, "onehot(y)"),
        new("col_sum", FunctionKind.ColumnSum, Op.ColumnSum, 1, "col_sum(x)"),
        new("col_mean", FunctionKind.ColumnMean, Op.ColumnSum, 1, "col_mean(x)"),
        new("col_min", FunctionKind.ColumnExtreme, Op.ColumnMin, 1, "col_min(x)"),
        new("col_max", FunctionKind.ColumnExtreme, Op.ColumnMax, 1, "col_max(x)"),
        new("reduce", FunctionKind.Reduce, Op.Sum, 2, "reduce(x[, w])", MinArity: 1),
        new("sqdist", FunctionKind.Pairwise, Op.Materialized, 2, "sqdist(a, b)"),
        new("cdist", FunctionKind.Pairwise, Op.Materialized, 2, "cdist(a, b)"),
        new("dots", FunctionKind.Pairwise, Op.Materialized, 2, "dots(a, b)"),
        new("cosine_sim", FunctionKind.Pairwise, Op.Materialized, 2, "cosine_sim(a, b)"),
        new("same", FunctionKind.Same, Op.Equal, 1, "same(y)"),
        new("eye", FunctionKind.Eye, Op.Equal, 0, "eye()"),
        new("emd_points", FunctionKind.Intrinsic, Op.Materialized, 2, "emd_points(a, b)"),
        new("emd_hist", FunctionKind.Intrinsic, Op.Materialized, 2, "emd_hist(p, q)"),
        new("ctc", FunctionKind.Intrinsic, Op.Materialized, 6, "ctc(log_probs, targets, input_lengths, target_lengths[, blank[, zero_infinity]])", MinArity: 4),
    }.ToDictionary(f => f.Name);

    /// <summary>Named constants usable in formulas (a parameter or binding of the same name takes precedence).</summary>
    public static IReadOnlyDictionary<string, double> Constants { get; } = new Dictionary<string, double>
    {
        ["pi"] = System.Math.PI,
        ["inf"] = double.PositiveInfinity,
    };

    /// <summary>All functions, in documentation order.</summary>
    public static IEnumerable<FunctionInfo> All => Functions.Values;

    /// <summary>Looks up a function by name.</summary>
    public static bool TryGet(string name, out FunctionInfo info) => Functions.TryGetValue(name, out info!);

    /// <summary>The known function whose name is closest to <paramref name="name"/>, when one is close enough to be a typo.</summary>
    public static string? Suggest(string name) => NameSuggestion.Closest(name, Functions.Keys);
}
