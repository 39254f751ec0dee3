using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Seed.Benchmarks;

/// <summary>
/// Effective scan bandwidth of a <see cref="TopKBenchmarks"/> case: matrix bytes (Rows × 128 × 4) divided by the
/// mean time. Every method reads the whole matrix exactly once, so this puts top-K and the floor on one scale.
/// </summary>
public class ScanBandwidthColumn : IColumn
{
    public string Id => nameof(ScanBandwidthColumn);

    public string ColumnName => "Scan GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Matrix bytes (Rows x 128 x 4 B) / mean time, in 10^9 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNanoseconds is not > 0 || benchmarkCase.Parameters[nameof(TopKBenchmarks.Rows)] is not int rows)
        {
            return "-";
        }

        double bytes = (double)rows * TopKBenchmarks.Dimension * sizeof(float);
        // Bytes per nanosecond is exactly 10^9 bytes per second.
        return (bytes / meanNanoseconds.Value).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
