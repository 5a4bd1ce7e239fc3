using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Emission;
using LossDsl.Generator.Model;
using Xunit;
using Xunit.Abstractions;

namespace LossDsl.Generator.Tests.Fuzzing;

/// <summary>
/// "A broken formula never throws inside the generator": thousands of random, mutated and pathological formulas go
/// through the formula compiler as a library, against several method shapes, and every outcome must be diagnostics or
/// a kernel, never an exception.
/// </summary>
public sealed class FormulaCompilerFuzzTests
{
    private const int Seed = 20240611;
    private const int RandomCount = 5000;
    private const int LongFormula = 2000;

    private readonly ITestOutputHelper _output;

    public FormulaCompilerFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomFormulasNeverThrowAndGiveConsistentDiagnostics()
    {
        List<FuzzCase> cases = FuzzCorpus.Random(Seed, RandomCount).ToList();
        RunAll(cases, out int compiled);

        // The corpus must reach code generation often, or "never throws" would only be a statement about the parser.
        Assert.True(compiled >= cases.Count / 10, $"only {compiled} of {cases.Count} random formulas compiled for some signature");
    }

    [Fact]
    public void PathologicalFormulasNeverThrowAndGiveConsistentDiagnostics()
    {
        List<FuzzCase> cases = FuzzCorpus.Pathological().ToList();
        RunAll(cases, out _);
    }

    [Fact]
    public void ValidSeedFormulasCompile()
    {
        // The mutations start from these; each must really be valid for some signature, or the mutations would start broken.
        foreach (string formula in FuzzCorpus.ValidFormulas)
        {
            bool any = FuzzCorpus.Signatures.Any(s => FormulaCompiler.Compile(s.ToSignature("M"), formula).Plan is not null);
            Assert.True(any, $"seed formula {FuzzCorpus.Quote(formula)} compiles for none of the fuzz signatures");
        }
    }

    private void RunAll(List<FuzzCase> cases, out int compiledCases)
    {
        var failures = new List<string>();
        compiledCases = 0;
        var signatures = FuzzCorpus.Signatures.Append(FuzzCorpus.BrokenSignature).ToList();
        foreach (FuzzCase c in cases)
        {
            bool anyPlan = false;
            // Formulas of thousands of characters take a large share of the run time per signature; two shapes
            // (reduced float, per-element double) reach every stage of the compiler for them.
            bool first = true;
            foreach (FuzzSignature s in c.Formula.Length > LongFormula ? signatures.Take(2) : signatures)
            {
                string? problem;
                try
                {
                    problem = CheckOne(s, c.Formula, emitStub: first, ref anyPlan);
                    first = false;
                }
                catch (Exception e)
                {
                    problem = $"threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}";
                }

                if (problem != null)
                {
                    failures.Add($"{c} with signature {s.Name}: {problem}");
                }
            }

            if (anyPlan)
            {
                compiledCases++;
            }
        }

        _output.WriteLine($"{cases.Count} formulas x {signatures.Count} signatures; {compiledCases} formulas compiled for at least one signature; {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} failures (seed {Seed}); first ones:\n" + string.Join("\n\n", failures.Take(10)));
    }

    // Returns a description of the first property violated, or null.
    private static string? CheckOne(FuzzSignature s, string formula, bool emitStub, ref bool anyPlan)
    {
        LossSignature signature = s.ToSignature("Fuzz");
        ImmutableArray<CompilerDiagnostic> check = FormulaCompiler.Check(signature, formula);
        CompiledLoss compiled = FormulaCompiler.Compile(signature, formula);

        foreach (CompilerDiagnostic d in compiled.Diagnostics.Concat(check))
        {
            switch (d.Target)
            {
                case DiagnosticTarget.Formula when d.Span.Start < 0 || d.Span.Length < 0 || d.Span.End > formula.Length:
                    return $"{d.Id} span {d.Span} lies outside the formula of {formula.Length} characters";
                case DiagnosticTarget.Parameter when d.ParameterIndex < 0 || d.ParameterIndex >= s.Parameters.Length:
                    return $"{d.Id} names parameter #{d.ParameterIndex} of {s.Parameters.Length}";
            }

            // Formatting the message must not throw (a wrong number of arguments for the descriptor's format would).
            if (string.IsNullOrEmpty(d.ToString()))
            {
                return $"{d.Id} has an empty message";
            }
        }

        bool checkErrors = check.Any(d => d.IsError);
        if (!compiled.HasErrors && compiled.Plan is null)
        {
            return "no error diagnostics but no kernel plan";
        }

        if (compiled.HasErrors && compiled.Plan is not null)
        {
            return "error diagnostics and a kernel plan";
        }

        // The generator reports Check's diagnostics and emits from Compile's plan: if they disagreed, a formula could
        // silently produce a method that throws at run time, or an error with working code.
        if (checkErrors != compiled.HasErrors)
        {
            return $"Check says errors={checkErrors} but Compile says errors={compiled.HasErrors}: [{string.Join("; ", check)}] vs [{string.Join("; ", compiled.Diagnostics)}]";
        }

        if (!check.Select(d => d.ToString()).SequenceEqual(compiled.Diagnostics.Select(d => d.ToString())))
        {
            return $"Check and Compile report different diagnostics: [{string.Join("; ", check)}] vs [{string.Join("; ", compiled.Diagnostics)}]";
        }

        if (compiled.Plan is not null)
        {
            anyPlan = true;
            if (compiled.Explanation is null)
            {
                return "a kernel plan without an explanation";
            }

            if (string.IsNullOrEmpty(KernelEmitter.EmitMembers(compiled.Plan)))
            {
                return "the kernel emitter wrote nothing";
            }
        }

        // The source emitter compiles again, so it runs on kernels and on one stub per broken formula (a stub does not
        // depend on the signature's shape); it is skipped for the very long formulas, whose compilation dominates.
        if (formula.Length > LongFormula || (compiled.Plan is null && !emitStub))
        {
            return null;
        }

        var spec = new LossMethodSpec("Fuzz.Space", new[] { new ContainingTypeSpec("class", "Losses") }.ToEquatableArray(), "public static", signature, formula);
        GeneratedFile file = LossSourceEmitter.Emit(spec, default);
        if (string.IsNullOrEmpty(file.Source))
        {
            return "the emitter wrote nothing";
        }

        return null;
    }
}
