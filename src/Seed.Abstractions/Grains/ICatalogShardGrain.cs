using Orleans.Concurrency;

using Seed.Abstractions.Catalog;

namespace Seed.Abstractions.Grains;

/// <summary>One shard of the item catalog. Key: the shard number, 0 to ShardCount-1.</summary>
[Alias("Seed.ICatalogShardGrain")]
public interface ICatalogShardGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task<int> UpsertAsync(IReadOnlyList<EmbeddedItem> items);

    [Alias("Lookup")]
    Task<IReadOnlyList<ItemLookup>> LookupAsync(IReadOnlyList<string> itemIds);

    /// <summary>The ids this shard does not hold; cheaper than a lookup because no embeddings travel.</summary>
    [Alias("FindMissing")]
    Task<IReadOnlyList<string>> FindMissingAsync(IReadOnlyList<string> itemIds);

    /// <summary>This shard's best matches for the query (or most popular items when the vector is empty).</summary>
    [Alias("TopK")]
    Task<IReadOnlyList<ScoredItem>> TopKAsync(CatalogQuery query, bool includeVectors);

    /// <summary>The owning shard's score and eligibility of one item under the query (<see cref="ItemRank.Rank"/> left 0).</summary>
    [Alias("ScoreItem")]
    Task<ItemRank> ScoreItemAsync(CatalogQuery query, string itemId);

    /// <summary>
    /// Eligible items of this shard that rank ahead of an item scoring <paramref name="score"/> with id
    /// <paramref name="itemId"/> (higher score, or equal score and a lower id in ordinal order), and eligible items in all.
    /// </summary>
    [Alias("CountRankedAhead")]
    Task<ShardRankCount> CountRankedAheadAsync(CatalogQuery query, float score, string itemId);

    [Alias("LabelSums")]
    Task<IReadOnlyList<LabelVectorSum>> GetLabelSumsAsync();

    [Alias("Count")]
    Task<int> CountAsync();

    /// <summary>The memory this shard's structures hold for its items (estimated from their sizes).</summary>
    [Alias("Footprint")]
    Task<CatalogFootprint> GetFootprintAsync();

    /// <summary>
    /// Live popularity and co-like counts: one user's positive interactions and co-like pairs, counted as they happen.
    /// Fire-and-forget.
    /// </summary>
    [OneWay, Alias("ReportInteractions")]
    Task ReportInteractionsAsync(InteractionReport report);

    /// <summary>Each id's live count of positive interactions, in order (0 for an id this shard does not hold).</summary>
    [Alias("LikeCounts")]
    Task<IReadOnlyList<double>> GetLikeCountsAsync(IReadOnlyList<string> itemIds);
}
