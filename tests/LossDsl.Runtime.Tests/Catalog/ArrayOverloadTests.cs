using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace LossDsl.Runtime.Tests.Catalog;

/// <summary>
/// An array converts to both <c>Span&lt;T&gt;</c> and <c>ReadOnlySpan&lt;T&gt;</c>, and C# 14 prefers the read-only
/// one. Two overloads of an entry that differ only in that (a gradient output against a weight in the same position)
/// would make a call with arrays pick the weights silently. Every such pair must have a guard overload taking the
/// array itself, marked obsolete as an error, so that the call does not compile.
/// </summary>
public class ArrayOverloadTests
{
    private static string Shape(Type t) =>
        t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Span<>) || t.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>))
            ? "span of " + t.GetGenericArguments()[0] : t.ToString();

    private static IEnumerable<MethodInfo> Public(Type family) =>
        family.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<ObsoleteAttribute>() == null);

    [Fact]
    public void Every_overload_pair_an_array_cannot_tell_apart_has_a_guard_that_does_not_compile()
    {
        var pairs = new List<string>();
        foreach (Type family in typeof(Losses).GetNestedTypes())
        {
            foreach (IGrouping<string, MethodInfo> group in Public(family).GroupBy(m => m.Name))
            {
                MethodInfo[] overloads = group.ToArray();
                for (int a = 0; a < overloads.Length; a++)
                {
                    for (int b = a + 1; b < overloads.Length; b++)
                    {
                        ParameterInfo[] pa = overloads[a].GetParameters().Where(p => !p.HasDefaultValue).ToArray();
                        ParameterInfo[] pb = overloads[b].GetParameters().Where(p => !p.HasDefaultValue).ToArray();
                        if (pa.Length != pb.Length || !pa.Zip(pb).All(x => Shape(x.First.ParameterType) == Shape(x.Second.ParameterType)))
                        {
                            continue;
                        }

                        int position = Array.FindIndex(pa, p => p.ParameterType != pb[p.Position].ParameterType);
                        if (position < 0)
                        {
                            continue;
                        }

                        Type element = pa[position].ParameterType.GetGenericArguments()[0];
                        pairs.Add($"{family.Name}.{group.Key}");
                        MethodInfo? guard = family.GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m =>
                            m.Name == group.Key && m.GetParameters().Length > position
                            && m.GetParameters()[position].ParameterType == element.MakeArrayType()
                            && m.GetParameters().Take(position).Select(p => Shape(p.ParameterType)).SequenceEqual(pa.Take(position).Select(p => Shape(p.ParameterType))));
                        Assert.True(guard != null, $"{family.Name}.{group.Key}: ({Describe(pa)}) and ({Describe(pb)}) differ only in Span/ReadOnlySpan at '{pa[position].Name}', and no guard takes {element}[] there.");
                        ObsoleteAttribute? obsolete = guard!.GetCustomAttribute<ObsoleteAttribute>();
                        Assert.True(obsolete is { IsError: true }, $"{guard} must be [Obsolete(..., error: true)].");
                        Assert.Contains("AsSpan()", obsolete!.Message, StringComparison.Ordinal);
                    }
                }
            }
        }

        // The pair this was written for (PyTorch's binary_cross_entropy with a gradient output or with weights), float and double.
        Assert.Equal(2, pairs.Count(p => p == "Classification.BinaryCrossEntropy"));
    }

    private static string Describe(ParameterInfo[] ps) => string.Join(", ", ps.Select(p => $"{p.ParameterType.Name} {p.Name}"));
}
