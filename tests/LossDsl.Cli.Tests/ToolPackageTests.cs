using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace LossDsl.Cli.Tests;

/// <summary>
/// The packaging commands of docs/cli.md, run for real: pack the tool, install it into a tool path, run the installed
/// <c>lossdsl</c> and compare its output with the page. Two substitutions keep the test quick and the repository
/// clean: <c>artifacts/</c> is a temporary directory, and the pack reuses this test run's build of the tool
/// (<c>-c &lt;configuration&gt; --no-build</c>) instead of building it again in Release.
/// </summary>
public class ToolPackageTests
{
    private const string Pack = "dotnet pack tools/LossDsl.Cli ";
    private const string Install = "dotnet tool install LossDsl.Tool ";
    private const string Installed = "artifacts/lossdsl/lossdsl ";

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static bool IsPackagingCommand(string command) =>
        command.StartsWith(Pack, StringComparison.Ordinal) || command.StartsWith(Install, StringComparison.Ordinal) ||
        command.StartsWith(Installed, StringComparison.Ordinal);

    [Fact]
    public void TheDocumentedPackInstallAndRunWork()
    {
        string[] lines = File.ReadAllText(RepositoryRoot.Resolve(CliDocsTests.DocPath)).Replace("\r\n", "\n").Split('\n');
        List<CliDocsTests.Block> blocks = CliDocsTests.Blocks(lines);
        var commands = CliDocsTests.Commands(blocks).Where(c => IsPackagingCommand(c.Command)).ToList();
        Assert.Equal(3, commands.Count);
        Assert.StartsWith(Pack, commands[0].Command);
        Assert.StartsWith(Install, commands[1].Command);
        Assert.StartsWith(Installed, commands[2].Command);

        using var dir = Cli.TempDirectory();
        string Local(string command) => command.Replace("artifacts/", dir.Path + "/", StringComparison.Ordinal);

        (int code, string output, _) = Run("dotnet", Cli.SplitShell(Local(commands[0].Command)[("dotnet ".Length)..]).Concat(new[] { "-c", Configuration, "--no-build" }));
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(dir.Path, "tool", "LossDsl.Tool.0.1.0.nupkg")), output);

        (code, output, _) = Run("dotnet", Cli.SplitShell(Local(commands[1].Command)[("dotnet ".Length)..]));
        Assert.True(code == 0, output);

        string[] args = Cli.SplitShell(Local(commands[2].Command));
        (code, output, string stdout) = Run(args[0], args.Skip(1));
        Assert.True(code == 0, output);

        // The installed tool prints what the page shows after the command.
        int index = blocks.IndexOf(commands[2].Block);
        CliDocsTests.Block shown = blocks[index + 1];
        Assert.Equal("text", shown.Language);
        Assert.Equal(string.Join("\n", shown.Lines), stdout.TrimEnd('\n'));
    }

    private static (int Code, string Output, string Stdout) Run(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = RepositoryRoot.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // `dotnet test` exports MSBuild locations for its own build; a child build must find its SDK afresh.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var all = new StringBuilder();
        var stdout = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (all)
                {
                    all.AppendLine(e.Data);
                    stdout.Append(e.Data).Append('\n');
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (all)
                {
                    all.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish:\n{all}");
        }

        process.WaitForExit();
        lock (all)
        {
            return (process.ExitCode, $"{file} {string.Join(' ', arguments)}\n{all}", stdout.ToString());
        }
    }
}
