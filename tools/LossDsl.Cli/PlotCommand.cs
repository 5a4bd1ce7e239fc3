using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using LossDsl.Generator.Binding;
using LossDsl.Generator.IR;

namespace LossDsl.Cli;

/// <summary><c>lossdsl plot</c>: the loss and its gradient along one input, as the generated code computes them.</summary>
internal static class PlotCommand
{
    public static readonly string[] Options = { "--along", "--from", "--to", "--points", "--set", "--classes", "--out", "--csv" };

    public const string Usage = """
        Usage: lossdsl plot "<formula>" --along <input> [options]

        Writes a PNG of the loss and of its gradient with respect to one input element, as that element goes from
        --from to --to and everything else stays fixed. The values are computed by the C# the generator emits,
        compiled in-process against LossDsl.Runtime: the plot shows what your build would compute.

        Every input holds one sample (N = 1): a vector one value, a matrix one row of C values, a per-class
        vector C values (C is --classes, or the length of the longest --set list of one of them, or 3).

        Options:
          --along <name>       the input to vary: a vector, or x[k] for column k of a matrix or per-class vector
          --from <number>      the start of the range (default -4)
          --to <number>        the end of the range (default 4)
          --points <count>     how many points to sample, evenly spaced (default 201)
          --set "<list>"       the values held fixed, name=value items separated by commas: t=0,delta=1.5,y=2;
                               a matrix row or per-class vector takes a space-separated list, x=1 0.5 -2
                               (one value fills every column). Unset inputs are 0; unset options take their
                               --params default.
          --classes <C>        the number of columns of matrices and per-class vectors
          --out <file.png>     the image to write (default loss.png)
          --csv <file.csv>     also write the sampled values: the varied value, the loss, the gradient
          --params, --type, --reduction, --name
                               as for explain (see lossdsl explain --help); without --params, the free names are
                               inferred in the same way
          -h, --help           this help

        A per-element (void) loss is plotted as the sum of the losses it writes, and its gradient with dloss = 1,
        which is the gradient of that sum.

        Exit code: 0, 1 when the formula has errors or the generated code throws, 2 for a usage error.
        """;

    private const int Width = 800;
    private const int Height = 500;

    public static int Run(CommandLine line, TextWriter output, TextWriter error, string workingDirectory)
    {
        LossRequest request = line.Request("plot");
        string along = line.Get("--along") ?? throw new UsageException("--along is required: the input to vary, for example --along p");
        double from = line.GetNumber("--from", -4), to = line.GetNumber("--to", 4);
        if (!(from < to))
        {
            throw new UsageException($"--from ({from.ToString(CultureInfo.InvariantCulture)}) must be less than --to ({to.ToString(CultureInfo.InvariantCulture)})");
        }

        int points = line.GetInteger("--points", 201, 2, 1_000_000);
        Dictionary<string, string> set = ParseSet(line.Get("--set"));
        string pngName = line.Get("--out") ?? "loss.png";
        string pngPath = Path.GetFullPath(pngName, workingDirectory);
        string? csvName = line.Get("--csv");
        string? csvPath = csvName is null ? null : Path.GetFullPath(csvName, workingDirectory);
        if (!pngName.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out is '{pngName}'; the plot is a PNG, so name it *.png");
        }

        LossAnalysis analysis = LossAnalysis.Run(request);
        DiagnosticPrinter.Print(error, analysis.Compiled.Diagnostics, analysis.Formula, analysis.Parameters);
        if (analysis.HasErrors)
        {
            return 1;
        }

        if (analysis.Parameters.Text is null)
        {
            output.WriteLine($"Parameters inferred (--params was not given): --params \"{analysis.Parameters.ToParamsText()}\"");
        }

        BoundLoss bound = analysis.Bind();
        var setup = Setup.Create(analysis, bound, along, set, line.Get("--classes") is null ? null : line.GetInteger("--classes", 3, 1, 1_000_000));

        var xs = new double[points];
        var losses = new double[points];
        var gradients = new double[points];
        using (KernelHost kernel = KernelHost.Load(analysis))
        {
            for (int k = 0; k < points; k++)
            {
                double x = k == points - 1 ? to : from + (to - from) * k / (points - 1);
                xs[k] = x;
                setup.SetAlong(x);
                double returned;
                try
                {
                    returned = kernel.Invoke(setup.Arguments, setup.Shapes);
                }
                catch (Exception e)
                {
                    Exception inner = e is System.Reflection.TargetInvocationException { InnerException: { } i } ? i : e;
                    error.WriteLine($"lossdsl plot: error: at {setup.AlongLabel} = {Format(x)}, the generated code threw {inner.GetType().Name}: {inner.Message}");
                    return 1;
                }

                losses[k] = setup.Loss(returned);
                gradients[k] = setup.Gradient();
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        Draw(pngPath, analysis, setup, xs, losses, gradients);
        output.WriteLine($"Plotted {setup.LossLabel} and {setup.GradientLabel ?? "no gradient (the parameters have no grad output for it)"} for {setup.AlongLabel} from {Format(from)} to {Format(to)} ({points} points)" +
                         (setup.Held.Count == 0 ? "." : $", with {string.Join(", ", setup.Held)}."));
        output.WriteLine($"Wrote {pngName}");
        if (csvPath != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(csvPath)!);
            var text = new StringBuilder();
            text.Append(setup.AlongLabel).Append(",loss,").Append(setup.GradientLabel ?? "gradient").Append('\n');
            for (int k = 0; k < points; k++)
            {
                text.Append(Format(xs[k])).Append(',').Append(Format(losses[k])).Append(',')
                    .Append(setup.GradientLabel is null ? "" : Format(gradients[k])).Append('\n');
            }

            File.WriteAllText(csvPath, text.ToString());
            output.WriteLine($"Wrote {csvName}");
        }

        return 0;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ParseSet(string? text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return values;
        }

        foreach (string raw in text.Split(','))
        {
            int equals = raw.IndexOf('=');
            if (equals <= 0)
            {
                throw new UsageException($"--set: '{raw.Trim()}' is not name=value");
            }

            string name = raw.Substring(0, equals).Trim();
            if (!values.TryAdd(name, raw.Substring(equals + 1).Trim().TrimStart('[').TrimEnd(']').Trim()))
            {
                throw new UsageException($"--set: '{name}' is set twice");
            }
        }

        return values;
    }

    private static void Draw(string path, LossAnalysis analysis, Setup setup, double[] xs, double[] losses, double[] gradients)
    {
        var plot = new ScottPlot.Plot();
        if (setup.HasLoss)
        {
            AddSeries(plot, xs, losses, setup.LossLabel, ScottPlot.Colors.C0, ScottPlot.LinePattern.Solid);
        }

        if (setup.GradientLabel != null)
        {
            AddSeries(plot, xs, gradients, $"{setup.GradientLabel} = ∂loss/∂{setup.AlongLabel}", ScottPlot.Colors.C1, ScottPlot.LinePattern.Dashed);
        }

        var zero = plot.Add.HorizontalLine(0);
        zero.Color = ScottPlot.Colors.Gray.WithAlpha(0.5);
        zero.LineWidth = 1;
        plot.Title(analysis.Formula.Replace('\n', ' ') + (setup.Held.Count == 0 ? "" : "\n" + string.Join(", ", setup.Held)));
        plot.XLabel(setup.AlongLabel);
        plot.ShowLegend(ScottPlot.Alignment.UpperCenter);
        plot.SavePng(path, Width, Height);
    }

    // A value that is not finite (log of a negative number, an overflow) leaves a gap in the line.
    private static void AddSeries(ScottPlot.Plot plot, double[] xs, double[] ys, string label, ScottPlot.Color color, ScottPlot.LinePattern pattern)
    {
        bool labelled = false;
        int k = 0;
        while (k < xs.Length)
        {
            while (k < xs.Length && !double.IsFinite(ys[k]))
            {
                k++;
            }

            int start = k;
            while (k < xs.Length && double.IsFinite(ys[k]))
            {
                k++;
            }

            if (k == start)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(xs[start..k], ys[start..k], color);
            line.LineWidth = 2;
            line.LinePattern = pattern;
            if (!labelled)
            {
                line.LegendText = label;
                labelled = true;
            }
        }
    }

    /// <summary>The arguments of the loss method for one sample, and which element is varied.</summary>
    private sealed class Setup
    {
        private readonly ElementType _element;
        private int _alongParameter;
        private int _alongOffset;
        private int _gradientParameter = -1;
        private int _lossParameter = -1;

        private Setup(ElementType element, int parameters)
        {
            _element = element;
            Arguments = new object[parameters];
            Shapes = new nint[]?[parameters];
        }

        public object[] Arguments { get; }

        public nint[]?[] Shapes { get; }

        public List<string> Held { get; } = new();

        public string AlongLabel { get; private set; } = "";

        public string LossLabel { get; private set; } = "loss";

        public string? GradientLabel { get; private set; }

        public bool HasLoss { get; private set; } = true;

        public static Setup Create(LossAnalysis analysis, BoundLoss bound, string along, Dictionary<string, string> set, int? classes)
        {
            BoundSignature sig = bound.Signature;
            var setup = new Setup(sig.Element, sig.Parameters.Length);
            foreach (string name in set.Keys)
            {
                if (sig.Find(name) is not { Role: ParameterRole.Input or ParameterRole.Option })
                {
                    throw new UsageException($"--set: '{name}' is not an input or option of the loss (its parameters: {analysis.Parameters.ToParamsText()})");
                }
            }

            // --along x or --along x[k]
            string alongName = along;
            int column = 0;
            bool hasColumn = false;
            int bracket = along.IndexOf('[');
            if (bracket > 0 && along.EndsWith(']'))
            {
                alongName = along.Substring(0, bracket).Trim();
                hasColumn = int.TryParse(along.AsSpan(bracket + 1, along.Length - bracket - 2), NumberStyles.None, CultureInfo.InvariantCulture, out column)
                    ? true
                    : throw new UsageException($"--along: '{along}' has no column number between the brackets");
            }

            BoundParameter target = sig.Find(alongName) is { Role: ParameterRole.Input } input && input.Decl.Element is ScalarType.Float or ScalarType.Double
                ? input
                : throw new UsageException($"--along: '{alongName}' is not a real input of the loss (its parameters: {analysis.Parameters.ToParamsText()})");

            Shape ShapeOf(BoundParameter p) => bound.Inputs.TryGetValue(p.Name, out Expr? leaf) ? leaf.Shape
                : p.Decl.IsTensor ? Shape.Rows : p.Decl.IsPerClass ? Shape.Classes : Shape.Samples;
            bool hasColumns = sig.Parameters.Any(p => p.Role == ParameterRole.Input && ShapeOf(p).Has(Axis.Class));
            int c = classes ?? sig.Parameters
                .Where(p => p.Role == ParameterRole.Input && ShapeOf(p).Has(Axis.Class) && set.ContainsKey(p.Name))
                .Select(p => Values(set[p.Name], p.Name).Length)
                .DefaultIfEmpty(3).Max();
            Shape targetShape = ShapeOf(target);
            if (targetShape.Has(Axis.Class))
            {
                if (column >= c)
                {
                    throw new UsageException($"--along: column {column} of '{alongName}' is outside its {c} columns (--classes)");
                }
            }
            else if (hasColumn)
            {
                throw new UsageException($"--along: '{alongName}' has one value per sample; write --along {alongName}, without a column");
            }

            int Length(Shape shape) => shape.Has(Axis.Class) ? c : 1;
            nint[]? TensorShape(BoundParameter p) => p.Decl.IsTensor ? new nint[] { 1, c } : null;

            foreach (BoundParameter p in sig.Parameters)
            {
                int k = p.Index;
                switch (p.Role)
                {
                    case ParameterRole.Input when p.Decl.Element is ScalarType.Int32 or ScalarType.Int64:
                        long index = set.TryGetValue(p.Name, out string? text) ? Integer(text, p.Name) : 0;
                        if (p.Decl.Element == ScalarType.Int32 && index is < int.MinValue or > int.MaxValue)
                        {
                            throw new UsageException($"--set: '{p.Name}' is an int input; {index} is out of range");
                        }

                        setup.Arguments[k] = p.Decl.Element == ScalarType.Int32 ? new[] { (int)index } : new[] { index };
                        if (set.ContainsKey(p.Name))
                        {
                            setup.Held.Add($"{p.Name} = {index}");
                        }

                        break;
                    case ParameterRole.Input:
                        Shape shape = ShapeOf(p);
                        int length = Length(shape);
                        double[] values = set.TryGetValue(p.Name, out string? list) ? Values(list, p.Name) : new[] { 0.0 };
                        if (values.Length != 1 && values.Length != length)
                        {
                            throw new UsageException($"--set: '{p.Name}' has {length} value{(length == 1 ? "" : "s")} ({shape}), but {values.Length} were given");
                        }

                        setup.Arguments[k] = setup.RealArray(Enumerable.Range(0, length).Select(j => values.Length == 1 ? values[0] : values[j]).ToArray());
                        setup.Shapes[k] = TensorShape(p);
                        if (set.ContainsKey(p.Name) && p.Name != alongName)
                        {
                            setup.Held.Add($"{p.Name} = {string.Join(" ", values.Select(Format))}");
                        }
                        else if (set.ContainsKey(p.Name) && length > 1)
                        {
                            setup.Held.AddRange(Enumerable.Range(0, length).Where(j => j != column)
                                .Select(j => $"{p.Name}[{j}] = {Format(values.Length == 1 ? values[0] : values[j])}"));
                        }

                        break;
                    case ParameterRole.Option:
                        ParamItem item = analysis.Parameters.Items[k];
                        string? value = set.TryGetValue(p.Name, out string? v) ? v : item.Default;
                        if (value is null)
                        {
                            throw new UsageException($"the option '{p.Name}' has no value: give it one with --set {p.Name}=…, or a default in --params ({p.Name}:{item.KindName}=…)");
                        }

                        setup.Arguments[k] = p.Decl.Element switch
                        {
                            ScalarType.Float => (object)(float)Real(value, p.Name),
                            ScalarType.Double => Real(value, p.Name),
                            ScalarType.Int32 => checked((int)Integer(value, p.Name)),
                            _ => value == "true" ? true : value == "false" ? false : throw new UsageException($"--set: '{p.Name}' is a bool option; its value is true or false, not '{value}'"),
                        };
                        setup.Held.Add($"{p.Name} = {value}");
                        break;
                    case ParameterRole.Gradient:
                        BoundParameter of = sig.Find(p.GradientOf!)!;
                        setup.Arguments[k] = setup.RealArray(new double[Length(ShapeOf(of))]);
                        setup.Shapes[k] = TensorShape(of);
                        if (of.Name == alongName)
                        {
                            setup._gradientParameter = k;
                        }

                        break;
                    case ParameterRole.LossOutput:
                        setup.Arguments[k] = setup.RealArray(new double[Length(bound.Result.Shape)]);
                        setup.Shapes[k] = p.Decl.IsTensor ? new nint[] { 1, c } : null;
                        setup._lossParameter = k;
                        break;
                    default: // dloss: the gradient of the sum of the per-element losses
                        setup.Arguments[k] = setup.RealArray(Enumerable.Repeat(1.0, Length(bound.Result.Shape)).ToArray());
                        setup.Shapes[k] = p.Decl.IsTensor ? new nint[] { 1, c } : null;
                        break;
                }
            }

            setup._alongParameter = target.Index;
            setup._alongOffset = targetShape.Has(Axis.Class) ? column : 0;
            setup.AlongLabel = targetShape.Has(Axis.Class) ? $"{alongName}[{column}]" : alongName;
            string gradientName = setup._gradientParameter >= 0 ? sig.Parameters[setup._gradientParameter].Name : "";
            setup.GradientLabel = setup._gradientParameter < 0 ? null
                : targetShape.Has(Axis.Class) ? $"{gradientName}[{column}]" : gradientName;
            setup.HasLoss = sig.IsReduced || setup._lossParameter >= 0;
            setup.LossLabel = sig.IsReduced ? "loss" : setup._lossParameter >= 0 ? "sum of loss" : "loss (not written: the method has no loss output)";
            if (hasColumns && classes is null && !set.Keys.Any(n => ShapeOf(sig.Find(n)!).Has(Axis.Class) && sig.Find(n)!.Role == ParameterRole.Input))
            {
                setup.Held.Add($"C = {c}");
            }

            return setup;
        }

        public void SetAlong(double x)
        {
            if (_element == ElementType.Float)
            {
                ((float[])Arguments[_alongParameter])[_alongOffset] = (float)x;
            }
            else
            {
                ((double[])Arguments[_alongParameter])[_alongOffset] = x;
            }
        }

        public double Loss(double returned) => _lossParameter < 0 ? (HasLoss ? returned : double.NaN) : Sum(Arguments[_lossParameter]);

        public double Gradient() => _gradientParameter < 0 ? double.NaN : Read(Arguments[_gradientParameter], _alongOffset);

        private object RealArray(double[] values) => _element == ElementType.Float ? values.Select(v => (float)v).ToArray() : values;

        private static double Read(object array, int k) => array is float[] f ? f[k] : ((double[])array)[k];

        private static double Sum(object array) => array is float[] f ? f.Sum(v => (double)v) : ((double[])array).Sum();

        private static double[] Values(string text, string name) =>
            text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => Real(v, name)).ToArray() is { Length: > 0 } values
                ? values
                : throw new UsageException($"--set: '{name}' has no value");

        private static double Real(string text, string name) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v
                : throw new UsageException($"--set: the value of '{name}' is '{text}', which is not a number");

        private static long Integer(string text, string name) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
                ? v
                : throw new UsageException($"--set: the value of '{name}' is '{text}', which is not an integer");
    }
}
