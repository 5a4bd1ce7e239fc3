using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using LossDsl.Generator.Tests.Infrastructure;
using LossDsl.Tests;
using Xunit;

namespace LossDsl.Generator.Tests;

/// <summary>
/// The generated kernels pick Vector512, Vector256 or Vector128 by what the CPU accelerates, then finish with scalar
/// code. A test machine runs one width, so this reruns the value and gradient suites in child processes with the
/// runtime told to ignore AVX2 (the Vector128 path runs, with its own row tails) and to ignore every hardware intrinsic (the scalar path runs
/// for every element), and a probe in the child proves it really ran at that width.
/// </summary>
public class VectorWidthTests
{
    private const string ChildMarker = "LOSSDSL_WIDTH_CHILD";
    private const string ExpectedWidth = "LOSSDSL_EXPECT_WIDTH";

    public static TheoryData<string, string> NarrowerHardware() => new()
    {
        { "Vector128", "DOTNET_EnableAVX2" },
        { "Scalar", "DOTNET_EnableHWIntrinsic" },
    };

    [Theory]
    [MemberData(nameof(NarrowerHardware))]
    public void Kernels_are_right_on_narrower_hardware(string width, string switchOff)
    {
        if (Environment.GetEnvironmentVariable(ChildMarker) != null)
        {
            return; // this is the child run itself
        }

        if (width == "Vector128" && !Vector256.IsHardwareAccelerated)
        {
            return; // this machine already runs the Vector128 path in the parent run
        }

        string project = RepositoryRoot.Resolve("tests/LossDsl.Generator.Tests/LossDsl.Generator.Tests.csproj");
        var environment = new Dictionary<string, string> { [switchOff] = "0", [ChildMarker] = "1", [ExpectedWidth] = width };
        CommandResult run = DotnetProcess.Dotnet(RepositoryRoot.Directory, environment,
            "test", project, "--no-build", "-c", DotnetProcess.Configuration,
            "--filter", "FullyQualifiedName~ReducedLossTests|FullyQualifiedName~ElementwiseAndOptionTests|FullyQualifiedName~RowTailTests|FullyQualifiedName~CrossEntropyTests|FullyQualifiedName~VectorWidthTests.Probe");
        Assert.True(run.ExitCode == 0, $"with {switchOff}=0:\n{run.Describe()}");
        Assert.Contains("Passed!", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe()
    {
        switch (Environment.GetEnvironmentVariable(ExpectedWidth))
        {
            case "Vector128":
                Assert.False(Vector256.IsHardwareAccelerated);
                Assert.True(Vector128.IsHardwareAccelerated);
                break;
            case "Scalar":
                Assert.False(Vector128.IsHardwareAccelerated);
                break;
        }
    }
}
