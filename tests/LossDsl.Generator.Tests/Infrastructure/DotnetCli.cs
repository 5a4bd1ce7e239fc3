using System;
using System.Diagnostics;
using System.Text;

namespace LossDsl.Generator.Tests.Infrastructure;

/// <summary>Runs the dotnet CLI from a test, as a user's shell would.</summary>
public static class DotnetCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>The configuration the tests were built in, so child builds reuse the same outputs.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new System.Collections.Generic.Dictionary<string, string>(), arguments);

    public static (int ExitCode, string Output) Run(string workingDirectory, System.Collections.Generic.IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
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

        // `dotnet test` exports MSBuild locations for its own build; a child build must find its SDK afresh.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var pair in environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Timeout}:\n{output}");
        }

        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return (process.ExitCode, output.ToString().Replace("\r\n", "\n"));
        }
    }

    /// <summary>Builds a project without node reuse or a compiler server, which could hold the redirected output open.</summary>
    public static (int ExitCode, string Output) Build(string workingDirectory, string project) =>
        Run(workingDirectory, "build", project, "-c", Configuration, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
