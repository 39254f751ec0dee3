namespace Seed.Storage;

/// <summary>One catalog shard's items as its store holds them.</summary>
public interface ICatalogShardStore
{
    /// <summary>The shard's items in row order, each with its live interaction count.</summary>
    Task<IReadOnlyList<StoredItem>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an upsert. The shard changes its memory only after this succeeded, so a failed upsert changes nothing.
    /// </summary>
    Task UpsertAsync(ShardUpsert upsert, CancellationToken cancellationToken = default);

    /// <summary>Stores the live interaction counts of <paramref name="items"/> (advisory popularity).</summary>
    Task SaveInteractionsAsync(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default);

    /// <summary>The shard's co-like counts (those of the model's live co-like signal).</summary>
    Task<IReadOnlyList<StoredCoLike>> LoadCoLikesAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the current values of changed co-like counts (advisory, like the interaction counts).</summary>
    Task SaveCoLikesAsync(IReadOnlyList<StoredCoLike> counts, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most counts one <see cref="SaveCoLikesAsync"/> or <see cref="SaveInteractionsAsync"/> should carry: a shard
    /// writes a backlog in batches of this size and answers other calls between them. A store that writes row by row
    /// keeps the default; one that rewrites a whole document per save takes everything at once.
    /// </summary>
    int CountsPerSave => 8192;
}
