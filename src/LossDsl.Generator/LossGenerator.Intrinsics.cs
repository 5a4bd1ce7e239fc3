using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Model;
using LossDsl.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Generator;

public sealed partial class LossGenerator
{
    /// <summary>The attribute that marks a runtime intrinsic.</summary>
    public const string LossIntrinsicAttributeName = "LossDsl.Intrinsics.LossIntrinsicAttribute";

    /// <summary>
    /// The transform of a <c>[LossIntrinsic("name")]</c> class into a plain, equatable model: its formula name, its
    /// type and Forward's parameters, after checking the whole calling convention (docs/intrinsics.md). Each violation
    /// is LD0022 at the declaration, method or parameter it concerns; a class with any is still in the table, so a
    /// formula that calls it gets a message pointing at the declaration rather than "unknown function".
    /// </summary>
    internal static IntrinsicModel ParseIntrinsic(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (ClassDeclarationSyntax)context.TargetNode;
        AttributeData attribute = context.Attributes[0];
        string display = type.ToDisplayString();
        var checker = new IntrinsicChecker(context.SemanticModel.Compilation, display, syntax.Identifier.GetLocation(), cancellationToken);

        string? name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        Location nameLocation = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation()
            ?? syntax.Identifier.GetLocation();
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
        {
            return new IntrinsicModel(null, EquatableArray<DiagnosticInfo>.Empty, LocationInfo.From(syntax.Identifier.GetLocation())); // a C# error already
        }

        name ??= "";
        if (BuiltInIntrinsics.TryGetValue(name, out string? builtIn) && builtIn == display)
        {
            // LossDsl.Runtime's own intrinsics (seen when the generator runs on the runtime itself): the compiler's
            // table already knows them, with binding rules of their own.
            return new IntrinsicModel(null, EquatableArray<DiagnosticInfo>.Empty, LocationInfo.From(syntax.Identifier.GetLocation()));
        }

        checker.Name = name;
        IReadOnlyList<Token> tokens = Lexer.Tokenize(name);
        if (tokens.Count != 2 || tokens[0].Kind != TokenKind.Identifier || tokens[0].Text != name)
        {
            checker.Report(nameLocation, "its name must be a formula identifier (letters, digits and '_', not starting with a digit)");
        }
        else if (FunctionTable.TryGet(name, out _) || FunctionTable.Constants.ContainsKey(name))
        {
            checker.Report(nameLocation, $"'{name}' is already a {(FunctionTable.Constants.ContainsKey(name) ? "constant" : "function")} of the formula language; choose another name");
        }

        ImmutableArray<IntrinsicParameter> parameters = checker.Check(type);
        string typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        IntrinsicSpec spec = new(name, typeName, parameters.ToEquatableArray(), checker.FirstProblem);
        return new IntrinsicModel(spec, checker.Diagnostics.ToEquatableArray(), LocationInfo.From(syntax.Identifier.GetLocation()));
    }

    // The intrinsics LossDsl.Runtime ships, which FunctionTable knows by name, and their classes.
    private static readonly Dictionary<string, string> BuiltInIntrinsics = new(System.StringComparer.Ordinal)
    {
        ["ctc"] = "LossDsl.Intrinsics.Ctc",
        ["emd_points"] = "LossDsl.Intrinsics.EarthMoversPoints",
        ["emd_hist"] = "LossDsl.Intrinsics.EarthMoversHistogram",
    };

    // The table formulas look names up in: every intrinsic of the project, two classes with one name both marked.
    private static EquatableArray<IntrinsicSpec> IntrinsicTable(ImmutableArray<IntrinsicModel> models)
    {
        var specs = models.Where(m => m.Spec is not null).Select(m => m.Spec!).ToList();
        return specs.Select(s => specs.Count(o => o.Name == s.Name) > 1 && s.Problem is null
                ? s with { Problem = DuplicateMessage(s, specs) }
                : s)
            .OrderBy(s => s.Name, System.StringComparer.Ordinal).ThenBy(s => s.TypeName, System.StringComparer.Ordinal)
            .ToEquatableArray();
    }

    // LD0022 on each of two or more classes that declare the same formula name.
    private static EquatableArray<DiagnosticInfo> DuplicateIntrinsics(ImmutableArray<IntrinsicModel> models)
    {
        var specs = models.Where(m => m.Spec is not null).Select(m => m.Spec!).ToList();
        return models.Where(m => m.Spec is not null && specs.Count(o => o.Name == m.Spec.Name) > 1)
            .Select(m => new DiagnosticInfo(DiagnosticDescriptors.MalformedIntrinsic.Id, m.Location,
                new[] { m.Spec!.TypeName.Replace("global::", ""), m.Spec.Name, DuplicateMessage(m.Spec, specs) }.ToEquatableArray()))
            .ToEquatableArray();
    }

    private static string DuplicateMessage(IntrinsicSpec spec, List<IntrinsicSpec> all) =>
        $"the name is also declared by {string.Join(" and ", all.Where(o => o.Name == spec.Name && o.TypeName != spec.TypeName).Select(o => "'" + o.TypeName.Replace("global::", "") + "'"))}; a formula could not tell them apart";

    // The intrinsics a formula may call: those whose name appears in it as an identifier. A method's model carries
    // only these, so editing an unrelated intrinsic does not recompile it.
    private static LossMethodModel WithIntrinsics(LossMethodModel model, EquatableArray<IntrinsicSpec> table)
    {
        if (model.Spec is null || table.Count == 0)
        {
            return model;
        }

        var names = new HashSet<string>(Lexer.Tokenize(model.Spec.Formula).Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text), System.StringComparer.Ordinal);
        EquatableArray<IntrinsicSpec> used = table.Where(s => names.Contains(s.Name)).ToEquatableArray();
        return used.Count == 0 ? model : model with { Spec = model.Spec with { Intrinsics = used } };
    }

    /// <summary>Checks a <c>[LossIntrinsic]</c> class against the calling convention, collecting LD0022s.</summary>
    private sealed class IntrinsicChecker
    {
        private readonly Compilation _compilation;
        private readonly string _display;
        private readonly Location _declaration;
        private readonly CancellationToken _cancellationToken;

        public IntrinsicChecker(Compilation compilation, string display, Location declaration, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _display = display;
            _declaration = declaration;
            _cancellationToken = cancellationToken;
        }

        public string Name { get; set; } = "";

        public List<DiagnosticInfo> Diagnostics { get; } = new();

        public string? FirstProblem { get; private set; }

        public void Report(Location? location, string message)
        {
            FirstProblem ??= message;
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedIntrinsic, location ?? _declaration, _display, Name, message));
        }

        // The class, then Forward and Backward; returns Forward's parameters before `losses` (empty when they are wrong).
        public ImmutableArray<IntrinsicParameter> Check(INamedTypeSymbol type)
        {
            if (!type.IsStatic)
            {
                Report(_declaration, "it must be a static class");
            }

            if (type.IsGenericType || ContainingTypes(type).Any(t => t.IsGenericType))
            {
                Report(_declaration, "it must not be generic, nor nested in a generic type (Forward and Backward are the generic ones, over T)");
            }

            if (ContainingTypes(type).Prepend(type).Any(t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
            {
                Report(_declaration, "it must be public or internal (and so must every type it is nested in), so that generated code can call it");
            }

            IMethodSymbol? forward = Single(type, "Forward");
            IMethodSymbol? backward = Single(type, "Backward");
            if (forward is null || backward is null)
            {
                return ImmutableArray<IntrinsicParameter>.Empty;
            }

            ImmutableArray<IntrinsicParameter> parameters = CheckForward(forward);
            CheckBackward(backward, parameters);
            return FirstProblem is null ? parameters : ImmutableArray<IntrinsicParameter>.Empty;
        }

        private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type.ContainingType; t != null; t = t.ContainingType)
            {
                yield return t;
            }
        }

        private IMethodSymbol? Single(INamedTypeSymbol type, string name)
        {
            var methods = type.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            if (methods.Count != 1)
            {
                Report(methods.Count == 0 ? _declaration : methods[1].Locations.FirstOrDefault(),
                    methods.Count == 0 ? $"it has no '{name}' method" : $"it has {methods.Count} '{name}' methods; the convention allows exactly one");
                return null;
            }

            IMethodSymbol method = methods[0];
            Location? at = method.Locations.FirstOrDefault();
            if (!method.IsStatic || method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                Report(at, $"'{name}' must be a public or internal static method");
            }

            if (!method.ReturnsVoid)
            {
                Report(at, $"'{name}' must return void (it writes its results into spans)");
            }

            INamedTypeSymbol? floating = _compilation.GetTypeByMetadataName("System.Numerics.IFloatingPointIeee754`1");
            if (method.TypeParameters.Length != 1 ||
                !method.TypeParameters[0].ConstraintTypes.Any(c => SymbolEqualityComparer.Default.Equals(c.OriginalDefinition, floating)))
            {
                Report(at, $"'{name}' must have one type parameter T constrained 'where T : IFloatingPointIeee754<T>' (generated code calls it with float or double)");
                return null;
            }

            return method;
        }

        // Forward(inputs..., options..., Span<T> losses).
        private ImmutableArray<IntrinsicParameter> CheckForward(IMethodSymbol forward)
        {
            ITypeParameterSymbol t = forward.TypeParameters[0];
            ImmutableArray<IParameterSymbol> ps = forward.Parameters;
            if (ps.Length < 2 || Form(ps[ps.Length - 1].Type, t) != (ParameterForm.Span, true))
            {
                Report(ps.Length == 0 ? forward.Locations.FirstOrDefault() : ps[ps.Length - 1].Locations.FirstOrDefault(),
                    "'Forward' takes at least one input and ends with 'Span<T> losses', which receives one value per element of its first input's axis 0");
                return ImmutableArray<IntrinsicParameter>.Empty;
            }

            var result = ImmutableArray.CreateBuilder<IntrinsicParameter>();
            bool sawOption = false, unknown = false;
            foreach (IParameterSymbol p in ps.Take(ps.Length - 1))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                IntrinsicParameterKind? kind = Classify(p, t);
                Location? at = p.Locations.FirstOrDefault();
                if (kind is null)
                {
                    Report(at, $"Forward's parameter '{p.Name}' is a {p.Type.ToDisplayString()}{(p.RefKind is RefKind.Ref or RefKind.Out ? $" passed by {p.RefKind.ToString().ToLowerInvariant()}" : "")}; " +
                        "an input is a ReadOnlySpan<T>, ReadOnlyTensorSpan<T>, ReadOnlySpan<int> or ReadOnlyTensorSpan<int>, an option an int, a bool or a T");
                    unknown = true;
                    continue;
                }

                var parameter = new IntrinsicParameter(p.Name, kind.Value);
                if (parameter.IsInput && sawOption)
                {
                    Report(at, $"Forward's input '{p.Name}' follows an option; the inputs come first, then the options");
                }

                sawOption |= !parameter.IsInput;
                result.Add(parameter.IsInput ? parameter : parameter with { Default = DefaultOf(p, kind.Value) });
            }

            if (!unknown && !result.Any(p => p.IsInput))
            {
                Report(forward.Locations.FirstOrDefault(), "'Forward' has no input (a span or tensor span); its first input's axis 0 gives the number of values it writes");
            }

            return result.ToImmutable();
        }

        // Backward(the same inputs and options, ReadOnlySpan<T> upstream, one gradient per real input: d + Name).
        private void CheckBackward(IMethodSymbol backward, ImmutableArray<IntrinsicParameter> forward)
        {
            if (FirstProblem is not null)
            {
                return; // Forward is wrong: what Backward must repeat is unknown
            }

            ITypeParameterSymbol t = backward.TypeParameters[0];
            var expected = forward.Select(p => (p.Name, Text: $"{p.Display} {p.Name}", Check: (System.Func<IParameterSymbol, bool>)(q => Classify(q, t) == p.Kind))).ToList();
            expected.Add(("upstream", "ReadOnlySpan<T> upstream", q => Form(q.Type, t) == (ParameterForm.ReadOnlySpan, true)));
            foreach (IntrinsicParameter input in forward.Where(p => p.IsDifferentiable))
            {
                string gradient = GradientName(input.Name);
                ParameterForm form = input.IsTensor ? ParameterForm.TensorSpan : ParameterForm.Span;
                expected.Add((gradient, $"{(input.IsTensor ? "TensorSpan<T>" : "Span<T>")} {gradient}", q => q.Name == gradient && Form(q.Type, t) == (form, true) && q.RefKind == RefKind.None));
            }

            ImmutableArray<IParameterSymbol> ps = backward.Parameters;
            int upstream = forward.Length;
            for (int k = 0; k < System.Math.Max(ps.Length, expected.Count); k++)
            {
                bool ok = k < ps.Length && k < expected.Count && expected[k].Check(ps[k]) && (k >= upstream || ps[k].Name == expected[k].Name);
                if (!ok)
                {
                    Report(k < ps.Length ? ps[k].Locations.FirstOrDefault() : backward.Locations.FirstOrDefault(),
                        $"'Backward' must take ({string.Join(", ", expected.Select(e => e.Text))}): Forward's inputs and options, the upstream gradient of " +
                        "'losses', then d + the name of each real input, in order" +
                        (k < ps.Length ? $"; parameter {k + 1} ('{ps[k].Name}') is wrong" : $"; parameter {k + 1} is missing"));
                    return;
                }
            }
        }

        /// <summary>The gradient's name of an input: <c>dLogProbs</c> for <c>logProbs</c>.</summary>
        public static string GradientName(string input) => "d" + char.ToUpperInvariant(input[0]) + input.Substring(1);

        private static IntrinsicParameterKind? Classify(IParameterSymbol p, ITypeParameterSymbol t)
        {
            if (p.RefKind is not (RefKind.None or RefKind.In))
            {
                return null;
            }

            (ParameterForm form, bool ofT) = Form(p.Type, t);
            bool ofInt = !ofT && p.Type is INamedTypeSymbol { TypeArguments.Length: 1 } g && g.TypeArguments[0].SpecialType == SpecialType.System_Int32;
            return form switch
            {
                ParameterForm.ReadOnlySpan when ofT => IntrinsicParameterKind.RealSpan,
                ParameterForm.ReadOnlySpan when ofInt => IntrinsicParameterKind.IntegerSpan,
                ParameterForm.ReadOnlyTensorSpan when ofT => IntrinsicParameterKind.RealTensor,
                ParameterForm.ReadOnlyTensorSpan when ofInt => IntrinsicParameterKind.IntegerTensor,
                ParameterForm.Scalar when ofT => IntrinsicParameterKind.RealOption,
                ParameterForm.Scalar when p.Type.SpecialType == SpecialType.System_Int32 => IntrinsicParameterKind.IntegerOption,
                ParameterForm.Scalar when p.Type.SpecialType == SpecialType.System_Boolean => IntrinsicParameterKind.BooleanOption,
                _ => null,
            };
        }

        // How a type is passed, and whether its element (or the type itself, for a scalar) is T.
        private static (ParameterForm Form, bool OfT) Form(ITypeSymbol type, ITypeParameterSymbol t)
        {
            if (SymbolEqualityComparer.Default.Equals(type, t))
            {
                return (ParameterForm.Scalar, true);
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
            {
                string ns = named.ContainingNamespace.ToDisplayString();
                ParameterForm form = (ns, named.Name) switch
                {
                    ("System", "ReadOnlySpan") => ParameterForm.ReadOnlySpan,
                    ("System", "Span") => ParameterForm.Span,
                    ("System.Numerics.Tensors", "ReadOnlyTensorSpan") => ParameterForm.ReadOnlyTensorSpan,
                    ("System.Numerics.Tensors", "TensorSpan") => ParameterForm.TensorSpan,
                    _ => ParameterForm.Other,
                };
                return (form, SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], t));
            }

            return (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Boolean ? ParameterForm.Scalar : ParameterForm.Other, false);
        }

        // An option's default, from [DefaultValue(...)] or a C# default value, as a literal; null when it has none.
        private string? DefaultOf(IParameterSymbol p, IntrinsicParameterKind kind)
        {
            object? value = null;
            bool has = false;
            if (p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DefaultValueAttribute") is { ConstructorArguments.Length: 1 } attribute)
            {
                (value, has) = (attribute.ConstructorArguments[0].Value, true);
            }
            else if (p.HasExplicitDefaultValue)
            {
                (value, has) = (p.ExplicitDefaultValue, true);
            }

            if (!has)
            {
                return null;
            }

            string? literal = (kind, value) switch
            {
                (IntrinsicParameterKind.IntegerOption, int i) => i.ToString(CultureInfo.InvariantCulture),
                (IntrinsicParameterKind.BooleanOption, bool b) => b ? "true" : "false",
                (IntrinsicParameterKind.RealOption, double d) when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
                (IntrinsicParameterKind.RealOption, float f) when !float.IsNaN(f) && !float.IsInfinity(f) => ((double)f).ToString("R", CultureInfo.InvariantCulture),
                (IntrinsicParameterKind.RealOption, int i) => i.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (literal is null)
            {
                Report(p.Locations.FirstOrDefault(), $"the default of option '{p.Name}' ({(value is null ? "null" : value)}) is not {(kind == IntrinsicParameterKind.RealOption ? "a finite number" : (kind == IntrinsicParameterKind.BooleanOption ? "a bool" : "an int"))}");
            }

            return literal;
        }
    }
}
