using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace LossDsl.Benchmarks;

/// <summary>
/// One job sized for a shared 2-core machine: one launch, 5 warm-ups, 15 measured iterations. More iterations than
/// `--job short` because other processes steal time; Median and Min are shown because they are less sensitive to that
/// interference than the Mean.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15).WithId("Shared2Core"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    }
}
