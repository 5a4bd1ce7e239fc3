using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using Xunit;

namespace LossDsl.Generator.Tests.Infrastructure;

/// <summary>Diagnostics of a formula checked through the compiler's own API, without a Roslyn compilation.</summary>
internal static class FormulaDiagnostics
{
    /// <summary>
    /// Asserts that <paramref name="formula"/>, bound to <paramref name="signature"/>, has exactly one error: <paramref name="id"/>,
    /// on exactly the characters <paramref name="marked"/>, with <paramref name="messagePart"/> in its message.
    /// </summary>
    public static CompilerDiagnostic AssertSingleError(LossSignature signature, string formula, string id, string marked, string messagePart)
    {
        ImmutableArray<CompilerDiagnostic> diagnostics = FormulaCompiler.Check(signature, formula);
        CompilerDiagnostic[] errors = diagnostics.Where(x => x.IsError).ToArray();
        Assert.True(errors.Length == 1, $"expected one error, got: {string.Join(" | ", diagnostics.Select(x => x.Id + ": " + x.Message))}");
        CompilerDiagnostic d = errors[0];
        Assert.Equal(id, d.Id);
        Assert.Equal(marked, formula.Substring(d.Span.Start, d.Span.Length));
        Assert.Contains(messagePart, d.Message);
        return d;
    }
}
