#!/usr/bin/env bash
# Writes a synthetic project for measuring the analyzers' cost (see docs/analyzers.md, "What the analyzers cost").
#   make-synthetic-project.sh <output-dir> [methods-with-losses=2000] [methods-without=2000] [loss-formulas=0]
# Methods with losses are TorchSharp training steps and LossDsl calls, with softmax/sigmoid/one_hot producers,
# branches, loops, modules and (one in ten) a pitfall; methods without losses are plain arithmetic, which the
# analyzers skip after one look at their calls. The project compiles against TorchSharp (reference only) and
# LossDsl.Runtime, and loads the LossDsl generator and analyzers from this repository's Release build. Loss formulas
# are extra [Loss] methods for the formula diagnostics (LD1xxx): eight formulas in turn, three with a pitfall.
set -euo pipefail
out=${1:?output directory}
with=${2:-2000}
without=${3:-2000}
formulas=${4:-0}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
version_of() { sed -n "s/.*Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props"; }
torchsharp_version=$(version_of TorchSharp)
tensors_version=$(version_of System.Numerics.Tensors)
mkdir -p "$out"
cat > "$out/Synthetic.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>\$(NoWarn);CS8019</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="TorchSharp" Version="$torchsharp_version" />
    <PackageReference Include="System.Numerics.Tensors" Version="$tensors_version" />
    <Reference Include="$repo/src/LossDsl.Runtime/bin/Release/net10.0/LossDsl.Runtime.dll" />
    <Analyzer Include="$repo/src/LossDsl.Generator/bin/Release/netstandard2.0/LossDsl.Generator.dll" />
    <Analyzer Include="$repo/src/LossDsl.Analyzers/bin/Release/netstandard2.0/LossDsl.Analyzers.dll" />
  </ItemGroup>
</Project>
PROJ
# Empty Directory.Build.props/targets so that nothing of an enclosing directory leaks in.
echo '<Project />' > "$out/Directory.Build.props"
echo '<Project />' > "$out/Directory.Build.targets"
echo '<Project />' > "$out/Directory.Packages.props"

per_file=100
files=$(( (with + per_file - 1) / per_file ))
for ((f = 0; f < files; f++)); do
  {
    echo "using System; using System.Numerics.Tensors; using LossDsl; using TorchSharp;"
    echo "using static TorchSharp.torch; using static TorchSharp.torch.nn; using static TorchSharp.torch.nn.functional;"
    echo "using Tensor = TorchSharp.torch.Tensor;"
    echo "namespace Synthetic;"
    echo "public static partial class Steps$f"
    echo "{"
    echo "    [Loss(\"mean(max(x, 0) - x * t + log1p(exp(-abs(x))))\")]"
    echo "    public static partial float Bce([Logits] ReadOnlySpan<float> x, [BinaryLabels] ReadOnlySpan<float> t);"
    echo "    [Loss(\"sum(abs(p - t))\")]"
    echo "    public static partial float SumAbs(ReadOnlySpan<float> p, ReadOnlySpan<float> t);"
    for ((k = 0; k < per_file && f * per_file + k < with; k++)); do
      i=$(( f * per_file + k ))
      case $(( i % 4 )) in
        0) cat <<M
    public static Tensor Step$i(Tensor x, Tensor w, Tensor y, bool hot)
    {
        var logits = x.matmul(w);
        var p = hot ? torch.softmax(logits, 1) : logits;
        var ce = cross_entropy(logits, y);
        var kl = kl_div(logits.log_softmax(1), p, log_target: false, reduction: Reduction.Sum) / x.size(0);
        for (int e = 0; e < 3; e++) { logits = logits * 0.5; ce = ce + cross_entropy(logits, y); }
        return ce + kl$( (( i % 10 == 0 )) && echo " + nll_loss(torch.softmax(logits, 1), y)" );
    }
M
        ;;
        1) cat <<M
    public static Tensor Step$i(Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var criterion = BCEWithLogitsLoss();
        var z = x.detach().to(CPU);
        var prob = torch.sigmoid(z);
        var acc = prob.argmax(1);
        return criterion.call($( (( i % 10 == 1 )) && echo "prob" || echo "z" ), y).MoveToOuterDisposeScope();
    }
M
        ;;
        2) cat <<M
    public static float Step$i(float[] x, float[] t)
    {
        var p = new float[x.Length];
        TensorPrimitives.Sigmoid<float>(x, p);
        float loss = Bce(x, t);
        if (t.Length > 4) { loss += Bce($( (( i % 10 == 2 )) && echo "p" || echo "x" ), t); }
        return loss + SumAbs(p, t) / x.Length;
    }
M
        ;;
        3) cat <<M
    public static Tensor Step$i(Tensor x, Tensor labels, Tensor x2)
    {
        var y = torch.tensor(new float[] { 1, -1, 1, -1 });
        var target = one_hot(labels, 10).to_type(ScalarType.Float32);
        var ce = cross_entropy(x, target) + cross_entropy(x, $( (( i % 10 == 3 )) && echo "one_hot(labels, 10)" || echo "labels" ));
        return ce + margin_ranking_loss(x, x2, y) + soft_margin_loss(x, y);
    }
M
        ;;
      esac
    done
    echo "}"
  } > "$out/Steps$f.cs"
done

files=$(( (without + per_file - 1) / per_file ))
for ((f = 0; f < files; f++)); do
  {
    echo "namespace Synthetic;"
    echo "public static class Plain$f"
    echo "{"
    for ((k = 0; k < per_file && f * per_file + k < without; k++)); do
      i=$(( f * per_file + k ))
      cat <<M
    public static double Work$i(double[] a, int n)
    {
        double s = 0;
        for (int j = 0; j < n && j < a.Length; j++) { s += a[j] * $i; if (s > 1e9) { s = System.Math.Sqrt(s); } }
        return s + System.Math.Max(n, $i);
    }
M
    done
    echo "}"
  } > "$out/Plain$f.cs"
done
formula_texts=(
  "mean(-(t * log(p) + (1 - t) * log(1 - p)))"
  "mean(-(t * log(max(p, 1e-7)) + (1 - t) * log(max(1 - p, 1e-7))))"
  "e = p - t; mean(where(abs(e) <= 1, 0.5 * e^2, abs(e) - 0.5))"
  "sqrt(mean((p - t)^2))"
  "mean(softplus(p) - t * p)"
  "mean(abs(p - t) / abs(t))"
  "mean((p - t)^2) + 0.1 * mean(abs(p - t))"
  "e = p - t; m = mean(e * e); sqrt(m + 1e-12)"
)
files=$(( (formulas + per_file - 1) / per_file ))
for ((f = 0; f < files; f++)); do
  {
    echo "using System; using LossDsl;"
    echo "namespace Synthetic;"
    echo "public static partial class Formulas$f"
    echo "{"
    for ((k = 0; k < per_file && f * per_file + k < formulas; k++)); do
      i=$(( f * per_file + k ))
      echo "    [Loss(\"${formula_texts[$(( i % 8 ))]}\")]"
      echo "    public static partial float F$i([Probabilities] ReadOnlySpan<float> p, [BinaryLabels] ReadOnlySpan<float> t, Span<float> dp);"
    done
    echo "}"
  } > "$out/Formulas$f.cs"
done
echo "Wrote $with methods with losses, $without without and $formulas loss formulas to $out"
