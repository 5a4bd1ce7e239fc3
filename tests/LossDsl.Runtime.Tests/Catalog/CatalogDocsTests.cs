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

    // The page's section of each entry: from its "### Name" heading to the next heading.
    private static string Section(string page, string entry)
    {
        int start = page.IndexOf($"\n### {entry}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {entry}");
        int end = page.IndexOf("\n#", start + 5, StringComparison.Ordinal);
        return end < 0 ? page[start..] : page[start..end];
    }

    [Fact]
    public void Every_entry_shows_its_formula_but_the_three_composed_of_several_kernels()
    {
        string page = LossDsl.CatalogDocs.Program.Render(plotDirectory: null);
        string[] composed = ["MultiLabelMargin", "Perceptual", "VariationalAutoencoder"];
        foreach (var entry in LossDsl.CatalogDocs.Program.Entries())
        {
            bool formula = Section(page, entry.Name).Contains("\n- Formula", StringComparison.Ordinal);
            Assert.True(formula != composed.Contains(entry.Name), formula ? $"{entry.Name} now has a formula line: check it is the entry's own." : $"{entry.Name} has no formula line.");
        }

        // Ctc's public methods call CtcMeanCore and CtcSumCore: one formula per reduction.
        string ctc = Section(page, "Ctc");
        Assert.Contains("- Formula with `Reduction.Mean`: `mean(ctc(", ctc, StringComparison.Ordinal);
        Assert.Contains("- Formula with `Reduction.Sum`: `sum(ctc(", ctc, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_is_described_by_its_simplest_form_not_its_widest_overload()
    {
        string page = LossDsl.CatalogDocs.Program.Render(plotDirectory: null);
        string Description(string entry) => Section(page, entry).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.StartsWith("Cross-entropy of logits against class indices, PyTorch's `cross_entropy`:", Description("CrossEntropy"), StringComparison.Ordinal);
        Assert.StartsWith("Negative log-likelihood of log-probabilities against class indices", Description("NegativeLogLikelihood"), StringComparison.Ordinal);
        foreach (var entry in LossDsl.CatalogDocs.Program.Entries())
        {
            string description = Description(entry.Name);
            Assert.DoesNotContain("with the gradient with respect to", description, StringComparison.Ordinal);
            Assert.False(description.StartsWith("Weighted", StringComparison.Ordinal) || description.StartsWith("Class-weighted", StringComparison.Ordinal), $"{entry.Name}: {description}");
        }

        // The parameter table still lists every parameter (CrossEntropy's widest overload has weight and dweight).
        Assert.Contains("| `dweight` |", Section(page, "CrossEntropy"), StringComparison.Ordinal);
        Assert.Contains("| `weight` | PerClass |", Section(page, "CrossEntropy"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_a_view_says_why()
    {
        string page = LossDsl.CatalogDocs.Program.Render(plotDirectory: null);
        foreach (var (entry, reason) in LossDsl.CatalogDocs.OneDimensionalViews.NoViewReasons)
        {
            string section = Section(page, entry);
            Assert.Contains($"\nNo 1-D view: {reason}\n", section, StringComparison.Ordinal);
            Assert.DoesNotContain("![", section, StringComparison.Ordinal);
        }
    }
}
