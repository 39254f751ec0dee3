namespace Seed.Storage;

/// <summary>
/// One shard's rows in memory (see <see cref="InMemoryCatalogItemStore"/>). A load hands out copies, so counts the
/// shard changes in memory reach the store only when it saves them, as with any other store. Locked: an activation
/// and its successor may briefly overlap.
/// </summary>
internal sealed class InMemoryShardStore : ICatalogShardStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredItem> _rows = [];
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _interactions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ItemId, string OtherItemId), int> _coLikes = [];

    public Task<IReadOnlyList<StoredItem>> LoadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredItem>>([.. _rows.Select(row => new StoredItem
            {
                Item = row.Item,
                Embedding = row.Embedding,
                Interactions = Math.Max(row.Interactions, _interactions.GetValueOrDefault(row.Item.Id)),
            })]);
        }
    }

    /// <summary>Only the written rows are touched: a replaced id keeps its row, a new one is appended (the shard's row order).</summary>
    public Task UpsertAsync(ShardUpsert upsert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upsert);
        lock (_gate)
        {
            foreach (var written in upsert.Written)
            {
                var copy = new StoredItem { Item = written.Item, Embedding = written.Embedding, Interactions = written.Interactions };
                if (_rowById.TryGetValue(written.Item.Id, out var row))
                {
                    _rows[row] = copy;
                }
                else
                {
                    _rowById[written.Item.Id] = _rows.Count;
                    _rows.Add(copy);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveInteractionsAsync(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_gate)
        {
            foreach (var stored in items)
            {
                _interactions[stored.Item.Id] = stored.Interactions;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredCoLike>> LoadCoLikesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredCoLike>>([.. _coLikes.Select(pair => new StoredCoLike(pair.Key.ItemId, pair.Key.OtherItemId, pair.Value))]);
        }
    }

    public Task SaveCoLikesAsync(IReadOnlyList<StoredCoLike> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_gate)
        {
            foreach (var count in counts)
            {
                _coLikes[(count.ItemId, count.OtherItemId)] = count.Count;
            }
        }

        return Task.CompletedTask;
    }
}
