using System;
using System.Linq;
using Xunit;

namespace LossDsl.Cli.Tests;

/// <summary>Diagnostics print as the C# compiler prints them: file(line,column), severity, id, message, then carets.</summary>
public class DiagnosticTests
{
    private const string Indent = "    ";

    // The caret line under the source line: the carets start under the first wrong character.
    private static (string Header, string Source, string Carets) FirstDiagnostic(string error)
    {
        string[] lines = error.Split('\n');
        return (lines[0], lines[1], lines[2]);
    }

    [Fact]
    public void SyntaxErrorPutsTheCaretUnderTheOffendingCharacterAndExitsWithOne()
    {
        const string formula = "mean((p - t)^2 +)";
        int column = formula.IndexOf("+)", StringComparison.Ordinal) + 2; // the ')' after '+', 1-based

        CliResult r = Cli.Run("explain", formula);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Output);
        (string header, string source, string carets) = FirstDiagnostic(r.Error);
        Assert.StartsWith($"formula(1,{column}): error LD0001: ", header);
        Assert.Equal(Indent + formula, source);
        Assert.Equal(Indent + new string(' ', column - 1) + "^", carets);
    }

    [Fact]
    public void BindingErrorUnderlinesTheWholeName()
    {
        const string formula = "mean(abs(p - t) + lg(p))";
        int column = formula.IndexOf("lg", StringComparison.Ordinal) + 1;

        CliResult r = Cli.Run("explain", formula);

        Assert.Equal(1, r.ExitCode);
        (string header, _, string carets) = FirstDiagnostic(r.Error);
        Assert.Equal($"formula(1,{column}): error LD0003: 'lg' is not a function of the formula language; did you mean 'log'?", header);
        Assert.Equal(Indent + new string(' ', column - 1) + "^^", carets);
    }

    [Fact]
    public void AnErrorOnTheSecondLineOfAFormulaCountsLinesAndColumnsFromThatLine()
    {
        const string formula = "e = p - t;\nmean(e^2) * nope";
        int column = "mean(e^2) * ".Length + 1;

        CliResult r = Cli.Run("explain", formula, "--params", "p:vector,t:vector");

        Assert.Equal(1, r.ExitCode);
        (string header, string source, string carets) = FirstDiagnostic(r.Error);
        Assert.StartsWith($"formula(2,{column}): error LD0002: ", header);
        Assert.Equal(Indent + "mean(e^2) * nope", source);
        Assert.Equal(Indent + new string(' ', column - 1) + "^^^^", carets);
    }

    [Fact]
    public void AParameterErrorPointsIntoTheParamsText()
    {
        const string parameters = "p:vector,t:vector,dq:grad";
        int column = parameters.IndexOf("dq", StringComparison.Ordinal) + 1;

        CliResult r = Cli.Run("explain", "mean((p - t)^2)", "--params", parameters);

        Assert.Equal(1, r.ExitCode);
        (string header, string source, string carets) = FirstDiagnostic(r.Error);
        Assert.StartsWith($"params(1,{column}): error LD0011: Span parameter 'dq' is not the gradient of any input", header);
        Assert.Equal(Indent + parameters, source);
        Assert.Equal(Indent + new string(' ', column - 1) + "^^^^^^^", carets);
    }

    [Fact]
    public void WarningsPrintButTheExplanationFollowsWithExitCodeZero()
    {
        CliResult r = Cli.Run("explain", "mean(p^2)", "--params", "p:vector,t:vector,dp:grad", "--no-code");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("params(1,10): warning LD0016: ", r.Error);
        Assert.Contains("Schedule: 1 pass over memory", r.Output);
        Assert.Contains("unused", r.Output.Split('\n').First(l => l.TrimStart().StartsWith("t ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnErrorOnTheMethodItselfNamesTheTool()
    {
        CliResult r = Cli.Run("explain", "p^2", "--params", "p:vector,dloss:dloss");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("lossdsl: error LD0013: Per-element loss method 'Loss' takes 'dloss' but writes no gradient; add a Span<float> named d + an input's name\n", r.Error);
    }

    [Fact]
    public void EveryErrorIsPrintedNotOnlyTheFirst()
    {
        CliResult r = Cli.Run("explain", "mean(foo(p) + bar(t))", "--params", "p:vector,t:vector");

        Assert.Equal(1, r.ExitCode);
        string[] headers = r.Error.Split('\n').Where(l => l.StartsWith("formula(", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, headers.Length);
        Assert.StartsWith("formula(1,6): error LD0003", headers[0]);
        Assert.StartsWith("formula(1,15): error LD0003", headers[1]);
    }
}
