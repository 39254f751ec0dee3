using Seed.Grains.Catalog;

namespace Seed.Grains.Durability;

/// <summary>The embedded default: no item table; catalog shards persist their items in their grain state.</summary>
public sealed class GrainStateItemStore : ICatalogItemStore
{
    public bool IsEnabled => false;

    public Task<IReadOnlyList<StoredItem>> LoadShardAsync(int shard, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Shards read their grain state when no item store is configured.");

    public Task UpsertAsync(int shard, IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Shards write their grain state when no item store is configured.");

    public Task SaveInteractionsAsync(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Shards write their grain state when no item store is configured.");
}
