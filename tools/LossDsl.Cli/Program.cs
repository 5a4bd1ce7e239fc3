using System;
using System.IO;
using System.Linq;
using LossDsl.Generator.Compiler;

namespace LossDsl.Cli;

/// <summary>The <c>lossdsl</c> command: <c>explain</c> and <c>plot</c> a LossDsl formula.</summary>
public static class Program
{
    private const string Usage = """
        lossdsl: see what the LossDsl compiler derives from a loss formula.

        Usage:
          lossdsl explain "<formula>" [--params "p:vector,t:vector,dp:grad"] [--type float|double] [--no-code]
          lossdsl plot "<formula>" --along p [--from -4] [--to 4] [--set t=0] [--out loss.png] [--csv values.csv]
          lossdsl <command> --help

        Commands:
          explain   the parsed formula, types and shapes, derived gradients, stable rewrites, passes, generated C#
          plot      a PNG of the loss and its gradient along one input, computed by the generated code
        """;

    /// <summary>Runs the tool on the process's console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>0 on success, 1 when the formula has errors or the generated code fails, 2 for a usage error.</returns>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool with <paramref name="output"/> and <paramref name="error"/> as its console.</summary>
    /// <param name="args">The command-line arguments (the command first).</param>
    /// <param name="output">Receives the results.</param>
    /// <param name="error">Receives diagnostics and usage errors.</param>
    /// <returns>0 on success, 1 when the formula has errors or the generated code fails, 2 for a usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, Directory.GetCurrentDirectory());

    /// <summary>Runs the tool, resolving relative output paths against <paramref name="workingDirectory"/>.</summary>
    /// <param name="args">The command-line arguments (the command first).</param>
    /// <param name="output">Receives the results.</param>
    /// <param name="error">Receives diagnostics and usage errors.</param>
    /// <param name="workingDirectory">The directory relative paths (<c>--out</c>, <c>--csv</c>) are in.</param>
    /// <returns>0 on success, 1 when the formula has errors or the generated code fails, 2 for a usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "-?" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage.TrimEnd());
            return args.Length == 0 ? 2 : 0;
        }

        string command = args[0];
        string[] rest = args.Skip(1).ToArray();
        string usage = command switch
        {
            "explain" => ExplainCommand.Usage,
            "plot" => PlotCommand.Usage,
            _ => "",
        };
        if (usage.Length == 0)
        {
            error.WriteLine($"lossdsl: unknown command '{command}'.");
            error.WriteLine(Usage.TrimEnd());
            return 2;
        }

        try
        {
            CommandLine line = command == "explain"
                ? CommandLine.Parse(rest, command, CommandLine.CompileOptions, new[] { "--no-code" })
                : CommandLine.Parse(rest, command, CommandLine.CompileOptions.Concat(PlotCommand.Options).ToArray(), Array.Empty<string>());
            if (line.Help)
            {
                output.WriteLine(usage.TrimEnd());
                return 0;
            }

            // Parsing, binding and printing recurse over the formula's depth: the compiler's own guard runs a long
            // formula on a thread whose stack grows with it, so no formula can overflow the stack.
            return FormulaCompiler.WithStackFor(line.Positional ?? "", () => command == "explain"
                ? ExplainCommand.Run(line, output, error)
                : PlotCommand.Run(line, output, error, workingDirectory));
        }
        catch (UsageException e)
        {
            error.WriteLine($"lossdsl {command}: {e.Message}");
            error.WriteLine($"Run 'lossdsl {command} --help' for the options.");
            return 2;
        }
    }
}
