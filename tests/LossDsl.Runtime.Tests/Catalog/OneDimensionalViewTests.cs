using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using LossDsl.CatalogDocs;
using Xunit;

namespace LossDsl.Runtime.Tests.Catalog;

/// <summary>
/// The 1-D views of docs/catalog.md: every entry has a view or a stated reason for having none, and every plotted
/// gradient is the derivative of the plotted loss (central finite differences of the loss the view itself computes).
/// </summary>
public class OneDimensionalViewTests
{
    private const int Points = 20;

    public static TheoryData<string> ViewNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in OneDimensionalViews.All.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_entry_has_either_a_view_or_a_reason_for_none()
    {
        var entries = Program.Entries().Select(e => e.Name).ToList();
        foreach (string name in entries)
        {
            bool view = OneDimensionalViews.TryGet(name, out _);
            bool reason = OneDimensionalViews.TryGetReason(name, out _);
            Assert.True(view ^ reason, view
                ? $"{name} has both a 1-D view and a reason for having none."
                : $"{name} has neither a 1-D view nor a reason for having none: add it to one of the two tables in tools/LossDsl.CatalogDocs/OneDimensionalViews.cs.");
        }

        // No table names an entry that does not exist (a renamed or removed entry).
        Assert.Empty(OneDimensionalViews.All.Keys.Concat(OneDimensionalViews.NoViewReasons.Keys).Except(entries));
        Assert.All(OneDimensionalViews.NoViewReasons, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Theory]
    [MemberData(nameof(ViewNames))]
    public void The_plotted_gradient_is_the_derivative_of_the_plotted_loss(string name)
    {
        OneDimensionalViews.View view = OneDimensionalViews.All[name];
        (int checkedPoints, List<string> failures) = CompareWithFiniteDifferences(view);
        Assert.True(failures.Count == 0, $"{name} ({view.Along}):\n" + string.Join("\n", failures));
        Assert.True(checkedPoints >= Points * 3 / 4, $"{name}: only {checkedPoints} of {Points} points are away from its kinks.");
    }

    [Theory]
    [MemberData(nameof(ViewNames))]
    public void Every_plotted_value_is_finite(string name)
    {
        OneDimensionalViews.View view = OneDimensionalViews.All[name];
        Assert.True(view.From < view.To, name);
        (double[] xs, double[] loss, double[] gradient) = OneDimensionalViews.Sample(view);
        for (int k = 0; k < xs.Length; k++)
        {
            Assert.True(double.IsFinite(loss[k]) && double.IsFinite(gradient[k]), $"{name} at {xs[k]:R}: loss {loss[k]}, gradient {gradient[k]}.");
        }
    }

    [Fact]
    public void The_comparison_catches_a_view_that_plots_another_element_of_the_gradient()
    {
        // Cross-entropy of one row of three logits, x at column 0, but plotting ∂loss/∂x₁ instead of ∂loss/∂x₀.
        var wrong = new OneDimensionalViews.View("x₀", -4, 4, (x, g) =>
        {
            double[] xs = [x, 0, 0];
            var dx = new double[3];
            double loss = Losses.Classification.CrossEntropy(new ReadOnlyTensorSpan<double>(xs, [1, 3], default), [0],
                new TensorSpan<double>(dx, [1, 3], default), reduction: Reduction.Sum);
            g[0] = dx[1];
            return loss;
        });
        Assert.NotEmpty(CompareWithFiniteDifferences(wrong).Failures);
    }

    /// <summary>
    /// At <see cref="Points"/> points spread over the view's range (shifted off its centre, and skipping any within
    /// 10⁻³ of the range of a kink), compares the view's gradient with (L(x + h) − L(x − h)) / 2h of the view's loss,
    /// h = 10⁻⁵·max(1, |x|), to 10⁻⁵ relative + 10⁻⁷ absolute.
    /// </summary>
    private static (int Checked, List<string> Failures) CompareWithFiniteDifferences(OneDimensionalViews.View view)
    {
        var failures = new List<string>();
        var g = new double[1];
        var scratch = new double[1];
        double range = view.To - view.From;
        int count = 0;
        for (int k = 0; k < Points; k++)
        {
            double x = view.From + range * (k + 0.4375) / Points;
            double h = 1e-5 * Math.Max(1, Math.Abs(x));
            if (view.Kinks.Any(kink => Math.Abs(x - kink) < Math.Max(1e-3 * range, 10 * h)))
            {
                continue;
            }

            count++;
            double loss = view.At(x, g);
            double fd = (view.At(x + h, scratch) - view.At(x - h, scratch)) / (2 * h);
            if (!double.IsFinite(loss) || !(Math.Abs(g[0] - fd) <= 1e-5 * Math.Max(Math.Abs(g[0]), Math.Abs(fd)) + 1e-7))
            {
                failures.Add($"at x = {x:R}: loss {loss:R}, gradient {g[0]:R}, central difference {fd:R}");
            }
        }

        return (count, failures);
    }
}
