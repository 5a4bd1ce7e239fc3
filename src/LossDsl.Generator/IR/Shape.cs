using System;
using System.Collections.Immutable;
using System.Linq;

namespace LossDsl.Generator.IR;

/// <summary>
/// The indices a value varies along: none for a scalar (an option, a reduction's result), <c>[i]</c> for a
/// per-sample value. Axes are kept in a canonical order so that equal shapes compare equal.
/// </summary>
internal sealed class Shape : IEquatable<Shape>
{
    private Shape(ImmutableArray<Axis> axes) => Axes = axes;

    /// <summary>A single value.</summary>
    public static Shape Scalar { get; } = new(ImmutableArray<Axis>.Empty);

    /// <summary>One value per sample: <c>[i]</c>.</summary>
    public static Shape Samples { get; } = new(ImmutableArray.Create(Axis.Sample));

    /// <summary>One value per sample and class: <c>[i,j]</c>, a matrix.</summary>
    public static Shape Rows { get; } = new(ImmutableArray.Create(Axis.Sample, Axis.Class));

    /// <summary>One value per class: <c>[j]</c>, a per-class vector.</summary>
    public static Shape Classes { get; } = new(ImmutableArray.Create(Axis.Class));

    /// <summary>One value per pair of samples: <c>[i,k]</c>, a pair matrix (N, M).</summary>
    public static Shape Pairs { get; } = new(ImmutableArray.Create(Axis.Sample, Axis.Pair));

    /// <summary>One value per column of the pair matrices: <c>[k]</c> (a label read along the pair axis, a column sum of a pair matrix).</summary>
    public static Shape PairColumns { get; } = new(ImmutableArray.Create(Axis.Pair));

    /// <summary>The column axis this value varies along (<see cref="Axis.Class"/> or <see cref="Axis.Pair"/>), or null.</summary>
    public Axis? ColumnAxis => Has(Axis.Pair) ? Axis.Pair : Has(Axis.Class) ? Axis.Class : null;

    /// <summary>Whether the value varies along a column axis (classes or pairs).</summary>
    public bool HasColumns => ColumnAxis != null;

    /// <summary>The shape with one value per column of <paramref name="axis"/>: <see cref="Classes"/> or <see cref="PairColumns"/>.</summary>
    public static Shape ColumnsOf(Axis axis) => axis == Axis.Pair ? PairColumns : Classes;

    /// <summary>The matrix shape whose columns are <paramref name="axis"/>: <see cref="Rows"/> or <see cref="Pairs"/>.</summary>
    public static Shape MatrixOf(Axis axis) => axis == Axis.Pair ? Pairs : Rows;

    /// <summary>The axes, in canonical order.</summary>
    public ImmutableArray<Axis> Axes { get; }

    /// <summary>Whether the value is a single number.</summary>
    public bool IsScalar => Axes.IsEmpty;

    /// <summary>Whether the value varies along <paramref name="axis"/>.</summary>
    public bool Has(Axis axis) => Axes.Contains(axis);

    /// <summary>This shape without <paramref name="axis"/> (the shape of a reduction over it).</summary>
    public Shape Without(Axis axis) => Of(Axes.Where(a => a != axis));

    /// <summary>The shape of an elementwise operation on <paramref name="a"/> and <paramref name="b"/>: every axis of either.</summary>
    public static Shape Broadcast(Shape a, Shape b)
    {
        if (a.Equals(b) || b.IsScalar)
        {
            return a;
        }

        if (a.IsScalar)
        {
            return b;
        }

        return Of(a.Axes.Union(b.Axes));
    }

    /// <summary>The shape with the given axes.</summary>
    public static Shape Of(System.Collections.Generic.IEnumerable<Axis> axes)
    {
        ImmutableArray<Axis> sorted = axes.Distinct().OrderBy(a => a).ToImmutableArray();
        if (sorted.IsEmpty)
        {
            return Scalar;
        }

        foreach (Shape known in new[] { Samples, Rows, Classes, Pairs, PairColumns })
        {
            if (known.Axes.SequenceEqual(sorted))
            {
                return known;
            }
        }

        return new Shape(sorted);
    }

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && Axes.SequenceEqual(other.Axes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode() => Axes.Aggregate(17, (h, a) => HashCombiner.Combine(h, (int)a));

    /// <inheritdoc/>
    public override string ToString() => IsScalar ? "scalar" : "[" + string.Join(",", Axes.Select(a => a switch { Axis.Sample => "i", Axis.Class => "j", Axis.Pair => "k", _ => a.ToString() })) + "]";
}
