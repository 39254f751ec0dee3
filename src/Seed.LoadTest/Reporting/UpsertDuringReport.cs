using System.Text.Json.Serialization;
using HdrHistogram;
using Seed.LoadTest.Running;

namespace Seed.LoadTest.Reporting;

/// <summary>
/// A run with <c>--upsert-during</c>: the bulk upsert's size and speed, and each operation's figures while it ran and
/// after it (steady state, same run). <see cref="EventP99Ratio"/> is the event p99 during over after.
/// </summary>
public sealed record UpsertDuringReport(
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("itemsPerSec")] double ItemsPerSec,
    [property: JsonPropertyName("finished")] bool Finished,
    [property: JsonPropertyName("failure")] string? Failure,
    [property: JsonPropertyName("during")] IReadOnlyDictionary<string, OperationSummary> During,
    [property: JsonPropertyName("after")] IReadOnlyDictionary<string, OperationSummary> After,
    [property: JsonPropertyName("eventP99Ratio")] double? EventP99Ratio)
{
    public static UpsertDuringReport From(UpsertDuringLoad upsert, LoadRunner runner)
    {
        ArgumentNullException.ThrowIfNull(upsert);
        ArgumentNullException.ThrowIfNull(runner);
        var seconds = upsert.Elapsed.TotalSeconds;
        // The steady phase is what the measured run had left once the upsert returned.
        var afterSeconds = Math.Max(0, runner.MeasuredSeconds - seconds);
        var during = Phase(runner, UpsertDuringLoad.During, seconds);
        var after = Phase(runner, UpsertDuringLoad.After, afterSeconds);
        var ratio = during["event"].Requests > 0 && after["event"].Requests > 0 && after["event"].P99Ms > 0
            ? Math.Round(during["event"].P99Ms / after["event"].P99Ms, 2)
            : (double?)null;
        return new UpsertDuringReport(
            upsert.ItemCount,
            Math.Round(seconds, 2),
            upsert.Finished && seconds > 0 ? Math.Round(upsert.ItemCount / seconds, 1) : 0,
            upsert.Finished,
            upsert.Failure,
            during,
            after,
            ratio);
    }

    private static Dictionary<string, OperationSummary> Phase(LoadRunner runner, string phase, double seconds) => new(StringComparer.Ordinal)
    {
        ["event"] = Summarise(runner.Events.Phase(phase), seconds),
        ["recommend"] = Summarise(runner.Recommendations.Phase(phase), seconds),
    };

    private static OperationSummary Summarise((HistogramBase Latencies, long Units) phase, double seconds) =>
        LoadReport.Summarise(phase.Latencies, phase.Units, seconds, new Dictionary<string, long>(StringComparer.Ordinal));
}
