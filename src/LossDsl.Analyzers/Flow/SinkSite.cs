using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;

namespace LossDsl.Analyzers.Flow;

/// <summary>A call of a loss being checked: how to name it, and what a fix would rewrite.</summary>
internal sealed class SinkSite
{
    public SinkSite(string display, TorchLoss? loss, ModuleFact? module, SyntaxNode? fixTarget, bool? logTarget, bool logTargetExplicit = false)
    {
        Display = display;
        Loss = loss;
        Module = module;
        FixTarget = fixTarget;
        LogTarget = logTarget;
        LogTargetExplicit = logTargetExplicit;
    }

    /// <summary>How the message names the loss: <c>cross_entropy</c>, <c>nn.CrossEntropyLoss</c>, <c>'MyLosses.Bce'</c>.</summary>
    public string Display { get; }

    public TorchLoss? Loss { get; }

    /// <summary>The module created in this body whose call this is; null for a functional loss or a module of unknown origin.</summary>
    public ModuleFact? Module { get; }

    /// <summary>The functional call, or the module's creation, that a rename fix rewrites; null when none is safe to rewrite.</summary>
    public SyntaxNode? FixTarget { get; }

    /// <summary>A KL divergence's log_target, when it is a constant.</summary>
    public bool? LogTarget { get; }

    public bool LogTargetExplicit { get; }
}

/// <summary>Whether a fix may put a producer's input where its output is passed.</summary>
internal enum InputReuse
{
    No,

    /// <summary>The argument is the producer call itself.</summary>
    Inline,

    /// <summary>The producer's input is a variable that still holds what the producer read.</summary>
    Unchanged,
}
