using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Core.Numerics;
using Seed.Grains.Catalog;

namespace Seed.Grains.Users;

/// <summary>
/// Turns events into vectors: item events take the item's embedding and categories from its catalog shard, text
/// events go through the encoder pool, both in one parallel round trip per batch (none for items whose shard is
/// active on this silo: <see cref="LocalCatalogShards"/>).
/// </summary>
public sealed class EventEmbeddingResolver(IGrainFactory grains, int shardCount, LocalCatalogShards? localShards = null)
{
    /// <summary>
    /// One <see cref="ResolvedEvent"/> per event, in order. Throws <see cref="UnknownItemsException"/> (an
    /// <see cref="ArgumentException"/>) naming the first such event and carrying every id the catalog does not hold.
    /// </summary>
    public async Task<ResolvedEvent[]> ResolveAsync(IReadOnlyList<UserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var itemIds = events.Where(e => e.ItemId is not null).Select(e => e.ItemId!).Distinct(StringComparer.Ordinal).ToList();
        var texts = events.Where(e => !string.IsNullOrWhiteSpace(e.Text)).Select(e => e.Text!).Distinct(StringComparer.Ordinal).ToList();
        // Straight to the owning shards: the catalog front would add one message hop per batch and route the same way.
        var lookupTask = itemIds.Count > 0
            ? CatalogSharding.LookupInShardsAsync(grains, itemIds, shardCount, localShards)
            : Task.FromResult<IReadOnlyList<ItemLookup>>([]);
        var encodeTask = texts.Count > 0
            ? grains.GetGrain<IEncoderGrain>(0).EncodeAsync(texts)
            : Task.FromResult<float[][]>([]);
        await Task.WhenAll(lookupTask, encodeTask);

        var items = (await lookupTask).ToDictionary(lookup => lookup.ItemId, StringComparer.Ordinal);
        var encoded = await encodeTask;
        var textVectors = new Dictionary<string, float[]>(texts.Count, StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            textVectors[texts[i]] = encoded[i];
        }

        var unknown = itemIds.Where(id => !(items.TryGetValue(id, out var lookup) && lookup.Found)).ToList();
        if (unknown.Count > 0)
        {
            var first = events.First(e => e.ItemId == unknown[0]);
            throw new UnknownItemsException(unknown, $"Event '{first.EventId}' refers to item '{first.ItemId}', which the catalog does not hold" +
                (unknown.Count > 1 ? $" (and {unknown.Count - 1} more unknown items)." : "."));
        }

        var result = new ResolvedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var userEvent = events[i];
            var item = userEvent.ItemId is null ? null : items[userEvent.ItemId];

            var textVector = userEvent.Text is not null && textVectors.TryGetValue(userEvent.Text, out var encodedText) ? encodedText : null;
            result[i] = new ResolvedEvent(Combine(item?.Embedding, textVector), item?.Categories ?? []);
        }

        return result;
    }

    /// <summary>An event on an item with text (a review) means both: the direction of their sum, re-normalised.</summary>
    private static float[] Combine(float[]? itemVector, float[]? textVector)
    {
        if (itemVector is null || textVector is null)
        {
            return itemVector ?? textVector ?? throw new InvalidOperationException("An event needs an item or text.");
        }

        var combined = itemVector.ToArray();
        VectorOps.ScaleAndAdd(combined, textVector, 1f);
        VectorOps.NormalizeInPlace(combined);
        return combined;
    }
}
