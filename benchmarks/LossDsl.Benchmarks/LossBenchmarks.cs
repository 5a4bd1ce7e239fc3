using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace LossDsl.Benchmarks;

/// <summary>
/// Shared shape of the three loss benchmarks: N floats per input, deterministic data, every variant checked against a
/// double reference in [GlobalSetup] before anything is timed. Ratio = method / HandWritten.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public abstract class LossBenchmarkBase
{
    [Params(1_000, 100_000, 10_000_000)]
    public int N { get; set; }

    protected float[] A = Array.Empty<float>();      // p (or logits x)
    protected float[] T = Array.Empty<float>();      // targets
    protected float[] Grad = Array.Empty<float>();   // dp (or dx)
    protected float[] Scratch1 = Array.Empty<float>();
    protected float[] Scratch2 = Array.Empty<float>();
    protected float[] Scratch3 = Array.Empty<float>();

    /// <summary>Runs one variant, fills Grad, and throws unless it matches the double reference.</summary>
    protected void Verify(string name, Func<float> run, double refLoss, double[] refGrad)
    {
        Array.Fill(Grad, float.NaN);   // a variant that forgets to write the gradient must fail
        float loss = run();
        BenchData.Check(name, N, loss, Grad, refLoss, refGrad);
    }

    /// <summary>The memory-bandwidth bound: read two arrays, write one, no arithmetic worth mentioning.</summary>
    [Benchmark]
    public void StreamingBaseline() => TensorPrimitives.Subtract(A, T, Grad);
}

public class MseBenchmarks : LossBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        A = BenchData.Uniform(N, -2f, 2f, BenchData.Seed);
        T = BenchData.Uniform(N, -2f, 2f, BenchData.Seed + 1);
        Grad = new float[N];
        Scratch1 = new float[N];
        var refGrad = new double[N];
        double refLoss = MseVariants.Reference(A, T, refGrad);
        Verify(nameof(Generated), Generated, refLoss, refGrad);
        Verify(nameof(HandWritten), HandWritten, refLoss, refGrad);
        Verify(nameof(TensorPrimitivesComposition), TensorPrimitivesComposition, refLoss, refGrad);
        Verify(nameof(ScalarLoop), ScalarLoop, refLoss, refGrad);
    }

    [Benchmark]
    public float Generated() => GeneratedLosses.Mse(A, T, Grad);

    [Benchmark(Baseline = true)]
    public float HandWritten() => MseVariants.HandWritten(A, T, Grad);

    [Benchmark]
    public float TensorPrimitivesComposition() => MseVariants.TensorPrimitivesComposition(A, T, Grad, Scratch1);

    [Benchmark]
    public float ScalarLoop() => MseVariants.Scalar(A, T, Grad);
}

public class HuberBenchmarks : LossBenchmarkBase
{
    private const float Delta = 1f;

    [GlobalSetup]
    public void Setup()
    {
        // |p - t| up to 4 with delta = 1: both branches of the Huber loss are well represented.
        A = BenchData.Uniform(N, -2f, 2f, BenchData.Seed);
        T = BenchData.Uniform(N, -2f, 2f, BenchData.Seed + 1);
        Grad = new float[N];
        Scratch1 = new float[N];
        Scratch2 = new float[N];
        Scratch3 = new float[N];
        var refGrad = new double[N];
        double refLoss = HuberVariants.Reference(A, T, refGrad, Delta);
        Verify(nameof(Generated), Generated, refLoss, refGrad);
        Verify(nameof(HandWritten), HandWritten, refLoss, refGrad);
        Verify(nameof(TensorPrimitivesComposition), TensorPrimitivesComposition, refLoss, refGrad);
        Verify(nameof(ScalarLoop), ScalarLoop, refLoss, refGrad);
    }

    [Benchmark]
    public float Generated() => GeneratedLosses.Huber(A, T, Grad, Delta);

    [Benchmark(Baseline = true)]
    public float HandWritten() => HuberVariants.HandWritten(A, T, Grad, Delta);

    [Benchmark]
    public float TensorPrimitivesComposition() => HuberVariants.TensorPrimitivesComposition(A, T, Grad, Delta, Scratch1, Scratch2, Scratch3);

    [Benchmark]
    public float ScalarLoop() => HuberVariants.Scalar(A, T, Grad, Delta);
}

public class BceWithLogitsBenchmarks : LossBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        // Logits in [-10, 10] cover saturated and central sigmoid regions; soft targets in [0, 1].
        A = BenchData.Uniform(N, -10f, 10f, BenchData.Seed);
        T = BenchData.Uniform(N, 0f, 1f, BenchData.Seed + 1);
        Grad = new float[N];
        Scratch1 = new float[N];
        Scratch2 = new float[N];
        var refGrad = new double[N];
        double refLoss = BceVariants.Reference(A, T, refGrad);
        Verify(nameof(Generated), Generated, refLoss, refGrad);
        Verify(nameof(HandWritten), HandWritten, refLoss, refGrad);
        Verify(nameof(TensorPrimitivesComposition), TensorPrimitivesComposition, refLoss, refGrad);
        Verify(nameof(ScalarLoop), ScalarLoop, refLoss, refGrad);
    }

    [Benchmark]
    public float Generated() => GeneratedLosses.BceWithLogits(A, T, Grad);

    [Benchmark(Baseline = true)]
    public float HandWritten() => BceVariants.HandWritten(A, T, Grad);

    [Benchmark]
    public float TensorPrimitivesComposition() => BceVariants.TensorPrimitivesComposition(A, T, Grad, Scratch1, Scratch2);

    [Benchmark]
    public float ScalarLoop() => BceVariants.Scalar(A, T, Grad);
}
