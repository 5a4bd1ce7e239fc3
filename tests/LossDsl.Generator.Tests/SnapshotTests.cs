using System;
using System.IO;
using System.Linq;
using LossDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// Approved-file snapshots of the generated source for representative formulas, so a reviewer reads the code users get
/// and any change to it shows up in review. On a mismatch the test writes <c>*.received.cs</c> beside the
/// <c>*.verified.cs</c> file and fails; accepting a change is a deliberate copy of the received file over the verified
/// one, never automatic.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "MseForwardGradientFloat", """[Loss("mean((p - t)^2)")] public static partial float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);""" },
        { "HuberDouble", """[Loss("e = p - t; mean(where(abs(e) <= delta, 0.5 * e^2, delta * (abs(e) - 0.5 * delta)))")] public static partial double Huber(ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double delta = 1.0);""" },
        { "BceWithLogitsFloat", """[Loss("mean(max(x, 0) - x * t + log1p(exp(-abs(x))))")] public static partial float BceWithLogits(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx);""" },
        { "ElementwiseBackward", """[Loss("log(sigmoid(x)) * t")] public static partial void LogLikelihood(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> loss, ReadOnlySpan<float> dloss, Span<float> dx);""" },
        { "TwoPassRatio", """[Loss("1 - 2 * sum(p * t) / (sum(p) + sum(t) + 1)")] public static partial float Dice(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp);""" },
        { "IntegerWeightsForward", """[Loss("mean(w * abs(p - t))")] public static partial double Weighted(ReadOnlySpan<double> p, ReadOnlySpan<double> t, ReadOnlySpan<int> w);""" },
        { "CrossEntropyFloat", """[Loss("mean(logsumexp(x) - x[y])")] public static partial float CrossEntropy(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, TensorSpan<float> dx);""" },
        { "WeightedCrossEntropyIgnoreIndex", """[Loss("valid = y != ignore_index; wy = where(valid, weight[y], 0); sum(wy * (logsumexp(x) - x[y])) / sum(wy)")] public static partial double WeightedCrossEntropy(ReadOnlyTensorSpan<double> x, ReadOnlySpan<int> y, ReadOnlySpan<double> weight, TensorSpan<double> dx, int ignore_index = -100);""" },
        { "DiceOverTensors", """[Loss("1 - (2 * sum(p * t) + smooth) / (sum(p) + sum(t) + smooth)")] public static partial float Dice(ReadOnlyTensorSpan<float> p, ReadOnlyTensorSpan<float> t, TensorSpan<float> dp, float smooth = 1);""" },
        { "InfoNceFloat", """[Loss("s = cosine_sim(a, b) / t; mean(logsumexp(s) - row_sum(where(eye(), s, 0)))")] public static partial float InfoNce(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, TensorSpan<float> da, TensorSpan<float> db, float t = 0.1f);""" },
        { "CrossEntropyWithTripletFloat", """[Loss("ce = logsumexp(x) - x[y]; d = cdist(e, e); hp = row_max(where(same(y) & !eye(), d, -inf)); hn = row_min(where(same(y), inf, d)); mean(ce) + mean(relu(hp - hn + margin))")] public static partial float ReId(ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> y, ReadOnlyTensorSpan<float> e, TensorSpan<float> dx, TensorSpan<float> de, float margin = 0.3f);""" },
        { "FormulaError", """[Loss("mean(abs(p - q))")] public static partial float Broken(ReadOnlySpan<float> p, ReadOnlySpan<float> t);""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_the_approved_snapshot(string name, string member)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using System.Numerics.Tensors;
            using LossDsl;
            namespace Snapshots;
            public static partial class Losses
            {
                {{member}}
            }
            """);
        AssertMatchesSnapshot(name, run);
    }

    [Fact]
    public void A_user_intrinsic_call_matches_the_approved_snapshot()
    {
        // Forward into the value buffer before the passes; Backward into cleared scratch, added into the gradients.
        GeneratorRun run = GeneratorHarness.Run(Shapes.UserIntrinsicTests.Intrinsics, """
            using System;
            using System.Numerics.Tensors;
            using LossDsl;
            namespace Snapshots;
            public static partial class Losses
            {
                [Loss("mean(w * smooth_max(x, tau))")] public static partial double SmoothMaxWeighted(ReadOnlyTensorSpan<double> x, ReadOnlySpan<double> w, TensorSpan<double> dx, Span<double> dw, double tau = 0.5);
            }
            """);
        AssertMatchesSnapshot("UserIntrinsicDouble", run);
    }

    private static void AssertMatchesSnapshot(string name, GeneratorRun run)
    {
        string generated = run.Sources.Values.Single().Replace(LossDsl.Generator.Emission.LossSourceEmitter.Version, "{version}", StringComparison.Ordinal);

        string directory = RepositoryRoot.Resolve("tests/LossDsl.Generator.Tests/Snapshots");
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        string? approved = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (approved != generated)
        {
            File.WriteAllText(received, generated);
            Assert.Fail(approved is null
                ? $"No approved snapshot {name}.verified.cs yet. Review {received} and, if it is right, rename it to .verified.cs."
                : $"The generated source of {name} changed. Compare {received} with {verified}; if the change is intended, copy it over.");
        }

        if (File.Exists(received))
        {
            File.Delete(received);
        }

        // The snapshot must also be code that compiles (the error stub included).
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }
}
