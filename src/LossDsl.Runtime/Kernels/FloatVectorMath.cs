using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Kernels;

/// <summary>
/// Vector <c>exp</c> of float lanes computed in float: what the generated float kernels call instead of
/// <c>Vector128/256/512.Exp</c>, which (in .NET 10) widens every float vector to two double vectors, runs the double
/// algorithm and narrows back, about twice the work.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm: <c>n = round(x·log₂e)</c> (by adding 1.5·2²³, whose float ulp is 1, in a fused multiply-add);
/// <c>r = x − n·ln2</c> kept in two parts, <c>x − n·Ln2Hi</c> (exact by a fused multiply-add) and <c>−n·Ln2Lo</c>,
/// with ln2 = Ln2Hi + Ln2Lo in two floats; <c>eʳ − 1 − r</c> by r² times a degree-4 minimax polynomial (relative error
/// of eʳ 4.2·10⁻⁹ on [−ln2/2, ln2/2] with the coefficients in float), to which the small part of r is added before
/// the exact part; then <c>2ⁿ(1 + p)</c> in one fused multiply-add with <c>2ⁿ</c> built from exponent bits, so the
/// result is rounded once. Subnormal results (wide path, below) are rounded twice, to float then to the subnormal,
/// still within 1 ulp.
/// </para>
/// <para>
/// Measured accuracy (all 2,239,889,410 floats in [−104, 89], the range where the result is neither +0 nor +∞, against
/// <c>(float)Math.Exp((double)x)</c>, with the Vector256 and the Vector128 form; <c>--exp-accuracy</c> in
/// benchmarks/LossDsl.Benchmarks, docs/benchmarks.md): at most 1 ulp from the correctly rounded result everywhere,
/// subnormal results included; at most 0.875 ulp from the exact value; 99.20% of those floats, and 92.64% of the ones
/// with |x| ≥ 2⁻⁸, give the correctly rounded result. (.NET 10's <c>Vector256.Exp</c>, same check: 2 ulp at most,
/// 2.27 ulp from the exact value, 7.04% and 40.11% correctly rounded.)
/// </para>
/// <para>
/// Special values are those of <see cref="MathF.Exp(float)"/>: NaN gives NaN, +∞ gives +∞, −∞ gives +0,
/// exp(±0) = 1 exactly, x above 88.72283 (where e^x rounds past <see cref="float.MaxValue"/>) gives +∞, results
/// below 2⁻¹²⁶ (x below about −87.34) are subnormal rather than flushed to zero, and x below about −103.97 gives +0.
/// </para>
/// <para>
/// Every step is a correctly rounded IEEE operation or a fused multiply-add (<c>FusedMultiplyAdd</c>, always fused,
/// never <c>MultiplyAddEstimate</c>), so a lane's result does not depend on the CPU, the vector width or the other
/// lanes. On x86 without FMA the fused multiply-adds are emulated in software (correct, but far slower than
/// .NET's <c>Exp</c>); every x64 CPU with AVX2 and every Arm64 CPU has them. A vector with a lane |x| &gt; 86.5 or NaN
/// takes a wide path (one branch per call, inlined: a dozen more instructions) that scales by 2ⁿ in two steps and
/// sets +0, +∞ and NaN.
/// </para>
/// </remarks>
public static class FloatVectorMath
{
    // log₂e and ln2 = Ln2Hi + Ln2Lo, each rounded to float.
    private const float Log2E = 1.44269502f;
    private const float Ln2Hi = 0.693147182f;
    private const float Ln2Lo = -1.90465421e-09f;

    // 1.5·2²³: adding it rounds a value below 2²² in magnitude to an integer, which lands in the low mantissa bits.
    private const float RoundShift = 12582912f;
    private const int RoundShiftBits = 0x4B400000;

    // Above this |x| (or for NaN) the vector takes the wide path: below it |n| ≤ 125, so 2ⁿ is a normal float and
    // 2ⁿ(1 + p) ≥ 0.7·2⁻¹²⁵ is normal too (both paths give identical results there).
    private const float FastLimit = 86.5f;

    // Between these the wide path computes exp (it rounds to +0 below −103.97… and to +∞ above 88.72… by itself, and
    // n stays far from int overflow); beyond them it returns +0 or +∞ without looking at the computed value.
    private const float WideLow = -110f;
    private const float WideHigh = 100f;

    // eʳ ≈ 1 + r + r²(C0 + C1 r + C2 r² + C3 r³ + C4 r⁴): a Remez exchange (50-digit arithmetic) minimising the
    // relative error of eʳ on [−1.002·ln2/2, 1.002·ln2/2] (the margin covers n rounded from x·Log2E), then each
    // coefficient rounded to float: 3.1·10⁻⁹ before rounding, 4.2·10⁻⁹ after.
    private const float C0 = 0.49999994f;
    private const float C1 = 0.16666520f;
    private const float C2 = 0.041668400f;
    private const float C3 = 0.0083688507f;
    private const float C4 = 0.0013814321f;

    private const int OneBits = 0x3F800000;
    private const int AbsMask = 0x7FFFFFFF;
    private const int ExponentBias = 127;
    private const int MantissaBits = 23;

    /// <summary>e raised to each lane of <paramref name="x"/>, in float arithmetic.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>
    /// e^x per lane, within 1 ulp of the correctly rounded result for every float (subnormal results included);
    /// special values as <see cref="MathF.Exp(float)"/>. See <see cref="FloatVectorMath"/> for the measurement.
    /// </returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> z = Vector128.FusedMultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(RoundShift));
        Vector128<float> p = ExpMinusOne(x, z - Vector128.Create(RoundShift));
        if (Vector128.GreaterThanAny(x.AsInt32() & Vector128.Create(AbsMask), Vector128.Create(FastLimit).AsInt32()))
        {
            return ScaleWide(x, z, p);
        }

        Vector128<float> scale = (Vector128.ShiftLeft(z.AsInt32(), MantissaBits) + Vector128.Create(OneBits)).AsSingle();
        return Vector128.FusedMultiplyAdd(p, scale, scale);
    }

    /// <inheritdoc cref="Exp(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> z = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundShift));
        Vector256<float> p = ExpMinusOne(x, z - Vector256.Create(RoundShift));
        if (Vector256.GreaterThanAny(x.AsInt32() & Vector256.Create(AbsMask), Vector256.Create(FastLimit).AsInt32()))
        {
            return ScaleWide(x, z, p);
        }

        Vector256<float> scale = (Vector256.ShiftLeft(z.AsInt32(), MantissaBits) + Vector256.Create(OneBits)).AsSingle();
        return Vector256.FusedMultiplyAdd(p, scale, scale);
    }

    /// <inheritdoc cref="Exp(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> z = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundShift));
        Vector512<float> p = ExpMinusOne(x, z - Vector512.Create(RoundShift));
        if (Vector512.GreaterThanAny(x.AsInt32() & Vector512.Create(AbsMask), Vector512.Create(FastLimit).AsInt32()))
        {
            return ScaleWide(x, z, p);
        }

        Vector512<float> scale = (Vector512.ShiftLeft(z.AsInt32(), MantissaBits) + Vector512.Create(OneBits)).AsSingle();
        return Vector512.FusedMultiplyAdd(p, scale, scale);
    }

    // e^(x − n·ln2) − 1 for |x| ≤ 110 and integral n with |x − n·ln2| ≤ ln2/2 (plus a rounding).
    // rHi = x − n·Ln2Hi is exact: n·Ln2Hi is a multiple of 2⁻²⁴, x one of 2⁻²⁵ once n ≠ 0 (|x| > 0.34), and the
    // difference is below 0.5, so it fits 24 bits. The rest, c = −n·Ln2Lo (at most 2.4·10⁻⁷), is added to the small
    // polynomial term rather than to r, so r's rounding reaches only the polynomial (|eʳ − 1 − r| < 0.07).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpMinusOne(Vector128<float> x, Vector128<float> n)
    {
        Vector128<float> rHi = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), x);
        Vector128<float> c = n * Vector128.Create(-Ln2Lo);
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), rHi);
        Vector128<float> poly = Vector128.FusedMultiplyAdd(Vector128.Create(C4), r, Vector128.Create(C3));
        poly = Vector128.FusedMultiplyAdd(poly, r, Vector128.Create(C2));
        poly = Vector128.FusedMultiplyAdd(poly, r, Vector128.Create(C1));
        poly = Vector128.FusedMultiplyAdd(poly, r, Vector128.Create(C0));
        return rHi + Vector128.FusedMultiplyAdd(r * r, poly, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpMinusOne(Vector256<float> x, Vector256<float> n)
    {
        Vector256<float> rHi = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), x);
        Vector256<float> c = n * Vector256.Create(-Ln2Lo);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), rHi);
        Vector256<float> poly = Vector256.FusedMultiplyAdd(Vector256.Create(C4), r, Vector256.Create(C3));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(C2));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(C1));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(C0));
        return rHi + Vector256.FusedMultiplyAdd(r * r, poly, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpMinusOne(Vector512<float> x, Vector512<float> n)
    {
        Vector512<float> rHi = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), x);
        Vector512<float> c = n * Vector512.Create(-Ln2Lo);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), rHi);
        Vector512<float> poly = Vector512.FusedMultiplyAdd(Vector512.Create(C4), r, Vector512.Create(C3));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(C2));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(C1));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(C0));
        return rHi + Vector512.FusedMultiplyAdd(r * r, poly, c);
    }

    // 2ⁿ(1 + p) for a vector with a lane beyond ±FastLimit or NaN: 2ⁿ applied as 2^(n − n/2)·2^(n/2) so that neither
    // factor over- or underflows: the first product is normal and finite, and the second rounds once more, to a
    // subnormal, +0 or +∞ where the result is one. Lanes beyond [WideLow, WideHigh] (where n, r and p are meaningless)
    // and NaN are replaced. Lanes within ±FastLimit get the fast path's value: their second factor multiplies a normal
    // number by a power of two exactly. Inlined (a call here would make the JIT keep the caller's vectors in memory
    // around it, also on the fast path); it is a dozen instructions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ScaleWide(Vector128<float> x, Vector128<float> z, Vector128<float> p)
    {
        Vector128<int> n = z.AsInt32() - Vector128.Create(RoundShiftBits);
        Vector128<int> half = Vector128.ShiftRightArithmetic(n, 1);
        Vector128<float> scale1 = Vector128.ShiftLeft(n - half + Vector128.Create(ExponentBias), MantissaBits).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(half + Vector128.Create(ExponentBias), MantissaBits).AsSingle();
        Vector128<float> y = Vector128.FusedMultiplyAdd(p, scale1, scale1) * scale2;
        y = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(WideHigh)), Vector128.Create(float.PositiveInfinity), y);
        y = Vector128.AndNot(y, Vector128.LessThan(x, Vector128.Create(WideLow)));
        return Vector128.ConditionalSelect(Vector128.IsNaN(x), x, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScaleWide(Vector256<float> x, Vector256<float> z, Vector256<float> p)
    {
        Vector256<int> n = z.AsInt32() - Vector256.Create(RoundShiftBits);
        Vector256<int> half = Vector256.ShiftRightArithmetic(n, 1);
        Vector256<float> scale1 = Vector256.ShiftLeft(n - half + Vector256.Create(ExponentBias), MantissaBits).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(half + Vector256.Create(ExponentBias), MantissaBits).AsSingle();
        Vector256<float> y = Vector256.FusedMultiplyAdd(p, scale1, scale1) * scale2;
        y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(WideHigh)), Vector256.Create(float.PositiveInfinity), y);
        y = Vector256.AndNot(y, Vector256.LessThan(x, Vector256.Create(WideLow)));
        return Vector256.ConditionalSelect(Vector256.IsNaN(x), x, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ScaleWide(Vector512<float> x, Vector512<float> z, Vector512<float> p)
    {
        Vector512<int> n = z.AsInt32() - Vector512.Create(RoundShiftBits);
        Vector512<int> half = Vector512.ShiftRightArithmetic(n, 1);
        Vector512<float> scale1 = Vector512.ShiftLeft(n - half + Vector512.Create(ExponentBias), MantissaBits).AsSingle();
        Vector512<float> scale2 = Vector512.ShiftLeft(half + Vector512.Create(ExponentBias), MantissaBits).AsSingle();
        Vector512<float> y = Vector512.FusedMultiplyAdd(p, scale1, scale1) * scale2;
        y = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(WideHigh)), Vector512.Create(float.PositiveInfinity), y);
        y = Vector512.AndNot(y, Vector512.LessThan(x, Vector512.Create(WideLow)));
        return Vector512.ConditionalSelect(Vector512.IsNaN(x), x, y);
    }
}
