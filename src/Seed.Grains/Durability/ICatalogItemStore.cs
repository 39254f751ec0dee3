using Seed.Grains.Catalog;

namespace Seed.Grains.Durability;

/// <summary>
/// Where catalog shards keep their items. Disabled (the embedded default) means the shard's own grain state holds
/// them; the PostgreSQL store keeps them in the <c>seed_items</c> table and shards load their rows on activation.
/// </summary>
public interface ICatalogItemStore
{
    bool IsEnabled { get; }

    /// <summary>The shard's items in insertion order.</summary>
    Task<IReadOnlyList<StoredItem>> LoadShardAsync(int shard, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces items (write-through: the shard changes its memory only after this succeeded).</summary>
    Task UpsertAsync(int shard, IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default);

    /// <summary>Stores live interaction counts (advisory popularity).</summary>
    Task SaveInteractionsAsync(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default);
}
