using System.Text.Json.Serialization;
using HdrHistogram;
using Seed.LoadTest.Running;

namespace Seed.LoadTest.Reporting;

/// <summary>The result of a run, in the JSON shape outside checks read.</summary>
public sealed record LoadReport(
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("loop")] string Loop,
    [property: JsonPropertyName("offeredEventsPerSec")] double? OfferedEventsPerSec,
    [property: JsonPropertyName("measuredSeconds")] double MeasuredSeconds,
    [property: JsonPropertyName("operations")] IReadOnlyDictionary<string, OperationSummary> Operations,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("settings")] IReadOnlyDictionary<string, string> Settings,
    [property: JsonPropertyName("timeline")] IReadOnlyDictionary<string, IReadOnlyList<TimelinePoint>> Timeline)
{
    public static LoadReport From(LoadTestOptions options, LoadRunner runner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        var operations = new Dictionary<string, OperationSummary>(StringComparer.Ordinal)
        {
            ["event"] = Summarise(runner.Events, runner.MeasuredSeconds),
            ["recommend"] = Summarise(runner.Recommendations, runner.MeasuredSeconds),
        };
        return new LoadReport(
            options.Target,
            options.Mode,
            options.MaxThroughput ? $"closed ({options.Concurrency} callers)" : options.Speedup is { } speedup ? $"open (data set clock x{speedup})" : "open (constant arrival rate)",
            options.Rate,
            Math.Round(runner.MeasuredSeconds, 2),
            operations,
            operations.Values.Sum(o => o.Errors),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["users"] = options.Users.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["items"] = options.Items.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["batch"] = options.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["concurrency"] = options.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["textFraction"] = options.TextFraction.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["recommendPerEvent"] = options.RecommendPerEvent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["zipf"] = options.ZipfExponent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["duration"] = options.Duration.ToString(),
                ["warmup"] = options.Warmup.ToString(),
                ["preloadItems"] = options.PreloadItems,
                ["data"] = options.DataPath ?? "",
                ["recommendOnly"] = options.RecommendOnly ? "true" : "false",
                ["catalogItems"] = options.CatalogItems?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            },
            new Dictionary<string, IReadOnlyList<TimelinePoint>>(StringComparer.Ordinal)
            {
                ["event"] = runner.Events.Timeline,
                ["recommend"] = runner.Recommendations.Timeline,
            });
    }

    private static OperationSummary Summarise(OperationRecorder recorder, double seconds)
    {
        var histogram = recorder.Total;
        double Ms(double percentile) => histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) / 1000.0, 3);
        return new OperationSummary(
            recorder.Units,
            histogram.TotalCount,
            seconds > 0 ? Math.Round(recorder.Units / seconds, 1) : 0,
            Ms(50),
            Ms(90),
            Ms(99),
            Ms(99.9),
            histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetMaxValue() / 1000.0, 3),
            histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetMean() / 1000.0, 3),
            recorder.Errors.Values.Sum(),
            recorder.Errors.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal));
    }
}
