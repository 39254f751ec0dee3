using System.Diagnostics.Metrics;

namespace Seed.Core.Telemetry;

/// <summary>
/// Every instrument Seed records, on one meter (<see cref="MeterName"/>) that the hosts export with OpenTelemetry
/// (Prometheus scrape at <c>/metrics</c>, OTLP when configured). Static so that grains and the encoder record with
/// one call and no extra constructor parameter; several hosts in one process (tests) share the same instruments.
/// </summary>
public static class SeedMetrics
{
    public const string MeterName = "Seed";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Events applied to a user's state.</summary>
    public static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>("seed.events.applied", "{event}", "Events applied to user state");

    /// <summary>Events acknowledged but not applied again: their id was already in the user's idempotency window.</summary>
    public static readonly Counter<long> EventsDuplicate = Meter.CreateCounter<long>("seed.events.duplicate", "{event}", "Events whose id was already applied");

    /// <summary>Events older than the user's last event, applied with no decay.</summary>
    public static readonly Counter<long> EventsLate = Meter.CreateCounter<long>("seed.events.late", "{event}", "Events older than the user's clock");

    public static readonly Histogram<int> EncoderBatchSize = Meter.CreateHistogram<int>("seed.encoder.batch.size", "{text}", "Texts per encoder inference");

    public static readonly Histogram<double> EncoderBatchLatency = Meter.CreateHistogram<double>("seed.encoder.batch.latency", "ms", "Time of one encoder inference");

    /// <summary>Texts asked of the encoder; with <see cref="EncoderCacheHits"/> the embedding cache's hit rate.</summary>
    public static readonly Counter<long> EncoderCacheLookups = Meter.CreateCounter<long>("seed.encoder.cache.lookups", "{text}", "Texts asked of the encoder");

    public static readonly Counter<long> EncoderCacheHits = Meter.CreateCounter<long>("seed.encoder.cache.hits", "{text}", "Texts answered from the embedding cache");

    /// <summary>Item texts looked up in the persistent embedding store; with <see cref="EncoderStoreHits"/> its hit rate.</summary>
    public static readonly Counter<long> EncoderStoreLookups = Meter.CreateCounter<long>("seed.encoder.store.lookups", "{text}", "Item texts looked up in the persistent embedding store");

    /// <summary>Item texts whose vector the persistent embedding store held (not encoded again).</summary>
    public static readonly Counter<long> EncoderStoreHits = Meter.CreateCounter<long>("seed.encoder.store.hits", "{text}", "Item texts answered from the persistent embedding store");

    public static readonly Histogram<double> RecommendationLatency = Meter.CreateHistogram<double>("seed.recommendation.latency", "ms", "Time to answer a recommendation request");

    /// <summary>Items per catalog shard (tag <c>shard</c>), after each upsert.</summary>
    public static readonly Gauge<int> CatalogItems = Meter.CreateGauge<int>("seed.catalog.items", "{item}", "Items held by a catalog shard");

    /// <summary>Bytes a catalog shard holds for its items (tag <c>shard</c>), estimated from its structures, after each upsert.</summary>
    public static readonly Gauge<long> CatalogBytes = Meter.CreateGauge<long>("seed.catalog.bytes", "By", "Memory a catalog shard holds for its items (estimated)");

    /// <summary>1 for the models a silo serves, named by the tags <c>interest_model</c> (its description, or fallback) and <c>mode</c>.</summary>
    public static readonly Gauge<int> ModelInfo = Meter.CreateGauge<int>("seed.model.info", null, "The interest model a silo serves (value 1, version in the tags)");

    /// <summary>Counts one batch's applied, duplicate and late events and hands <paramref name="result"/> back, so a caller records where it builds its result.</summary>
    public static T RecordEventBatch<T>(int applied, int duplicates, int late, T result)
    {
        EventsApplied.Add(applied);
        EventsDuplicate.Add(duplicates);
        EventsLate.Add(late);
        return result;
    }
}
