using System.Collections.Concurrent;
using Seed.Abstractions.Catalog;

namespace Seed.Grains.Catalog;

/// <summary>
/// The catalog shards active on this silo, by shard number, so that a user grain on the same silo reads an item's
/// embedding from the shard's index directly instead of sending the shard a lookup message. One per silo.
/// </summary>
/// <remarks>
/// A lookup was the one extra grain call of a known-item event: a request and a response through the silo's message
/// queues for a few dictionary reads. Only item lookups go this way: they read what upserts wrote (the shard applies an
/// upsert before acknowledging it, so an event sent after the acknowledgement finds the item either way). Live like
/// counts still go through the shard's queue, behind the user's own coalesced report, so that a list counts the
/// user's latest like. A shard registers once its items are loaded and leaves before it deactivates, so a reader
/// never sees an index another activation may have moved past.
/// </remarks>
public sealed class LocalCatalogShards
{
    private readonly ConcurrentDictionary<long, CatalogShardIndex> _active = new();

    /// <summary>Number of shards readable here (for tests and diagnostics).</summary>
    public int Count => _active.Count;

    /// <summary>Makes <paramref name="index"/> readable as shard <paramref name="shard"/> on this silo.</summary>
    public void Register(long shard, CatalogShardIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _active[shard] = index;
    }

    /// <summary>Stops serving <paramref name="index"/> for <paramref name="shard"/> (another activation's index is left alone).</summary>
    public void Unregister(long shard, CatalogShardIndex index) =>
        _active.TryRemove(new KeyValuePair<long, CatalogShardIndex>(shard, index));

    /// <summary>Looks <paramref name="itemIds"/> up in shard <paramref name="shard"/> when it is active here; null otherwise.</summary>
    public IReadOnlyList<ItemLookup>? TryLookup(long shard, IReadOnlyList<string> itemIds) =>
        _active.TryGetValue(shard, out var index) ? index.Lookup(itemIds) : null;
}
