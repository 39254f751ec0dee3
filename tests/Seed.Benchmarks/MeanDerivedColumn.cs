using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Seed.Benchmarks;

/// <summary>
/// A summary column computed from a case's mean time (in nanoseconds, per operation), such as GB/s or texts/s.
/// The figures the targets are stated in then sit in the report itself instead of being worked out by hand.
/// </summary>
public class MeanDerivedColumn : IColumn
{
    private readonly Func<BenchmarkCase, double, string> _format;

    /// <param name="columnName">Header shown in the report.</param>
    /// <param name="legend">Explanation printed under the report.</param>
    /// <param name="format">Turns (case, mean in ns) into the cell text.</param>
    public MeanDerivedColumn(string columnName, string legend, Func<BenchmarkCase, double, string> format)
    {
        ColumnName = columnName;
        Legend = legend;
        _format = format;
    }

    public string Id => $"{nameof(MeanDerivedColumn)}.{ColumnName}";

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0 ? _format(benchmarkCase, meanNanoseconds.Value) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
