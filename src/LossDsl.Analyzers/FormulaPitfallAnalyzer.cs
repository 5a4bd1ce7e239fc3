using System.Collections.Generic;
using System.Collections.Immutable;
using LossDsl.Analyzers.Diagnostics;
using LossDsl.Analyzers.Flow;
using LossDsl.Analyzers.Formula;
using LossDsl.Analyzers.Symbols;
using LossDsl.Generator.Parsing;
using ExpressionSyntax = Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossDsl.Analyzers;

/// <summary>
/// Reports the pitfalls written in <c>[Loss("...")]</c> formulas (LD1001–LD1006): the log of a value that can be 0,
/// fragile forms with a stable equivalent, the square root of a mean that can be 0, division by a target that can be
/// 0, and a mean added to a sum. Each diagnostic points at the exact characters inside the string literal.
/// </summary>
/// <remarks>
/// The formula is read with the generator's own parser (its source files are compiled into this assembly). Only the
/// attributes of methods whose name is written <c>Loss</c> or <c>LossAttribute</c> are bound, so an attribute alias of
/// <c>LossDsl.LossAttribute</c> is not analysed. Nothing is registered for a compilation without LossDsl.Runtime.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FormulaPitfallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.Formula;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // The generator's implementing part of a [Loss] method carries [GeneratedCode], and the attributes of a partial
        // method's parts merge: with GeneratedCodeAnalysisFlags.None the driver would take the user's declaration for
        // generated code and drop its diagnostics. Generated trees are skipped below instead, before any walk: one
        // action per tree, which looks only at the methods' attribute lists (never into bodies, never into the
        // generated kernels).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("LossDsl.LossAttribute") is not { } lossAttribute)
            {
                return;
            }

            var symbols = new Symbols(lossAttribute);
            start.RegisterSemanticModelAction(model => AnalyzeTree(symbols, model));
        });
    }

    private sealed class Symbols
    {
        public Symbols(INamedTypeSymbol lossAttribute)
        {
            LossAttribute = lossAttribute;
            PerClass = lossAttribute.ContainingAssembly.GetTypeByMetadataName("LossDsl.PerClassAttribute");
            Kinds = KnownSymbols.KindAttributesOf(lossAttribute.ContainingAssembly);
        }

        public INamedTypeSymbol LossAttribute { get; }

        public INamedTypeSymbol? PerClass { get; }

        public IReadOnlyDictionary<INamedTypeSymbol, ValueKind> Kinds { get; }
    }

    private static void AnalyzeTree(Symbols symbols, SemanticModelAnalysisContext context)
    {
        SyntaxTree tree = context.SemanticModel.SyntaxTree;
        if (IsGenerated(tree, context.Options, context.CancellationToken))
        {
            return;
        }

        // Methods are members of types, which are members of namespaces: nothing else is entered.
        foreach (SyntaxNode node in tree.GetRoot(context.CancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax { AttributeLists.Count: > 0 } method)
            {
                foreach (AttributeListSyntax list in method.AttributeLists)
                {
                    foreach (AttributeSyntax attribute in list.Attributes)
                    {
                        Analyze(symbols, context, method, attribute);
                    }
                }
            }
        }
    }

    private static void Analyze(Symbols symbols, SemanticModelAnalysisContext context, MethodDeclarationSyntax method, AttributeSyntax attribute)
    {
        string name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => "",
        };
        if (name is not ("Loss" or "LossAttribute")
            || attribute.ArgumentList is not { Arguments.Count: 1 } arguments
            || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, symbols.LossAttribute))
        {
            return;
        }

        ExpressionSyntax argument = arguments.Arguments[0].Expression;
        if (context.SemanticModel.GetConstantValue(argument, context.CancellationToken).Value is not string formula
            || Parser.Parse(formula).Formula is not { } syntax
            || context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not { } loss)
        {
            // A formula that does not parse is the generator's LD0001.
            return;
        }

        IReadOnlyList<FormulaFinding> findings = FormulaChecks.Run(formula, syntax, Parameters(symbols, loss));
        if (findings.Count == 0)
        {
            return;
        }

        FormulaTextMap map = FormulaTextMap.Create(argument, formula, context.SemanticModel, context.CancellationToken);
        foreach (FormulaFinding finding in findings)
        {
            // The exact characters, when they are in the attribute itself; a formula from a constant declared elsewhere
            // is reported at the attribute's argument, where the IDE shows it (a location outside the node analysed is
            // non-local: shown only by full-solution analysis), with the constant's characters as additional location 0.
            Location exact = map.Locate(finding.Span);
            Location location = exact.SourceTree == argument.SyntaxTree && argument.Span.Contains(exact.SourceSpan) ? exact : map.Argument;

            var properties = ImmutableDictionary<string, string?>.Empty;
            var edits = new List<Location> { exact };
            if (finding.FixTitle != null && !finding.Edits.IsEmpty)
            {
                properties = properties.Add(FixData.Fix, FixData.FormulaEdit).Add(FixData.Title, finding.FixTitle);
                for (int k = 0; k < finding.Edits.Length; k++)
                {
                    if (!map.TryLocateEdit(finding.Edits[k].Region, out Location edit))
                    {
                        // Not a text edit in one literal (a concatenation cut through, an unmapped constant): no fix.
                        properties = ImmutableDictionary<string, string?>.Empty;
                        edits.RemoveRange(1, edits.Count - 1);
                        break;
                    }

                    edits.Add(edit);
                    properties = properties.Add(FixData.EditPrefix + k.ToString(System.Globalization.CultureInfo.InvariantCulture), finding.Edits[k].Text);
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(finding.Descriptor, location, edits, properties, finding.Arguments));
        }
    }

    // The tree test of GeneratedCodeAnalysisFlags.None, without its symbol test (context.IsGeneratedCode applies both):
    // .editorconfig's generated_code, the file names generated code is given, and an <auto-generated> header comment.
    private static bool IsGenerated(SyntaxTree tree, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
    {
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out string? value))
        {
            return string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
        }

        string file = System.IO.Path.GetFileName(tree.FilePath ?? "");
        if (file.StartsWith("TemporaryGeneratedFile_", System.StringComparison.OrdinalIgnoreCase)
            || System.Array.Exists(GeneratedSuffixes, suffix => file.EndsWith(suffix, System.StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (SyntaxTrivia trivia in tree.GetRoot(cancellationToken).GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                string text = trivia.ToString();
                if (text.IndexOf("<auto-generated", System.StringComparison.OrdinalIgnoreCase) >= 0
                    || text.IndexOf("<autogenerated", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] GeneratedSuffixes = { ".designer.cs", ".generated.cs", ".g.cs", ".g.i.cs" };

    private static Dictionary<string, FormulaParameter> Parameters(Symbols symbols, IMethodSymbol method)
    {
        var parameters = new Dictionary<string, FormulaParameter>(System.StringComparer.Ordinal);
        foreach (IParameterSymbol p in method.Parameters)
        {
            bool input = false, integer = false;
            if (p.RefKind == RefKind.None && p.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } type
                && type.Name is "ReadOnlySpan" or "ReadOnlyTensorSpan")
            {
                input = true;
                integer = type.TypeArguments[0].SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;
            }

            bool perClass = false;
            foreach (AttributeData a in p.GetAttributes())
            {
                perClass |= symbols.PerClass != null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.PerClass);
            }

            parameters[p.Name] = new FormulaParameter(p.Name, input, integer, perClass, KnownSymbols.KindOf(symbols.Kinds, p.GetAttributes())?.Kind);
        }

        return parameters;
    }
}
