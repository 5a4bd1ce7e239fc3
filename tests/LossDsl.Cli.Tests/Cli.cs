using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LossDsl.Cli.Tests;

/// <summary>What one in-process run of the tool printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Combined">Both, in the order they were written (as a terminal shows them).</param>
public sealed record CliResult(int ExitCode, string Output, string Error, string Combined);

/// <summary>Runs <c>lossdsl</c> in-process through <see cref="Program.Run(string[], TextWriter, TextWriter, string)"/>.</summary>
public static class Cli
{
    public static CliResult RunIn(string workingDirectory, params string[] args)
    {
        var combined = new StringBuilder();
        var output = new Tee(combined);
        var error = new Tee(combined);
        int code = Program.Run(args, output, error, workingDirectory);
        return new CliResult(code, output.Own.ToString(), error.Own.ToString(), combined.ToString());
    }

    public static CliResult Run(params string[] args) => RunIn(Path.GetTempPath(), args);

    /// <summary>A fresh temporary directory, deleted when disposed.</summary>
    public static TempDirectory TempDirectory() => new();

    /// <summary>A writer that keeps its own text and appends it to a shared log too.</summary>
    private sealed class Tee : TextWriter
    {
        private readonly StringBuilder _shared;

        public Tee(StringBuilder shared)
        {
            _shared = shared;
            NewLine = "\n";
        }

        public StringBuilder Own { get; } = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            Own.Append(value);
            _shared.Append(value);
        }

        public override void Write(string? value)
        {
            Own.Append(value);
            _shared.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Own.Append(buffer, index, count);
            _shared.Append(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Own.Append(buffer);
            _shared.Append(buffer);
        }
    }

    /// <summary>Splits a command line as a POSIX shell would for the quoting the docs use ("…" and '…').</summary>
    public static string[] SplitShell(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        bool inArg = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inArg = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inArg)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    inArg = false;
                }
            }
            else
            {
                current.Append(c);
                inArg = true;
            }
        }

        if (quote != '\0')
        {
            throw new FormatException($"Unclosed quote in: {line}");
        }

        if (inArg)
        {
            args.Add(current.ToString());
        }

        return args.ToArray();
    }
}

/// <summary>A temporary directory removed at the end of a test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lossdsl-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Finds files of the repository from the test's output directory.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "LossDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LossDsl.sln above {AppContext.BaseDirectory}.");
    });

    public static string Directory => Root.Value;

    public static string Resolve(string relative) =>
        System.IO.Path.Combine(Root.Value, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
