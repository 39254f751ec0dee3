using BenchmarkDotNet.Attributes;
using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;

namespace Seed.Benchmarks;

/// <summary>
/// One shard of a million-item catalog (250,000 rows, so it ranks through its inverted-file index) after a Zipf like
/// history, the shape the load harness gives it: 3,000 users each like 20 distinct items drawn with Zipf exponent 1,
/// every like paired with the user's earlier likes as the event path reports them. A user whose likes include the
/// popular items then touches about 20,000 co-liked rows per query (45,000 co-like counts summed), and the co-like
/// term's per-row passes, not the scan, are most of a shard's time: in this process alone about 4x the time of the
/// list without likes, and in a silo holding the whole million-item catalog, whose per-row arrays compete for the
/// caches with everything else, more. Top-20 with the committed learned model: q·v + prior
/// (the baseline) against the same plus the co-like term of one user's 20 likes, a different user each call, with the
/// default <see cref="CatalogOptions.ApproximateScanCoLikeFloor"/> and with the exact term (their lists' agreement:
/// --co-like-floor-recall).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class CoLikedShardBenchmarks
{
    private const int K = 20;
    private const int Rows = 250_000;
    private const int Users = 3_000;
    private const int LikesPerUser = 20;
    private const int QueryUsers = 64;
    private static readonly double DefaultCoLikeFloor = new CatalogOptions().ApproximateScanCoLikeFloor;

    private SyntheticShard _shard = null!;
    private CatalogShardIndex _index = null!;
    private CatalogQuery[] _plain = [];
    private CatalogQuery[] _withCoLikes = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(13);
        var shard = SyntheticShard.Build(Rows, random);
        if (!shard.Index.UsesApproximateScan)
        {
            throw new InvalidOperationException("The shard should rank through its inverted-file index at this size.");
        }

        _shard = shard;
        _index = shard.Index;
        var likesByUser = shard.ReportZipfLikes(Users, LikesPerUser, random);
        _plain = [.. likesByUser[^QueryUsers..].Select(likes => shard.Query(K + 1, likes, random))];
        _withCoLikes = [.. likesByUser[^QueryUsers..].Select((likes, user) => shard.WithCoLikes(_plain[user], likes))];
    }

    [Benchmark(Baseline = true, Description = "250k-row shard, top-20: q·v + popularity prior")]
    public IReadOnlyList<ScoredItem> Plain() => _index.TopK(_plain[_next++ % QueryUsers], includeVectors: false);

    [Benchmark(Description = "250k-row shard, top-20: q·v + prior + co-like term (20 Zipf likes), default floor")]
    public IReadOnlyList<ScoredItem> WithCoLikes()
    {
        _shard.Options.ApproximateScanCoLikeFloor = DefaultCoLikeFloor;
        return _index.TopK(_withCoLikes[_next++ % QueryUsers], includeVectors: false);
    }

    [Benchmark(Description = "250k-row shard, top-20: q·v + prior + exact co-like term (floor 0)")]
    public IReadOnlyList<ScoredItem> WithExactCoLikes()
    {
        _shard.Options.ApproximateScanCoLikeFloor = 0;
        return _index.TopK(_withCoLikes[_next++ % QueryUsers], includeVectors: false);
    }
}
