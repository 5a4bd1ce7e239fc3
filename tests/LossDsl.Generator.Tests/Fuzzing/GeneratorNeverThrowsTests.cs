using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace LossDsl.Generator.Tests.Fuzzing;

/// <summary>
/// The same random and broken formulas through the real Roslyn generator, fifty [Loss] methods per compilation: the
/// generator must never fail (CS8785), its diagnostics must land in the right method's formula, and whatever it emits,
/// a kernel or the stub of a broken formula, must compile.
/// </summary>
public sealed class GeneratorNeverThrowsTests
{
    private const int Seed = 7151;
    private const int BatchSize = 50;
    private const int CompilingTarget = 100;
    private const int BrokenTarget = 170;

    private static readonly string[] FormulaDiagnosticIds = { "LD0001", "LD0002", "LD0003", "LD0004", "LD0005", "LD0012", "LD0015" };

    private readonly ITestOutputHelper _output;

    public GeneratorNeverThrowsTests(ITestOutputHelper output) => _output = output;

    private sealed record Method(string Name, FuzzCase Case, FuzzSignature Signature, bool ExpectErrors)
    {
        public int Start { get; set; }

        public int End { get; set; }

        public int LiteralStart { get; set; }

        public int LiteralEnd { get; set; }
    }

    [Fact]
    public void GeneratorNeverFailsAndItsOutputCompiles()
    {
        var random = new Random(Seed);
        List<Method> methods = PickMethods(random);
        Assert.True(methods.Count >= 300, $"only {methods.Count} methods");

        var failures = new List<string>();
        int batches = 0;
        for (int start = 0; start < methods.Count; start += BatchSize)
        {
            List<Method> batch = methods.Skip(start).Take(BatchSize).ToList();
            failures.AddRange(RunBatch(batches++, batch, random));
        }

        foreach (string f in failures)
        {
            _output.WriteLine(f.Length > 400 ? f.Substring(0, 400) : f);
        }

        _output.WriteLine($"{methods.Count} methods ({methods.Count(m => !m.ExpectErrors)} with valid formulas) in {batches} compilations; {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} failures (seed {Seed}); first ones:\n" + string.Join("\n\n", failures.Take(10)));
    }

    // Half formulas the compiler accepts (so their kernels are compiled by Roslyn), half broken ones, plus the short
    // pathological cases; each is paired with a random method shape, and whether it should compile is decided by the
    // formula compiler's own front end, which the generator's diagnostics must then agree with.
    private static List<Method> PickMethods(Random random)
    {
        var methods = new List<Method>();
        int compiling = 0, broken = 0;
        void Add(FuzzCase c)
        {
            FuzzSignature s = FuzzCorpus.Signatures[random.Next(FuzzCorpus.Signatures.Count)];
            string name = "M" + methods.Count.ToString(CultureInfo.InvariantCulture);
            bool errors = FormulaCompiler.Check(s.ToSignature(name), c.Formula).Any(d => d.IsError);
            methods.Add(new Method(name, c, s, errors));
            if (errors)
            {
                broken++;
            }
            else
            {
                compiling++;
            }
        }

        foreach (FuzzCase c in FuzzCorpus.Pathological().Where(c => c.Formula.Length <= 300).Where((_, k) => k % 16 == 0))
        {
            Add(c);
        }

        foreach (FuzzCase c in FuzzCorpus.Pathological().Where(c => c.Origin is "10000 nested parentheses" or "150 nested calls" or "short power tower"))
        {
            Add(c);
        }

        foreach (FuzzCase c in FuzzCorpus.Random(Seed, 20000))
        {
            if (compiling >= CompilingTarget && broken >= BrokenTarget)
            {
                break;
            }

            FuzzSignature s = FuzzCorpus.Signatures[random.Next(FuzzCorpus.Signatures.Count)];
            bool errors = FormulaCompiler.Check(s.ToSignature("M"), c.Formula).Any(d => d.IsError);
            if ((errors && broken < BrokenTarget) || (!errors && compiling < CompilingTarget))
            {
                Add(c);
            }
        }

        return methods;
    }


    private IEnumerable<string> RunBatch(int batchIndex, List<Method> batch, Random random)
    {
        string source = BuildSource(batchIndex, batch, random);
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(source);
        }
        catch (Exception e)
        {
            // Find the method that made the generator throw by compiling each alone.
            var culprits = new List<string>();
            foreach (Method m in batch)
            {
                try
                {
                    GeneratorHarness.Run(BuildSource(batchIndex, new List<Method> { m }, random));
                }
                catch (Exception single)
                {
                    culprits.Add($"{m.Case} ({m.Signature.Name}): {single.Message}");
                }
            }

            return new[] { $"batch {batchIndex} threw {e.Message}\nculprits:\n" + string.Join("\n", culprits) };
        }

        var failures = new List<string>();
        foreach (Diagnostic d in run.All.Where(d => d.Id == "CS8785" || d.Id.StartsWith("AD", StringComparison.Ordinal)))
        {
            failures.Add($"batch {batchIndex}: the generator failed: {d}");
        }

        var methodsWithErrors = new HashSet<Method>();
        foreach (Diagnostic d in run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("LD", StringComparison.Ordinal)))
        {
            int position = d.Location.SourceSpan.Start;
            Method? owner = batch.FirstOrDefault(m => m.Start <= position && position < m.End);
            if (owner is null)
            {
                failures.Add($"batch {batchIndex}: {d} is outside every method");
                continue;
            }

            if (FormulaDiagnosticIds.Contains(d.Id) && (d.Location.SourceSpan.Start < owner.LiteralStart || d.Location.SourceSpan.End > owner.LiteralEnd))
            {
                failures.Add($"{owner.Case} ({owner.Signature.Name}): {d.Id} at {d.Location.SourceSpan} lies outside the formula literal [{owner.LiteralStart}..{owner.LiteralEnd})");
            }

            if (d.Severity == DiagnosticSeverity.Error)
            {
                methodsWithErrors.Add(owner);
            }
        }

        foreach (Method m in batch)
        {
            if (methodsWithErrors.Contains(m) != m.ExpectErrors)
            {
                failures.Add($"{m.Case} ({m.Signature.Name}): the generator reported errors={methodsWithErrors.Contains(m)}, the formula compiler's Check errors={m.ExpectErrors}");
            }

            string? generated = run.Sources.FirstOrDefault(kv => kv.Key.Contains("." + m.Name + ".", StringComparison.Ordinal)).Value;
            if (generated is null)
            {
                failures.Add($"{m.Case} ({m.Signature.Name}): no generated file");
            }
            else if (!m.ExpectErrors && !generated.Contains("Kernel.Run(", StringComparison.Ordinal))
            {
                failures.Add($"{m.Case} ({m.Signature.Name}): valid formula but no kernel was generated");
            }
        }

        // Every generated file must compile: kernels of valid formulas and the stubs of broken ones alike.
        foreach (Diagnostic d in run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            string file = d.Location.SourceTree?.FilePath ?? "";
            Method? owner = batch.FirstOrDefault(m => file.Contains("." + m.Name + ".", StringComparison.Ordinal));
            failures.Add($"{owner?.Case.ToString() ?? "batch " + batchIndex} ({owner?.Signature.Name}): C# error in {System.IO.Path.GetFileName(file)}: {d}");
        }

        return failures;
    }

    private static string BuildSource(int batchIndex, List<Method> batch, Random random)
    {
        var sb = new StringBuilder();
        sb.Append("using System;\nusing LossDsl;\n\nnamespace Fuzz\n{\n");
        sb.Append("public static partial class Batch").Append(batchIndex).Append("\n{\n");
        foreach (Method m in batch)
        {
            m.Start = sb.Length;
            sb.Append("    [Loss(");
            m.LiteralStart = sb.Length;
            sb.Append(Literal(m.Case.Formula, random));
            m.LiteralEnd = sb.Length;
            sb.Append(")]\n    public static partial ").Append(m.Signature.ReturnType).Append(' ').Append(m.Name)
              .Append('(').Append(m.Signature.ParameterList).Append(");\n");
            m.End = sb.Length;
        }

        sb.Append("}\n}\n");
        return sb.ToString();
    }

    // A C# literal whose value is the formula, written in one of the forms the generator maps diagnostics through.
    private static string Literal(string formula, Random random)
    {
        bool plain = formula.All(c => c >= 0x20 && !char.IsSurrogate(c) && c is not ('\u0085' or '\u2028' or '\u2029'));
        int form = random.Next(4);
        if (form == 1 && plain)
        {
            return "@\"" + formula.Replace("\"", "\"\"") + "\"";
        }

        if (form == 2 && plain && !formula.Contains('"') && formula.Length > 0)
        {
            return "\"\"\"" + formula + "\"\"\"";
        }

        var sb = new StringBuilder("\"");
        foreach (char c in formula)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if ((c >= 0x20 && c < 0x7F) || (form == 3 && c > 0x7F && !char.IsSurrogate(c) && c is not ('\u0085' or '\u2028' or '\u2029')))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return sb.Append('"').ToString();
    }
}
