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
    /// <remarks>
    /// Every event batch comes through here and most hold one event on an item of a shard active on this silo, so that
    /// case allocates only its answer: loops instead of LINQ (whose iterators, sets, closures and dictionaries were
    /// about 1.3 KB per single-event call), sets and maps only for batches that need them, and a synchronous result
    /// (a <see cref="ValueTask{TResult}"/>) when no shard or encoder has to be asked.
    /// </remarks>
    public ValueTask<ResolvedEvent[]> ResolveAsync(IReadOnlyList<UserEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var itemIds = DistinctIds(events);
        var texts = DistinctTexts(events);
        if (texts is null && CatalogSharding.TryLookupLocally(itemIds, shardCount, localShards) is { } local)
        {
            return ValueTask.FromResult(Resolve(events, itemIds, local, texts, []));
        }

        return ResolveRemotelyAsync(events, itemIds, texts);
    }

    private async ValueTask<ResolvedEvent[]> ResolveRemotelyAsync(IReadOnlyList<UserEvent> events, List<string> itemIds, List<string>? texts)
    {
        // Straight to the owning shards: the catalog front would add one message hop per batch and route the same way.
        var lookupTask = itemIds.Count > 0
            ? CatalogSharding.LookupInShardsAsync(grains, itemIds, shardCount, localShards)
            : Task.FromResult<IReadOnlyList<ItemLookup>>([]);
        var encodeTask = texts is not null
            ? grains.GetGrain<IEncoderGrain>(0).EncodeAsync(texts)
            : Task.FromResult<float[][]>([]);
        await Task.WhenAll(lookupTask, encodeTask);
        return Resolve(events, itemIds, await lookupTask, texts, await encodeTask);
    }

    /// <summary>The events' item ids, each once, in order of first appearance.</summary>
    private static List<string> DistinctIds(IReadOnlyList<UserEvent> events)
    {
        var itemIds = new List<string>(events.Count);
        HashSet<string>? seen = events.Count > 1 ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].ItemId is { } id && (seen?.Add(id) ?? true))
            {
                itemIds.Add(id);
            }
        }

        return itemIds;
    }

    /// <summary>The events' non-blank texts, each once, in order of first appearance; null when there are none.</summary>
    private static List<string>? DistinctTexts(IReadOnlyList<UserEvent> events)
    {
        List<string>? texts = null;
        HashSet<string>? seen = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Text is { } text && !string.IsNullOrWhiteSpace(text) && (seen ??= new(StringComparer.Ordinal)).Add(text))
            {
                (texts ??= []).Add(text);
            }
        }

        return texts;
    }

    private static ResolvedEvent[] Resolve(
        IReadOnlyList<UserEvent> events, List<string> itemIds, IReadOnlyList<ItemLookup> lookups, List<string>? texts, float[][] encoded)
    {
        // A map only when there is more than one lookup to find: a single-item batch reads its one answer.
        var items = lookups.Count > 1 ? lookups.ToDictionary(lookup => lookup.ItemId, StringComparer.Ordinal) : null;
        List<string>? unknown = null;
        foreach (var id in itemIds)
        {
            if (Find(id, lookups, items) is not { Found: true })
            {
                (unknown ??= []).Add(id);
            }
        }

        if (unknown is not null)
        {
            throw Unknown(events, unknown);
        }

        Dictionary<string, float[]>? textVectors = null;
        if (texts is not null)
        {
            textVectors = new(texts.Count, StringComparer.Ordinal);
            for (var i = 0; i < texts.Count; i++)
            {
                textVectors[texts[i]] = encoded[i];
            }
        }

        var result = new ResolvedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var userEvent = events[i];
            var item = userEvent.ItemId is null ? null : Find(userEvent.ItemId, lookups, items);
            var textVector = userEvent.Text is not null && textVectors is not null && textVectors.TryGetValue(userEvent.Text, out var encodedText) ? encodedText : null;
            result[i] = new ResolvedEvent(Combine(item?.Embedding, textVector), item?.Categories ?? []);
        }

        return result;
    }

    /// <summary>
    /// The error naming the first event on an unknown item. Its own method: the lambda's captured list would otherwise
    /// make a closure object on every call of <see cref="Resolve"/>, errors or not.
    /// </summary>
    private static UnknownItemsException Unknown(IReadOnlyList<UserEvent> events, List<string> unknown)
    {
        var first = events.First(e => e.ItemId == unknown[0]);
        return new UnknownItemsException(unknown, $"Event '{first.EventId}' refers to item '{first.ItemId}', which the catalog does not hold" +
            (unknown.Count > 1 ? $" (and {unknown.Count - 1} more unknown items)." : "."));
    }

    /// <summary>The lookup of <paramref name="itemId"/>: from the map when there is one, else the single answer if it is that id's.</summary>
    private static ItemLookup? Find(string itemId, IReadOnlyList<ItemLookup> lookups, Dictionary<string, ItemLookup>? items) =>
        items is not null
            ? items.GetValueOrDefault(itemId)
            : lookups.Count == 1 && string.Equals(lookups[0].ItemId, itemId, StringComparison.Ordinal) ? lookups[0] : null;

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
