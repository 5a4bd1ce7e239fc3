using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossDsl.Tests;
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

        CommandResult pack = DotnetProcess.Dotnet(RepositoryRoot.Directory,
            [.. Cli.SplitShell(Local(commands[0].Command)[("dotnet ".Length)..]), "-c", DotnetProcess.Configuration, "--no-build"]);
        Assert.True(pack.ExitCode == 0, pack.Describe());
        Assert.True(File.Exists(Path.Combine(dir.Path, "tool", "LossDsl.Tool.0.1.0.nupkg")), pack.Describe());

        CommandResult install = DotnetProcess.Dotnet(RepositoryRoot.Directory, Cli.SplitShell(Local(commands[1].Command)[("dotnet ".Length)..]));
        Assert.True(install.ExitCode == 0, install.Describe());

        string[] args = Cli.SplitShell(Local(commands[2].Command));
        CommandResult run = DotnetProcess.Run(args[0], RepositoryRoot.Directory, args[1..]);
        Assert.True(run.ExitCode == 0, run.Describe());

        // The installed tool prints what the page shows after the command.
        int index = blocks.IndexOf(commands[2].Block);
        CliDocsTests.Block shown = blocks[index + 1];
        Assert.Equal("text", shown.Language);
        Assert.Equal(string.Join("\n", shown.Lines), run.StandardOutput.TrimEnd('\n'));
    }
}
