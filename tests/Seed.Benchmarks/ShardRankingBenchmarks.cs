using BenchmarkDotNet.Attributes;
using Seed.Abstractions.Catalog;
using Seed.Core;
using Seed.Core.Interest;
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
        var model = InterestModel.Load(RepositoryPaths.Resolve(ShippedPaths.InterestModel));
        var tracker = new InterestTracker(new InterestOptions(), model, model.EmbeddingDim);
        _index = new CatalogShardIndex(tracker, new CatalogOptions(), Rows);
        var random = new Random(11);
        var items = new List<EmbeddedItem>(Rows);
        for (var row = 0; row < Rows; row++)
        {
            var embedding = new float[model.EmbeddingDim];
            TopKBenchmarks.FillUnitVector(random, embedding);
            items.Add(new EmbeddedItem { Item = new CatalogItem { Id = $"item-{row}", Title = $"item {row}" }, Embedding = embedding });
        }

        _index.Apply(_index.PlanUpsert(items));
        string[] lastUsersLikes = [];
        for (var user = 0; user < Users; user++)
        {
            var likes = Enumerable.Range(0, LikesPerUser).Select(_ => $"item-{random.Next(Rows)}").Distinct().ToArray();
            var pairs = new List<CoLikePair>();
            for (var i = 0; i < likes.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    pairs.Add(new CoLikePair(likes[i], likes[j]));
                    pairs.Add(new CoLikePair(likes[j], likes[i]));
                }
            }

            _index.Report(new InteractionReport { LikedItemIds = likes, CoLikes = pairs });
            lastUsersLikes = likes;
        }

        var query = new float[model.EmbeddingDim];
        TopKBenchmarks.FillUnitVector(random, query);
        var counts = _index.LikeCounts(lastUsersLikes);
        _plain = new CatalogQuery { K = K, Vector = query, ExcludeItemIds = lastUsersLikes };
        _withCoLikes = _plain with
        {
            CoLikeWeights = [.. lastUsersLikes.Select((id, position) => new CoLikeWeight(id, tracker.CoLike.QueryWeight(position, counts[position])))],
        };
    }

    [Benchmark(Baseline = true, Description = "Top-20: q·v + popularity prior")]
    public IReadOnlyList<ScoredItem> Plain() => _index.TopK(_plain, includeVectors: false);

    [Benchmark(Description = "Top-20: q·v + prior + co-like term (20 recent likes)")]
    public IReadOnlyList<ScoredItem> WithCoLikes() => _index.TopK(_withCoLikes, includeVectors: false);
}
