using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Users;
using Seed.Grains.Catalog;
using Seed.Grains.Users;
using Seed.Storage;

namespace Seed.Grains.Tests;

/// <summary>
/// The live co-like term on the plain classes the grains adapt: a user's recent likes and the pairs they report
/// (<see cref="UserProfile"/>), and a shard's counts and ranking bias (<see cref="CatalogShardIndex"/>).
/// </summary>
public sealed class CoLikeServingTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_profile_keeps_its_recent_likes_and_reports_the_pairs_they_make()
    {
        var state = new UserGrainState();
        var profile = new UserProfile(state, CoLikeModel.Tracker(), new UserOptions(), new SharedStrings());

        var (_, positive, pairs) = profile.Apply(
            [Like("e1", "a", 0), Like("e2", "b", 1), Event("e3", "c", 2, EventType.Dislike), Like("e4", "d", 3)],
            [.. Enumerable.Range(0, 4).Select(axis => new ResolvedEvent(CoLikeModel.Axis(axis), []))]);

        Assert.Equal(["a", "b", "d"], positive);
        // The dislike is not a like; each like is one run with the likes before it, most recent first (the coalescer
        // sends each run to its item's shard and the same pairs the other way round to the others' shards).
        Assert.Equal(
            [("b", "a", false), ("d", "b,a", false)],
            pairs.Select(run => (run.ItemId, string.Join(",", run.OtherItemIds), run.OthersFirst)));
        Assert.Equal(["d", "b", "a"], profile.RecentLikedItems);
        Assert.Same(state.RecentLikedItemIds, profile.RecentLikedItems);
    }

    [Fact]
    public void The_query_weights_the_recent_likes_by_position_and_like_count()
    {
        var profile = new UserProfile(new UserGrainState(), CoLikeModel.Tracker(), new UserOptions(), new SharedStrings());
        profile.Apply([Like("e1", "a", 0), Like("e2", "b", 1)], [new(CoLikeModel.Axis(0), []), new(CoLikeModel.Axis(1), [])]);

        var (query, _) = profile.BuildQuery(new RecommendationRequest { K = 5 }, [4, 9]);
        var (withoutCounts, _) = profile.BuildQuery(new RecommendationRequest { K = 5 }, []);

        Assert.Equal([new("b", 1f / 2f), new("a", CoLikeModel.Decay / 3f)], query.CoLikeWeights);
        Assert.Empty(withoutCounts.CoLikeWeights);
    }

    [Fact]
    public void A_row_liked_with_the_users_likes_ranks_ahead_of_an_equal_one_by_the_co_like_term()
    {
        var index = CoLikeIndexWithItems();
        // x and a liked together by one user (x after a: the pair (a, x) comes turned round); b liked alone, so a and b
        // have equal popularity.
        index.Report(new InteractionReport { LikedItemIds = ["x", "a", "b"], CoLikes = [new("x", ["a"]), new("x", ["a"], OthersFirst: true)] });
        var query = new CatalogQuery { K = 3, Vector = CoLikeModel.Axis(0), ExcludeItemIds = ["x"] };

        var plain = index.TopK(query, includeVectors: false);
        var boosted = index.TopK(query with { CoLikeWeights = [new("x", 0.5f)] }, includeVectors: false);

        // a and b score the same without the term (equal ties by id), a is ahead by weight * 0.5 * c / sqrt(n_a) with it.
        Assert.Equal(plain[0].Score, plain[1].Score);
        Assert.Equal(["a", "b"], boosted.Select(item => item.ItemId).Take(2));
        Assert.Equal(CoLikeModel.Weight * 0.5f * 1f / 1f, boosted[0].Score - boosted[1].Score, 1e-5f);
        var scored = index.ScoreItem(query with { CoLikeWeights = [new("x", 0.5f)] }, "b");
        Assert.Equal(boosted[1].Score, scored.Score);
        Assert.Equal(1, index.CountRankedAhead(query with { CoLikeWeights = [new("x", 0.5f)] }, scored.Score, "b").Ahead);
    }

    [Fact]
    public void Like_counts_and_changed_co_like_counts_are_reported_for_storage_and_restored()
    {
        var index = CoLikeIndexWithItems();
        index.Report(new InteractionReport { LikedItemIds = ["a", "a"], CoLikes = [new("a", ["x"]), new("x", ["a", "not-here"], OthersFirst: true), new("not-here", ["x"])] });

        Assert.Equal([2.0, 0.0, 0.0], index.LikeCounts(["a", "b", "unknown"]));
        Assert.Equal([new StoredCoLike("a", "x", 2)], index.TakeUnsavedCoLikes(10));
        Assert.Empty(index.TakeUnsavedCoLikes(10));

        // A reactivation: items with their stored like counts, then the stored pairs ("b" and "x" here, so that the
        // term, not the id order, must put "b" ahead of "a").
        var reloaded = new CatalogShardIndex(CoLikeModel.Tracker(), new CatalogOptions());
        reloaded.Load([Stored("a", CoLikeModel.Axis(0), 2), Stored("b", CoLikeModel.Axis(0), 2), Stored("x", CoLikeModel.Axis(1), 2)]);
        reloaded.LoadCoLikes([new StoredCoLike("b", "x", 2), new StoredCoLike("gone", "x", 1)]);
        var query = new CatalogQuery { K = 2, Vector = CoLikeModel.Axis(0) };

        Assert.Equal(["a", "b"], reloaded.TopK(query, includeVectors: false).Select(item => item.ItemId));
        Assert.Equal(["b", "a"], reloaded.TopK(query with { CoLikeWeights = [new("x", 1f)] }, includeVectors: false).Select(item => item.ItemId));
        Assert.Equal(0, reloaded.UnsavedCoLikeCount);
    }

    private static StoredItem Stored(string id, float[] embedding, double interactions) =>
        new() { Item = new CatalogItem { Id = id, Title = id }, Embedding = embedding, Interactions = interactions };

    private static CatalogShardIndex CoLikeIndexWithItems()
    {
        var index = new CatalogShardIndex(CoLikeModel.Tracker(), new CatalogOptions());
        // Identical texts: equal cosine for any query, so only the biases can order them.
        var same = CoLikeModel.Axis(0);
        index.Apply(index.PlanUpsert([Item("b", same), Item("a", same), Item("x", CoLikeModel.Axis(1))]));
        return index;
    }

    private static EmbeddedItem Item(string id, float[] embedding) => new() { Item = new CatalogItem { Id = id, Title = id }, Embedding = embedding };

    private static UserEvent Like(string id, string item, int minutes) => Event(id, item, minutes, EventType.Purchase);

    private static UserEvent Event(string id, string item, int minutes, EventType type) => new()
    {
        EventId = id,
        Type = type,
        ItemId = item,
        Timestamp = T0.AddMinutes(minutes),
    };
}
