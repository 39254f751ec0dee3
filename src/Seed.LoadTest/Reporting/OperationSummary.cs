using System.Text.Json.Serialization;

namespace Seed.LoadTest.Reporting;

/// <summary>Per-operation figures as the JSON report gives them (latencies in milliseconds).</summary>
public sealed record OperationSummary(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("throughputPerSec")] double ThroughputPerSec,
    [property: JsonPropertyName("p50Ms")] double P50Ms,
    [property: JsonPropertyName("p90Ms")] double P90Ms,
    [property: JsonPropertyName("p99Ms")] double P99Ms,
    [property: JsonPropertyName("p999Ms")] double P999Ms,
    [property: JsonPropertyName("maxMs")] double MaxMs,
    [property: JsonPropertyName("meanMs")] double MeanMs,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("errorsByKind")] IReadOnlyDictionary<string, long> ErrorsByKind);
