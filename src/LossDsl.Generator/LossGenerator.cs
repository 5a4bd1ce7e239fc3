using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Diagnostics;
using LossDsl.Generator.Emission;
using LossDsl.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossDsl.Generator;

/// <summary>
/// The LossDsl source generator: finds methods marked <c>[Loss("formula")]</c>, compiles each formula into fused,
/// vectorized forward and gradient code, and reports formula and signature errors at their exact characters.
/// </summary>
/// <remarks>
/// The pipeline keeps source output and diagnostics on separate branches (as the LoggerMessage generator does), and
/// every step's output is equatable, so an edit elsewhere in the project re-runs nothing and an edit to one formula
/// re-compiles that formula only. Step names are in <see cref="TrackingNames"/> for the incremental tests.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class LossGenerator : IIncrementalGenerator
{
    /// <summary>The oldest C# version the generated code compiles with (it declares file-local types).</summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp11;

    /// <summary>The attribute that marks a loss method.</summary>
    public const string LossAttributeName = "LossDsl.LossAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Runtime intrinsics declared in the project ([LossIntrinsic] classes): their declaration errors are reported
        // on their own branch; the table of names is combined into each method's model, which keeps only the ones its
        // formula mentions, so an edit to an intrinsic recompiles only the formulas that call it.
        IncrementalValuesProvider<IntrinsicModel> intrinsicModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(LossIntrinsicAttributeName, static (node, _) => node is ClassDeclarationSyntax, ParseIntrinsic)
            .WithTrackingName(TrackingNames.Intrinsics);
        IncrementalValueProvider<ImmutableArray<IntrinsicModel>> allIntrinsics = intrinsicModels.Collect();
        IncrementalValueProvider<EquatableArray<IntrinsicSpec>> intrinsicTable = allIntrinsics
            .Select(static (all, _) => IntrinsicTable(all))
            .WithTrackingName(TrackingNames.IntrinsicTable);
        context.RegisterSourceOutput(intrinsicModels.Select(static (m, _) => m.Diagnostics), ReportAll);
        context.RegisterSourceOutput(allIntrinsics.Select(static (all, _) => DuplicateIntrinsics(all)), ReportAll);

        IncrementalValuesProvider<LossMethodModel> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(LossAttributeName, static (node, _) => node is MethodDeclarationSyntax, Parse)
            .WithTrackingName(TrackingNames.Methods)
            .Combine(intrinsicTable)
            .Select(static (pair, _) => WithIntrinsics(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.MethodsWithIntrinsics);

        // The generated code uses file-local types (C# 11); a project on an older version gets LD0021 instead of code
        // that does not compile.
        IncrementalValueProvider<LanguageVersion> languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp ? csharp.LanguageVersion : MinimumLanguageVersion);

        IncrementalValuesProvider<LossMethodSpec> specs = models
            .Combine(languageVersion)
            .Where(static pair => pair.Right >= MinimumLanguageVersion)
            .Select(static (pair, _) => pair.Left)
            .Where(static m => m.Spec is not null)
            .Select(static (m, _) => m.Spec!)
            .WithTrackingName(TrackingNames.Specs);

        IncrementalValuesProvider<GeneratedFile> files = specs
            .Select(LossSourceEmitter.Emit)
            .WithTrackingName(TrackingNames.Sources);
        context.RegisterSourceOutput(files, static (spc, file) => spc.AddSource(file.HintName, file.Source));

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = models
            .Combine(languageVersion)
            .Select(static (pair, ct) => CollectDiagnostics(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, ReportAll);
    }

    private static void ReportAll(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo d in diagnostics)
        {
            context.ReportDiagnostic(d.ToDiagnostic());
        }
    }

    // Runs only the compiler's front end (parse and bind); code generation stays on the source branch.
    private static EquatableArray<DiagnosticInfo> CollectDiagnostics(LossMethodModel model, LanguageVersion languageVersion, System.Threading.CancellationToken cancellationToken)
    {
        var result = new List<DiagnosticInfo>();
        if (languageVersion < MinimumLanguageVersion)
        {
            result.Add(new DiagnosticInfo(DiagnosticDescriptors.LanguageVersionTooLow.Id, model.Locations.Method,
                new[] { MinimumLanguageVersion.ToDisplayString(), model.MethodName, languageVersion.ToDisplayString() }.ToEquatableArray()));
        }

        if (model.Spec is null)
        {
            return result.Count == 0 ? model.Diagnostics : model.Diagnostics.Concat(result).ToEquatableArray();
        }

        foreach (CompilerDiagnostic d in Compiler.FormulaCompiler.Check(model.Spec.Signature, model.Spec.Formula, cancellationToken, model.Spec.Intrinsics))
        {
            LocationInfo? location = d.Target switch
            {
                DiagnosticTarget.Formula => model.Locations.Formula?.Locate(d.Span) ?? model.Locations.Method,
                DiagnosticTarget.Parameter when d.ParameterIndex < model.Locations.Parameters.Count => model.Locations.Parameters[d.ParameterIndex].Location,
                _ => model.Locations.Method,
            };
            result.Add(new DiagnosticInfo(d.Id, location, d.Arguments));
        }

        return result.ToEquatableArray();
    }

    /// <summary>Names of the pipeline steps, for <c>GeneratorDriverRunResult</c> step tracking in tests.</summary>
    internal static class TrackingNames
    {
        /// <summary>The transform of each <c>[Loss]</c> method into a model.</summary>
        public const string Methods = "LossMethods";

        /// <summary>Each model with the intrinsics its formula mentions.</summary>
        public const string MethodsWithIntrinsics = "LossMethodsWithIntrinsics";

        /// <summary>The transform of each <c>[LossIntrinsic]</c> class into a model.</summary>
        public const string Intrinsics = "LossIntrinsics";

        /// <summary>The table of intrinsic names formulas can call.</summary>
        public const string IntrinsicTable = "LossIntrinsicTable";

        /// <summary>The location-free part of each model, the input of code generation.</summary>
        public const string Specs = "LossSpecs";

        /// <summary>The generated source of each method.</summary>
        public const string Sources = "LossSources";

        /// <summary>The diagnostics of each method.</summary>
        public const string Diagnostics = "LossDiagnostics";
    }
}
