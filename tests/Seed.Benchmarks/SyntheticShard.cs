using Seed.Abstractions.Catalog;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Grains.Catalog;
using Seed.LoadTest.Workload;

namespace Seed.Benchmarks;

/// <summary>
/// A catalog shard of random unit items ranked with the committed learned model, and the like history and queries
/// the shard benchmarks give it: likes reported as the event path reports them, queries carrying a user's likes.
/// </summary>
internal sealed class SyntheticShard
{
    private SyntheticShard(CatalogShardIndex index, InterestTracker tracker, CatalogOptions options)
    {
        Index = index;
        Tracker = tracker;
        Options = options;
    }

    public CatalogShardIndex Index { get; }

    public InterestTracker Tracker { get; }

    /// <summary>The shard's options: those read per query (probes, the co-like floor) may be changed between queries.</summary>
    public CatalogOptions Options { get; }

    /// <summary>A shard holding <paramref name="rows"/> items <c>item-0</c>, <c>item-1</c>, ... with random unit embeddings.</summary>
    public static SyntheticShard Build(int rows, Random random)
    {
        var model = InterestModel.Load(RepositoryPaths.Resolve(ShippedPaths.InterestModel));
        var tracker = new InterestTracker(new InterestOptions(), model, model.EmbeddingDim);
        var options = new CatalogOptions();
        var index = new CatalogShardIndex(tracker, options, rows);
        var items = new List<EmbeddedItem>(rows);
        for (var row = 0; row < rows; row++)
        {
            var embedding = new float[model.EmbeddingDim];
            TopKBenchmarks.FillUnitVector(random, embedding);
            items.Add(new EmbeddedItem { Item = new CatalogItem { Id = $"item-{row}", Title = $"item {row}" }, Embedding = embedding });
        }

        index.Apply(index.PlanUpsert(items));
        index.CompleteApproximateIndex();
        return new SyntheticShard(index, tracker, options);
    }

    /// <summary>
    /// The like history the shard benchmarks give a shard: <paramref name="users"/> users each like
    /// <paramref name="likesPerUser"/> distinct items drawn with Zipf exponent 1, reported as <see cref="ReportLikes"/>
    /// does. Returns each user's likes.
    /// </summary>
    public List<string[]> ReportZipfLikes(int users, int likesPerUser, Random random)
    {
        var popularity = new ZipfSampler(Index.Count, 1.0);
        var likesByUser = new List<string[]>(users);
        for (var user = 0; user < users; user++)
        {
            var likes = new HashSet<string>();
            while (likes.Count < likesPerUser)
            {
                likes.Add($"item-{popularity.Next(random)}");
            }

            likesByUser.Add([.. likes]);
            ReportLikes(likesByUser[^1]);
        }

        return likesByUser;
    }

    /// <summary>One user's likes, each paired with the others both ways, as the user grain reports them.</summary>
    public void ReportLikes(string[] likes)
    {
        var runs = new List<CoLikeRun>();
        for (var i = 1; i < likes.Length; i++)
        {
            // Each like pairs with the ones before it, both ways (one shard here holds every item).
            runs.Add(new CoLikeRun(likes[i], likes[..i]));
            runs.Add(new CoLikeRun(likes[i], likes[..i], OthersFirst: true));
        }

        Index.Report(new InteractionReport { LikedItemIds = likes, CoLikes = runs });
    }

    /// <summary>A query for the top <paramref name="k"/> by a random interest vector, the user's likes excluded.</summary>
    public CatalogQuery Query(int k, string[] likes, Random random)
    {
        var vector = new float[Tracker.EmbeddingDim];
        TopKBenchmarks.FillUnitVector(random, vector);
        return new CatalogQuery { K = k, Vector = vector, ExcludeItemIds = likes };
    }

    /// <summary><paramref name="plain"/> with the co-like weights of <paramref name="likes"/> (most recent first), as the user grain sends them.</summary>
    public CatalogQuery WithCoLikes(CatalogQuery plain, string[] likes)
    {
        var counts = Index.LikeCounts(likes);
        return plain with
        {
            CoLikeWeights = [.. likes.Select((id, position) => new CoLikeWeight(id, Tracker.CoLike.QueryWeight(position, counts[position])))],
        };
    }
}
