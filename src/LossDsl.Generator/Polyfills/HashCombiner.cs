namespace LossDsl.Generator;

/// <summary>A small, deterministic hash combiner (netstandard2.0 has no System.HashCode).</summary>
internal static class HashCombiner
{
    public static int Combine(int h1, int h2)
    {
        unchecked
        {
            uint rol = ((uint)h1 << 5) | ((uint)h1 >> 27);
            return ((int)rol + h1) ^ h2;
        }
    }

    public static int Combine(int h1, int h2, int h3, int h4) => Combine(Combine(Combine(h1, h2), h3), h4);
}
