using System.Globalization;
using BenchmarkDotNet.Configs;

namespace Seed.Benchmarks;

/// <summary>
/// Groups <see cref="EncoderBenchmarks"/> by category, so each category (batch size sweep, micro-batching) has its
/// own baseline and ratios, and adds a texts-per-second column: the methods declare one operation per text
/// (OperationsPerInvoke), so the mean is the time per text and throughput is its inverse.
/// </summary>
public class EncoderConfig : ManualConfig
{
    public EncoderConfig()
    {
        AddColumn(new MeanDerivedColumn(
            "Texts/s",
            "Texts encoded per second = 1 s / mean time per text",
            (_, meanNanoseconds) => (1e9 / meanNanoseconds).ToString("N0", CultureInfo.InvariantCulture)));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
