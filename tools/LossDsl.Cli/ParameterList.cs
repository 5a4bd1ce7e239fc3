using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Parsing;

namespace LossDsl.Cli;

/// <summary>What a <c>--params</c> item declares.</summary>
internal enum ParamKind
{
    /// <summary><c>vector</c>: <c>ReadOnlySpan&lt;T&gt;</c>, one value per sample.</summary>
    Vector,
    /// <summary><c>perclass</c>: <c>[PerClass] ReadOnlySpan&lt;T&gt;</c>, one value per class.</summary>
    PerClass,
    /// <summary><c>matrix</c>: <c>ReadOnlyTensorSpan&lt;T&gt;</c> of shape (N, C).</summary>
    Matrix,
    /// <summary><c>indices</c>: <c>ReadOnlySpan&lt;int&gt;</c>.</summary>
    Indices,
    /// <summary><c>indices64</c>: <c>ReadOnlySpan&lt;long&gt;</c>.</summary>
    Indices64,
    /// <summary><c>inttensor</c>: <c>ReadOnlyTensorSpan&lt;int&gt;</c> (the targets of <c>ctc</c>).</summary>
    IntTensor,
    /// <summary><c>scalar</c>: a <c>T</c> option.</summary>
    Scalar,
    /// <summary><c>int</c>: an <c>int</c> option.</summary>
    Int,
    /// <summary><c>bool</c>: a <c>bool</c> option.</summary>
    Bool,
    /// <summary><c>grad</c>: <c>Span&lt;T&gt;</c> or <c>TensorSpan&lt;T&gt;</c>, the form of the input it is named after.</summary>
    Grad,
    /// <summary><c>loss</c>: the per-element losses of a void method.</summary>
    Loss,
    /// <summary><c>dloss</c>: the upstream gradient of a void method.</summary>
    UpstreamGradient,
}

/// <summary>One parameter as the command line declares it.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Default">The default value as written (options only), or null.</param>
/// <param name="Span">Where the item is in the <c>--params</c> text (empty when inferred).</param>
internal sealed record ParamItem(string Name, ParamKind Kind, string? Default, FormulaSpan Span)
{
    /// <summary>The kind's name in <c>--params</c>.</summary>
    public string KindName => ParameterList.KindNames.First(k => k.Value == Kind).Key;

    /// <summary>Whether the parameter is an option (a scalar passed by value).</summary>
    public bool IsOption => Kind is ParamKind.Scalar or ParamKind.Int or ParamKind.Bool;

    /// <summary>The item as it would be written in <c>--params</c>.</summary>
    public override string ToString() => $"{Name}:{KindName}{(Default is null ? "" : "=" + Default)}";
}

/// <summary>
/// The <c>--params</c> language: <c>name:kind[=default]</c> items separated by commas, in the method's parameter order,
/// and what <c>explain</c> and <c>plot</c> infer when it is omitted. It builds the same <see cref="LossSignature"/> the
/// generator builds from a C# declaration, so the compiler sees exactly what it would see in a build.
/// </summary>
internal sealed class ParameterList
{
    /// <summary>The kinds, by the name written after the colon.</summary>
    public static readonly IReadOnlyDictionary<string, ParamKind> KindNames = new Dictionary<string, ParamKind>(StringComparer.Ordinal)
    {
        ["vector"] = ParamKind.Vector,
        ["perclass"] = ParamKind.PerClass,
        ["matrix"] = ParamKind.Matrix,
        ["indices"] = ParamKind.Indices,
        ["indices64"] = ParamKind.Indices64,
        ["inttensor"] = ParamKind.IntTensor,
        ["scalar"] = ParamKind.Scalar,
        ["int"] = ParamKind.Int,
        ["bool"] = ParamKind.Bool,
        ["grad"] = ParamKind.Grad,
        ["loss"] = ParamKind.Loss,
        ["dloss"] = ParamKind.UpstreamGradient,
    };

    // Functions whose argument is a matrix row by row: a bare name passed to one of them is inferred as a matrix.
    private static readonly HashSet<FunctionKind> RowArguments = new()
    {
        FunctionKind.RowReduction, FunctionKind.RowMean, FunctionKind.Softmax, FunctionKind.LogSoftmax, FunctionKind.Norm,
        FunctionKind.Norm1, FunctionKind.NormP, FunctionKind.Dot, FunctionKind.Cosine, FunctionKind.ColumnSum, FunctionKind.ColumnMean,
        FunctionKind.Pairwise,
    };

    private ParameterList(ImmutableArray<ParamItem> items, string? text)
    {
        Items = items;
        Text = text;
    }

    /// <summary>No parameters (for a formula that does not parse, so none can be inferred).</summary>
    public static ParameterList Empty { get; } = new(ImmutableArray<ParamItem>.Empty, null);

    /// <summary>The parameters, in order.</summary>
    public ImmutableArray<ParamItem> Items { get; }

    /// <summary>The <c>--params</c> text as given, or null when the list was inferred.</summary>
    public string? Text { get; }

    /// <summary>Whether the method is void (it has a <c>loss</c> or <c>dloss</c> parameter).</summary>
    public bool IsPerElement => Items.Any(i => i.Kind is ParamKind.Loss or ParamKind.UpstreamGradient);

    /// <summary>The list as a <c>--params</c> argument.</summary>
    public string ToParamsText() => string.Join(",", Items.Select(i => i.ToString()));

    /// <summary>The item named <paramref name="name"/>, if any.</summary>
    public ParamItem? Find(string name) => Items.FirstOrDefault(i => i.Name == name);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="UsageException"/> with the position of a malformed item.</summary>
    public static ParameterList Parse(string text)
    {
        var items = ImmutableArray.CreateBuilder<ParamItem>();
        int start = 0;
        while (start <= text.Length)
        {
            int comma = text.IndexOf(',', start);
            int end = comma < 0 ? text.Length : comma;
            string raw = text.Substring(start, end - start);
            int lead = raw.Length - raw.TrimStart().Length;
            string item = raw.Trim();
            var span = new FormulaSpan(start + lead, item.Length);
            if (item.Length == 0)
            {
                throw new UsageException($"--params: empty item at column {start + 1}; write name:kind items separated by commas");
            }

            string? defaultValue = null;
            int equals = item.IndexOf('=');
            if (equals >= 0)
            {
                defaultValue = item.Substring(equals + 1).Trim();
                item = item.Substring(0, equals).Trim();
            }

            string name = item;
            string kindName = "vector";
            int colon = item.IndexOf(':');
            if (colon >= 0)
            {
                name = item.Substring(0, colon).Trim();
                kindName = item.Substring(colon + 1).Trim();
            }

            if (!IsIdentifier(name))
            {
                throw new UsageException($"--params: '{name}' (column {span.Start + 1}) is not a parameter name");
            }

            if (!KindNames.TryGetValue(kindName, out ParamKind kind))
            {
                throw new UsageException($"--params: '{name}' has an unknown kind '{kindName}'; the kinds are {string.Join(", ", KindNames.Keys)}");
            }

            if (defaultValue != null)
            {
                CheckDefault(name, kind, defaultValue);
            }

            if (items.Any(i => i.Name == name))
            {
                throw new UsageException($"--params: '{name}' is declared twice");
            }

            items.Add(new ParamItem(name, kind, defaultValue, span));
            if (comma < 0)
            {
                break;
            }

            start = comma + 1;
        }

        return new ParameterList(items.ToImmutable(), text);
    }

    /// <summary>Adds <c>loss</c> (and <c>dloss</c> when there are gradient outputs) unless the list has them.</summary>
    public ParameterList WithPerElementOutputs()
    {
        var items = Items.ToBuilder();
        if (!items.Any(i => i.Kind == ParamKind.Loss))
        {
            items.Add(new ParamItem("loss", ParamKind.Loss, null, default));
        }

        if (items.Any(i => i.Kind == ParamKind.Grad) && !items.Any(i => i.Kind == ParamKind.UpstreamGradient))
        {
            items.Add(new ParamItem("dloss", ParamKind.UpstreamGradient, null, default));
        }

        return new ParameterList(items.ToImmutable(), Text);
    }

    /// <summary>
    /// The parameters of <paramref name="formula"/> when <c>--params</c> is omitted: every free name (not a binding,
    /// function or constant) is a real vector input with a gradient, except that a name used as an index
    /// (<c>x[y]</c>, <c>onehot(y)</c>) is class indices (<c>int</c>, no gradient), a name that is indexed or passed
    /// to a row or column function (<c>logsumexp(x)</c>, <c>softmax(x)</c>, <c>dot(a, b)</c>…) is a matrix, and the
    /// arguments of <c>ctc</c> take its parameters' kinds (matrix, inttensor, indices, indices, int, bool).
    /// </summary>
    public static ParameterList Infer(FormulaSyntax formula)
    {
        var order = new List<string>();
        var matrices = new HashSet<string>();
        var indices = new HashSet<string>();
        var bound = new HashSet<string>();
        var other = new Dictionary<string, ParamKind>();

        void Walk(ExpressionSyntax e)
        {
            switch (e)
            {
                case NameSyntax n when !bound.Contains(n.Name) && !FunctionTable.TryGet(n.Name, out _) && !FunctionTable.Constants.ContainsKey(n.Name):
                    if (!order.Contains(n.Name))
                    {
                        order.Add(n.Name);
                    }

                    break;
                case UnarySyntax u:
                    Walk(u.Operand);
                    break;
                case BinarySyntax b:
                    Walk(b.Left);
                    Walk(b.Right);
                    break;
                case IndexSyntax ix:
                    if (ix.Target is NameSyntax target && !bound.Contains(target.Name))
                    {
                        matrices.Add(target.Name);
                    }

                    if (ix.Index is NameSyntax index && !bound.Contains(index.Name))
                    {
                        indices.Add(index.Name);
                    }

                    Walk(ix.Target);
                    Walk(ix.Index);
                    break;
                case CallSyntax c:
                    if (FunctionTable.TryGet(c.Name, out FunctionInfo f))
                    {
                        foreach (ExpressionSyntax a in c.Arguments)
                        {
                            if (a is NameSyntax arg && !bound.Contains(arg.Name))
                            {
                                int position = c.Arguments.IndexOf(a);
                                if (c.Name == "ctc" && position > 0)
                                {
                                    other[arg.Name] = position switch { 1 => ParamKind.IntTensor, 2 or 3 => ParamKind.Indices, 4 => ParamKind.Int, _ => ParamKind.Bool };
                                }
                                else if (c.Name is "ctc" or "emd_points")
                                {
                                    matrices.Add(arg.Name);
                                }
                                else if (f.Kind == FunctionKind.OneHot)
                                {
                                    indices.Add(arg.Name);
                                }
                                else if (RowArguments.Contains(f.Kind) && !(f.Kind == FunctionKind.NormP && a != c.Arguments[0]))
                                {
                                    matrices.Add(arg.Name);
                                }
                            }
                        }
                    }

                    foreach (ExpressionSyntax a in c.Arguments)
                    {
                        Walk(a);
                    }

                    break;
            }
        }

        foreach (BindingSyntax b in formula.Bindings)
        {
            Walk(b.Value);
            bound.Add(b.Name);
        }

        Walk(formula.Result);

        var items = ImmutableArray.CreateBuilder<ParamItem>();
        foreach (string name in order)
        {
            ParamKind kind = other.TryGetValue(name, out ParamKind k) ? k : indices.Contains(name) ? ParamKind.Indices : matrices.Contains(name) ? ParamKind.Matrix : ParamKind.Vector;
            items.Add(new ParamItem(name, kind, null, default));
        }

        // One gradient per real input, named d + its name, unless that name is taken (then the input has none).
        var names = new HashSet<string>(order);
        foreach (string name in order.Where(n => !indices.Contains(n) && !other.ContainsKey(n)))
        {
            string gradient = "d" + name;
            if (names.Add(gradient))
            {
                items.Add(new ParamItem(gradient, ParamKind.Grad, null, default));
            }
        }

        return new ParameterList(items.ToImmutable(), null);
    }

    /// <summary>
    /// The signature the generator would read from the C# declaration of these parameters, with per-element outputs
    /// as matrices when <paramref name="matrixLoss"/> is true.
    /// </summary>
    public LossSignature ToSignature(string methodName, ElementType element, bool matrixLoss)
    {
        ScalarType real = element == ElementType.Float ? ScalarType.Float : ScalarType.Double;
        var decls = Items.Select(i => ToDecl(i, real, matrixLoss)).ToEquatableArray();
        string keyword = element == ElementType.Float ? "float" : "double";
        return IsPerElement
            ? new LossSignature(methodName, ReturnKind.Void, "void", decls)
            : new LossSignature(methodName, element == ElementType.Float ? ReturnKind.Float : ReturnKind.Double, keyword, decls);
    }

    private ParameterDecl ToDecl(ParamItem item, ScalarType real, bool matrixLoss)
    {
        string t = real == ScalarType.Float ? "float" : "double";
        (ParameterForm form, ScalarType element, string display) = item.Kind switch
        {
            ParamKind.Vector or ParamKind.PerClass => (ParameterForm.ReadOnlySpan, real, $"ReadOnlySpan<{t}>"),
            ParamKind.Matrix => (ParameterForm.ReadOnlyTensorSpan, real, $"ReadOnlyTensorSpan<{t}>"),
            ParamKind.Indices => (ParameterForm.ReadOnlySpan, ScalarType.Int32, "ReadOnlySpan<int>"),
            ParamKind.Indices64 => (ParameterForm.ReadOnlySpan, ScalarType.Int64, "ReadOnlySpan<long>"),
            ParamKind.IntTensor => (ParameterForm.ReadOnlyTensorSpan, ScalarType.Int32, "ReadOnlyTensorSpan<int>"),
            ParamKind.Scalar => (ParameterForm.Scalar, real, t),
            ParamKind.Int => (ParameterForm.Scalar, ScalarType.Int32, "int"),
            ParamKind.Bool => (ParameterForm.Scalar, ScalarType.Boolean, "bool"),
            ParamKind.Grad => GradientTargetIsMatrix(item.Name) ? (ParameterForm.TensorSpan, real, $"TensorSpan<{t}>") : (ParameterForm.Span, real, $"Span<{t}>"),
            ParamKind.Loss => matrixLoss ? (ParameterForm.TensorSpan, real, $"TensorSpan<{t}>") : (ParameterForm.Span, real, $"Span<{t}>"),
            _ => matrixLoss ? (ParameterForm.ReadOnlyTensorSpan, real, $"ReadOnlyTensorSpan<{t}>") : (ParameterForm.ReadOnlySpan, real, $"ReadOnlySpan<{t}>"),
        };
        return new ParameterDecl(item.Name, form, element, display, IsPerClass: item.Kind == ParamKind.PerClass);
    }

    // The gradient dx of a matrix x is a TensorSpan; the generator matches dx to x, or dLogits to logits.
    private bool GradientTargetIsMatrix(string name)
    {
        if (name.Length < 2 || name[0] != 'd')
        {
            return false;
        }

        string rest = name.Substring(1);
        ParamItem? target = Find(rest) ?? Find(char.ToLowerInvariant(rest[0]) + rest.Substring(1));
        return target?.Kind == ParamKind.Matrix;
    }

    /// <summary>The C# declaration these parameters stand for, as a user would write it.</summary>
    public string Declaration(LossSignature signature)
    {
        var parts = new List<string>();
        for (int k = 0; k < Items.Length; k++)
        {
            ParamItem item = Items[k];
            ParameterDecl decl = signature.Parameters[k];
            string attribute = decl.IsPerClass ? "[PerClass] " : "";
            string defaultText = item.Default is null ? "" : " = " + CSharpLiteral(item, decl);
            parts.Add($"{attribute}{decl.TypeDisplay} {item.Name}{defaultText}");
        }

        return $"public static partial {signature.ReturnDisplay} {signature.MethodName}({string.Join(", ", parts)});";
    }

    /// <summary>The option's default as a C# literal of its type.</summary>
    public static string CSharpLiteral(ParamItem item, ParameterDecl decl) => decl.Element switch
    {
        ScalarType.Float => FormatReal(double.Parse(item.Default!, CultureInfo.InvariantCulture)) + "f",
        ScalarType.Double => FormatReal(double.Parse(item.Default!, CultureInfo.InvariantCulture)),
        ScalarType.Boolean => bool.Parse(item.Default!) ? "true" : "false",
        _ => int.Parse(item.Default!, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatReal(double v)
    {
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }

    private static void CheckDefault(string name, ParamKind kind, string value)
    {
        bool ok = kind switch
        {
            ParamKind.Scalar => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d),
            ParamKind.Int => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ParamKind.Bool => value is "true" or "false",
            _ => throw new UsageException($"--params: '{name}' is a {KindNames.First(k => k.Value == kind).Key}; only options (scalar, int, bool) take a default"),
        };
        if (!ok)
        {
            string expected = kind switch { ParamKind.Scalar => "a finite number", ParamKind.Int => "an integer", _ => "true or false" };
            throw new UsageException($"--params: the default of '{name}' is '{value}', which is not {expected}");
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
