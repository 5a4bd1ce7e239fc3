using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace LossDsl.Cli.Tests;

/// <summary>
/// docs/cli.md cannot go stale: every command in its <c>sh</c> blocks is run, and the <c>text</c> block that follows a
/// command is its exact output. Commands of the form <c>dotnet run --project tools/LossDsl.Cli -- …</c> run in-process
/// (in a temporary directory, so a plot's --out lands there); the packaging commands run in
/// <see cref="ToolPackageTests"/>. Any other command fails the test, so nothing in the page is silently skipped.
/// After a deliberate change of the output, set LOSSDSL_UPDATE_CLI_DOCS=1 and run this test once: it rewrites the
/// output blocks and the committed plot images, and the diff shows what changed.
/// </summary>
public class CliDocsTests
{
    public const string DocPath = "docs/cli.md";
    public const string RunPrefix = "dotnet run --project tools/LossDsl.Cli -- ";

    /// <summary>A fenced block: its info string, its lines (without the fences), where its content starts and ends.</summary>
    public sealed record Block(string Language, string[] Lines, int ContentStart, int ContentEnd);

    public static List<Block> Blocks(string[] lines)
    {
        var blocks = new List<Block>();
        for (int k = 0; k < lines.Length; k++)
        {
            Match open = Regex.Match(lines[k], @"^(\s*)```(\w*)\s*$");
            if (!open.Success)
            {
                continue;
            }

            int end = k + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            string indent = open.Groups[1].Value;
            blocks.Add(new Block(open.Groups[2].Value, lines[(k + 1)..end].Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l).ToArray(), k + 1, end));
            k = end;
        }

        return blocks;
    }

    /// <summary>The commands of the sh blocks: every line that is not blank and not a # comment.</summary>
    public static IEnumerable<(Block Block, string Command)> Commands(List<Block> blocks) =>
        blocks.Where(b => b.Language is "sh" or "shell" or "bash")
            .SelectMany(b => b.Lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).Select(l => (b, l.Trim())));

    [Fact]
    public void EveryCommandInTheDocRunsAndPrintsTheOutputShownAfterIt()
    {
        string docFile = RepositoryRoot.Resolve(DocPath);
        string[] lines = File.ReadAllText(docFile).Replace("\r\n", "\n").Split('\n');
        List<Block> blocks = Blocks(lines);
        bool update = Environment.GetEnvironmentVariable("LOSSDSL_UPDATE_CLI_DOCS") == "1";
        var failures = new List<string>();
        var replacements = new List<(Block Output, string Text)>();
        int run = 0;

        foreach ((Block block, string command) in Commands(blocks))
        {
            if (ToolPackageTests.IsPackagingCommand(command))
            {
                continue;
            }

            Assert.True(command.StartsWith(RunPrefix, StringComparison.Ordinal),
                $"{DocPath} shows a command no test runs: {command}");
            string[] args = Cli.SplitShell(command[RunPrefix.Length..]);
            using var dir = Cli.TempDirectory();
            CliResult result = Cli.RunIn(dir.Path, args);
            run++;

            // The output block is the next block, if nothing but blank lines separate them.
            int index = blocks.IndexOf(block);
            Block? output = index + 1 < blocks.Count && blocks[index + 1].Language == "text" &&
                            lines[(block.ContentEnd + 1)..(blocks[index + 1].ContentStart - 1)].All(l => l.Trim().Length == 0)
                ? blocks[index + 1]
                : null;
            if (output != null)
            {
                Assert.True(block.Lines.Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')) == 1,
                    $"An output block follows a block of several commands in {DocPath}: {command}");
                string expected = string.Join("\n", output.Lines);
                string actual = result.Combined.TrimEnd('\n');
                if (expected != actual)
                {
                    failures.Add($"{command}\n--- the doc shows:\n{expected}\n--- the command prints:\n{actual}");
                    replacements.Add((output, actual));
                }
            }

            int expectedCode = output != null && Regex.IsMatch(string.Join("\n", output.Lines), @"^\S+\(\d+,\d+\): error ", RegexOptions.Multiline) ? 1 : 0;
            if (result.ExitCode != expectedCode)
            {
                failures.Add($"{command}\nexits with {result.ExitCode}, not {expectedCode}:\n{result.Combined}");
            }

            // A plot the page shows is committed where the command writes it.
            int outIndex = Array.IndexOf(args, "--out");
            if (args.FirstOrDefault() == "plot" && outIndex > 0)
            {
                string produced = Path.Combine(dir.Path, args[outIndex + 1]);
                string committed = RepositoryRoot.Resolve(args[outIndex + 1]);
                Assert.True(File.Exists(produced), $"{command} wrote no {args[outIndex + 1]}");
                if (update)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
                    File.Copy(produced, committed, overwrite: true);
                }

                Assert.True(File.Exists(committed), $"{DocPath} runs {command}, but {args[outIndex + 1]} is not committed");
                string link = args[outIndex + 1].Replace("docs/", "", StringComparison.Ordinal);
                Assert.Contains($"]({link})", string.Join("\n", lines));
            }
        }

        Assert.True(run >= 5, $"Only {run} commands found in {DocPath}.");
        if (update && replacements.Count > 0)
        {
            var rewritten = lines.ToList();
            foreach ((Block output, string text) in replacements.OrderByDescending(r => r.Output.ContentStart))
            {
                string indent = Regex.Match(lines[output.ContentStart - 1], @"^\s*").Value;
                rewritten.RemoveRange(output.ContentStart, output.ContentEnd - output.ContentStart);
                rewritten.InsertRange(output.ContentStart, text.Split('\n').Select(l => l.Length == 0 ? l : indent + l));
            }

            File.WriteAllText(docFile, string.Join("\n", rewritten));
            return;
        }

        Assert.True(failures.Count == 0,
            $"{DocPath} is stale (after a deliberate change, rerun with LOSSDSL_UPDATE_CLI_DOCS=1 to rewrite it):\n\n" + string.Join("\n\n", failures));
    }

    [Fact]
    public void TheReadmeLinksTheCliPage()
    {
        string readme = File.ReadAllText(RepositoryRoot.Resolve("README.md"));
        Assert.Contains("](docs/cli.md)", readme);
    }
}
