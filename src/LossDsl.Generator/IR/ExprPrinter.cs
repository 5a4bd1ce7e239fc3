using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LossDsl.Generator.IR;

/// <summary>
/// Prints IR in the formula language, so a user reads a derived gradient as they would write it. Subexpressions used
/// more than once are named (<c>_1 = …;</c>) instead of repeated, so the text stays as small as the DAG. A column
/// count (<see cref="Op.Columns"/>) is <c>C</c>, the number of classes or features, or <c>M</c>, the length of the
/// pair axis (the rows of a pairwise function's second argument); column indices are <c>j</c> and <c>k</c>.
/// </summary>
internal static class ExprPrinter
{
    /// <summary>The name of the class axis's length.</summary>
    public const string ClassCount = "C";

    /// <summary>The name of the pair axis's length: the rows of a pairwise function's second argument.</summary>
    public const string PairCount = "M";

    /// <summary>Prints one expression.</summary>
    public static string Print(Expr root) => Print(new[] { root }, null)[0];

    /// <summary>
    /// Prints several expressions that may share subexpressions; shared ones are listed once in
    /// <paramref name="shared"/> (when given) and referred to by name.
    /// </summary>
    public static IReadOnlyList<string> Print(IReadOnlyList<Expr> roots, List<string>? shared)
    {
        var uses = new Dictionary<Expr, int>();
        foreach (Expr r in roots)
        {
            CountUses(r, uses);
        }

        var names = new Dictionary<Expr, string>();
        if (shared != null)
        {
            foreach (Expr e in uses.Where(kv => kv.Value > 1 && IsWorthNaming(kv.Key)).Select(kv => kv.Key).OrderBy(e => e.Id))
            {
                string text = Write(e, names, top: true);
                names[e] = "_" + (names.Count + 1).ToString(CultureInfo.InvariantCulture);
                shared.Add($"{names[e]} = {text}");
            }
        }

        return roots.Select(r => Write(r, names, top: true)).ToList();
    }

    private static bool IsWorthNaming(Expr e) => e.Args.Length > 0 && e.Op is not (Op.Negate or Op.ToReal);

    private static void CountUses(Expr e, Dictionary<Expr, int> uses)
    {
        uses.TryGetValue(e, out int n);
        uses[e] = n + 1;
        if (n == 0)
        {
            foreach (Expr a in e.Args)
            {
                CountUses(a, uses);
            }
        }
    }

    private static string Write(Expr e, Dictionary<Expr, string> names, bool top = false)
    {
        if (!top && names.TryGetValue(e, out string? name))
        {
            return name;
        }

        string Arg(Expr a, int minPrecedence)
        {
            string s = Write(a, names);
            return Precedence(a, names) < minPrecedence ? "(" + s + ")" : s;
        }

        int p = Precedence(e, names);
        switch (e.Op)
        {
            case Op.Constant:
                return FormatNumber(e.Value);
            case Op.Input when e.Kind == ValueKind.Integer && e.Shape.Equals(Shape.PairColumns):
                return e.Name + "[k]"; // labels read along the pair axis by same(y)
            case Op.Input:
            case Op.Option:
            case Op.Materialized:
                return e.Name!;
            case Op.RowIndex:
                return "i";
            case Op.Length:
                return "N";
            case Op.Columns:
                return ExprFactory.AxisOf(e) == Axis.Pair ? PairCount : ClassCount;
            case Op.ColumnIndex:
                return ExprFactory.AxisOf(e) == Axis.Pair ? "k" : "j";
            case Op.Gather:
                return Arg(e.A, 100) + "[" + Write(e.B, names) + "]";
            case Op.Add:
                return Arg(e.A, p) + " + " + Arg(e.B, p);
            case Op.Subtract:
                return Arg(e.A, p) + " - " + Arg(e.B, p + 1);
            case Op.Multiply:
                return Arg(e.A, p) + " * " + Arg(e.B, p);
            case Op.Divide:
                return Arg(e.A, p) + " / " + Arg(e.B, p + 1);
            case Op.Negate:
                return "-" + Arg(e.A, p + 1);
            case Op.Power:
                return Arg(e.A, p + 1) + "^" + Arg(e.B, p);
            case Op.Less:
                return Arg(e.A, p + 1) + " < " + Arg(e.B, p + 1);
            case Op.LessEqual:
                return Arg(e.A, p + 1) + " <= " + Arg(e.B, p + 1);
            case Op.Greater:
                return Arg(e.A, p + 1) + " > " + Arg(e.B, p + 1);
            case Op.GreaterEqual:
                return Arg(e.A, p + 1) + " >= " + Arg(e.B, p + 1);
            case Op.Equal:
                return Arg(e.A, p + 1) + " == " + Arg(e.B, p + 1);
            case Op.NotEqual:
                return Arg(e.A, p + 1) + " != " + Arg(e.B, p + 1);
            case Op.And:
                return Arg(e.A, p) + " & " + Arg(e.B, p);
            case Op.Or:
                return Arg(e.A, p) + " | " + Arg(e.B, p);
            case Op.Not:
                return "!" + Arg(e.A, p + 1);
            case Op.ToReal:
                return Write(e.A, names);
            default:
                var sb = new StringBuilder(OpInfo.FunctionName(e.Op)).Append('(');
                for (int k = 0; k < e.Args.Length; k++)
                {
                    sb.Append(k == 0 ? "" : ", ").Append(Write(e.Args[k], names));
                }

                return sb.Append(')').ToString();
        }
    }

    private static int Precedence(Expr e, Dictionary<Expr, string> names)
    {
        if (names.ContainsKey(e))
        {
            return 100;
        }

        return e.Op switch
        {
            Op.Or => 1,
            Op.And => 2,
            Op.Less or Op.LessEqual or Op.Greater or Op.GreaterEqual or Op.Equal or Op.NotEqual => 3,
            Op.Add or Op.Subtract => 4,
            Op.Multiply or Op.Divide => 5,
            Op.Negate or Op.Not => 6,
            Op.Power => 7,
            Op.Constant when e.Value < 0 => 6,
            Op.ToReal => Precedence(e.A, names),
            _ => 100,
        };
    }

    /// <summary>Formats a number as the shortest text that reads back to the same double.</summary>
    public static string FormatNumber(double v)
    {
        if (double.IsNaN(v))
        {
            return "nan";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
