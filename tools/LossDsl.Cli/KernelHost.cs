using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using LossDsl.Generator.Binding;
using LossDsl.Generator.Emission;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossDsl.Cli;

/// <summary>
/// The generated code of a loss, compiled with Roslyn against LossDsl.Runtime and loaded into a collectible
/// <see cref="AssemblyLoadContext"/>: what <c>plot</c> evaluates is exactly what a build would run. A small bridge
/// compiled alongside turns arrays into the spans and tensor spans the method takes.
/// </summary>
internal sealed class KernelHost : IDisposable
{
    private const string BridgeName = "LossDslCliBridge";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var refs = tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location));
        // System.Numerics.Tensors is a package, not part of the shared framework: reference the copy this tool runs with.
        string tensors = typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location;
        if (!refs.Any(r => string.Equals(Path.GetFileName(r.Display), Path.GetFileName(tensors), StringComparison.OrdinalIgnoreCase)))
        {
            refs.Add(MetadataReference.CreateFromFile(tensors));
        }

        return refs.ToImmutableArray();
    });

    private readonly AssemblyLoadContext _context;
    private readonly Func<object[], nint[]?[], double> _run;

    private KernelHost(AssemblyLoadContext context, Func<object[], nint[]?[], double> run)
    {
        _context = context;
        _run = run;
    }

    /// <summary>Compiles the generated source of <paramref name="analysis"/> and loads it.</summary>
    /// <exception cref="InvalidOperationException">The generated code does not compile (a generator bug).</exception>
    public static KernelHost Load(LossAnalysis analysis)
    {
        LossSignature sig = analysis.Signature;
        string source = analysis.GeneratedSource();
        var declaration = new StringBuilder();
        declaration.AppendLine("#nullable enable");
        declaration.AppendLine($"public static partial class {LossAnalysis.ClassName}");
        declaration.AppendLine("{");
        string parameters = string.Join(", ", sig.Parameters.Select(p =>
            $"{(p.IsPerClass ? "[global::LossDsl.PerClass] " : "")}{KernelEmitter.TypeOf(p)} {KernelEmitter.Escape(p.Name)}"));
        string returns = sig.Return switch { ReturnKind.Float => "float", ReturnKind.Double => "double", _ => "void" };
        declaration.AppendLine($"    public static partial {returns} {KernelEmitter.Escape(sig.MethodName)}({parameters});");
        declaration.AppendLine("}");
        declaration.AppendLine($"public static class {BridgeName}");
        declaration.AppendLine("{");
        declaration.AppendLine("    public static double Run(object[] a, nint[]?[] shapes)");
        declaration.AppendLine("    {");
        string arguments = string.Join(", ", sig.Parameters.Select((p, k) => Argument(p, k)));
        string call = $"{LossAnalysis.ClassName}.{KernelEmitter.Escape(sig.MethodName)}({arguments})";
        declaration.AppendLine(sig.Return == ReturnKind.Void ? $"        {call};\n        return 0;" : $"        return {call};");
        declaration.AppendLine("    }");
        declaration.AppendLine("}");

        var options = new CSharpParseOptions(LanguageVersion.Preview);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "LossDslCliKernel" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(declaration.ToString(), options, "Declaration.cs"), CSharpSyntaxTree.ParseText(source, options, "Generated.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            string errors = string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            throw new InvalidOperationException($"The generated code does not compile (please report this generator bug with the formula):\n{errors}");
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("lossdsl plot", isCollectible: true);
        Assembly assembly = context.LoadFromStream(stream);
        MethodInfo run = assembly.GetType(BridgeName)!.GetMethod("Run")!;
        return new KernelHost(context, run.CreateDelegate<Func<object[], nint[]?[], double>>());
    }

    /// <summary>
    /// Calls the loss. <paramref name="arguments"/> holds, per parameter, an array (spans and tensor spans) or a boxed
    /// option; <paramref name="shapes"/> the lengths of each tensor span (null for the others). Returns the loss, or 0
    /// for a void method.
    /// </summary>
    public double Invoke(object[] arguments, nint[]?[] shapes) => _run(arguments, shapes);

    /// <summary>Unloads the compiled code.</summary>
    public void Dispose() => _context.Unload();

    private static string Argument(ParameterDecl p, int k)
    {
        string element = p.Element switch
        {
            ScalarType.Float => "float",
            ScalarType.Double => "double",
            ScalarType.Int32 => "int",
            ScalarType.Int64 => "long",
            _ => "bool",
        };
        return p.Form switch
        {
            ParameterForm.ReadOnlySpan => $"new global::System.ReadOnlySpan<{element}>(({element}[])a[{k}])",
            ParameterForm.Span => $"new global::System.Span<{element}>(({element}[])a[{k}])",
            ParameterForm.ReadOnlyTensorSpan => $"new global::System.Numerics.Tensors.ReadOnlyTensorSpan<{element}>(({element}[])a[{k}], shapes[{k}]!)",
            ParameterForm.TensorSpan => $"new global::System.Numerics.Tensors.TensorSpan<{element}>(({element}[])a[{k}], shapes[{k}]!)",
            _ => $"({element})a[{k}]",
        };
    }
}
