using BenchmarkDotNet.Configs;

namespace Seed.Benchmarks;

/// <summary>Adds the bandwidth column to <see cref="TopKBenchmarks"/>; the job itself comes from the class attributes.</summary>
public class TopKConfig : ManualConfig
{
    public TopKConfig() => AddColumn(new ScanBandwidthColumn());
}
