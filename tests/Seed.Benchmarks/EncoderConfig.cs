using BenchmarkDotNet.Configs;

namespace Seed.Benchmarks;

/// <summary>
/// Groups <see cref="EncoderBenchmarks"/> by category, so each category (batch size sweep, micro-batching) has its
/// own baseline and ratios, and adds the texts-per-second column.
/// </summary>
public class EncoderConfig : ManualConfig
{
    public EncoderConfig()
    {
        AddColumn(new ThroughputColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
