using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Core.Numerics;

namespace Seed.Grains.Catalog;

/// <summary>
/// Stateless front of the catalog tier: one local activation per silo routes writes to shards and fans reads out
/// to all shards in parallel. It holds no state, so it scales with the silos and never becomes a hot spot.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class CatalogGrain(IOptions<CatalogOptions> options, LabelCentroidCache centroidCache, BulkUpsertPacer pacer) : Grain, ICatalogGrain
{
    private int ShardCount => options.Value.ShardCount;

    private ICatalogShardGrain Shard(int shard) => CatalogSharding.Shard(GrainFactory, shard, ShardCount);

    /// <summary>
    /// Encodes and stores the items one chunk (<see cref="CatalogOptions.UpsertChunkSize"/>) at a time, the shards of a
    /// chunk in parallel. A bulk import so never holds a shard for more than one chunk: lookups and rankings interleave
    /// between chunks. A failure stops the upsert; the chunks before it stay stored (as the shards before a failing
    /// shard did when one call wrote all), and an upsert is idempotent, so the caller retries it whole. Chunks are paced
    /// by <see cref="BulkUpsertPacer"/>.
    /// </summary>
    public async Task<int> UpsertItemsAsync(IReadOnlyList<CatalogItem> items)
    {
        // Checked before encoding: a bad item fails the whole batch before any shard has stored part of it.
        CatalogItemRules.RequireValid(items, nameof(items));
        var encoder = GrainFactory.GetGrain<IEncoderGrain>(0);
        var stored = 0;
        var chunks = items.Chunk(options.Value.UpsertChunkSize).ToList();
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            // Paced: one chunk at a time per silo, resting between chunks, so an import leaves cores to live traffic.
            stored += await pacer.RunChunkAsync(async () =>
            {
                var vectors = await encoder.EncodeItemTextsAsync([.. chunk.Select(item => item.EmbeddingText())]);
                var writes = chunk
                    .Select((item, i) => new EmbeddedItem { Item = item, Embedding = vectors[i] })
                    .GroupBy(item => CatalogSharding.ShardOf(item.Item.Id, ShardCount))
                    .Select(group => Shard(group.Key).UpsertAsync(group.ToList()));
                return (await Task.WhenAll(writes)).Sum();
            }, moreToCome: c < chunks.Count - 1);
        }

        centroidCache.Invalidate();
        return stored;
    }

    public async Task<IReadOnlyList<string>> FindMissingAsync(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var groups = CatalogSharding.GroupByShard(itemIds.Distinct(StringComparer.Ordinal), ShardCount);
        var answers = await Task.WhenAll(groups.Select(group =>
            Shard(group.Key).FindMissingAsync(group.Value)));
        return answers.SelectMany(missing => missing).ToList();
    }

    public async Task<ItemRank> RankAsync(CatalogQuery query, string itemId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        // Two rounds: the owning shard scores the item, then every shard counts what ranks ahead of that score.
        var shardQueries = CatalogSharding.SplitExclusionsByShard(query, ShardCount);
        var owner = CatalogSharding.ShardOf(itemId, ShardCount);
        var target = await Shard(owner).ScoreItemAsync(shardQueries[owner], itemId);
        if (!target.Found)
        {
            return target;
        }

        var counts = await Task.WhenAll(Enumerable.Range(0, ShardCount).Select(shard =>
            Shard(shard).CountRankedAheadAsync(shardQueries[shard], target.Score, itemId)));
        return target with
        {
            Rank = target.Eligible ? 1 + counts.Sum(count => count.Ahead) : 0,
            EligibleCount = counts.Sum(count => count.Eligible),
        };
    }

    public Task<IReadOnlyList<LabelVectorSum>> GetLabelCentroidsAsync() =>
        centroidCache.GetAsync(options.Value.CentroidCacheDuration, ComputeCentroidsAsync);

    public async Task<CatalogStatistics> GetStatisticsAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, ShardCount).Select(shard =>
            Shard(shard).GetFootprintAsync()));
        var footprint = shards.Aggregate(CatalogFootprint.Empty, (total, shard) => total.Plus(shard));
        var dimension = (await GrainFactory.GetGrain<IEncoderGrain>(0).DescribeAsync()).Dimension;
        return new CatalogStatistics { ShardCount = ShardCount, ItemCount = footprint.ItemCount, Dimension = dimension, Footprint = footprint };
    }

    private async Task<IReadOnlyList<LabelVectorSum>> ComputeCentroidsAsync()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, ShardCount).Select(shard =>
            Shard(shard).GetLabelSumsAsync()));
        return answers
            .SelectMany(answer => answer)
            .GroupBy(sum => (sum.Kind, sum.Label))
            .Select(group =>
            {
                var centroid = new float[group.First().Sum.Length];
                foreach (var part in group)
                {
                    VectorOps.ScaleAndAdd(centroid, part.Sum, 1f);
                }

                VectorOps.NormalizeInPlace(centroid);
                return new LabelVectorSum
                {
                    Kind = group.Key.Kind,
                    Label = group.Key.Label,
                    Sum = centroid,
                    ItemCount = group.Sum(part => part.ItemCount),
                };
            })
            .ToList();
    }
}
