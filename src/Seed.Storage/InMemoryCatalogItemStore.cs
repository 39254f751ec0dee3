using System.Collections.Concurrent;

namespace Seed.Storage;

/// <summary>
/// The embedded default when the <c>catalog</c> grain storage is Memory: each shard's rows, interaction counts and
/// co-like counts in this silo's memory, keyed by the shard's grain id, so a reactivated shard finds them again. It
/// keeps what Memory grain storage kept (nothing survives the process) without its cost: grain state is one document
/// per shard, serialised whole on every write, so an upsert of a few hundred items into a shard of 250,000 rewrote
/// all 250,000 and a bulk load grew with the square of the catalog. Here an upsert costs what it writes.
/// </summary>
public sealed class InMemoryCatalogItemStore : ICatalogItemStore
{
    private readonly ConcurrentDictionary<GrainId, InMemoryShardStore> _shards = new();

    public ICatalogShardStore Open(IGrainContext shardActivation)
    {
        ArgumentNullException.ThrowIfNull(shardActivation);
        return _shards.GetOrAdd(shardActivation.GrainId, _ => new InMemoryShardStore());
    }
}
