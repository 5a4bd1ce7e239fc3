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
    public void Every_entry_shows_at_least_one_formula()
    {
        string page = LossDsl.CatalogDocs.Program.Render(plotDirectory: null);
        foreach (var entry in LossDsl.CatalogDocs.Program.Entries())
        {
            Assert.True(Section(page, entry.Name).Contains("\n- Formula", StringComparison.Ordinal), $"{entry.Name} has no formula line.");
        }

        // Ctc's public methods call CtcMeanCore and CtcSumCore: one formula per reduction.
        string ctc = Section(page, "Ctc");
        Assert.Contains("- Formula with `Reduction.Mean`: `mean(ctc(", ctc, StringComparison.Ordinal);
        Assert.Contains("- Formula with `Reduction.Sum`: `sum(ctc(", ctc, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_assembled_from_several_kernels_shows_each_kernels_formula_and_gradients_and_how_they_combine()
    {
        string page = LossDsl.CatalogDocs.Program.Render(plotDirectory: null);
        Assert.Equal(["MultiLabelMargin", "Perceptual", "VariationalAutoencoder"], LossDsl.CatalogDocs.ComposedEntries.All.Keys.Order(StringComparer.Ordinal));
        foreach (var (entry, composition) in LossDsl.CatalogDocs.ComposedEntries.All)
        {
            string[] lines = Section(page, entry).Split('\n');
            foreach (var piece in composition.Pieces)
            {
                // The piece's formula, then its derivation up to the next formula or the combination.
                int formula = Array.FindIndex(lines, l => l.StartsWith($"- Formula ({piece.Label}): `", StringComparison.Ordinal));
                Assert.True(formula >= 0, $"{entry}: no formula line for {piece.Method}");
                var derivation = lines.Skip(formula + 1).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal) && !l.StartsWith("- Formula", StringComparison.Ordinal) && !l.StartsWith("- Combined", StringComparison.Ordinal)).ToList();
                Assert.Contains(derivation, l => l.StartsWith("- Loss after stable rewrites: `", StringComparison.Ordinal));
                Assert.Contains(derivation, l => l.StartsWith("- Gradient `d", StringComparison.Ordinal));
            }

            Assert.Contains($"- Combined: {composition.Combination}", lines);
        }

        // The pieces are the catalog's kernels: the formulas as declared in src/LossDsl.Runtime/Catalog.
        Assert.Contains("- Formula (per layer, `PerceptualLayerCore`): `scale * sum((pred - target)^2)`\n", Section(page, "Perceptual"), StringComparison.Ordinal);
        Assert.Contains("- Formula (KL term, `VaeKlCore`): `-0.5 * beta * sum(1 + logvar - mu^2 - exp(logvar))`\n", Section(page, "VariationalAutoencoder"), StringComparison.Ordinal);
        Assert.Contains("- Formula (per target position, `MultiLabelMarginSlot`): `where(yt != end, row_mean(where(m > 0, 0, relu(1 - x[yt] + x))), 0)`\n",
            Section(page, "MultiLabelMargin"), StringComparison.Ordinal);
        // Every gradient output of each entry is derived by one of its pieces.
        Assert.Contains("- Gradient `dpred`", Section(page, "Perceptual"), StringComparison.Ordinal);
        Assert.Contains("- Gradient `dx`", Section(page, "MultiLabelMargin"), StringComparison.Ordinal);
        foreach (string output in new[] { "drecon_x", "dmu", "dlogvar" })
        {
            Assert.Contains($"- Gradient `{output}`", Section(page, "VariationalAutoencoder"), StringComparison.Ordinal);
        }
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
