using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LossDsl.Samples.Iris;

/// <summary>Flowers as a row-major (Count, 4) matrix of measurements and one species index (0, 1, 2) per flower.</summary>
internal sealed record Flowers(float[] Features, int[] Species)
{
    public const int FeatureCount = 4;
    public const int SpeciesCount = 3;

    public static readonly string[] SpeciesNames = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"];

    public int Count => Species.Length;

    /// <summary>Splits by the position of each flower within its species: <paramref name="holdOut"/>(k) sends the k-th flower of a species to the second set.</summary>
    public (Flowers Kept, Flowers HeldOut) Split(Func<int, bool> holdOut)
    {
        var kept = new List<int>();
        var held = new List<int>();
        var seen = new int[SpeciesCount];
        for (int i = 0; i < Count; i++)
        {
            (holdOut(seen[Species[i]]++) ? held : kept).Add(i);
        }

        return (Take(kept), Take(held));
    }

    private Flowers Take(List<int> rows)
    {
        var features = new float[rows.Count * FeatureCount];
        var species = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            Array.Copy(Features, rows[r] * FeatureCount, features, r * FeatureCount, FeatureCount);
            species[r] = Species[rows[r]];
        }

        return new Flowers(features, species);
    }
}

/// <summary>Reads data/iris.csv (a header, then sepal length, sepal width, petal length, petal width, species).</summary>
internal static class IrisCsv
{
    public static Flowers Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        var features = new List<float>();
        var species = new List<int>();
        for (int n = 1; n < lines.Length; n++)   // line 0 is the header
        {
            if (lines[n].Length == 0) continue;
            string[] cells = lines[n].Split(',');
            if (cells.Length != 5) throw new InvalidDataException($"{path}:{n + 1}: expected 5 comma-separated values, found {cells.Length}.");
            for (int j = 0; j < 4; j++) features.Add(float.Parse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture));
            int s = Array.IndexOf(Flowers.SpeciesNames, cells[4]);
            if (s < 0) throw new InvalidDataException($"{path}:{n + 1}: unknown species '{cells[4]}'.");
            species.Add(s);
        }

        var flowers = new Flowers(features.ToArray(), species.ToArray());
        var perSpecies = new int[Flowers.SpeciesCount];
        foreach (int s in flowers.Species) perSpecies[s]++;
        if (flowers.Count != 150 || Array.Exists(perSpecies, c => c != 50))
        {
            throw new InvalidDataException($"{path}: expected 150 flowers, 50 of each species; found {flowers.Count} ({string.Join(", ", perSpecies)}).");
        }

        return flowers;
    }
}

/// <summary>Centres each measurement and scales it to unit spread, with statistics taken from the training set only.</summary>
internal sealed class Standardizer(double[] mean, double[] spread)
{
    public static Standardizer Fit(Flowers flowers)
    {
        var mean = new double[Flowers.FeatureCount];
        var spread = new double[Flowers.FeatureCount];
        for (int i = 0; i < flowers.Count; i++)
            for (int j = 0; j < Flowers.FeatureCount; j++) mean[j] += flowers.Features[i * Flowers.FeatureCount + j] / (double)flowers.Count;
        for (int i = 0; i < flowers.Count; i++)
            for (int j = 0; j < Flowers.FeatureCount; j++) spread[j] += Math.Pow(flowers.Features[i * Flowers.FeatureCount + j] - mean[j], 2) / flowers.Count;
        for (int j = 0; j < Flowers.FeatureCount; j++) spread[j] = Math.Sqrt(spread[j]);
        return new Standardizer(mean, spread);
    }

    public Flowers Apply(Flowers flowers)
    {
        var features = new float[flowers.Features.Length];
        for (int k = 0; k < features.Length; k++)
        {
            int j = k % Flowers.FeatureCount;
            features[k] = (float)((flowers.Features[k] - mean[j]) / spread[j]);
        }

        return flowers with { Features = features };
    }
}
