using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossDsl.Generator.Diagnostics;

namespace LossDsl.Generator.Binding;

/// <summary>
/// Gives each parameter its role from its type and name: inputs, options, gradient outputs (d + an input's name),
/// the per-element <c>loss</c> output and the upstream gradient <c>dloss</c>. Reports every signature error it finds.
/// </summary>
internal static class SignatureBinder
{
    /// <summary>Binds <paramref name="signature"/>; returns null when it is unusable (diagnostics say why).</summary>
    public static BoundSignature? Bind(LossSignature signature, List<CompilerDiagnostic> diagnostics)
    {
        int errorsBefore = diagnostics.Count;
        ImmutableArray<ParameterDecl> ps = signature.Parameters.Items;
        bool isVoid = signature.Return == ReturnKind.Void;

        if (signature.Return == ReturnKind.Other)
        {
            diagnostics.Add(CompilerDiagnostic.AtMethod(DiagnosticDescriptors.UnsupportedReturnType, signature.MethodName, signature.ReturnDisplay));
            return null;
        }

        ElementType? element = signature.Return switch
        {
            ReturnKind.Float => ElementType.Float,
            ReturnKind.Double => ElementType.Double,
            _ => ps.Where(p => (p.IsReadOnlyMemory || p.IsWritableMemory) && p.Element is ScalarType.Float or ScalarType.Double)
                   .Select(p => (ElementType?)(p.Element == ScalarType.Float ? ElementType.Float : ElementType.Double))
                   .FirstOrDefault(),
        };
        if (element is null)
        {
            diagnostics.Add(CompilerDiagnostic.AtMethod(DiagnosticDescriptors.InvalidElementwiseSignature,
                $"Per-element loss method '{signature.MethodName}' has no float or double span, so it has nothing to compute in; add a 'Span<float> loss' or 'Span<double> loss' parameter"));
            return null;
        }

        ScalarType real = element == ElementType.Float ? ScalarType.Float : ScalarType.Double;
        string realName = element == ElementType.Float ? "float" : "double";
        var roles = new ParameterRole[ps.Length];
        var gradientOf = new string?[ps.Length];

        // Inputs first: gradient outputs are matched to them by name.
        var inputs = new Dictionary<string, int>();
        for (int k = 0; k < ps.Length; k++)
        {
            ParameterDecl p = ps[k];
            roles[k] = ParameterRole.Invalid;
            switch (p.Form)
            {
                case ParameterForm.ReadOnlySpan or ParameterForm.ReadOnlyTensorSpan when isVoid && p.Name == "dloss":
                    if (p.Element != real)
                    {
                        ElementMismatch(diagnostics, k, p, signature.MethodName, realName);
                    }
                    else
                    {
                        roles[k] = ParameterRole.UpstreamGradient;
                    }

                    break;
                case ParameterForm.ReadOnlySpan when p.Element == real || p.Element is ScalarType.Int32 or ScalarType.Int64:
                case ParameterForm.ReadOnlyTensorSpan when p.Element == real || p.Element == ScalarType.Int32:
                    roles[k] = ParameterRole.Input;
                    inputs[p.Name] = k;
                    break;
                case ParameterForm.ReadOnlySpan or ParameterForm.ReadOnlyTensorSpan when p.Element is ScalarType.Float or ScalarType.Double:
                    ElementMismatch(diagnostics, k, p, signature.MethodName, realName);
                    break;
                case ParameterForm.ReadOnlySpan:
                    diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnsupportedParameter, k, p.Name, p.TypeDisplay,
                        $"an input span holds {realName} values, or int or long values (class indices, counts)"));
                    break;
                case ParameterForm.ReadOnlyTensorSpan:
                    diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnsupportedParameter, k, p.Name, p.TypeDisplay,
                        $"a tensor input holds {realName} values, or int values (the targets of ctc); class indices are a ReadOnlySpan<int>"));
                    break;
                case ParameterForm.Scalar when p.Element is ScalarType.Float or ScalarType.Double or ScalarType.Int32 or ScalarType.Boolean or ScalarType.Reduction:
                    roles[k] = ParameterRole.Option;
                    break;
                case ParameterForm.Scalar:
                    diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnsupportedParameter, k, p.Name, p.TypeDisplay,
                        "an option is a float, double, int, bool or LossDsl.Reduction"));
                    break;
                case ParameterForm.Other:
                    diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnsupportedParameter, k, p.Name, p.TypeDisplay,
                        $"a loss takes ReadOnlySpan<{realName}> inputs, Span<{realName}> outputs and scalar options, passed by value"));
                    break;
            }
        }

        for (int k = 0; k < ps.Length; k++)
        {
            ParameterDecl p = ps[k];
            if (!p.IsWritableMemory)
            {
                continue;
            }

            if (p.Element != real)
            {
                if (p.Element is ScalarType.Float or ScalarType.Double)
                {
                    ElementMismatch(diagnostics, k, p, signature.MethodName, realName);
                }
                else
                {
                    diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnsupportedParameter, k, p.Name, p.TypeDisplay,
                        $"an output span holds {realName} values"));
                }

                continue;
            }

            if (isVoid && p.Name == "loss")
            {
                roles[k] = ParameterRole.LossOutput;
                continue;
            }

            string? target = GradientTarget(p.Name, inputs);
            if (target is null)
            {
                string hint = p.Name.Length > 1 && p.Name[0] == 'd'
                    ? $"there is no input named '{char.ToLowerInvariant(p.Name[1]) + p.Name.Substring(2)}' or '{p.Name.Substring(1)}'"
                    : "a gradient output is named d + an input's name (dp for p, dLogits for logits)";
                string lossHint = isVoid ? "" : "; a 'loss' span belongs to a void method that writes per-element losses";
                diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnknownOutput, k,
                    $"Span parameter '{p.Name}' is not the gradient of any input: {hint}{lossHint}"));
                continue;
            }

            int targetIndex = inputs[target];
            if (ps[targetIndex].Element != real)
            {
                diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.GradientOfNonReal, k, p.Name, target, "integers"));
                continue;
            }

            if (p.IsTensor != ps[targetIndex].IsTensor)
            {
                string shape = ps[targetIndex].IsTensor ? $"TensorSpan<{realName}>, the shape of the tensor '{target}'" : $"Span<{realName}>, like the vector '{target}'";
                diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnknownOutput, k,
                    $"'{p.Name}' receives the gradient with respect to '{target}', so it must be a {shape}"));
                continue;
            }

            int already = System.Array.FindIndex(gradientOf, g => g == target);
            if (already >= 0)
            {
                diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.UnknownOutput, k,
                    $"'{target}' already receives its gradient in '{ps[already].Name}'; a loss writes one gradient per input"));
                continue;
            }

            roles[k] = ParameterRole.Gradient;
            gradientOf[k] = target;
        }

        bool hasGradient = roles.Contains(ParameterRole.Gradient);
        if (isVoid)
        {
            bool hasLoss = roles.Contains(ParameterRole.LossOutput);
            bool hasUpstream = roles.Contains(ParameterRole.UpstreamGradient);
            if (hasGradient && !hasUpstream)
            {
                diagnostics.Add(CompilerDiagnostic.AtMethod(DiagnosticDescriptors.InvalidElementwiseSignature,
                    $"Per-element loss method '{signature.MethodName}' writes gradients, so it needs the upstream gradient: add a 'ReadOnlySpan<{realName}> dloss' parameter"));
            }
            else if (hasUpstream && !hasGradient)
            {
                diagnostics.Add(CompilerDiagnostic.AtMethod(DiagnosticDescriptors.InvalidElementwiseSignature,
                    $"Per-element loss method '{signature.MethodName}' takes 'dloss' but writes no gradient; add a Span<{realName}> named d + an input's name"));
            }
            else if (!hasLoss && !hasGradient)
            {
                diagnostics.Add(CompilerDiagnostic.AtMethod(DiagnosticDescriptors.InvalidElementwiseSignature,
                    $"Per-element loss method '{signature.MethodName}' writes nothing: add a 'Span<{realName}> loss' parameter for the per-element losses"));
            }
        }

        if (diagnostics.Count > errorsBefore)
        {
            return null;
        }

        ImmutableArray<BoundParameter> bound = ps.Select((p, k) => new BoundParameter(p, k, roles[k], gradientOf[k])).ToImmutableArray();
        return new BoundSignature(signature.MethodName, element.Value, !isVoid, bound);
    }

    // dp → p, dLogits → logits (or Logits), dx1 → x1.
    private static string? GradientTarget(string name, Dictionary<string, int> inputs)
    {
        if (name.Length < 2 || name[0] != 'd')
        {
            return null;
        }

        string rest = name.Substring(1);
        if (inputs.ContainsKey(rest))
        {
            return rest;
        }

        string lowered = char.ToLowerInvariant(rest[0]) + rest.Substring(1);
        return inputs.ContainsKey(lowered) ? lowered : null;
    }

    private static void ElementMismatch(List<CompilerDiagnostic> diagnostics, int k, ParameterDecl p, string method, string realName) =>
        diagnostics.Add(CompilerDiagnostic.AtParameter(DiagnosticDescriptors.ElementTypeMismatch, k, p.Name,
            p.Element == ScalarType.Float ? "float" : "double", method, realName));
}
