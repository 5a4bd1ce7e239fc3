using System;

namespace LossDsl.Generator.IR;

/// <summary>Evaluates an operation on constants, in double, with the semantics the generated code has.</summary>
internal static class ConstantFolder
{
    public static double Evaluate(Op op, double[] x) => op switch
    {
        Op.Add => x[0] + x[1],
        Op.Subtract => x[0] - x[1],
        Op.Multiply => x[0] * x[1],
        Op.Divide => x[0] / x[1],
        Op.Negate => -x[0],
        Op.Power => Math.Pow(x[0], x[1]),
        Op.MultiplyAdd => (x[0] * x[1]) + x[2],
        Op.Abs => Math.Abs(x[0]),
        Op.Sqrt => Math.Sqrt(x[0]),
        Op.Exp => Math.Exp(x[0]),
        Op.Log => Math.Log(x[0]),
        Op.Log1p => Math.Abs(x[0]) < 1e-4 ? x[0] - (x[0] * x[0] / 2) + (x[0] * x[0] * x[0] / 3) : Math.Log(1 + x[0]),
        Op.Expm1 => Math.Abs(x[0]) < 1e-5 ? x[0] + (x[0] * x[0] / 2) + (x[0] * x[0] * x[0] / 6) : Math.Exp(x[0]) - 1,
        Op.Sigmoid => x[0] >= 0 ? 1 / (1 + Math.Exp(-x[0])) : Math.Exp(x[0]) / (1 + Math.Exp(x[0])),
        Op.LogSigmoid => Math.Min(x[0], 0) - Math.Log(1 + Math.Exp(-Math.Abs(x[0]))),
        Op.Softplus => Math.Max(x[0], 0) + Math.Log(1 + Math.Exp(-Math.Abs(x[0]))),
        Op.Tanh => Math.Tanh(x[0]),
        Op.Cosh => Math.Cosh(x[0]),
        Op.Sinh => Math.Sinh(x[0]),
        Op.LogCosh => Math.Abs(x[0]) + Math.Log(1 + Math.Exp(-2 * Math.Abs(x[0]))) - Math.Log(2),
        Op.Relu => double.IsNaN(x[0]) ? x[0] : Math.Max(x[0], 0),
        Op.Truncate => Math.Truncate(x[0]),
        Op.Sign => x[0] > 0 ? 1 : x[0] < 0 ? -1 : x[0],
        Op.Detach => x[0],
        Op.Min => double.IsNaN(x[0]) || double.IsNaN(x[1]) ? double.NaN : Math.Min(x[0], x[1]),
        Op.Max => double.IsNaN(x[0]) || double.IsNaN(x[1]) ? double.NaN : Math.Max(x[0], x[1]),
        Op.Clamp => Math.Min(Math.Max(x[0], x[1]), x[2]),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a foldable operation"),
    };
}
