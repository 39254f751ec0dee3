using Seed.Abstractions.Catalog;
using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// Checks an upsert against a shard and describes it for the store, without changing anything: the items written (each
/// keeping the live interaction count of the row it replaces) and, when a store asks, the shard's whole item list after it.
/// </summary>
internal static class ShardUpsertPlanner
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the item and field when any item is invalid.</summary>
    public static ShardUpsert Plan(IReadOnlyList<EmbeddedItem> items, IReadOnlyList<StoredItem> shardItems, IReadOnlyDictionary<string, int> rowById, int embeddingDim)
    {
        ArgumentNullException.ThrowIfNull(items);
        CatalogItemRules.RequireValid(items.Select(embedded => embedded?.Item), nameof(items));
        foreach (var embedded in items)
        {
            if (embedded.Embedding.Length != embeddingDim)
            {
                throw new ArgumentException(
                    $"Item '{embedded.Item.Id}' has a {embedded.Embedding.Length}-d embedding; the catalog expects {embeddingDim}.",
                    nameof(items));
            }
        }

        // Only what changes is recorded here; the whole list is built if a store asks for it (ShardUpsert).
        var replaced = new Dictionary<int, StoredItem>();
        var appended = new List<StoredItem>();
        var appendedById = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = new List<StoredItem>(items.Count);
        foreach (var embedded in items)
        {
            var id = embedded.Item.Id;
            var hasRow = rowById.TryGetValue(id, out var row);
            var isAppended = appendedById.TryGetValue(id, out var position);
            var previous = hasRow ? replaced.GetValueOrDefault(row) ?? shardItems[row] : isAppended ? appended[position] : null;
            var stored = new StoredItem
            {
                Item = embedded.Item,
                Embedding = embedded.Embedding,
                Interactions = previous?.Interactions ?? 0,
            };
            written.Add(stored);
            if (hasRow)
            {
                replaced[row] = stored;
            }
            else if (isAppended)
            {
                appended[position] = stored;
            }
            else
            {
                appendedById[id] = appended.Count;
                appended.Add(stored);
            }
        }

        // The rows as planned on: applying this upsert appends after them and replaces them with the same items.
        var rowsBefore = shardItems.Count;
        IReadOnlyList<StoredItem> ShardItemsAfter()
        {
            var planned = new List<StoredItem>(rowsBefore + appended.Count);
            planned.AddRange(shardItems.Take(rowsBefore));
            foreach (var (replacedRow, stored) in replaced)
            {
                planned[replacedRow] = stored;
            }

            planned.AddRange(appended);
            return planned;
        }

        return new ShardUpsert(written, ShardItemsAfter);
    }
}
