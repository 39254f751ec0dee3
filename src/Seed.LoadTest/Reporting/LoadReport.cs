using System.Text.Json.Serialization;
using HdrHistogram;
using Seed.LoadTest.Monitoring;
using Seed.LoadTest.Running;
using Seed.Tools;

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
    [property: JsonPropertyName("timeline")] IReadOnlyDictionary<string, IReadOnlyList<TimelinePoint>> Timeline,
    [property: JsonPropertyName("sendLag")] OperationSummary? SendLag,
    [property: JsonPropertyName("upsertDuring")] UpsertDuringReport? UpsertDuring = null,
    [property: JsonPropertyName("visibility")] VisibilitySummary? Visibility = null,
    [property: JsonPropertyName("siloMemory")] IReadOnlyList<MemoryPoint>? SiloMemory = null)
{
    /// <param name="siloMemory">The silo's RSS per second (with --silo-pid), through the load and the idle time after it.</param>
    public static LoadReport From(LoadTestOptions options, LoadRunner runner, UpsertDuringLoad? upsertDuring = null, IReadOnlyList<MemoryPoint>? siloMemory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        var operations = new Dictionary<string, OperationSummary>(StringComparer.Ordinal)
        {
            ["event"] = Summarise(runner.Events, runner.MeasuredSeconds),
            ["recommend"] = Summarise(runner.Recommendations, runner.MeasuredSeconds),
        };
        var timeline = new Dictionary<string, IReadOnlyList<TimelinePoint>>(StringComparer.Ordinal)
        {
            ["event"] = runner.Events.Timeline,
            ["recommend"] = runner.Recommendations.Timeline,
        };
        if (options.SummaryOnly)
        {
            operations["summary"] = Summarise(runner.Summaries, runner.MeasuredSeconds);
            timeline["summary"] = runner.Summaries.Timeline;
        }

        VisibilitySummary? visibility = null;
        if (options.EventThenRecommend)
        {
            // The legs stay under "event" and "recommend": the round trip and its parts come from the same run.
            var roundTrip = operations["round-trip"] = Summarise(runner.RoundTrips, runner.MeasuredSeconds);
            timeline["round-trip"] = runner.RoundTrips.Timeline;
            var check = runner.Visibility;
            var checkedCount = check.Visible + check.NotVisible;
            var recommendP99 = operations["recommend"].P99Ms;
            visibility = new VisibilitySummary(
                checkedCount,
                check.Visible,
                check.NotVisible,
                check.Unchecked,
                checkedCount == 0 ? null : Math.Round(check.Visible / (double)checkedCount, 4),
                roundTrip.P99Ms,
                recommendP99,
                recommendP99 > 0 ? Math.Round(roundTrip.P99Ms / recommendP99, 2) : null);
        }

        return new LoadReport(
            options.Target,
            ChoiceOption<WorkloadMode>.NameOf(options.Mode),
            options.MaxThroughput ? $"closed ({options.Concurrency} callers)" : options.Speedup is { } speedup ? $"open (data set clock x{speedup})" : "open (constant arrival rate)",
            options.Rate,
            Math.Round(runner.MeasuredSeconds, 2),
            operations,
            operations.Values.Sum(o => o.Errors),
            DescribeSettings(options),
            timeline,
            options.MaxThroughput ? null : Summarise(runner.SendLag, runner.MeasuredSeconds),
            upsertDuring is null ? null : UpsertDuringReport.From(upsertDuring, runner),
            visibility,
            siloMemory);
    }

    /// <summary>The run's settings; the synthetic generator's own knobs are left out of a replay, which ignores them.</summary>
    private static Dictionary<string, string> DescribeSettings(LoadTestOptions options)
    {
        static string Text(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.Mode == WorkloadMode.Synthetic)
        {
            settings["users"] = Text(options.Users);
            settings["items"] = options.CatalogItems is { } catalogItems ? $"{Text(catalogItems)} (recombined from {options.DataPath})" : Text(options.Items);
            settings["textFraction"] = Text(options.TextFraction);
            settings["zipf"] = Text(options.ZipfExponent);
        }
        else
        {
            settings["data"] = options.DataPath;
            settings["speedup"] = options.Speedup is { } speedup ? Text(speedup) : "none (--rate/--max)";
            settings["itemRefresh"] = options.NoItemRefresh ? "off" : "on (review data sets)";
        }

        if (options.DistinctUsers is { } distinctUsers)
        {
            settings["distinctUsers"] = $"{Text(distinctUsers)} (one event each)";
        }

        if (options.SiloPid is { } siloPid)
        {
            settings["siloPid"] = Text(siloPid);
            settings["idle"] = options.Idle.ToString();
        }

        settings["batch"] = Text(options.BatchSize);
        settings["concurrency"] = Text(options.Concurrency);
        settings["recommendPerEvent"] = options.RecommendOnly ? "recommendations only"
            : options.SummaryOnly ? "user summaries only (latency floor)"
            : options.EventThenRecommend ? "event then recommend (one each, same user, checked)"
            : Text(options.RecommendPerEvent);
        settings["duration"] = options.Duration.ToString();
        settings["warmup"] = options.Warmup.ToString();
        settings["preloadItems"] = ChoiceOption<ItemPreload>.NameOf(options.PreloadItems);
        if (options.UpsertDuring is { } upsertDuring)
        {
            settings["upsertDuring"] = Text(upsertDuring);
        }
        return settings;
    }

    private static OperationSummary Summarise(OperationRecorder recorder, double seconds) =>
        Summarise(recorder.Total, recorder.Units, seconds, recorder.Errors.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal));

    /// <summary>Figures of one histogram (microseconds) and the work units it covers over <paramref name="seconds"/>.</summary>
    internal static OperationSummary Summarise(HistogramBase histogram, long units, double seconds, IReadOnlyDictionary<string, long> errors)
    {
        double Ms(double percentile) => histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) / 1000.0, 3);
        return new OperationSummary(
            units,
            histogram.TotalCount,
            seconds > 0 ? Math.Round(units / seconds, 1) : 0,
            Ms(50),
            Ms(90),
            Ms(99),
            Ms(99.9),
            histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetMaxValue() / 1000.0, 3),
            histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetMean() / 1000.0, 3),
            errors.Values.Sum(),
            errors);
    }
}
