using System.Globalization;
using BenchmarkDotNet.Configs;

namespace Seed.Benchmarks;

/// <summary>
/// Columns for <see cref="TransformerEncoderBenchmarks"/>: texts per second (the mean is per text), and the
/// GFLOP/s that throughput means (<see cref="MiniLmFlops"/>), to set against the CPU's peak (docs/PERFORMANCE.md says
/// how that peak was taken). Ratios compare the two methods within each (tokens, batch) pair.
/// </summary>
public class TransformerEncoderConfig : ManualConfig
{
    public TransformerEncoderConfig()
    {
        AddColumn(new MeanDerivedColumn(
            "Texts/s",
            "Texts encoded per second = 1 s / mean time per text",
            (_, meanNanoseconds) => (1e9 / meanNanoseconds).ToString("N0", CultureInfo.InvariantCulture)));
        AddColumn(new MeanDerivedColumn(
            "GFLOP/s",
            "Model FLOPs per second: MiniLmFlops.PerText(Tokens) / mean time per text",
            (benchmark, meanNanoseconds) =>
            {
                int tokens = (int)benchmark.Parameters["Tokens"];
                return (MiniLmFlops.PerText(tokens) / meanNanoseconds).ToString("N1", CultureInfo.InvariantCulture);
            }));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByParams);
    }
}
