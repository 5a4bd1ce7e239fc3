using System;

namespace LossDsl.Runtime.Tests.Infrastructure;

/// <summary>Marks a test class as the tests of one catalog entry (its method name, without <c>Unreduced</c>); the
/// catalog coverage test fails for an entry that no test class covers.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CoversAttribute(string entry) : Attribute
{
    /// <summary>The entry's name, for example <c>MeanSquaredError</c>.</summary>
    public string Entry { get; } = entry;
}
