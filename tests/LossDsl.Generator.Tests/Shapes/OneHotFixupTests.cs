using System;
using System.Linq;
using System.Numerics.Tensors;
using Xunit;
using static LossDsl.Generator.Tests.Shapes.ShapedData;

namespace LossDsl.Generator.Tests.Shapes;

public delegate double GatherPlusDense(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index);

/// <summary>
/// The gradient of a gather is non-zero in one column per row; the kernel writes the rest of the row and adds that
/// term at the column afterwards. These formulas put it next to dense terms of every kind (elementwise only, constant,
/// with row reductions) and an ignored index, and compare with finite differences of a direct double evaluation.
/// </summary>
public class OneHotFixupTests
{
    private const string Members = """
        [Loss("sum(x * t) + mean(where(y != ignore_index, x[y], 0))")]
        public static partial double ElementwiseDense(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index);
        [Loss("mean(where(y != ignore_index, 3 * x[y], 0)) + 0 * sum(t)")]
        public static partial double OnlyGather(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index);
        [Loss("mean(row_max(x * t) - 2 * x[y]) + 0 * ignore_index")]
        public static partial double WithRowReduction(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> t, ReadOnlySpan<int> y, TensorSpan<double> dx, int ignore_index);
        """;

    [Theory]
    [InlineData("ElementwiseDense")]
    [InlineData("OnlyGather")]
    [InlineData("WithRowReduction")]
    public void One_hot_gradient_terms_land_in_their_column(string method)
    {
        int n = 7, c = 5;
        double[] x = Normal(n * c, seed: 1), t = Normal(n * c, seed: 2);
        int[] y = Classes(n, c, seed: 3);
        y[2] = -1; // ignored
        double Value(double[] xs)
        {
            double mean(Func<int, double> f) => Enumerable.Range(0, n).Average(f);
            double gathered(int i, double scale) => y[i] == -1 ? 0 : scale * xs[i * c + y[i]];
            return method switch
            {
                "ElementwiseDense" => xs.Select((v, k) => v * t[k]).Sum() + mean(i => gathered(i, 1)),
                "OnlyGather" => mean(i => gathered(i, 3)),
                _ => mean(i => Enumerable.Range(0, c).Max(j => xs[i * c + j] * t[i * c + j]) - 2 * (y[i] == -1 ? 0 : xs[i * c + y[i]])),
            };
        }

        if (method == "WithRowReduction")
        {
            y[2] = 0; // this formula does not ignore: every index must be a class
        }

        var f = ShapedLossCompiler.Compile(Members).Get<GatherPlusDense>(method);
        var dx = new double[n * c];
        Array.Fill(dx, double.NaN);
        double loss = f(new ReadOnlyTensorSpan<double>(x, [n, c], default), new ReadOnlyTensorSpan<double>(t, [n, c], default), y, new TensorSpan<double>(dx, [n, c], default), -1);
        Close(Value(x), loss, 1e-13, "loss");
        Close(FiniteDifferences(Value, x), dx, 1e-7, "dx");
    }
}
