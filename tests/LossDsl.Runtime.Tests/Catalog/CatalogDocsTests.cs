using System;
using System.IO;
using System.Linq;
using Xunit;

namespace LossDsl.Runtime.Tests.Catalog;

/// <summary>docs/catalog.md is produced from the catalog by tools/LossDsl.CatalogDocs; it must match the code.</summary>
public class CatalogDocsTests
{
    private static string Root()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "LossDsl.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public void Catalog_page_is_up_to_date()
    {
        string expected = LossDsl.CatalogDocs.Program.Render(plotDirectory: null);
        string actual = File.ReadAllText(Path.Combine(Root(), "docs", "catalog.md")).Replace("\r\n", "\n");
        Assert.True(expected == actual,
            "docs/catalog.md is stale: run `dotnet run --project tools/LossDsl.CatalogDocs` and commit the result.");
    }

    [Fact]
    public void Every_plotted_entry_has_its_image()
    {
        foreach (var entry in LossDsl.CatalogDocs.Program.Entries())
        {
            if (LossDsl.CatalogDocs.OneDimensionalViews.TryGet(entry.Name, out _))
            {
                Assert.True(File.Exists(Path.Combine(Root(), "docs", "images", "catalog", entry.Name + ".png")), $"docs/images/catalog/{entry.Name}.png is missing.");
            }
        }
    }

    [Fact]
    public void The_row_table_lists_all_61_rows_once()
    {
        var rows = LossDsl.CatalogDocs.CatalogRows.All;
        Assert.Equal(61, rows.Length);
        Assert.Equal(Enumerable.Range(1, 61), rows.Select(r => r.Row));
        Assert.Equal(61, rows.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Every_entry_belongs_to_a_catalog_row()
    {
        Assert.All(LossDsl.CatalogDocs.Program.Entries(), e => Assert.NotNull(LossDsl.CatalogDocs.Program.RowOf(e.Name)));
    }
}
