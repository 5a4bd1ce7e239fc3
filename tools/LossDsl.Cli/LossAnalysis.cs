using System.Collections.Generic;
using System.Threading;
using LossDsl.Generator;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Compiler;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Emission;
using LossDsl.Generator.IR;
using LossDsl.Generator.Model;
using LossDsl.Generator.Parsing;

namespace LossDsl.Cli;

/// <summary>The type and shape of a name the formula uses.</summary>
/// <param name="Kind">real, integer or mask.</param>
/// <param name="Shape">Its axes, or null when the compiler did not bind it (an unused parameter).</param>
internal sealed record ValueFacts(ValueKind Kind, Shape? Shape);

/// <summary>What a command line asks the compiler to compile.</summary>
/// <param name="Formula">The formula.</param>
/// <param name="ParamsText">The <c>--params</c> text, or null to infer the parameters from the formula.</param>
/// <param name="PerElement">Whether <c>--reduction none</c> was given.</param>
/// <param name="Element">The element type (<c>--type</c>).</param>
/// <param name="MethodName">The method's name (<c>--name</c>).</param>
internal sealed record LossRequest(string Formula, string? ParamsText, bool PerElement, ElementType Element, string MethodName);

/// <summary>
/// A formula compiled by the generator's own compiler, with everything <c>explain</c> and <c>plot</c> show: the
/// parse tree, the parameters and their roles, the compiler's diagnostics, explanation and schedule, and the C# the
/// generator would emit. Nothing here re-implements a compiler stage; it calls the stages' entry points.
/// </summary>
internal sealed class LossAnalysis
{
    /// <summary>The class the generated method is declared in.</summary>
    public const string ClassName = "Losses";

    private LossAnalysis(LossRequest request, ParameterList parameters, LossSignature signature, CompiledLoss compiled, FormulaSyntax? syntax)
    {
        Request = request;
        Parameters = parameters;
        Signature = signature;
        Compiled = compiled;
        Syntax = syntax;
    }

    /// <summary>What was asked.</summary>
    public LossRequest Request { get; }

    /// <summary>The formula.</summary>
    public string Formula => Request.Formula;

    /// <summary>The parameters, given or inferred.</summary>
    public ParameterList Parameters { get; }

    /// <summary>The signature given to the compiler.</summary>
    public LossSignature Signature { get; }

    /// <summary>The compiler's result.</summary>
    public CompiledLoss Compiled { get; }

    /// <summary>The parse tree, or null on a syntax error.</summary>
    public FormulaSyntax? Syntax { get; }

    /// <summary>Whether the compiler reported an error.</summary>
    public bool HasErrors => Compiled.HasErrors;

    /// <summary>The spec the generator would emit for a method <c>public static partial … Losses.Name(…)</c>.</summary>
    public LossMethodSpec Spec => new(null, new[] { new ContainingTypeSpec("class", ClassName) }.ToEquatableArray(), "public static", Signature, Formula);

    /// <summary>Parses the parameters and compiles the formula.</summary>
    /// <exception cref="UsageException">The <c>--params</c> text is malformed.</exception>
    public static LossAnalysis Run(LossRequest request)
    {
        ParseResult parsed = Parser.Parse(request.Formula);
        ParameterList parameters = request.ParamsText is { } text ? ParameterList.Parse(text)
            : parsed.Formula is { } syntax ? ParameterList.Infer(syntax)
            : ParameterList.Empty; // only the syntax error is reported
        if (request.PerElement)
        {
            parameters = parameters.WithPerElementOutputs();
        }

        // loss and dloss take the formula's shape: a span for one value per sample, a tensor span for one per matrix
        // element. The vector form is tried first; the matrix form is kept only if it compiles where the vector did not.
        LossSignature signature = parameters.ToSignature(request.MethodName, request.Element, matrixLoss: false);
        CompiledLoss compiled = FormulaCompiler.Compile(signature, request.Formula, CancellationToken.None);
        if (compiled.HasErrors && parameters.IsPerElement && parsed.Formula != null)
        {
            LossSignature matrix = parameters.ToSignature(request.MethodName, request.Element, matrixLoss: true);
            CompiledLoss second = FormulaCompiler.Compile(matrix, request.Formula, CancellationToken.None);
            if (!second.HasErrors)
            {
                (signature, compiled) = (matrix, second);
            }
        }

        return new LossAnalysis(request, parameters, signature, compiled, parsed.Formula);
    }

    /// <summary>The source the generator emits for this loss (its implementing part and kernel).</summary>
    public string GeneratedSource() => LossSourceEmitter.Emit(Spec, CancellationToken.None).Source;

    /// <summary>The bound formula (after a successful compile): each input's and binding's kind and shape as the binder decided.</summary>
    public BoundLoss Bind()
    {
        var ignored = new List<CompilerDiagnostic>();
        BoundSignature signature = SignatureBinder.Bind(Signature, ignored)!;
        return FormulaBinder.Bind(signature, Syntax!, ignored)!;
    }
}
