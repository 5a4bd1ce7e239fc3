using System.IO;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>Keeps docs/dsl.md and the LD0003 page in step with the function table the binder actually uses.</summary>
public sealed class DslDocsTests
{
    private static readonly string Reference = File.ReadAllText(RepositoryRoot.Resolve("docs/dsl.md"));

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (FunctionInfo f in FunctionTable.All)
        {
            data.Add(f.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Reference_documents_every_function_with_its_signature(string name)
    {
        Assert.True(FunctionTable.TryGet(name, out FunctionInfo f));
        Assert.Contains("| `" + f.Signature + "` |", Reference, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Unknown_function_page_lists_every_function(string name)
    {
        string page = File.ReadAllText(RepositoryRoot.Resolve("docs/diagnostics/LD0003.md"));
        int list = page.IndexOf("The functions are `", System.StringComparison.Ordinal);
        Assert.True(list >= 0, "LD0003.md no longer has its list of functions.");
        string names = page.Substring(list, page.IndexOf('`', list + 19) - list);
        Assert.Contains(" " + name + " ", " " + names.Substring(19).Replace('\n', ' ') + " ", System.StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_documents_every_constant()
    {
        foreach (string constant in FunctionTable.Constants.Keys)
        {
            Assert.Contains("`" + constant + "`", Reference, System.StringComparison.Ordinal);
        }
    }
}
