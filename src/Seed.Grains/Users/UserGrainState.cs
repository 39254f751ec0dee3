namespace Seed.Grains.Users;

/// <summary>
/// Everything a user grain persists. Field ids and the alias are the storage contract: renaming a member is safe,
/// renumbering is not.
/// </summary>
[GenerateSerializer, Alias("Seed.UserGrainState")]
public sealed class UserGrainState
{
    /// <summary>LSTM hidden state (empty when the silo runs the fallback without a learned model).</summary>
    [Id(0)] public float[] Hidden { get; set; } = [];

    [Id(1)] public float[] Cell { get; set; } = [];

    /// <summary>
    /// Short-term (current) interest in the ranking space, kept only by the fallback without a learned model. With an
    /// LSTM it is a function of <see cref="Hidden"/>, derived when needed and written empty; snapshots from before
    /// still carry it and load (it is dropped on load).
    /// </summary>
    [Id(2)] public float[] ShortTerm { get; set; } = [];

    /// <summary>Time-decayed, event-weighted long-term interest in the ranking space (not normalised).</summary>
    [Id(3)] public float[] LongTerm { get; set; } = [];

    [Id(4)] public long EventCount { get; set; }

    [Id(5)] public DateTimeOffset? LastEventTime { get; set; }

    /// <summary>Recent item ids, oldest first, without repeats.</summary>
    [Id(6)] public List<string> RecentItemIds { get; set; } = [];

    /// <summary>Time-decayed, event-weighted affinity per category (lower-cased).</summary>
    [Id(7)] public Dictionary<string, float> CategoryAffinities { get; set; } = [];

    /// <summary>
    /// The idempotency window as the oldest snapshots stored it, a list of ids (oldest first); read on activation,
    /// written empty.
    /// </summary>
    [Id(8)] public List<string> RecentEventIds { get; set; } = [];

    /// <summary>Incremented on every applied batch; lets clients and tests see that state moved.</summary>
    [Id(9)] public long Version { get; set; }

    /// <summary>The highest event-log position this snapshot reflects; activation replays the log after it.</summary>
    [Id(10)] public long LogPosition { get; set; }

    /// <summary>The last distinct liked item ids, most recent first: the model's live co-like query (empty when it has none).</summary>
    [Id(11)] public List<string> RecentLikedItemIds { get; set; } = [];

    /// <summary>
    /// The interest model version that made the vectors above (empty in snapshots from before versions were kept:
    /// those are taken as made by the model the silo serves). Another version makes the grain rebuild the state.
    /// </summary>
    [Id(12)] public string ModelVersion { get; set; } = "";

    /// <summary>
    /// The idempotency window as snapshots before <see cref="RecentEventIdFingerprints"/> stored it: the ids as one
    /// <see cref="Seed.Storage.PackedIds"/> string, oldest first; read on activation, written empty.
    /// </summary>
    [Id(13)] public string PackedRecentEventIds { get; set; } = "";

    /// <summary>
    /// The idempotency window: the fingerprints of the last event ids applied, as the ring
    /// <see cref="Seed.Storage.EventIdWindow.ToRing"/> gives, the oldest at slot <see cref="RecentEventIdOldest"/>. Kept
    /// only with the volatile in-memory log, and only for the write of a snapshot (the profile holds the window); with
    /// the durable log the log's unique key deduplicates and the window is rebuilt in memory.
    /// </summary>
    [Id(14)] public byte[] RecentEventIdFingerprints { get; set; } = [];

    /// <summary>The slot of <see cref="RecentEventIdFingerprints"/> holding the oldest fingerprint.</summary>
    [Id(15)] public int RecentEventIdOldest { get; set; }
}
