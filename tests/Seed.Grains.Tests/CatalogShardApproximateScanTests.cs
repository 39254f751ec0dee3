using Seed.Abstractions.Catalog;
using Seed.Core.Interest;
using Seed.Grains.Catalog;
using static Seed.Grains.Tests.ShardItems;

namespace Seed.Grains.Tests;

/// <summary>
/// The shard's approximate scan (Seed:Catalog:ApproximateScanMinRows): when it starts, that probing every list is the
/// exact ranking (ties by id included), that filters still fill K, and that rows a bias lifts are found far from the query.
/// </summary>
public sealed class CatalogShardApproximateScanTests
{
    private const int Dimension = 16;

    [Fact]
    public void It_starts_at_ApproximateScanMinRows_and_probing_every_list_ranks_as_the_exact_scan()
    {
        var random = new Random(21);
        var items = ClusteredItems(random, 700, Dimension);
        // Exact ties: every 25th item repeats an earlier one's embedding.
        for (var i = 25; i < items.Length; i += 25)
        {
            items[i] = Item(items[i].Item.Id, items[random.Next(i)].Embedding, categories: [.. items[i].Item.Categories]);
        }

        var approximate = NewIndex(new CatalogOptions { ApproximateScanMinRows = 400, ApproximateScanListRows = 16, ApproximateScanProbes = 1_000_000 });
        var exact = NewIndex(new CatalogOptions());
        approximate.Load([.. approximate.PlanUpsert(items[..399]).ShardItems]);
        Assert.False(approximate.UsesApproximateScan);
        Assert.True(approximate.UsesCompactScan is false);
        var replacements = Enumerable.Range(0, 30).Select(i => Item("i" + (i * 13), RandomUnit(random, Dimension), categories: ["Three"])).ToArray();
        approximate.Upsert(items[399]);
        // Rows added and replaced while the index is built (on the thread pool) and after it is in use must reach it.
        approximate.Upsert(items[400..550]);
        approximate.Upsert(replacements[..15]);
        approximate.CompleteApproximateIndex();
        Assert.True(approximate.UsesApproximateScan);
        approximate.Upsert(items[550..]);
        approximate.Upsert(replacements[15..]);
        exact.Upsert(items);
        exact.Upsert(replacements);
        for (var q = 0; q < 30; q++)
        {
            var query = Personal(q % 3 == 0 ? items[q].Embedding : RandomUnit(random, Dimension), k: 1 + (q * 3)) with
            {
                ExcludeItemIds = q % 2 == 0 ? ["i" + q, "i" + (q + 1)] : [],
                ExcludeCategories = q % 5 == 0 ? ["three"] : [],
                IncludeCategories = q % 7 == 0 ? ["three"] : [],
            };
            var expected = exact.TopK(query, includeVectors: false);
            var actual = approximate.TopK(query, includeVectors: false);
            Assert.Equal(expected.Ids(), actual.Ids());
            Assert.Equal(expected.Select(item => item.Score), actual.Select(item => item.Score));
        }
    }

    [Fact]
    public void With_one_probe_a_category_filter_and_exclusions_still_fill_K_with_eligible_items()
    {
        var random = new Random(22);
        var items = ClusteredItems(random, 3_000, Dimension);
        var index = NewIndex(new CatalogOptions { ApproximateScanMinRows = 1_000, ApproximateScanListRows = 30, ApproximateScanProbes = 1 });
        index.Upsert(items);
        index.CompleteApproximateIndex();
        var threes = items.Where(item => item.Item.Categories.Contains("Three")).Select(item => item.Item.Id).ToHashSet();
        for (var q = 0; q < 10; q++)
        {
            var excluded = threes.Take(q * 10).ToArray();
            var query = Personal(RandomUnit(random, Dimension), k: 50) with { IncludeCategories = ["three"], ExcludeItemIds = excluded };

            var listed = index.TopK(query, includeVectors: false).Ids();

            Assert.Equal(50, listed.Count);
            Assert.All(listed, id => Assert.Contains(id, threes));
            Assert.DoesNotContain(listed, excluded.Contains);
        }
    }

    [Fact]
    public void A_co_liked_item_and_the_most_popular_item_are_listed_though_far_from_the_query()
    {
        var random = new Random(23);
        var tracker = CoLikeModel.Tracker();
        var dimension = CoLikeModel.Dimension;
        var items = ClusteredItems(random, 3_000, dimension);
        var options = new CatalogOptions { ApproximateScanMinRows = 1_000, ApproximateScanListRows = 30, ApproximateScanProbes = 1 };
        var approximate = new CatalogShardIndex(tracker, options);
        var exact = new CatalogShardIndex(tracker, new CatalogOptions());
        var query = Personal(items[0].Embedding, k: 5);
        exact.Upsert(items);
        var farthest = exact.TopK(query with { Vector = [.. items[0].Embedding.Select(value => -value)], K = 2 }, false);
        var (coLiked, popular) = (farthest[0].ItemId, farthest[1].ItemId);
        foreach (var index in new[] { approximate, exact })
        {
            index.Upsert([.. items.Select(item => item.Item.Id == popular ? Item(popular, item.Embedding, popularity: 1e12) : item)]);
            index.Report(new InteractionReport { LikedItemIds = [coLiked, "i1"], CoLikes = [.. Enumerable.Repeat(new CoLikeRun(coLiked, ["i1"]), 50)] });
            index.CompleteApproximateIndex();
        }

        var withCoLikes = query with { CoLikeWeights = [new("i1", 1f)] };

        var expected = exact.TopK(withCoLikes, false);
        var actual = approximate.TopK(withCoLikes, false);

        // Both lifted rows lead the exact list; the rest may differ (one probe of 100 lists).
        Assert.True(approximate.UsesApproximateScan);
        Assert.Equal(new[] { coLiked, popular }.Order(), expected.Ids().Take(2).Order());
        Assert.Equal(expected.Take(2), actual.Take(2));
    }

    /// <summary>
    /// The lists hold each row's popularity bias for the scan: likes reported between queries change it, and a query's
    /// co-liked rows are moved off it, so with every list probed the approximate list stays the exact one, query after
    /// query, with likes and co-likes arriving between them and rows added after the index was built.
    /// </summary>
    [Fact]
    public void Likes_and_co_likes_reported_between_queries_rank_as_the_exact_scan()
    {
        var random = new Random(24);
        var tracker = CoLikeModel.Tracker();
        var items = ClusteredItems(random, 1_500, CoLikeModel.Dimension);
        // Every pair counted (the floor, on by default, is what the next test measures).
        var approximate = new CatalogShardIndex(tracker, new CatalogOptions
        {
            ApproximateScanMinRows = 1_000,
            ApproximateScanListRows = 30,
            ApproximateScanProbes = 1_000_000,
            ApproximateScanCoLikeFloor = 0,
        });
        var exact = new CatalogShardIndex(tracker, new CatalogOptions());
        foreach (var index in new[] { approximate, exact })
        {
            index.Upsert(items[..1_200]);
            index.CompleteApproximateIndex();
        }

        for (var q = 0; q < 24; q++)
        {
            var liked = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => "i" + random.Next(1_200)).Distinct().ToArray();
            var report = new InteractionReport
            {
                LikedItemIds = [.. Enumerable.Range(0, 1 + random.Next(40)).Select(_ => "i" + random.Next(300))],
                CoLikes = [.. liked.SelectMany(item => Enumerable.Range(0, 5).Select(_ => new CoLikeRun("i" + random.Next(1_200), [item])))],
            };
            foreach (var index in new[] { approximate, exact })
            {
                index.Report(report);
                if (q == 12)
                {
                    index.Upsert(items[1_200..]);
                }
            }

            var query = Personal(items[random.Next(items.Length)].Embedding, k: 10) with
            {
                CoLikeWeights = q % 3 == 0 ? [] : [.. liked.Select(item => new CoLikeWeight(item, 0.5f + random.NextSingle()))],
            };
            var expected = exact.TopK(query, false);
            var actual = approximate.TopK(query, false);
            Assert.True(approximate.UsesApproximateScan);
            Assert.Equal(expected.Ids(), actual.Ids());
            Assert.Equal(expected.Select(item => item.Score), actual.Select(item => item.Score));
        }
    }

    /// <summary>
    /// ApproximateScanCoLikeFloor: in an approximate shard a co-like pair whose weighted count is below the floor adds
    /// nothing to its row, and one at or above it adds what the exact shard adds; with a floor of 0 the approximate
    /// shard scores every row as the exact one. Every list is probed and every row listed, so only the floor differs.
    /// </summary>
    [Fact]
    public void Below_the_co_like_floor_a_pair_adds_nothing_to_an_approximate_shards_scores_and_at_it_what_the_exact_shard_adds()
    {
        var random = new Random(25);
        var tracker = CoLikeModel.Tracker();
        var items = ClusteredItems(random, 1_200, CoLikeModel.Dimension);
        var floored = new CatalogShardIndex(tracker, AllListsProbed(coLikeFloor: 0.02));
        var unfloored = new CatalogShardIndex(tracker, AllListsProbed(coLikeFloor: 0));
        var exact = new CatalogShardIndex(tracker, new CatalogOptions());
        var (once, thrice) = (Enumerable.Range(0, 40).Select(i => "i" + (i * 7)).ToArray(), Enumerable.Range(0, 40).Select(i => "i" + ((i * 7) + 3)).ToArray());
        var report = new InteractionReport
        {
            // Each co-liked row liked once itself: a term divides by the root of the row's like count.
            LikedItemIds = [.. once, .. thrice],
            CoLikes = [.. once.Select(id => new CoLikeRun(id, ["liked"])), .. thrice.SelectMany(id => Enumerable.Repeat(new CoLikeRun(id, ["liked"]), 3))],
        };
        foreach (var index in new[] { floored, unfloored, exact })
        {
            index.Upsert(items);
            index.CompleteApproximateIndex();
            index.Report(report);
        }

        // Weighted counts: 0.01 for a pair seen once (below the floor), 0.03 for one seen three times (above it).
        var plain = Personal(items[0].Embedding, k: items.Length);
        var withCoLikes = plain with { CoLikeWeights = [new CoLikeWeight("liked", 0.01f)] };
        var exactScores = Scores(exact.TopK(withCoLikes, false));
        var plainScores = Scores(exact.TopK(plain, false));
        var flooredScores = Scores(floored.TopK(withCoLikes, false));

        Assert.True(floored.UsesApproximateScan);
        Assert.All(once, id => Assert.NotEqual(plainScores[id], exactScores[id]));
        Assert.All(once, id => Assert.Equal(plainScores[id], flooredScores[id]));
        Assert.All(thrice, id => Assert.NotEqual(plainScores[id], exactScores[id]));
        Assert.All(thrice, id => Assert.Equal(exactScores[id], flooredScores[id]));
        Assert.Equal(exactScores.OrderBy(pair => pair.Key, StringComparer.Ordinal), Scores(unfloored.TopK(withCoLikes, false)).OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    private static CatalogOptions AllListsProbed(double coLikeFloor) => new()
    {
        ApproximateScanMinRows = 1_000,
        ApproximateScanListRows = 30,
        ApproximateScanProbes = 1_000_000,
        ApproximateScanCoLikeFloor = coLikeFloor,
    };

    private static Dictionary<string, float> Scores(IReadOnlyList<ScoredItem> items) => items.ToDictionary(item => item.ItemId, item => item.Score);

    private static CatalogShardIndex NewIndex(CatalogOptions options) =>
        new(new InterestTracker(new InterestOptions(), null, Dimension), options);

    /// <summary>Items around 20 random centres (topics); every third one is in category "Three".</summary>
    private static EmbeddedItem[] ClusteredItems(Random random, int count, int dimension)
    {
        var centres = Enumerable.Range(0, 20).Select(_ => RandomUnit(random, dimension)).ToArray();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var centre = centres[random.Next(centres.Length)];
            var noise = RandomUnit(random, dimension);
            var embedding = Normalised([.. centre.Zip(noise, (c, n) => c + (0.3f * n))]);
            return Item("i" + i, embedding, categories: [i % 3 == 0 ? "Three" : "Other"]);
        })];
    }

    private static float[] RandomUnit(Random random, int dimension) =>
        Normalised([.. Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 2) - 1))]);

    private static float[] Normalised(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        return [.. vector.Select(value => value / norm)];
    }
}
