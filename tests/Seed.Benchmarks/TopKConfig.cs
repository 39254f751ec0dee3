using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Seed.Benchmarks;

/// <summary>
/// Adds the "Scan GB/s" column to <see cref="TopKBenchmarks"/>: matrix bytes (Rows × 128 × 4) / mean. Every method
/// reads the whole matrix exactly once, so this puts top-K, LINQ and the floor on one scale. The job itself comes
/// from the class attributes.
/// </summary>
public class TopKConfig : ManualConfig
{
    public TopKConfig() => AddColumn(new MeanDerivedColumn(
        "Scan GB/s",
        "Matrix bytes (Rows x 128 x 4 B) / mean time, in 10^9 bytes per second",
        ScanGigabytesPerSecond));

    private static string ScanGigabytesPerSecond(BenchmarkCase benchmarkCase, double meanNanoseconds)
    {
        if (benchmarkCase.Parameters[nameof(TopKBenchmarks.Rows)] is not int rows)
        {
            return "-";
        }

        double bytes = (double)rows * TopKBenchmarks.Dimension * sizeof(float);
        // Bytes per nanosecond is exactly 10^9 bytes per second.
        return (bytes / meanNanoseconds).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
