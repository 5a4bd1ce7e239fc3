using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Reflection;
using LossDsl.Generator.Tests.Infrastructure;
using LossDsl.Intrinsics;
using Xunit;

namespace LossDsl.Generator.Tests.Intrinsics;

/// <summary>
/// The shape every <see cref="LossIntrinsicAttribute"/> class promises the formula compiler (docs/intrinsics.md), checked
/// by reflection so that a new intrinsic cannot drift from it.
/// </summary>
public sealed class IntrinsicContractTests
{
    private static readonly Dictionary<string, Type> Expected = new()
    {
        ["ctc"] = typeof(Ctc),
        ["emd_points"] = typeof(EarthMoversPoints),
        ["emd_hist"] = typeof(EarthMoversHistogram),
    };

    private static IEnumerable<(string Name, Type Type)> Declared() =>
        typeof(LossIntrinsicAttribute).Assembly.GetTypes()
            .Select(t => (Attribute: t.GetCustomAttribute<LossIntrinsicAttribute>(), Type: t))
            .Where(x => x.Attribute != null)
            .Select(x => (x.Attribute!.Name, x.Type));

    public static TheoryData<string> Names() => new(Expected.Keys);

    [Fact]
    public void The_runtime_declares_exactly_the_documented_intrinsics()
    {
        Assert.Equal(Expected.OrderBy(e => e.Key), Declared().ToDictionary(d => d.Name, d => d.Type).OrderBy(e => e.Key));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_and_backward_follow_the_calling_convention(string name)
    {
        Type type = Expected[name];
        Assert.True(type.IsAbstract && type.IsSealed, $"{type.Name} must be a static class.");
        MethodInfo forward = Assert.Single(type.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name == "Forward");
        MethodInfo backward = Assert.Single(type.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name == "Backward");
        foreach (MethodInfo method in new[] { forward, backward })
        {
            Assert.Equal(typeof(void), method.ReturnType);
            Type t = Assert.Single(method.GetGenericArguments());
            Assert.Contains(t.GetGenericParameterConstraints(), c => c.IsGenericType && c.GetGenericTypeDefinition() == typeof(IFloatingPointIeee754<>));
        }

        Type element = forward.GetGenericArguments()[0];
        ParameterInfo[] f = forward.GetParameters();
        Assert.Equal("losses", f[^1].Name);
        Assert.Equal(typeof(Span<>).MakeGenericType(element), f[^1].ParameterType);

        // Backward repeats Forward's inputs and options (types and names), then upstream, then one gradient per input.
        Type backElement = backward.GetGenericArguments()[0];
        ParameterInfo[] b = backward.GetParameters();
        ParameterInfo[] inputs = f[..^1];
        for (int k = 0; k < inputs.Length; k++)
        {
            Assert.Equal(inputs[k].Name, b[k].Name);
            Assert.Equal(Generic(inputs[k].ParameterType), Generic(b[k].ParameterType));
        }

        Assert.Equal("upstream", b[inputs.Length].Name);
        Assert.Equal(typeof(ReadOnlySpan<>).MakeGenericType(backElement), b[inputs.Length].ParameterType);
        ParameterInfo[] gradients = b[(inputs.Length + 1)..];
        Assert.NotEmpty(gradients);
        foreach (ParameterInfo gradient in gradients)
        {
            ParameterInfo input = Assert.Single(inputs, i => "d" + char.ToUpperInvariant(i.Name![0]) + i.Name[1..] == gradient.Name);
            Type expected = Generic(input.ParameterType) == typeof(ReadOnlyTensorSpan<>)
                ? typeof(TensorSpan<>).MakeGenericType(backElement)
                : typeof(Span<>).MakeGenericType(backElement);
            Assert.Equal(expected, gradient.ParameterType);
        }

        // Options are scalars; each carries the default a formula gets when it leaves the option out.
        foreach (ParameterInfo option in inputs.Where(p => p.ParameterType.IsPrimitive))
        {
            Assert.NotNull(option.GetCustomAttribute<DefaultValueAttribute>());
        }

        static Type Generic(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition() : type;
    }

    [Fact]
    public void Ctc_options_default_as_in_pytorch()
    {
        ParameterInfo[] parameters = typeof(Ctc).GetMethod("Forward")!.GetParameters();
        Assert.Equal(0, parameters.Single(p => p.Name == "blank").GetCustomAttribute<DefaultValueAttribute>()!.Value);
        Assert.Equal(false, parameters.Single(p => p.Name == "zeroInfinity").GetCustomAttribute<DefaultValueAttribute>()!.Value);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_reference_page_documents_each_intrinsic_and_its_methods(string name)
    {
        string page = File.ReadAllText(RepositoryRoot.Resolve("docs/intrinsics.md"));
        Assert.Contains("`" + name + "`", page, StringComparison.Ordinal);
        Type type = Expected[name];
        foreach (string method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Distinct())
        {
            Assert.Contains(type.Name + "." + method, page, StringComparison.Ordinal);
        }
    }
}
