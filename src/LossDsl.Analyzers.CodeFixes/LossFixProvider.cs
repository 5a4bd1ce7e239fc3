using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossDsl.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LossDsl.Analyzers.CodeFixes;

/// <summary>
/// What every LossDsl fix shares: the analyzer decides whether a fix is mechanical and says which one in the
/// diagnostic's <see cref="FixData.Fix"/> property; this base reads the document once, hands each diagnostic that asks
/// for one of the provider's fixes to <see cref="Offer"/>, registers what it offers, and supports Fix All.
/// A provider states only which diagnostics and fixes it handles, and what it writes.
/// </summary>
public abstract class LossFixProvider : CodeFixProvider
{
    private readonly ImmutableHashSet<string> _fixes;

    /// <summary>A provider for the diagnostics <paramref name="ids"/> that carry one of the fix names <paramref name="fixes"/>.</summary>
    private protected LossFixProvider(IEnumerable<DiagnosticDescriptor> ids, params string[] fixes)
    {
        FixableDiagnosticIds = ids.Select(d => d.Id).ToImmutableArray();
        _fixes = ImmutableHashSet.Create(StringComparer.Ordinal, fixes);
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null || model == null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixData.Fix, out string? fix) || fix == null || !_fixes.Contains(fix))
            {
                continue;
            }

            if (Offer(new FixSite(context.Document, root, model, diagnostic, fix), context.CancellationToken) is { } offer)
            {
                // One equivalence key per provider and kind of fix: Fix All applies the same fix to every diagnostic.
                context.RegisterCodeFix(CodeAction.Create(offer.Title, offer.Apply, GetType().Name + offer.Key), diagnostic);
            }
        }
    }

    /// <summary>The fix for one diagnostic, or null when the site does not allow it.</summary>
    private protected abstract FixOffer? Offer(FixSite site, CancellationToken cancellationToken);

    /// <summary>A fix that replaces the document's root with what <paramref name="rewrite"/> makes of it.</summary>
    private protected static FixOffer Rewrite(FixSite site, string title, string key, Func<CancellationToken, SyntaxNode> rewrite) =>
        new(title, key, ct =>
        {
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(site.Document.WithSyntaxRoot(rewrite(ct)).Project.Solution);
        });

    /// <summary>A fix that replaces <paramref name="node"/> with <paramref name="replacement"/>.</summary>
    private protected static FixOffer Replace(FixSite site, string title, string key, SyntaxNode node, SyntaxNode replacement) =>
        Rewrite(site, title, key, _ => site.Root.ReplaceNode(node, replacement));
}

/// <summary>One diagnostic to fix, with the document it is in, read once for all the diagnostics of a request.</summary>
internal sealed class FixSite
{
    public FixSite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string fix)
    {
        Document = document;
        Root = root;
        Model = model;
        Diagnostic = diagnostic;
        Fix = fix;
    }

    public Document Document { get; }

    public SyntaxNode Root { get; }

    public SemanticModel Model { get; }

    public Diagnostic Diagnostic { get; }

    /// <summary>The fix the analyzer asked for (a <see cref="FixData"/> name).</summary>
    public string Fix { get; }

    /// <summary>The innermost node at the diagnostic's location.</summary>
    public SyntaxNode? Node => FixSyntax.NodeAt(Root, Diagnostic.Location);

    /// <summary>The innermost node at additional location <paramref name="index"/>, or null.</summary>
    public SyntaxNode? Additional(int index) =>
        index < Diagnostic.AdditionalLocations.Count ? FixSyntax.NodeAt(Root, Diagnostic.AdditionalLocations[index]) : null;

    /// <summary>A property of the diagnostic, or null.</summary>
    public string? Property(string key) => Diagnostic.Properties.TryGetValue(key, out string? value) ? value : null;
}

/// <summary>A fix to register: its title, what tells it from the provider's other fixes, and the change.</summary>
internal sealed class FixOffer
{
    public FixOffer(string title, string key, Func<CancellationToken, Task<Solution>> apply)
    {
        Title = title;
        Key = key;
        Apply = apply;
    }

    public string Title { get; }

    public string Key { get; }

    public Func<CancellationToken, Task<Solution>> Apply { get; }
}
