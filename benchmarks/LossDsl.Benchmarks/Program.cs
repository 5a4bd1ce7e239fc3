using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Running;
using LossDsl.Benchmarks;

// `--verify` runs only the agreement checks of every [GlobalSetup] (all losses, all N, and the cross-entropy shapes plus
// small ones that exercise every vector width and tail) without timing anything.
if (args.Length == 1 && args[0] == "--verify")
{
    Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, Vector128: {Vector128.IsHardwareAccelerated}");
    foreach (int n in new[] { 1_000, 100_000, 10_000_000, 37, 1_003 })
    {
        new MseBenchmarks { N = n }.Setup();
        new HuberBenchmarks { N = n }.Setup();
        new BceWithLogitsBenchmarks { N = n }.Setup();
        Console.WriteLine($"N={n}: all variants agree with the double reference");
    }
    foreach (CrossEntropyShape shape in System.Linq.Enumerable.Concat(CrossEntropyBenchmarks.Shapes, CrossEntropyBenchmarks.VerifyShapes))
    {
        new CrossEntropyBenchmarks { Shape = shape }.Setup();
        Console.WriteLine($"CrossEntropy {shape}: all variants agree with the double reference");
    }
    return;
}

// `--interleaved [rounds] [MSE|Huber|BCE ...]` runs the shared-machine cross-check in Interleaved.cs instead of
// BenchmarkDotNet, for the losses named (all three if none is).
if (args.Length >= 1 && args[0] == "--interleaved")
{
    Interleaved.Run(args.Length > 1 ? int.Parse(args[1]) : 200, args.Length > 2 ? args[2..] : Array.Empty<string>());
    return;
}

// `--interleaved-ce [rounds]`: the same cross-check for the cross-entropy baselines.
if (args.Length >= 1 && args[0] == "--interleaved-ce")
{
    Interleaved.RunCrossEntropy(args.Length > 1 ? int.Parse(args[1]) : 200);
    return;
}

// `--exp-accuracy`: FloatVectorMath.Exp on every float in [-104, 89] against the double exp (ExpAccuracy.cs).
if (args.Length == 1 && args[0] == "--exp-accuracy")
{
    ExpAccuracy.Run();
    return;
}

// `--exp-speed [rounds]`: ns per 10^5 floats of FloatVectorMath.Exp against .NET's vector exps.
if (args.Length >= 1 && args[0] == "--exp-speed")
{
    ExpAccuracy.Speed(args.Length > 1 ? int.Parse(args[1]) : 500);
    return;
}

// `--log-accuracy`: FloatVectorMath.Log on every positive finite float against the double log (LogAccuracy.cs).
if (args.Length == 1 && args[0] == "--log-accuracy")
{
    LogAccuracy.Run();
    return;
}

// `--log-speed [rounds]`: ns per 10^5 floats of FloatVectorMath.Log against .NET's vector logs.
if (args.Length >= 1 && args[0] == "--log-speed")
{
    LogAccuracy.Speed(args.Length > 1 ? int.Parse(args[1]) : 500);
    return;
}

// `--infonce N D [rounds]`: time and peak memory of the catalog's InfoNCE, whose pair matrix is streamed (PairwiseMemory.cs).
if (args.Length >= 3 && args[0] == "--infonce")
{
    PairwiseMemory.Run(int.Parse(args[1]), int.Parse(args[2]), args.Length > 3 ? int.Parse(args[3]) : 5);
    return;
}

// `--pairwise N D [rounds] [float|double]`: GFLOP/s of the pair kernels alone, forward and backward, per kind (PairwiseSpeed.cs).
if (args.Length >= 3 && args[0] == "--pairwise")
{
    PairwiseSpeed.Run(int.Parse(args[1]), int.Parse(args[2]), args.Length > 3 ? int.Parse(args[3]) : 5, args.Length > 4 ? args[4] : "float");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
