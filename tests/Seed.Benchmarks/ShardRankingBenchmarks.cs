using BenchmarkDotNet.Attributes;
using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;

namespace Seed.Benchmarks;

/// <summary>
/// One catalog shard's work per recommendation, with the committed learned model: top-20 by q·v + popularity prior
/// (the baseline) against the same plus the live co-like term for a user with 20 recent likes (the bias is built per
/// query: the weighted co-like counts accumulated over the rows liked with those 20 items, then one pass combining it
/// with the prior). Co-like counts come from 100,000 simulated likes: 5,000 users liking 20 random items each, every
/// like paired with the user's earlier likes, as the event path reports them.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
public class ShardRankingBenchmarks
{
    private const int K = 20;
    private const int Users = 5_000;
    private const int LikesPerUser = 20;

    private CatalogShardIndex _index = null!;
    private CatalogQuery _plain = null!;
    private CatalogQuery _withCoLikes = null!;

    /// <summary>Rows in the shard: below and above the compact-scan threshold (16,384 by default).</summary>
    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var shard = SyntheticShard.Build(Rows, random);
        _index = shard.Index;
        string[] lastUsersLikes = [];
        for (var user = 0; user < Users; user++)
        {
            lastUsersLikes = Enumerable.Range(0, LikesPerUser).Select(_ => $"item-{random.Next(Rows)}").Distinct().ToArray();
            shard.ReportLikes(lastUsersLikes);
        }

        _plain = shard.Query(K, lastUsersLikes, random);
        _withCoLikes = shard.WithCoLikes(_plain, lastUsersLikes);
    }

    [Benchmark(Baseline = true, Description = "Top-20: q·v + popularity prior")]
    public IReadOnlyList<ScoredItem> Plain() => _index.TopK(_plain, includeVectors: false);

    [Benchmark(Description = "Top-20: q·v + prior + co-like term (20 recent likes)")]
    public IReadOnlyList<ScoredItem> WithCoLikes() => _index.TopK(_withCoLikes, includeVectors: false);
}
