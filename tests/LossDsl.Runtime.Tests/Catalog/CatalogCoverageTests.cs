using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using LossDsl.Runtime.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Runtime.Tests.Catalog;

/// <summary>
/// Enumerates the catalog by reflection and fails for an entry without a test class, without documentation, without a
/// float or a double version, without a gradient form, or with a reduction option but no unreduced pair.
/// </summary>
public class CatalogCoverageTests
{
    private static readonly Type[] Families = typeof(Losses).GetNestedTypes(BindingFlags.Public);

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (string entry in EntryNames())
        {
            data.Add(entry);
        }

        return data;
    }

    private static IEnumerable<string> EntryNames() => Families
        .SelectMany(f => f.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Select(m => m.Name.EndsWith("Unreduced", StringComparison.Ordinal) ? m.Name[..^"Unreduced".Length] : m.Name)
        .Distinct()
        .OrderBy(n => n, StringComparer.Ordinal);

    private static MethodInfo[] Methods(string entry) => Families
        .SelectMany(f => f.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.Name == entry || m.Name == entry + "Unreduced")
        .ToArray();

    private static Type? ElementOf(MethodInfo m) =>
        m.ReturnType == typeof(float) || m.ReturnType == typeof(double) ? m.ReturnType
        : m.GetParameters().Select(p => p.ParameterType).Where(t => t.IsGenericType).Select(t => t.GetGenericArguments()[0])
            .FirstOrDefault(t => t == typeof(float) || t == typeof(double));

    private static bool IsGradientOutput(ParameterInfo p) =>
        p.Name!.Length > 1 && p.Name[0] == 'd' && p.Name != "dloss" && p.ParameterType.IsGenericType &&
        p.ParameterType.GetGenericTypeDefinition() is var g && (g == typeof(Span<>) || g == typeof(System.Numerics.Tensors.TensorSpan<>));

    [Fact]
    public void The_catalog_is_not_empty() => Assert.NotEmpty(EntryNames());

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_has_a_test_class(string entry)
    {
        bool covered = typeof(CatalogCoverageTests).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<CoversAttribute>()).Any(c => c.Entry == entry);
        Assert.True(covered, $"No test class carries [Covers(\"{entry}\")].");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_comes_in_float_and_double_with_gradients(string entry)
    {
        MethodInfo[] reduced = Methods(entry).Where(m => m.Name == entry).ToArray();
        Assert.NotEmpty(reduced);
        foreach (Type element in new[] { typeof(float), typeof(double) })
        {
            MethodInfo[] forms = reduced.Where(m => ElementOf(m) == element).ToArray();
            Assert.True(forms.Any(m => !m.GetParameters().Any(IsGradientOutput)), $"{entry} has no forward-only {element.Name} form.");
            Assert.True(forms.Any(m => m.GetParameters().Any(IsGradientOutput)), $"{entry} has no {element.Name} form with gradients.");
        }
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_with_a_reduction_option_has_the_unreduced_pair(string entry)
    {
        MethodInfo[] all = Methods(entry);
        if (!all.Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(Reduction))))
        {
            return;
        }

        foreach (Type element in new[] { typeof(float), typeof(double) })
        {
            MethodInfo[] unreduced = all.Where(m => m.Name == entry + "Unreduced" && ElementOf(m) == element).ToArray();
            Assert.True(unreduced.Any(m => m.GetParameters().Any(p => p.Name == "loss")), $"{entry}Unreduced ({element.Name}) writing 'loss' is missing.");
            Assert.True(unreduced.Any(m => m.GetParameters().Any(p => p.Name == "dloss")), $"{entry}Unreduced ({element.Name}) taking 'dloss' is missing.");
        }
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_is_documented(string entry)
    {
        string xmlPath = Path.ChangeExtension(typeof(Losses).Assembly.Location, ".xml");
        XDocument docs = XDocument.Load(xmlPath);
        foreach (MethodInfo m in Methods(entry))
        {
            string prefix = $"M:{m.DeclaringType!.FullName!.Replace('+', '.')}.{m.Name}(";
            XElement? member = docs.Descendants("member").FirstOrDefault(e =>
                ((string?)e.Attribute("name"))?.StartsWith(prefix, StringComparison.Ordinal) == true &&
                ((string)e.Attribute("name")!).Count(c => c == ',') == Math.Max(0, m.GetParameters().Length - 1));
            Assert.True(member is not null, $"{m} has no XML documentation.");
            bool hasText = member!.Element("summary") is not null || member.Element("inheritdoc") is not null;
            Assert.True(hasText, $"{m} has neither a summary nor an inheritdoc.");
        }
    }
}
