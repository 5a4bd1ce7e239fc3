using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace LossDsl.Benchmarks;

/// <summary>An (N, C) shape of the cross-entropy benchmark; printed as "NxC" in BenchmarkDotNet's tables.</summary>
public readonly record struct CrossEntropyShape(int N, int C)
{
    public override string ToString() => $"{N}x{C}";
}

/// <summary>
/// Cross-entropy from logits with class indices, forward + gradient (mean reduction), float, N×C row-major. Every
/// variant is run once in [GlobalSetup] and must match the double reference (loss within 1e-5 relative, gradient
/// within 1e-5 × max |reference gradient|) before anything is timed. Ratio = method / HandWritten.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class CrossEntropyBenchmarks
{
    /// <summary>The three shapes: many short rows, a typical ImageNet head, a language-model vocabulary.</summary>
    public static IEnumerable<CrossEntropyShape> Shapes { get; } = new[] { new CrossEntropyShape(4096, 10), new CrossEntropyShape(4096, 1000), new CrossEntropyShape(256, 32000) };

    /// <summary>Extra shapes for <c>--verify</c> only: C below and around every vector width and tail, N = 1.</summary>
    public static IEnumerable<CrossEntropyShape> VerifyShapes { get; } = new[]
    {
        new CrossEntropyShape(3, 1), new CrossEntropyShape(5, 2), new CrossEntropyShape(7, 3), new CrossEntropyShape(9, 4),
        new CrossEntropyShape(4, 5), new CrossEntropyShape(6, 8), new CrossEntropyShape(5, 9), new CrossEntropyShape(3, 31),
        new CrossEntropyShape(2, 33), new CrossEntropyShape(1, 1003), new CrossEntropyShape(37, 517), new CrossEntropyShape(2, 2049),
    };

    [ParamsSource(nameof(Shapes))]
    public CrossEntropyShape Shape { get; set; }

    private float[] _logits = Array.Empty<float>();
    private int[] _target = Array.Empty<int>();
    private float[] _grad = Array.Empty<float>();

    [GlobalSetup]
    public void Setup()
    {
        (int n, int c) = Shape;
        // Logits in [-5, 5): a trained classifier's range, inside TensorPrimitives.SoftMax's safe range (see
        // CrossEntropyVariants.TensorPrimitivesComposition). Targets uniform over the classes.
        _logits = BenchData.Uniform(n * c, -5f, 5f, BenchData.Seed);
        var rng = new Random(BenchData.Seed + 1);
        _target = new int[n];
        for (int i = 0; i < n; i++) _target[i] = rng.Next(c);
        _grad = new float[n * c];

        var refGrad = new double[n * c];
        double refLoss = CrossEntropyVariants.Reference(_logits, _target, c, refGrad);

        Verify(nameof(Generated), Generated, refLoss, refGrad);
        Verify(nameof(HandWritten), HandWritten, refLoss, refGrad);
        Verify(nameof(TensorPrimitivesComposition), TensorPrimitivesComposition, refLoss, refGrad);
        Verify(nameof(TensorPrimitivesStable), TensorPrimitivesStable, refLoss, refGrad);
        Verify(nameof(ScalarLoop), ScalarLoop, refLoss, refGrad);
    }

    [Benchmark]
    public float Generated() => GeneratedLosses.CrossEntropy(new ReadOnlyTensorSpan<float>(_logits, [Shape.N, Shape.C], []), _target, new TensorSpan<float>(_grad, [Shape.N, Shape.C], []));

    [Benchmark(Baseline = true)]
    public float HandWritten() => CrossEntropyVariants.HandWritten(_logits, _target, Shape.C, _grad);

    [Benchmark]
    public float TensorPrimitivesComposition() => CrossEntropyVariants.TensorPrimitivesComposition(_logits, _target, Shape.C, _grad);

    [Benchmark]
    public float TensorPrimitivesStable() => CrossEntropyVariants.TensorPrimitivesStable(_logits, _target, Shape.C, _grad);

    [Benchmark]
    public float ScalarLoop() => CrossEntropyVariants.Scalar(_logits, _target, Shape.C, _grad);

    private void Verify(string name, Func<float> run, double refLoss, double[] refGrad)
    {
        Array.Fill(_grad, float.NaN);   // a variant that forgets part of the gradient must fail
        float loss = run();
        BenchData.Check($"CrossEntropy.{name} {Shape}", Shape.N * Shape.C, loss, _grad, refLoss, refGrad);
    }
}
