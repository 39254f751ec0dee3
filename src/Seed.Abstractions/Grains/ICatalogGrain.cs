using Seed.Abstractions.Catalog;

namespace Seed.Abstractions.Grains;

/// <summary>
/// The catalog tier's front door: a stateless worker on every silo that routes items to shards, fans queries
/// out to all shards in parallel and merges the answers. Always call with key 0.
/// </summary>
[Alias("Seed.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Embeds the items' text through the encoder pool and stores them; returns how many were stored.</summary>
    [Alias("UpsertItems")]
    Task<int> UpsertItemsAsync(IReadOnlyList<CatalogItem> items);

    /// <summary>The ids among <paramref name="itemIds"/> that the catalog does not hold.</summary>
    [Alias("FindMissing")]
    Task<IReadOnlyList<string>> FindMissingAsync(IReadOnlyList<string> itemIds);

    /// <summary>The rank <paramref name="itemId"/> takes in the merged ranking for the query (<see cref="CatalogQuery.K"/> is ignored).</summary>
    [Alias("Rank")]
    Task<ItemRank> RankAsync(CatalogQuery query, string itemId);

    /// <summary>Unit-length centroid per category and tag, computed from all shards and cached briefly.</summary>
    [Alias("LabelCentroids")]
    Task<IReadOnlyList<LabelVectorSum>> GetLabelCentroidsAsync();

    [Alias("Statistics")]
    Task<CatalogStatistics> GetStatisticsAsync();
}
