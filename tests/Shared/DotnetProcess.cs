using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace LossDsl.Tests;

// One runner of child processes for every test project that starts one (linked into each with
// <Compile Include="..\Shared\DotnetProcess.cs" Link="Infrastructure\DotnetProcess.cs" />).

/// <summary>The outcome of one command: what was run, its exit code, what it printed and how long it took.</summary>
/// <param name="CommandLine">The program and its arguments.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output and standard error, line by line in the order they arrived, each line ended by <c>\n</c>.</param>
/// <param name="StandardOutput">Standard output alone, each line ended by <c>\n</c>.</param>
/// <param name="Elapsed">How long the command took.</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, string StandardOutput, TimeSpan Elapsed)
{
    /// <summary>The command and its output, for a failure message.</summary>
    public string Describe() => $"$ {CommandLine}\n(exit code {ExitCode}, {Elapsed.TotalSeconds:F1} s)\n{Output}";
}

/// <summary>Runs the dotnet CLI (or a built program) from a test, as a user's shell would.</summary>
public static class DotnetProcess
{
    /// <summary>Longest any one command may take before the test fails (a restore from the package mirror included).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    /// <summary>The dotnet host that runs these tests.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The configuration the tests were built in, so child builds and runs reuse the same outputs.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static CommandResult Dotnet(string workingDirectory, params string[] arguments) =>
        Run(Host, workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and these environment variables set.</summary>
    public static CommandResult Dotnet(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Run(Host, workingDirectory, environment, arguments);

    /// <summary>
    /// Builds <paramref name="project"/> in the tests' configuration, without node reuse or a compiler server, which could
    /// outlive the build and hold the redirected output open.
    /// </summary>
    public static CommandResult Build(string workingDirectory, string project) =>
        Dotnet(workingDirectory, "build", project, "-c", Configuration, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static CommandResult Run(string fileName, string workingDirectory, params string[] arguments) =>
        Run(fileName, workingDirectory, new Dictionary<string, string>(), arguments);

    private static CommandResult Run(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // `dotnet test` exports the MSBuild of its own build (MSBuildExtensionsPath, MSBuildSDKsPath, MSBUILD_EXE_PATH…)
        // and its test platform's settings; a child build or test run must find its SDK afresh.
        var inherited = new List<string>();
        foreach (string name in info.Environment.Keys)
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                inherited.Add(name);
            }
        }

        foreach (string name in inherited)
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var pair in environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var stdoutClosed = new TaskCompletionSource();
        var stderrClosed = new TaskCompletionSource();
        string commandLine = fileName + " " + string.Join(' ', arguments);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, standardOutput, e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(output, null, e.Data, stderrClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {Timeout}:\n{Snapshot(output, output)}");
        }

        // Read what is left in the pipes, but do not wait for a process the command left behind (a compiler server)
        // that inherited them and keeps them open.
        Task.WaitAll(new Task[] { stdoutClosed.Task, stderrClosed.Task }, TimeSpan.FromSeconds(10));
        return new CommandResult(commandLine, process.ExitCode, Snapshot(output, output), Snapshot(output, standardOutput), clock.Elapsed);
    }

    // Both streams' handlers append under one lock (the combined output's), so the two texts stay consistent.
    private static void Append(StringBuilder output, StringBuilder? standardOutput, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
            standardOutput?.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder gate, StringBuilder text)
    {
        lock (gate)
        {
            return text.ToString();
        }
    }
}
