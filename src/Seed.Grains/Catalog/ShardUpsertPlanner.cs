using Seed.Abstractions.Catalog;
using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// Checks an upsert against a shard and describes it for the store, without changing anything: the items written (each
/// keeping the live interaction count of the row it replaces) and the shard's whole item list after it.
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

        var planned = new List<StoredItem>(shardItems);
        var newRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = new List<StoredItem>(items.Count);
        foreach (var embedded in items)
        {
            var id = embedded.Item.Id;
            var hasRow = rowById.TryGetValue(id, out var row) || newRows.TryGetValue(id, out row);
            var stored = new StoredItem
            {
                Item = embedded.Item,
                Embedding = embedded.Embedding,
                Interactions = hasRow ? planned[row].Interactions : 0,
            };
            written.Add(stored);
            if (hasRow)
            {
                planned[row] = stored;
            }
            else
            {
                newRows[id] = planned.Count;
                planned.Add(stored);
            }
        }

        return new ShardUpsert(written, planned);
    }
}
