using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossDsl.Generator;

public sealed partial class LossGenerator
{
    /// <summary>
    /// The transform of the pipeline: turns a <c>[Loss]</c> method's symbols and syntax into a plain, equatable model
    /// at once, so nothing downstream holds a symbol, a syntax node or the compilation.
    /// </summary>
    internal static LossMethodModel Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        Location nameLocation = syntax.Identifier.GetLocation();

        AttributeData attribute = context.Attributes[0];
        string? formula = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        FormulaSourceMap? map = MapFormula(attribute, formula, cancellationToken);
        var locations = new LossMethodLocations(
            LocationInfo.From(nameLocation),
            syntax.ParameterList.Parameters.Select(p => new LocationInfoBox(LocationInfo.From(p.GetLocation()))).ToEquatableArray(),
            map);

        bool hasBody = syntax.Body is not null || syntax.ExpressionBody is not null;
        if (!method.IsStatic || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || hasBody)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodNotStaticPartial, nameLocation, method.Name));
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethod, nameLocation, method.Name, "generic; declare one method per element type (float, double)"));
        }

        if (method.IsExtensionMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethod, nameLocation, method.Name, "an extension method"));
        }

        foreach (TypeDeclarationSyntax type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name));
            }
        }

        LossSignature signature = ReadSignature(method, syntax, diagnostics);
        if (formula is null || diagnostics.Count > 0)
        {
            // A non-constant attribute argument is already a C# error; a declaration error is ours. Either way, no code.
            return new LossMethodModel(method.Name, null, locations, diagnostics.ToEquatableArray());
        }

        var spec = new LossMethodSpec(
            method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
            ContainingTypes(method.ContainingType),
            Modifiers(syntax),
            signature,
            formula,
            DocumentationOf(syntax, context.SemanticModel, cancellationToken));
        return new LossMethodModel(method.Name, spec, locations, EquatableArray<DiagnosticInfo>.Empty);
    }

    // The declaration's /// lines (the implementation repeats them), or null. The generated file has none of the
    // declaring file's usings, so every cref that binds is written as its documentation ID ("T:System.Span`1"), which
    // the compiler passes through as it is.
    private static string? DocumentationOf(MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (SyntaxTrivia trivia in syntax.GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
            {
                continue;
            }

            string text = WithDocumentationIds(trivia, model, cancellationToken);
            foreach (string line in text.Split('\n'))
            {
                string trimmed = line.Trim();
                if (trimmed.StartsWith("///", System.StringComparison.Ordinal))
                {
                    lines.Add(trimmed);
                }
            }
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static string WithDocumentationIds(SyntaxTrivia trivia, SemanticModel model, CancellationToken cancellationToken)
    {
        string text = trivia.ToFullString();
        if (trivia.GetStructure() is not DocumentationCommentTriviaSyntax comment)
        {
            return text;
        }

        int origin = trivia.FullSpan.Start;
        var builder = new System.Text.StringBuilder(text);
        // Right to left, so that each replacement leaves the offsets of the earlier ones valid.
        foreach (XmlCrefAttributeSyntax attribute in comment.DescendantNodes().OfType<XmlCrefAttributeSyntax>().OrderByDescending(a => a.SpanStart))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ISymbol? symbol = model.GetSymbolInfo(attribute.Cref, cancellationToken).Symbol;
            // A cref that does not bind is reported on the declaration; "!:" (what the compiler itself writes for it)
            // keeps the generated part from reporting it a second time.
            string id = symbol?.OriginalDefinition.GetDocumentationCommentId() ?? "!:" + attribute.Cref.ToString();

            TextSpan span = attribute.Cref.Span;
            builder.Remove(span.Start - origin, span.Length).Insert(span.Start - origin, id);
        }

        return builder.ToString();
    }

    private static LossSignature ReadSignature(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        ReturnKind returns = method.ReturnsVoid ? ReturnKind.Void : method.ReturnType.SpecialType switch
        {
            SpecialType.System_Single => ReturnKind.Float,
            SpecialType.System_Double => ReturnKind.Double,
            _ => ReturnKind.Other,
        };
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            returns = ReturnKind.Other;
        }

        var parameters = ImmutableArray.CreateBuilder<ParameterDecl>();
        for (int k = 0; k < method.Parameters.Length; k++)
        {
            IParameterSymbol p = method.Parameters[k];
            if (p.IsParams)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethod, syntax.ParameterList.Parameters[k].GetLocation(), method.Name, $"declared with 'params' ('{p.Name}')"));
            }

            parameters.Add(ReadParameter(p));
        }

        string refPrefix = method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : "";
        return new LossSignature(method.Name, returns, refPrefix + method.ReturnType.ToDisplayString(), parameters.ToEquatableArray(),
            refPrefix + method.ReturnType.ToDisplayString(FullyQualified));
    }

    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static ParameterDecl ReadParameter(IParameterSymbol p)
    {
        string refPrefix = p.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => "",
        };
        string display = refPrefix + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        string sourceType = refPrefix + p.Type.ToDisplayString(FullyQualified);
        bool scoped = p.ScopedKind == ScopedKind.ScopedValue;
        if (p.RefKind != RefKind.None)
        {
            return new ParameterDecl(p.Name, ParameterForm.Other, ScalarType.Other, display, scoped, sourceType);
        }

        if (p.Type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1)
        {
            string definition = named.OriginalDefinition.ToDisplayString();
            ParameterForm? form = definition switch
            {
                "System.ReadOnlySpan<T>" => ParameterForm.ReadOnlySpan,
                "System.Span<T>" => ParameterForm.Span,
                "System.Numerics.Tensors.ReadOnlyTensorSpan<T>" => ParameterForm.ReadOnlyTensorSpan,
                "System.Numerics.Tensors.TensorSpan<T>" => ParameterForm.TensorSpan,
                _ => null,
            };
            if (form is { } f)
            {
                bool perClass = p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "LossDsl.PerClassAttribute");
                return new ParameterDecl(p.Name, f, Element(named.TypeArguments[0]), display, scoped, sourceType, perClass);
            }
        }

        ScalarType element = Element(p.Type);
        ParameterForm form2 = element == ScalarType.Other && p.Type.TypeKind is TypeKind.Array or TypeKind.Pointer ? ParameterForm.Other : ParameterForm.Scalar;
        return new ParameterDecl(p.Name, form2, element, display, scoped, sourceType);
    }

    private static ScalarType Element(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.None when type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "Reduction", ContainingNamespace: { Name: "LossDsl", ContainingNamespace.IsGlobalNamespace: true } } => ScalarType.Reduction,
        SpecialType.System_Single => ScalarType.Float,
        SpecialType.System_Double => ScalarType.Double,
        SpecialType.System_Int32 => ScalarType.Int32,
        SpecialType.System_Int64 => ScalarType.Int64,
        SpecialType.System_Boolean => ScalarType.Boolean,
        _ => ScalarType.Other,
    };

    private static EquatableArray<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? t = type; t != null; t = t.ContainingType)
        {
            string keyword = t.TypeKind switch
            {
                TypeKind.Struct => t.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => t.IsRecord ? "record" : "class",
            };
            string name = t.TypeParameters.Length == 0 ? t.Name : $"{t.Name}<{string.Join(", ", t.TypeParameters.Select(tp => tp.Name))}>";
            chain.Insert(0, new ContainingTypeSpec(keyword, name));
        }

        return chain.ToEquatableArray();
    }

    private static string Modifiers(MethodDeclarationSyntax syntax) => string.Join(" ", syntax.Modifiers
        .Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.PrivateKeyword) ||
                    m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword))
        .Select(m => m.Text));

    private static FormulaSourceMap? MapFormula(AttributeData attribute, string? formula, CancellationToken cancellationToken)
    {
        if (formula is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } args })
        {
            return null;
        }

        ExpressionSyntax expression = args[0].Expression;
        LocationInfo? literal = LocationInfo.From(expression.GetLocation());
        if (literal is null)
        {
            return null;
        }

        ImmutableArray<int> offsets = expression is LiteralExpressionSyntax { Token: var token } && token.ValueText == formula
            ? FormulaSourceMap.BuildOffsets(token.Text, formula)
            : ImmutableArray<int>.Empty;
        return new FormulaSourceMap(literal, new EquatableArray<int>(offsets));
    }
}
