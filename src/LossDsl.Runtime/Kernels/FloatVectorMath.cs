using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossDsl.Kernels;

/// <summary>
/// Vector <c>exp</c> and <c>log</c> of float lanes computed in float: what the generated float kernels call instead of
/// <c>Vector128/256/512.Exp</c> and <c>Log</c>. .NET 10's float exp widens every float vector to two double vectors,
/// runs the double algorithm and narrows back, about twice the work; its float log is computed in float but is not
/// inlined, so a loop that calls it keeps its live vectors in memory around the call. Both functions here are
/// inlined.
/// </summary>
/// <remarks>
/// <para>
/// Exp's algorithm: <c>n = round(x·log₂e)</c> (by adding 1.5·2²³, whose float ulp is 1, in a fused multiply-add);
/// <c>r = x − n·ln2</c> kept in two parts, <c>x − n·Ln2Hi</c> (exact by a fused multiply-add) and <c>−n·Ln2Lo</c>,
/// with ln2 = Ln2Hi + Ln2Lo in two floats; <c>eʳ − 1 − r</c> by r² times a degree-4 minimax polynomial (relative error
/// of eʳ 4.2·10⁻⁹ on [−ln2/2, ln2/2] with the coefficients in float), to which the small part of r is added before
/// the exact part; then <c>2ⁿ(1 + p)</c> in one fused multiply-add with <c>2ⁿ</c> built from exponent bits, so the
/// result is rounded once. Subnormal results (wide path, below) are rounded twice, to float then to the subnormal,
/// still within 1 ulp.
/// </para>
/// <para>
/// Exp's measured accuracy (all 2,239,889,410 floats in [−104, 89], the range where the result is neither +0 nor +∞,
/// against <c>(float)Math.Exp((double)x)</c>, with the Vector256 and the Vector128 form; <c>--exp-accuracy</c> in
/// benchmarks/LossDsl.Benchmarks, docs/benchmarks.md): at most 1 ulp from the correctly rounded result everywhere,
/// subnormal results included; at most 0.875 ulp from the exact value; 99.20% of those floats, and 92.64% of the ones
/// with |x| ≥ 2⁻⁸, give the correctly rounded result. (.NET 10's <c>Vector256.Exp</c>, same check: 2 ulp at most,
/// 2.27 ulp from the exact value, 7.04% and 40.11% correctly rounded.)
/// </para>
/// <para>
/// Exp's special values are those of <see cref="MathF.Exp(float)"/>: NaN gives NaN, +∞ gives +∞, −∞ gives +0,
/// exp(±0) = 1 exactly, x above 88.72283 (where e^x rounds past <see cref="float.MaxValue"/>) gives +∞, results
/// below 2⁻¹²⁶ (x below about −87.34) are subnormal rather than flushed to zero, and x below about −103.97 gives +0.
/// </para>
/// <para>
/// Log's algorithm: <c>x = 2ᵏ·m</c> with m in [√½, √2), both read from the bits (a subnormal x is first scaled by
/// 2²³, exactly); <c>f = m − 1</c>, exact; <c>ln(1 + f) = f + f²·Q(f)</c> with Q a degree-8 minimax polynomial
/// (relative error of ln(1 + f) 5.1·10⁻⁹ on [√½ − 1, √2 − 1] with the coefficients in float); <c>k·ln2 + f</c> in
/// two parts, its rounded value and its rounding error (exact, by a fused multiply-add and a subtraction), with ln2
/// split in two floats so that k times the first is exact; the small terms are added first and the rounded value last.
/// </para>
/// <para>
/// Log's measured accuracy (all 2,139,095,039 positive finite floats, subnormals included, against
/// <c>(float)Math.Log((double)x)</c>, with the Vector256 and the Vector128 form; <c>--log-accuracy</c>,
/// docs/benchmarks.md): at most 1 ulp from the correctly rounded result everywhere; at most 0.876 ulp from the exact
/// value; 99.90% of those floats, and 95.59% of the ones in [1/2, 2), give the correctly rounded result. (.NET 10's
/// <c>Vector256.Log</c>, same check: 2 ulp at most, 2.45 ulp from the exact value, 96.40% and 72.23% correctly
/// rounded.)
/// </para>
/// <para>
/// Log's special values are those of <see cref="MathF.Log(float)"/>: ln(±0) = −∞, ln(+∞) = +∞, ln 1 = +0 exactly,
/// and NaN for NaN and for every x below zero (−∞ and negative subnormals included).
/// </para>
/// <para>
/// Every step is a correctly rounded IEEE operation or a fused multiply-add (<c>FusedMultiplyAdd</c>, always fused,
/// never <c>MultiplyAddEstimate</c>), so a lane's result does not depend on the CPU, the vector width or the other
/// lanes. On x86 without FMA the fused multiply-adds are emulated in software (correct, but far slower than
/// .NET's <c>Exp</c> and <c>Log</c>); every x64 CPU with AVX2 and every Arm64 CPU has them. Rare lanes take a wide
/// path, inlined and branched over once per call: for exp, a vector with a lane |x| &gt; 86.5 or NaN (a dozen more
/// instructions, which scale by 2ⁿ in two steps and set +0, +∞ and NaN); for log, a vector with a lane that is not a
/// positive normal float (zero, subnormal, negative, ∞ or NaN: a few instructions before the common code, which
/// rescale subnormal lanes, and a few after, which set −∞, +∞ and NaN).
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

    // log: x = 2ᵏ·m with m in [LogOffset, 2·LogOffset), LogOffset = √½ rounded to float (0.70710677), read from the bits:
    // k = (bits − LogOffsetBits) >> 23 (arithmetic) and m's bits = bits − k·2²³.
    private const int LogOffsetBits = 0x3F3504F3;
    private const int ExponentField = unchecked((int)0xFF800000);

    // ln2 = LogLn2Hi + LogLn2Lo: LogLn2Hi has 15 significant bits (22713·2⁻¹⁵), so k·LogLn2Hi is exact for |k| < 2⁹
    // (here |k| ≤ 149).
    private const float LogLn2Hi = 0.693145751953125f;
    private const float LogLn2Lo = 1.42860677e-06f;

    // bits + NotNormalShift > NotNormalLimit (signed, wrapping) exactly when x is not a positive normal float: zero,
    // subnormal, negative, ±∞ or NaN. (It is the unsigned test bits − 2²³ ≥ 0x7F000000 with both sides shifted by 2³¹.)
    private const int NotNormalShift = 0x7F800000;
    private const int NotNormalLimit = -16777217;

    // 2²³: a positive subnormal times this is normal and exact; its bits minus 23·2²³ are x's with the exponent
    // field extended below zero.
    private const float SubnormalScale = 8388608f;
    private const int SubnormalExponentBits = 23 << MantissaBits;
    private const int SmallestNormalBits = 0x00800000;

    // log(1 + f) ≈ f + f²(L0 + L1 f + … + L8 f⁸) on f in [√½ − 1, √2 − 1]: a Remez exchange (40-digit arithmetic)
    // minimising the relative error of log(1 + f), then each coefficient rounded to float: 4.1·10⁻⁹ before rounding,
    // 5.1·10⁻⁹ after.
    private const float L0 = -0.499999881f;
    private const float L1 = 0.333333254f;
    private const float L2 = -0.250015825f;
    private const float L3 = 0.200019732f;
    private const float L4 = -0.166090831f;
    private const float L5 = 0.141818255f;
    private const float L6 = -0.132429883f;
    private const float L7 = 0.129044339f;
    private const float L8 = -0.076217778f;

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

    /// <summary>The natural logarithm of each lane of <paramref name="x"/>, in float arithmetic.</summary>
    /// <param name="x">The values.</param>
    /// <returns>
    /// ln x per lane, within 1 ulp of the correctly rounded result for every positive float (subnormal inputs
    /// included); special values as <see cref="MathF.Log(float)"/>. See <see cref="FloatVectorMath"/> for the measurement.
    /// </returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log(Vector128<float> x)
    {
        // Vectors with a lane that is not a positive normal float take two short detours around the common code
        // (rather than a copy of it, which made the JIT spill more in the loops that inline it): before it, subnormal
        // lanes are rescaled by 2²³ and their exponent bits lowered by 23 (a biased exponent of −22 to 0, which the
        // reduction's arithmetic shift turns into k = −149 to −127); after it, zero, +∞, negative and NaN lanes are
        // set. Normal lanes go through the same operations either way.
        Vector128<int> bits = x.AsInt32();
        bool wide = Vector128.GreaterThanAny(bits + Vector128.Create(NotNormalShift), Vector128.Create(NotNormalLimit));
        if (wide)
        {
            Vector128<int> rescaled = (x * Vector128.Create(SubnormalScale)).AsInt32() - Vector128.Create(SubnormalExponentBits);
            bits = Vector128.ConditionalSelect(Vector128.LessThan(bits, Vector128.Create(SmallestNormalBits)), rescaled, bits);
        }

        Vector128<float> y = LogOfNormal(bits);
        if (wide)
        {
            y = Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<float>.Zero), Vector128.Create(float.NegativeInfinity), y);
            y = Vector128.ConditionalSelect(Vector128.Equals(x, Vector128.Create(float.PositiveInfinity)), x, y);
            y |= ~Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero);
        }

        return y;
    }

    /// <inheritdoc cref="Log(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        Vector256<int> bits = x.AsInt32();
        bool wide = Vector256.GreaterThanAny(bits + Vector256.Create(NotNormalShift), Vector256.Create(NotNormalLimit));
        if (wide)
        {
            Vector256<int> rescaled = (x * Vector256.Create(SubnormalScale)).AsInt32() - Vector256.Create(SubnormalExponentBits);
            bits = Vector256.ConditionalSelect(Vector256.LessThan(bits, Vector256.Create(SmallestNormalBits)), rescaled, bits);
        }

        Vector256<float> y = LogOfNormal(bits);
        if (wide)
        {
            y = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity), y);
            y = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), x, y);
            y |= ~Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero);
        }

        return y;
    }

    /// <inheritdoc cref="Log(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<int> bits = x.AsInt32();
        bool wide = Vector512.GreaterThanAny(bits + Vector512.Create(NotNormalShift), Vector512.Create(NotNormalLimit));
        if (wide)
        {
            Vector512<int> rescaled = (x * Vector512.Create(SubnormalScale)).AsInt32() - Vector512.Create(SubnormalExponentBits);
            bits = Vector512.ConditionalSelect(Vector512.LessThan(bits, Vector512.Create(SmallestNormalBits)), rescaled, bits);
        }

        Vector512<float> y = LogOfNormal(bits);
        if (wide)
        {
            y = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity), y);
            y = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(float.PositiveInfinity)), x, y);
            y |= ~Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero);
        }

        return y;
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

    // ln x for the bits of a positive normal float (or of a subnormal one rescaled as in Log). f = m − 1 is exact
    // (Sterbenz). hi = k·LogLn2Hi + f rounded, and its rounding error, err, exactly (Fast2Sum: k·LogLn2Hi is exact and,
    // when k ≠ 0, larger than |f|); the rest, k·LogLn2Lo + err + f²·Q(f), is added last, so the result is rounded once
    // more after the small terms and hi's rounding no longer counts. For k = 0 (x in [0.7071, 1.4142)) hi = f and
    // log 1 = +0 exactly.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LogOfNormal(Vector128<int> bits)
    {
        Vector128<int> shifted = bits - Vector128.Create(LogOffsetBits);
        Vector128<float> k = Vector128.ConvertToSingle(Vector128.ShiftRightArithmetic(shifted, MantissaBits));
        Vector128<float> f = (bits - (shifted & Vector128.Create(ExponentField))).AsSingle() - Vector128<float>.One;
        Vector128<float> q = Vector128.FusedMultiplyAdd(Vector128.Create(L8), f, Vector128.Create(L7));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L6));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L5));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L4));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L3));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L2));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L1));
        q = Vector128.FusedMultiplyAdd(q, f, Vector128.Create(L0));
        Vector128<float> hi = Vector128.FusedMultiplyAdd(k, Vector128.Create(LogLn2Hi), f);
        Vector128<float> err = f + Vector128.FusedMultiplyAdd(k, Vector128.Create(LogLn2Hi), -hi);
        Vector128<float> lo = Vector128.FusedMultiplyAdd(k, Vector128.Create(LogLn2Lo), err);
        return hi + Vector128.FusedMultiplyAdd(f * f, q, lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogOfNormal(Vector256<int> bits)
    {
        Vector256<int> shifted = bits - Vector256.Create(LogOffsetBits);
        Vector256<float> k = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(shifted, MantissaBits));
        Vector256<float> f = (bits - (shifted & Vector256.Create(ExponentField))).AsSingle() - Vector256<float>.One;
        Vector256<float> q = Vector256.FusedMultiplyAdd(Vector256.Create(L8), f, Vector256.Create(L7));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L6));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L5));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L4));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L3));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L2));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L1));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(L0));
        Vector256<float> hi = Vector256.FusedMultiplyAdd(k, Vector256.Create(LogLn2Hi), f);
        Vector256<float> err = f + Vector256.FusedMultiplyAdd(k, Vector256.Create(LogLn2Hi), -hi);
        Vector256<float> lo = Vector256.FusedMultiplyAdd(k, Vector256.Create(LogLn2Lo), err);
        return hi + Vector256.FusedMultiplyAdd(f * f, q, lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogOfNormal(Vector512<int> bits)
    {
        Vector512<int> shifted = bits - Vector512.Create(LogOffsetBits);
        Vector512<float> k = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(shifted, MantissaBits));
        Vector512<float> f = (bits - (shifted & Vector512.Create(ExponentField))).AsSingle() - Vector512<float>.One;
        Vector512<float> q = Vector512.FusedMultiplyAdd(Vector512.Create(L8), f, Vector512.Create(L7));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L6));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L5));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L4));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L3));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L2));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L1));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(L0));
        Vector512<float> hi = Vector512.FusedMultiplyAdd(k, Vector512.Create(LogLn2Hi), f);
        Vector512<float> err = f + Vector512.FusedMultiplyAdd(k, Vector512.Create(LogLn2Hi), -hi);
        Vector512<float> lo = Vector512.FusedMultiplyAdd(k, Vector512.Create(LogLn2Lo), err);
        return hi + Vector512.FusedMultiplyAdd(f * f, q, lo);
    }
}
