using LossDsl.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LossDsl.Analyzers.Flow;

/// <summary>The checks at the calls of losses, run in the pass that sees the fixed point.</summary>
internal sealed partial class KindFlowAnalysis
{
    private void CheckSinks(Call call)
    {
        IInvocationOperation invocation = call.Invocation;
        MethodInfo info = call.Info;
        if (info.Role == MethodRole.FunctionalLoss)
        {
            TorchLoss loss = info.Loss!;
            IArgumentOperation? logTargetArgument = loss.IsKlDiv ? call.ArgumentNamed("log_target") : null;
            bool? logTarget = logTargetArgument?.Value.ConstantValue is { HasValue: true, Value: bool b } ? b : null;
            var site = new SinkSite(invocation.TargetMethod.Name, loss, module: null, invocation.Syntax, logTarget,
                logTargetArgument?.ArgumentKind == ArgumentKind.Explicit);
            foreach ((int ordinal, Expectation expectation) in loss.Inputs)
            {
                Check(call, ordinal, expectation, site);
            }
        }
        else if (info.Role == MethodRole.ModuleInvoke)
        {
            ModuleFact? created = call.Receiver as ModuleFact;
            if ((created?.Module ?? known.ModuleOf(invocation.Instance?.Type)) is { Loss: { } loss } module)
            {
                var site = new SinkSite(module.Display, loss, created, created?.Creation, created?.LogTarget, created?.LogTargetExplicit ?? false);
                foreach ((int ordinal, Expectation expectation) in loss.Inputs)
                {
                    Check(call, ordinal, expectation, site);
                }
            }
        }
        else if (!info.SinkParameters.IsEmpty)
        {
            var site = new SinkSite($"'{MethodDisplay(invocation.TargetMethod)}'", loss: null, module: null, invocation.Syntax, logTarget: null);
            foreach ((int ordinal, Expectation expectation) in info.SinkParameters)
            {
                Check(call, ordinal, expectation, site);
            }
        }
    }

    private void Check(Call call, int ordinal, Expectation expectation, SinkSite site)
    {
        if (ordinal >= call.Args.Length || call.Args[ordinal] is not ValueFact fact || call.ArgumentAt(ordinal) is not { } argument
            || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return;
        }

        SyntaxNode argumentSyntax = argument.Syntax is ArgumentSyntax a ? a.Expression : argument.Value.Syntax;
        Diagnostic? d = SinkChecker.Check(expectation, fact, site, argumentSyntax, CanReuseInput(fact, argumentSyntax));
        if (d != null)
        {
            passDiagnostics.Add(d);
        }
    }

    // A fix may put the producer's input in place of the argument when the argument is the producer call itself, or
    // when the input is a variable that still holds what the producer read.
    private InputReuse CanReuseInput(ValueFact fact, SyntaxNode argumentSyntax)
    {
        Origin o = fact.Origin;
        if (!fact.SingleOrigin || o.ProducerSyntax == null || o.InputSyntax == null || o.ProducerSyntax.SyntaxTree != argumentSyntax.SyntaxTree)
        {
            return InputReuse.No;
        }

        if (SinkChecker.Unparenthesize(argumentSyntax) == o.ProducerSyntax)
        {
            return InputReuse.Inline;
        }

        int input = Tracked(o.InputSymbol);
        return input >= 0 && o.InputSyntax is IdentifierNameSyntax && Equals(state.VersionOf(input), o.InputVersion)
            ? InputReuse.Unchanged : InputReuse.No;
    }
}
