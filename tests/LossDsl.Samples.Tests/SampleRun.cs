using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using LossDsl.Tests;
using Xunit;

namespace LossDsl.Samples.Tests;

/// <summary>
/// Runs a sample's built program (the test project builds every sample it references) in a fresh temporary
/// directory, and gives access to what it printed and wrote.
/// </summary>
public sealed class SampleRun : IDisposable
{
    private SampleRun(string output, string directory)
    {
        Output = output;
        Directory = directory;
    }

    /// <summary>Everything the program printed (stdout and stderr).</summary>
    public string Output { get; }

    /// <summary>The program's working directory; the samples that plot write there.</summary>
    public string Directory { get; }

    public static SampleRun Start(string name, params string[] arguments)
    {
        string root = RepositoryRoot.Directory;
        string dll = Path.Combine(root, "samples", name, "bin", DotnetProcess.Configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"built sample not found at {dll}; is it a ProjectReference of LossDsl.Samples.Tests?");
        string directory = Path.Combine(Path.GetTempPath(), "lossdsl-sample-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        // NO_COLOR: plain text whatever the terminal the tests run from.
        CommandResult run = DotnetProcess.Dotnet(directory, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, [dll, .. arguments]);
        Assert.True(run.ExitCode == 0, $"{name} exited with {run.ExitCode}:\n{run.Describe()}");
        return new SampleRun(run.Output, directory);
    }

    /// <summary>
    /// The body rows of the Spectre.Console table printed under a line containing <paramref name="title"/> (or whose
    /// header row contains it), as trimmed cells.
    /// </summary>
    public List<string[]> Table(string title)
    {
        string[] lines = Output.Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains(title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no table titled '{title}' in:\n{Output}");
        int separator = Array.FindIndex(lines, start, l => l.TrimStart().StartsWith('├'));
        Assert.True(separator > start, $"table '{title}' has no header separator in:\n{Output}");
        var rows = new List<string[]>();
        for (int i = separator + 1; i < lines.Length && lines[i].TrimStart().StartsWith('│'); i++)
        {
            string[] cells = lines[i].Split('│');
            rows.Add(cells[1..^1].Select(c => c.Trim()).ToArray());
        }

        Assert.True(rows.Count > 0, $"table '{title}' is empty in:\n{Output}");
        return rows;
    }

    /// <summary>The row of <paramref name="table"/> whose first cell is <paramref name="name"/>.</summary>
    public static string[] Row(List<string[]> table, string name) =>
        table.SingleOrDefault(r => r[0] == name) ?? throw new Xunit.Sdk.XunitException($"no row '{name}' in the table");

    public static double Number(string cell) => double.Parse(cell.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Asserts that each numeric column never rises from one row to the next, and falls overall.</summary>
    public static void AssertColumnsFall(List<string[]> table, int firstColumn)
    {
        for (int c = firstColumn; c < table[0].Length; c++)
        {
            double[] values = table.Select(r => Number(r[c])).ToArray();
            for (int i = 1; i < values.Length; i++) Assert.True(values[i] <= values[i - 1], $"column {c} rose: {string.Join(", ", values)}");
            Assert.True(values[^1] < values[0], $"column {c} did not fall: {string.Join(", ", values)}");
        }
    }

    /// <summary>Asserts that <paramref name="fileName"/> was written in the run's directory and is a PNG of the given size.</summary>
    public void AssertPng(string fileName, int width, int height)
    {
        string path = Path.Combine(Directory, "plots", fileName);
        Assert.True(File.Exists(path), $"{path} was not written; output:\n{Output}");
        Assert.Contains(path, Output);   // the program says where it wrote it
        byte[] head = new byte[24];
        using (var stream = File.OpenRead(path)) stream.ReadExactly(head);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, head[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(head, 12, 4));
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }

    /// <summary>
    /// Asserts that every output excerpt docs/samples.md gives for <paramref name="sample"/> (a <c>text</c> block after
    /// <c>&lt;!-- output: name --&gt;</c>) appears in this run's output: each non-blank line, in order, trailing
    /// spaces aside.
    /// </summary>
    public void AssertDocumentedOutput(string sample)
    {
        string marker = $"<!-- output: {sample} -->";
        string[] doc = File.ReadAllLines(RepositoryRoot.Resolve("docs/samples.md"));
        string[] actual = Output.Split('\n').Select(l => l.TrimEnd()).ToArray();
        int blocks = 0;
        for (int m = Array.IndexOf(doc, marker); m >= 0; m = Array.IndexOf(doc, marker, m + 1))
        {
            blocks++;
            Assert.True(m + 1 < doc.Length && doc[m + 1] == "```text", $"docs/samples.md: '{marker}' must be followed by a ```text block");
            int at = 0;
            for (int d = m + 2; d < doc.Length && doc[d] != "```"; d++)
            {
                string line = doc[d].TrimEnd();
                if (line.Length == 0) continue;
                int found = Array.IndexOf(actual, line, at);
                Assert.True(found >= 0, $"docs/samples.md line {d + 1} is not in the output of {sample} (after line {at}):\n{line}\n--- output ---\n{Output}");
                at = found + 1;
            }
        }

        Assert.True(blocks > 0, $"docs/samples.md has no output excerpt for {sample}");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The sample programs run one at a time: they are small, and the machine may be busy with other test assemblies.</summary>
[CollectionDefinition(Name)]
public sealed class SampleCollection
{
    public const string Name = "samples";
}
