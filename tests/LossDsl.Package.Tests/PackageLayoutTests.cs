using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using LossDsl.Package.Tests.Infrastructure;
using LossDsl.Tests;
using Xunit;
using Xunit.Abstractions;

namespace LossDsl.Package.Tests;

/// <summary>
/// What is inside the package <c>dotnet pack</c> makes: one package that carries the runtime and, as compiler plug-ins,
/// the generator and the analyzers, with the hygiene users check (licence, readme, docs, symbols, deterministic paths).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private readonly PackageFixture fixture;
    private readonly ITestOutputHelper output;

    public PackageLayoutTests(PackageFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    [Fact]
    public void The_package_holds_the_runtime_in_lib_and_the_compiler_plugins_in_analyzers()
    {
        using var package = ZipFile.OpenRead(fixture.Package.Nupkg);
        string[] files = package.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal) && name != "[Content_Types].xml")
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
        string[] expected =
        {
            "LICENSE",
            "LossDsl.nuspec",
            "README.md",
            "analyzers/dotnet/cs/LossDsl.Analyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/LossDsl.Analyzers.dll",
            "analyzers/dotnet/cs/LossDsl.Generator.dll",
            "lib/net10.0/LossDsl.Runtime.dll",
            "lib/net10.0/LossDsl.Runtime.xml",
        };
        Assert.True(expected.SequenceEqual(files), $"package files:\n  {string.Join("\n  ", files)}\nexpected:\n  {string.Join("\n  ", expected)}");
        output.WriteLine(string.Join("\n", fixture.Timings));
    }

    [Fact]
    public void Under_src_the_plug_ins_are_never_packages_of_their_own()
    {
        // The plug-ins travel inside the LossDsl package; a package of their own would be a second thing to reference.
        // Besides LossDsl (the runtime project) only the opt-in ML.NET adapter is a package: it depends on LossDsl
        // and brings Microsoft.ML, which LossDsl users without ML.NET must not get.
        string[] packable = ["LossDsl.Runtime.csproj", "LossDsl.MLNet.csproj"];
        foreach (string project in Directory.GetFiles(Path.Combine(fixture.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var evaluation = DotnetProcess.Dotnet(fixture.RepositoryRoot, "msbuild", project, "-getProperty:IsPackable");
            Assert.True(evaluation.ExitCode == 0, evaluation.Describe());
            bool expected = packable.Contains(Path.GetFileName(project));
            Assert.True(evaluation.Output.Trim() == (expected ? "true" : "false"),
                $"{Path.GetFileName(project)}: IsPackable should be {(expected ? "true" : "false")}\n{evaluation.Describe()}");
        }
    }

    [Fact]
    public void The_only_dependency_is_System_Numerics_Tensors_and_never_Roslyn()
    {
        XElement metadata = Nuspec().Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("LossDsl", Value("id"));
        Assert.Equal(fixture.Version, Value("version"));
        Assert.Equal("README.md", Value("readme"));
        XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));

        var groups = metadata.Elements().Single(e => e.Name.LocalName == "dependencies").Elements().ToArray();
        Assert.Equal(new[] { "net10.0" }, groups.Select(g => (string?)g.Attribute("targetFramework")));
        string[] dependencies = groups.SelectMany(g => g.Elements()).Select(d => (string)d.Attribute("id")!).ToArray();
        Assert.Equal(new[] { "System.Numerics.Tensors" }, dependencies);
    }

    [Fact]
    public void The_readme_and_licence_in_the_package_are_the_repository_files()
    {
        Assert.Equal(ReadRepositoryFile("src/LossDsl.Runtime/PackageReadme.md"), ReadEntry(fixture.Package.Nupkg, "README.md"));
        string licence = ReadEntry(fixture.Package.Nupkg, "LICENSE");
        Assert.Equal(ReadRepositoryFile("LICENSE"), licence);
        Assert.Contains("MIT License", licence);
        Assert.Contains("LossDsl developers", licence);
    }

    [Fact]
    public void The_runtime_is_marked_trimmable_and_documented()
    {
        using var pe = new PEReader(new MemoryStream(ReadEntryBytes(fixture.Package.Nupkg, "lib/net10.0/LossDsl.Runtime.dll")));
        MetadataReader reader = pe.GetMetadataReader();
        Assert.Contains(("IsTrimmable", "True"), AssemblyMetadata(reader));

        string docs = ReadEntry(fixture.Package.Nupkg, "lib/net10.0/LossDsl.Runtime.xml");
        Assert.Contains("<member name=\"T:LossDsl.LossAttribute\">", docs);
        Assert.Contains("<member name=\"M:LossDsl.LossAttribute.#ctor(System.String)\">", docs);
    }

    [Fact]
    public void The_compiler_plugins_reference_no_Roslyn_newer_than_4_14()
    {
        // A plug-in built against a newer Microsoft.CodeAnalysis than the compiler that loads it fails to load (CS9057).
        var newest = new Version(4, 14, 0, 0);
        foreach (string name in new[] { "LossDsl.Generator", "LossDsl.Analyzers", "LossDsl.Analyzers.CodeFixes" })
        {
            using var pe = new PEReader(new MemoryStream(ReadEntryBytes(fixture.Package.Nupkg, $"analyzers/dotnet/cs/{name}.dll")));
            MetadataReader reader = pe.GetMetadataReader();
            var roslyn = reader.AssemblyReferences.Select(reader.GetAssemblyReference)
                .Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .ToArray();
            Assert.NotEmpty(roslyn);
            foreach (var reference in roslyn)
            {
                Assert.True(reference.Version <= newest, $"{name} references {reader.GetString(reference.Name)} {reference.Version}");
            }
        }
    }

    [Fact]
    public void The_symbol_package_holds_the_pdb_of_the_packed_runtime()
    {
        using var pe = new PEReader(new MemoryStream(ReadEntryBytes(fixture.Package.Nupkg, "lib/net10.0/LossDsl.Runtime.dll")));
        DebugDirectoryEntry codeView = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        CodeViewDebugDirectoryData expected = pe.ReadCodeViewDebugDirectoryData(codeView);

        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(
            new MemoryStream(ReadEntryBytes(fixture.Package.Snupkg, "lib/net10.0/LossDsl.Runtime.pdb")));
        MetadataReader pdb = pdbProvider.GetMetadataReader();
        Assert.Equal(expected.Guid, new BlobContentId(pdb.DebugMetadataHeader!.Id).Guid);
        string[] documents = pdb.Documents.Select(h => pdb.GetString(pdb.GetDocument(h).Name).Replace('\\', '/')).ToArray();
        Assert.Contains(documents, d => d.EndsWith("src/LossDsl.Runtime/LossAttribute.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_CI_build_is_deterministic_with_mapped_source_paths()
    {
        // Directory.Build.props turns ContinuousIntegrationBuild on where CI=true (GitHub Actions, Azure Pipelines and
        // most CI services set it), which maps the checkout to /_/ in the PDB and the assembly.
        string project = Path.Combine(fixture.RepositoryRoot, "src", "LossDsl.Runtime", "LossDsl.Runtime.csproj");
        var ci = DotnetProcess.Dotnet(fixture.RepositoryRoot, new Dictionary<string, string> { ["CI"] = "true" },
            "msbuild", project, "-getProperty:ContinuousIntegrationBuild", "-getProperty:DeterministicSourcePaths", "-getProperty:Deterministic");
        Assert.True(ci.ExitCode == 0, ci.Describe());
        foreach (string property in new[] { "ContinuousIntegrationBuild", "DeterministicSourcePaths", "Deterministic" })
        {
            Assert.Matches($"\"{property}\": \"true\"", ci.Output);
        }

        var local = DotnetProcess.Dotnet(fixture.RepositoryRoot, new Dictionary<string, string> { ["CI"] = "", ["GITHUB_ACTIONS"] = "", ["TF_BUILD"] = "" },
            "msbuild", project, "-getProperty:ContinuousIntegrationBuild");
        Assert.True(local.ExitCode == 0 && local.Output.Trim() == "", "a local build should keep real paths:\n" + local.Describe());
    }

    private XElement Nuspec() => XDocument.Parse(ReadEntry(fixture.Package.Nupkg, "LossDsl.nuspec")).Root!;

    private string ReadRepositoryFile(string relative) =>
        File.ReadAllText(Path.Combine(fixture.RepositoryRoot, relative.Replace('/', Path.DirectorySeparatorChar)));

    private static IEnumerable<(string Key, string Value)> AssemblyMetadata(MetadataReader reader)
    {
        foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (reader.GetString(type.Name) != "AssemblyMetadataAttribute")
            {
                continue;
            }

            // Prolog (2 bytes), then two SerString arguments.
            BlobReader value = reader.GetBlobReader(attribute.Value);
            value.ReadUInt16();
            yield return (value.ReadSerializedString() ?? "", value.ReadSerializedString() ?? "");
        }
    }

    private static string ReadEntry(string package, string name) => Encoding.UTF8.GetString(ReadEntryBytes(package, name)).TrimStart('\uFEFF');

    private static byte[] ReadEntryBytes(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{Path.GetFileName(package)} has no {name}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
