using System.Runtime.CompilerServices;
using System.Text;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Core.Ranking;

namespace Seed.Grains.Catalog;

/// <summary>Maps an item id to the shard that owns it.</summary>
public static class CatalogSharding
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    private static readonly ConditionalWeakTable<IGrainFactory, ICatalogShardGrain[]> ShardReferences = [];

    /// <summary>
    /// FNV-1a over the UTF-8 bytes: stable across processes and .NET versions, unlike string.GetHashCode,
    /// which is randomised per process and would send the same item to different shards on different silos.
    /// </summary>
    public static int ShardOf(string itemId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        // ASCII ids (nearly all) hash their chars directly: a char below 0x80 is its own UTF-8 byte, so the hash is
        // the same without encoding it first (which made hashing a 200-id exclusion list show in CPU profiles).
        var hash = FnvOffsetBasis;
        foreach (var c in itemId)
        {
            if (c >= 0x80)
            {
                return (int)(HashUtf8(itemId) % (uint)shardCount);
            }

            hash = unchecked((hash ^ c) * FnvPrime);
        }

        return (int)(hash % (uint)shardCount);
    }

    private static uint HashUtf8(string itemId)
    {
        var hash = FnvOffsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(itemId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(itemId, buffer)]
            : Encoding.UTF8.GetBytes(itemId);
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * FnvPrime);
        }

        return hash;
    }

    /// <summary>
    /// The reference to shard <paramref name="shard"/>, made once per grain factory: <c>GetGrain</c> resolves the
    /// interface's grain type on every call (3% of the CPU of the single-event path in a profile), and a reference
    /// never changes.
    /// </summary>
    public static ICatalogShardGrain Shard(IGrainFactory grains, int shard, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (!ShardReferences.TryGetValue(grains, out var shards) || shards.Length != shardCount)
        {
            shards = [.. Enumerable.Range(0, shardCount).Select(n => grains.GetGrain<ICatalogShardGrain>(n))];
            ShardReferences.AddOrUpdate(grains, shards);
        }

        return shards[shard];
    }

    /// <summary>Groups ids by owning shard, keeping each id's first position so answers can be put back in order.</summary>
    public static Dictionary<int, List<string>> GroupByShard(IEnumerable<string> itemIds, int shardCount)
    {
        var groups = new Dictionary<int, List<string>>();
        foreach (var id in itemIds)
        {
            var shard = ShardOf(id, shardCount);
            if (!groups.TryGetValue(shard, out var list))
            {
                list = [];
                groups[shard] = list;
            }

            list.Add(id);
        }

        return groups;
    }

    /// <summary>
    /// Looks ids up in their owning shards, in parallel, answers in no particular order. The user grain's event path
    /// calls the shards directly: routing through the stateless catalog front would cost one more message hop per batch.
    /// Shards active on this silo (<paramref name="localShards"/>) are read in place, without a message.
    /// </summary>
    public static async Task<IReadOnlyList<ItemLookup>> LookupInShardsAsync(
        IGrainFactory grains, IReadOnlyCollection<string> itemIds, int shardCount, LocalCatalogShards? localShards = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (TryLookupLocally(itemIds, shardCount, localShards) is { } answered)
        {
            return answered;
        }

        var groups = GroupByShard(itemIds, shardCount);
        if (groups.Count == 1)
        {
            // The common case for a single-user batch of a few events: one shard, no fan-out task.
            var (shard, ids) = groups.First();
            return localShards?.TryLookup(shard, ids) ?? await Shard(grains, shard, shardCount).LookupAsync(ids);
        }

        var answers = await Task.WhenAll(groups.Select(group =>
            localShards?.TryLookup(group.Key, group.Value) is { } local
                ? Task.FromResult(local)
                : Shard(grains, group.Key, shardCount).LookupAsync(group.Value)));
        return [.. answers.SelectMany(answer => answer)];
    }

    /// <summary>
    /// The lookups of <paramref name="itemIds"/> when they all belong to one shard active on this silo, read in place
    /// and in order; null otherwise (then <see cref="LookupInShardsAsync"/> asks the shards). Synchronous and without
    /// grouping: a single-event batch (the common request) costs no dictionary, list or task here.
    /// </summary>
    public static IReadOnlyList<ItemLookup>? TryLookupLocally(IReadOnlyCollection<string> itemIds, int shardCount, LocalCatalogShards? localShards)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (localShards is null || itemIds.Count == 0 || itemIds is not IReadOnlyList<string> ids)
        {
            return null;
        }

        var shard = ShardOf(ids[0], shardCount);
        for (var i = 1; i < ids.Count; i++)
        {
            if (ShardOf(ids[i], shardCount) != shard)
            {
                return null;
            }
        }

        return localShards.TryLookup(shard, ids);
    }

    /// <summary>Live like counts of <paramref name="itemIds"/>, in their order, asked of their owning shards in parallel.</summary>
    public static async Task<IReadOnlyList<double>> LikeCountsInShardsAsync(IGrainFactory grains, IReadOnlyList<string> itemIds, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(itemIds);
        var groups = GroupByShard(itemIds, shardCount);
        var answers = await Task.WhenAll(groups.Select(async group =>
            (Ids: group.Value, Counts: await Shard(grains, group.Key, shardCount).GetLikeCountsAsync(group.Value))));
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (ids, counts) in answers)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                byId[ids[i]] = counts[i];
            }
        }

        return [.. itemIds.Select(id => byId[id])];
    }

    /// <summary>
    /// The best <see cref="CatalogQuery.K"/> items of the whole catalog: every shard ranks its slice in parallel,
    /// the short sorted lists are merged, and with a diversity lambda re-ranked by MMR. The user grain calls the shards
    /// directly: routing through the stateless catalog front would add one message hop (a queue, a thread switch and a
    /// copy of the query and the results) to every recommendation.
    /// </summary>
    public static async Task<IReadOnlyList<ScoredItem>> TopKInShardsAsync(IGrainFactory grains, CatalogQuery query, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var diversify = query.DiversityLambda is not null && query.Vector.Length > 0;
        var shardQuery = diversify ? query with { K = query.K * options.DiversityCandidateFactor } : query;
        var shardQueries = SplitExclusionsByShard(shardQuery, options.ShardCount);
        var answers = await Task.WhenAll(Enumerable.Range(0, options.ShardCount).Select(shard =>
            Shard(grains, shard, options.ShardCount).TopKAsync(shardQueries[shard], diversify)));

        // Each shard's list is already sorted; the merged lists are short (shards x K), so one sort is cheap.
        var merged = answers
            .SelectMany(answer => answer)
            .OrderByDescending(item => item.Score)
            .ThenBy(item => item.ItemId, StringComparer.Ordinal)
            .Take(shardQuery.K)
            .ToList();
        if (!diversify)
        {
            return merged.Take(query.K).ToList();
        }

        var order = MmrReranker.Rerank(query.Vector, merged.Select(item => item.Vector!).ToList(), query.K, query.DiversityLambda!.Value);
        return order.Select(position => merged[position] with { Vector = null }).ToList();
    }

    /// <summary>
    /// One query per shard, each excluding only the ids that shard owns, so a shard on another silo is not sent the
    /// whole list (200 recent items by default) to look up ids it does not hold. On one silo the query is passed by
    /// reference and this costs what it saves: in a CPU profile of recommendations the shards' exclusion lookups fell by
    /// about 1% of the samples and hashing the ids once cost about 0.9%. Queries without exclusions are shared, not copied.
    /// </summary>
    public static CatalogQuery[] SplitExclusionsByShard(CatalogQuery query, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queries = new CatalogQuery[shardCount];
        if (query.ExcludeItemIds.Count == 0 || shardCount == 1)
        {
            Array.Fill(queries, query);
            return queries;
        }

        var groups = GroupByShard(query.ExcludeItemIds, shardCount);
        for (var shard = 0; shard < shardCount; shard++)
        {
            queries[shard] = query with { ExcludeItemIds = groups.TryGetValue(shard, out var ids) ? ids : [] };
        }

        return queries;
    }
}
