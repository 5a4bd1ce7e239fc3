using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using LossDsl.Tests;
using Xunit;

namespace LossDsl.Package.Tests.Infrastructure;

/// <summary>
/// The expensive steps, done once for all the package tests and in this order: pack the LossDsl package from the
/// repository into a folder feed of its own; create a brand-new console project that references only that package,
/// build and run it; publish a copy of it native AOT (or trimmed) and run that. Each step runs the first time a test
/// needs it; a step that fails makes every test that needs it fail with the command and its full output.
/// </summary>
/// <remarks>
/// Nothing is shared with another run: the package gets a version no other run uses (<c>0.1.0-test.t…</c>), so restore
/// can never pick up a LossDsl extracted earlier, and everything goes to a fresh temporary folder. Everything is deleted
/// afterwards, including the package's folder in the machine's global packages folder.
/// </remarks>
public sealed class PackageFixture : IDisposable
{
    /// <summary>The prefix of every version this fixture packs; a folder of the global packages folder named so is ours.</summary>
    public const string TestVersionPrefix = "0.1.0-test.t";

    private readonly Lazy<PackedPackage> packed;
    private readonly Lazy<ConsumerRun> consumer;
    private readonly Lazy<ConsumerRun> published;
    private readonly List<string> timings = new();

    public PackageFixture()
    {
        var metadata = typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToArray();
        RepositoryRoot = metadata.Single(a => a.Key == "RepositoryRoot").Value!;
        Configuration = metadata.Single(a => a.Key == "Configuration").Value!;
        Version = TestVersionPrefix + Guid.NewGuid().ToString("N")[..12];
        WorkDirectory = Path.Combine(Path.GetTempPath(), "lossdsl-package-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkDirectory);
        Feed = Path.Combine(WorkDirectory, "feed");
        packed = new Lazy<PackedPackage>(PackOnce);
        consumer = new Lazy<ConsumerRun>(BuildAndRunConsumer);
        published = new Lazy<ConsumerRun>(PublishAndRun);
    }

    /// <summary>The repository checkout the package is packed from.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The configuration this test project, and so the runtime it packs, was built in.</summary>
    public string Configuration { get; }

    /// <summary>The package version of this run.</summary>
    public string Version { get; }

    /// <summary>A fresh temporary folder for everything this run writes.</summary>
    public string WorkDirectory { get; }

    /// <summary>The folder feed the package is packed into.</summary>
    public string Feed { get; }

    /// <summary>What each step took, for the test output.</summary>
    public IReadOnlyList<string> Timings => timings;

    /// <summary>The packed .nupkg and .snupkg.</summary>
    public PackedPackage Package => packed.Value;

    /// <summary>The consumer built (Debug, as <c>dotnet build</c> does) and run.</summary>
    public ConsumerRun Consumer => consumer.Value;

    /// <summary>The consumer published native AOT (or trimmed, without a native toolchain) for this machine, and run.</summary>
    public ConsumerRun Published => published.Value;

    /// <summary>
    /// The folder consumers are created in, ready for <c>dotnet new</c> and <c>dotnet add package LossDsl --version</c>
    /// <see cref="Version"/>: the package is packed and the folder's nuget.config lists the test feed.
    /// </summary>
    public string ConsumerFolder()
    {
        _ = Package;
        WriteIsolation();
        return WorkDirectory;
    }

    private PackedPackage PackOnce()
    {
        // `dotnet pack` of the package's project (src/LossDsl.Runtime, which brings the plug-ins along), from the build
        // this test run made (the test project references the runtime, so it is built first, in the same configuration).
        // Packing is then a matter of seconds; a second build of the runtime would compile every catalog kernel again.
        // The pack writes the package to the test's feed and its nuspec to the test's folder: nothing in the checkout.
        var pack = Step("dotnet pack", DotnetProcess.Dotnet(RepositoryRoot,
            "pack", Path.Combine("src", "LossDsl.Runtime", "LossDsl.Runtime.csproj"),
            "--no-build",
            "-c", Configuration,
            "-o", Feed,
            "-p:PackageVersion=" + Version,
            "-p:NuspecOutputPath=" + Path.Combine(WorkDirectory, "nuspec") + Path.DirectorySeparatorChar));
        string[] packages = Directory.Exists(Feed) ? Directory.GetFiles(Feed) : Array.Empty<string>();
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Describe());
        string nupkg = Path.Combine(Feed, $"LossDsl.{Version}.nupkg");
        string snupkg = Path.Combine(Feed, $"LossDsl.{Version}.snupkg");
        Assert.True(File.Exists(nupkg) && File.Exists(snupkg),
            $"expected LossDsl.{Version}.nupkg and .snupkg in the feed, found: {string.Join(", ", packages.Select(Path.GetFileName))}\n{pack.Describe()}");
        Assert.True(packages.Length == 2, $"dotnet pack made more than the LossDsl package: {string.Join(", ", packages.Select(Path.GetFileName))}");
        return new PackedPackage(nupkg, snupkg, pack);
    }

    private ConsumerRun BuildAndRunConsumer()
    {
        _ = Package;
        WriteIsolation();

        // A user's first five minutes: a new console app, one `dotnet add package`, a loss, `dotnet build`, `dotnet run`.
        string project = Path.Combine(WorkDirectory, "Consumer");
        var create = Step("dotnet new console", DotnetProcess.Dotnet(WorkDirectory, "new", "console", "-n", "Consumer", "-o", project, "--no-restore"));
        Assert.True(create.ExitCode == 0, "dotnet new console failed:\n" + create.Describe());
        var add = Step("dotnet add package", DotnetProcess.Dotnet(project, "add", "package", "LossDsl", "--version", Version));
        Assert.True(add.ExitCode == 0, "dotnet add package LossDsl failed:\n" + add.Describe());
        WriteSources(project);

        var build = Step("dotnet build (consumer)", DotnetProcess.Dotnet(project, "build", "-nodeReuse:false", "-p:UseSharedCompilation=false"));
        Assert.True(build.ExitCode == 0, "building the consumer failed:\n" + build.Describe());
        var run = Step("dotnet run (consumer)", DotnetProcess.Dotnet(project, "run", "--no-build"));
        Assert.True(run.ExitCode == 0, "running the consumer failed:\n" + run.Describe());
        return new ConsumerRun(File.ReadAllText(Path.Combine(project, "Consumer.csproj")), build, run, "dotnet build");
    }

    private ConsumerRun PublishAndRun()
    {
        _ = Package;
        WriteIsolation();

        // The check Microsoft's guide to trimmable and AOT-compatible libraries gives: a program that roots the whole
        // library assembly (so every type and member is analysed, not only what this program calls), shows each warning,
        // and is published native AOT, or trimmed where no native toolchain is at hand.
        string project = Path.Combine(WorkDirectory, "TrimCheck");
        Directory.CreateDirectory(project);
        string csproj = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TrimmerSingleWarn>false</TrimmerSingleWarn>
                <EnableTrimAnalyzer>true</EnableTrimAnalyzer>
                <EnableAotAnalyzer>true</EnableAotAnalyzer>
                <EnableSingleFileAnalyzer>true</EnableSingleFileAnalyzer>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LossDsl" Version="{Version}" />
                <TrimmerRootAssembly Include="LossDsl.Runtime" />
              </ItemGroup>
            </Project>
            """;
        File.WriteAllText(Path.Combine(project, "TrimCheck.csproj"), csproj);
        WriteSources(project);

        (string mode, string[] properties) = PublishMode();
        string publishDirectory = Path.Combine(project, "publish");
        var publish = Step($"dotnet publish ({mode})", DotnetProcess.Dotnet(project,
            new[] { "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", publishDirectory, "-nodeReuse:false", "-p:UseSharedCompilation=false" }
                .Concat(properties).ToArray()));
        Assert.True(publish.ExitCode == 0, $"publishing the consumer ({mode}) failed:\n" + publish.Describe());
        string executable = Path.Combine(publishDirectory, OperatingSystem.IsWindows() ? "TrimCheck.exe" : "TrimCheck");
        Assert.True(File.Exists(executable), $"no published executable at {executable}:\n{publish.Describe()}");
        var run = Step($"run ({mode})", DotnetProcess.Run(executable, project));
        Assert.True(run.ExitCode == 0, $"running the published consumer ({mode}) failed:\n" + run.Describe());
        return new ConsumerRun(csproj, publish, run, mode);
    }

    // Native AOT needs a C toolchain to link: clang by default; gcc does too (CppCompilerAndLinker=gcc), and every
    // machine of this project's kind has it. Elsewhere (Windows, macOS, a Linux without either) the program is published
    // trimmed and self-contained, which runs the same trimming analysis but not the AOT compiler's own.
    private static (string Mode, string[] Properties) PublishMode()
    {
        if (OperatingSystem.IsLinux())
        {
            if (FindOnPath("clang") is not null)
            {
                return ("native AOT, clang", new[] { "-p:PublishAot=true" });
            }

            if (FindOnPath("gcc") is not null)
            {
                return ("native AOT, gcc", new[] { "-p:PublishAot=true", "-p:CppCompilerAndLinker=gcc" });
            }
        }

        return ("trimmed, no native toolchain", new[] { "-p:PublishTrimmed=true", "--self-contained" });
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    private void WriteSources(string project)
    {
        var (declarations, call) = ConsumerProgram.ReadmeBlocks(File.ReadAllText(Path.Combine(RepositoryRoot, "src", "LossDsl.Runtime", "PackageReadme.md")));
        File.WriteAllText(Path.Combine(project, "Readme.cs"), declarations);
        File.WriteAllText(Path.Combine(project, "Program.cs"), ConsumerProgram.Program(call));
    }

    // The consumers live outside the repository; these stop MSBuild and NuGet from looking further up for the files that
    // would otherwise change the build, and add the test feed to the machine's own package sources (which still serve
    // System.Numerics.Tensors, the runtime packs and the AOT compiler).
    private void WriteIsolation()
    {
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            string path = Path.Combine(WorkDirectory, name);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, "<Project>\n  <!-- Stops the search for this file above the test's folder. -->\n</Project>\n");
            }
        }

        File.WriteAllText(Path.Combine(WorkDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="lossdsl-package-test" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    private CommandResult Step(string name, CommandResult result)
    {
        lock (timings)
        {
            timings.Add($"{name}: {result.Elapsed.TotalSeconds:F1} s");
        }

        return result;
    }

    public void Dispose()
    {
        TryDelete(WorkDirectory);
        if (!consumer.IsValueCreated && !published.IsValueCreated)
        {
            return;
        }

        // Restore extracted this run's package into the machine's global packages folder; nothing else will use that
        // version. Folders of earlier runs that were killed before cleaning up go too, once they are a day old.
        var locals = DotnetProcess.Dotnet(Path.GetTempPath(), "nuget", "locals", "global-packages", "--list");
        string? line = locals.Output.Split('\n').FirstOrDefault(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        if (locals.ExitCode != 0 || line is null)
        {
            return;
        }

        string lossDsl = Path.Combine(line["global-packages:".Length..].Trim(), "lossdsl");
        if (!Directory.Exists(lossDsl))
        {
            return;
        }

        foreach (string folder in Directory.GetDirectories(lossDsl, TestVersionPrefix + "*"))
        {
            if (Path.GetFileName(folder) == Version || Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddDays(-1))
            {
                TryDelete(folder);
            }
        }

        if (Directory.GetFileSystemEntries(lossDsl).Length == 0)
        {
            TryDelete(lossDsl);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException e)
        {
            Debug.WriteLine($"could not delete {directory}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            Debug.WriteLine($"could not delete {directory}: {e.Message}");
        }
    }
}

/// <summary>The package files a pack produced, and the pack's own output.</summary>
public sealed record PackedPackage(string Nupkg, string Snupkg, CommandResult Pack);

/// <summary>A consumer's project file, its build (or publish), its run, and how it was built.</summary>
public sealed record ConsumerRun(string ProjectFile, CommandResult Build, CommandResult Run, string Mode);

/// <summary>The package tests share one <see cref="PackageFixture"/> and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "LossDsl package";
}
