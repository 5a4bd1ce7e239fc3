using System;

namespace LossDsl.Generator.Tests.Infrastructure;

// Generated loss methods take spans, which MethodInfo.Invoke cannot pass; tests bind them to these delegates instead.
public delegate T Forward2<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t);

public delegate T Gradient2<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, Span<T> dp, Span<T> dt);

public delegate void Elementwise2<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, Span<T> loss);

public delegate void ElementwiseBackward2<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> t, Span<T> loss, ReadOnlySpan<T> dloss, Span<T> dp, Span<T> dt);

public static class DelegateExtensions
{
    public static TDelegate Method<TDelegate>(this Type type, string name)
        where TDelegate : Delegate =>
        (type.GetMethod(name) ?? throw new InvalidOperationException($"{type.Name} has no method {name}")).CreateDelegate<TDelegate>();
}
