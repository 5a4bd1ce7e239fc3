using System.Globalization;
using LossDsl.Generator.IR;

namespace LossDsl.Generator.Emission;

/// <summary>
/// How per-element code is spelled at one width: scalar (the tail, and CPUs without SIMD) or one of Vector128/256/512.
/// The kernel emitter writes each node once through a dialect, so the four paths cannot drift apart.
/// </summary>
internal sealed class Dialect
{
    private Dialect(string vectorClass, bool isFloat)
    {
        VectorClass = vectorClass;
        IsFloat = isFloat;
        T = isFloat ? "float" : "double";
    }

    /// <summary>"Vector128", "Vector256", "Vector512", or "" for scalar code.</summary>
    public string VectorClass { get; }

    public bool IsScalar => VectorClass.Length == 0;

    /// <summary>The vector's width in bits (128, 256, 512); 0 for scalar code.</summary>
    public int Bits => IsScalar ? 0 : int.Parse(VectorClass.Substring("Vector".Length), CultureInfo.InvariantCulture);

    public bool IsFloat { get; }

    /// <summary>The element keyword.</summary>
    public string T { get; }

    /// <summary>The type of a per-element real value.</summary>
    public string RealType => IsScalar ? T : $"{VectorClass}<{T}>";

    /// <summary>The type of a per-element mask.</summary>
    public string MaskType => IsScalar ? "bool" : RealType;

    /// <summary>The type a sum is accumulated in across blocks: double lanes for float (see the block flush).</summary>
    public string TotalType => IsScalar ? "double" : $"{VectorClass}<double>";

    /// <summary>The name used in step-method names.</summary>
    public string Name => IsScalar ? "Scalar" : VectorClass;

    public static Dialect Scalar(bool isFloat) => new("", isFloat);

    public static Dialect Vector(int bits, bool isFloat) => new("Vector" + bits.ToString(CultureInfo.InvariantCulture), isFloat);

    public string Literal(double value)
    {
        string scalar;
        if (double.IsNaN(value))
        {
            scalar = $"{T}.NaN";
        }
        else if (double.IsInfinity(value) || (IsFloat && float.IsInfinity((float)value)))
        {
            // A double constant beyond float's range rounds to ±∞ in a float kernel, exactly as a float cast would.
            scalar = value > 0 ? $"{T}.PositiveInfinity" : $"{T}.NegativeInfinity";
        }
        else
        {
            scalar = IsFloat
                ? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"
                : value.ToString("R", CultureInfo.InvariantCulture) + "d";
            if (scalar.StartsWith("-", System.StringComparison.Ordinal))
            {
                scalar = "(" + scalar + ")";
            }
        }

        return IsScalar ? scalar : $"{VectorClass}.Create({scalar})";
    }

    /// <summary>Statements that declare <paramref name="target"/> as the element(s) of an input at index <c>i</c>.</summary>
    public string[] Load(string target, string reference, bool isInteger, string i = "i", bool isLong = false)
    {
        if (IsScalar)
        {
            return new[] { $"{T} {target} = Unsafe.Add(ref {reference}, {i});" };
        }

        if (!isInteger)
        {
            return new[] { $"{RealType} {target} = {VectorClass}.LoadUnsafe(ref {reference}, {i});" };
        }

        if (isLong)
        {
            if (!IsFloat)
            {
                return new[] { $"{RealType} {target} = {VectorClass}.ConvertToDouble({VectorClass}.LoadUnsafe(ref {reference}, {i}));" };
            }

            // n floats need n longs: two long vectors, converted to double (exact below 2^53) and narrowed once.
            return new[]
            {
                $"{RealType} {target} = {VectorClass}.Narrow({VectorClass}.ConvertToDouble({VectorClass}.LoadUnsafe(ref {reference}, {i})), " +
                $"{VectorClass}.ConvertToDouble({VectorClass}.LoadUnsafe(ref {reference}, {i} + (nuint){VectorClass}<long>.Count)));",
            };
        }

        if (IsFloat)
        {
            return new[] { $"{RealType} {target} = {VectorClass}.ConvertToSingle({VectorClass}.LoadUnsafe(ref {reference}, {i}));" };
        }

        // A vector of n doubles needs n ints: load the half-width int vector and widen it to longs.
        string half = VectorClass switch { "Vector128" => "Vector64", "Vector256" => "Vector128", _ => "Vector256" };
        return new[]
        {
            $"{half}<int> {target}Int = {half}.LoadUnsafe(ref {reference}, {i});",
            $"{RealType} {target} = {VectorClass}.ConvertToDouble({VectorClass}.Create({half}.WidenLower({target}Int), {half}.WidenUpper({target}Int)));",
        };
    }

    /// <summary>The column indices j, j + 1, … of the lanes, as reals.</summary>
    public string ColumnIndex(string j) => IsScalar ? $"({T}){j}" : $"{RealType}.Indices + {VectorClass}.Create(({T}){j})";

    /// <summary>Statements that add <paramref name="value"/> into a double buffer at index <paramref name="j"/> (float lanes widened).</summary>
    public string[] AccumulateDouble(string value, string buffer, string j, Op op = Op.ColumnSum)
    {
        // A column sum adds; a column min or max keeps the extreme (IEEE Min/Max: NaN propagates).
        string Combine(string old, string v) => op == Op.ColumnSum ? $"{old} + {v}"
            : IsScalar ? $"double.{(op == Op.ColumnMin ? "Min" : "Max")}({old}, {v})"
            : $"{VectorClass}.{(op == Op.ColumnMin ? "Min" : "Max")}({old}, {v})";
        if (IsScalar)
        {
            return new[] { $"Unsafe.Add(ref {buffer}, {j}) = {Combine($"Unsafe.Add(ref {buffer}, {j})", value)};" };
        }

        if (!IsFloat)
        {
            return new[] { $"{VectorClass}.StoreUnsafe({Combine($"{VectorClass}.LoadUnsafe(ref {buffer}, {j})", value)}, ref {buffer}, {j});" };
        }

        string upper = $"{j} + (nuint){VectorClass}<double>.Count";
        return new[]
        {
            $"{VectorClass}.StoreUnsafe({Combine($"{VectorClass}.LoadUnsafe(ref {buffer}, {j})", $"{VectorClass}.WidenLower({value})")}, ref {buffer}, {j});",
            $"{VectorClass}.StoreUnsafe({Combine($"{VectorClass}.LoadUnsafe(ref {buffer}, {upper})", $"{VectorClass}.WidenUpper({value})")}, ref {buffer}, {upper});",
        };
    }

    public string Store(string value, string reference) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, i) = {value};" : $"{VectorClass}.StoreUnsafe({value}, ref {reference}, i);";

    /// <summary>Spells a non-leaf operation applied to already-named operands.</summary>
    public string Operation(Op op, string[] a) => op switch
    {
        Op.Add => $"{a[0]} + {a[1]}",
        Op.Subtract => $"{a[0]} - {a[1]}",
        Op.Multiply => $"{a[0]} * {a[1]}",
        Op.Divide => $"{a[0]} / {a[1]}",
        Op.Negate => $"-{a[0]}",
        Op.MultiplyAdd => $"{Fn("MultiplyAddEstimate")}({a[0]}, {a[1]}, {a[2]})",
        Op.Abs => $"{Fn("Abs")}({a[0]})",
        Op.Sqrt => $"{Fn("Sqrt")}({a[0]})",
        // Float vectors use LossDsl's own float exp and log (LossDsl.Kernels.FloatVectorMath: within 1 ulp, inlined
        // where .NET 10's are calls; its exp is about half the work of .NET's, which widens to double); double vectors
        // and scalar code keep .NET's.
        Op.Exp => !IsScalar && IsFloat ? $"FloatVectorMath.Exp({a[0]})" : $"{Fn("Exp")}({a[0]})",
        Op.Log => !IsScalar && IsFloat ? $"FloatVectorMath.Log({a[0]})" : $"{Fn("Log")}({a[0]})",
        Op.Truncate => $"{Fn("Truncate")}({a[0]})",
        Op.Min => $"{Fn("Min")}({a[0]}, {a[1]})",
        Op.Max => $"{Fn("Max")}({a[0]}, {a[1]})",
        Op.Less => Compare("<", "LessThan", a),
        Op.LessEqual => Compare("<=", "LessThanOrEqual", a),
        Op.Greater => Compare(">", "GreaterThan", a),
        Op.GreaterEqual => Compare(">=", "GreaterThanOrEqual", a),
        Op.Equal => Compare("==", "Equals", a),
        Op.NotEqual => IsScalar ? $"{a[0]} != {a[1]}" : $"~{VectorClass}.Equals({a[0]}, {a[1]})",
        Op.And => $"{a[0]} & {a[1]}",
        Op.Or => $"{a[0]} | {a[1]}",
        Op.Not => IsScalar ? $"!{a[0]}" : $"~{a[0]}",
        Op.Where => IsScalar ? $"{a[0]} ? {a[1]} : {a[2]}" : $"{VectorClass}.ConditionalSelect({a[0]}, {a[1]}, {a[2]})",
        _ => throw new System.InvalidOperationException($"{op} reaches the emitter un-lowered."),
    };

    /// <summary>A mask used as a number: 1 where set, 0 elsewhere.</summary>
    public string MaskToReal(string mask) => IsScalar ? $"{mask} ? 1{Suffix} : 0{Suffix}" : $"{mask} & {RealType}.One";

    /// <summary>Broadcasts a loop-invariant real or mask to this width.</summary>
    public string Broadcast(string scalar, ValueKind kind) =>
        IsScalar ? scalar : kind == ValueKind.Mask ? $"{scalar} ? {RealType}.AllBitsSet : {RealType}.Zero" : $"{VectorClass}.Create({scalar})";

    private string Suffix => IsFloat ? "f" : "d";

    /// <summary>A static function of this width's type: <c>float.Max</c> in scalar code, <c>Vector256.Max</c> at 256 bits.</summary>
    public string Fn(string name) => IsScalar ? $"{T}.{name}" : $"{VectorClass}.{name}";

    private string Compare(string symbol, string method, string[] a) =>
        IsScalar ? $"{a[0]} {symbol} {a[1]}" : $"{VectorClass}.{method}({a[0]}, {a[1]})";
}
