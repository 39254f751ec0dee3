using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>One shard's items in its grain state; see <see cref="GrainStateItemStore"/>.</summary>
internal sealed class GrainStateShardStore(
    IPersistentState<CatalogShardState> items,
    IPersistentState<CatalogInteractionState> interactions) : ICatalogShardStore
{
    /// <summary>Every save rewrites the whole interaction document, so a flush writes it once, not once per batch.</summary>
    public int CountsPerSave => int.MaxValue;

    /// <summary>
    /// Counts only grow, so of the flushed count and the one the item state was last written with (by an upsert),
    /// the larger is the newer. Items without a flushed count keep theirs.
    /// </summary>
    public Task<IReadOnlyList<StoredItem>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var counts = interactions.State.Counts;
        foreach (var stored in items.State.Items)
        {
            if (counts.TryGetValue(stored.Item.Id, out var count))
            {
                stored.Interactions = Math.Max(stored.Interactions, count);
            }
        }

        return Task.FromResult<IReadOnlyList<StoredItem>>(items.State.Items);
    }

    /// <summary>The whole shard is one document: it is written with the upsert applied, and kept as it was on failure.</summary>
    public async Task UpsertAsync(ShardUpsert upsert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upsert);
        var previous = items.State.Items;
        items.State.Items = [.. upsert.ShardItems];
        try
        {
            await items.WriteStateAsync(cancellationToken);
        }
        catch
        {
            items.State.Items = previous;
            throw;
        }
    }

    public async Task SaveInteractionsAsync(IReadOnlyList<StoredItem> changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var stored in changed)
        {
            interactions.State.Counts[stored.Item.Id] = stored.Interactions;
        }

        await interactions.WriteStateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<StoredCoLike>> LoadCoLikesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredCoLike>>(
            [.. interactions.State.CoLikes.SelectMany(item => item.Value.Select(other => new StoredCoLike(item.Key, other.Key, other.Value)))]);

    public async Task SaveCoLikesAsync(IReadOnlyList<StoredCoLike> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            if (!interactions.State.CoLikes.TryGetValue(count.ItemId, out var others))
            {
                others = new Dictionary<string, int>(StringComparer.Ordinal);
                interactions.State.CoLikes[count.ItemId] = others;
            }

            others[count.OtherItemId] = count.Count;
        }

        await interactions.WriteStateAsync(cancellationToken);
    }
}
