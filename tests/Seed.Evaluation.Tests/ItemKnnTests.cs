using Seed.Core.Ranking;
using Seed.Datasets;
using Seed.Evaluation.ItemKnn;

namespace Seed.Evaluation.Tests;

/// <summary>item-knn on hand-made like matrices whose similarities and rankings can be worked out by hand.</summary>
public sealed class ItemKnnTests
{
    private const int Items = 6;

    /// <summary>
    /// u1 likes {0, 1}, u2 likes {0, 1, 2}, u3 likes {2, 3}, u4 likes {3} and rates 4 with 2 stars (not a like), u5
    /// likes {5} three times. So |U0| = |U1| = 2, |U2| = 2, |U3| = 2, |U5| = 1 and
    /// sim(0,1) = 2/√(2·2) = 1, sim(0,2) = sim(1,2) = 1/√(2·2) = 0.5, sim(2,3) = 1/√(2·2) = 0.5.
    /// </summary>
    private static List<InteractionEvent> History() =>
    [
        SyntheticData.Rating("u1", 0, 5, 0), SyntheticData.Rating("u1", 1, 4, 1),
        SyntheticData.Rating("u2", 0, 5, 2), SyntheticData.Rating("u2", 1, 5, 3), SyntheticData.Rating("u2", 2, 4.5f, 4),
        SyntheticData.Rating("u3", 2, 5, 5), SyntheticData.Rating("u3", 3, 5, 6),
        SyntheticData.Rating("u4", 3, 5, 7), SyntheticData.Rating("u4", 4, 2, 8),
        SyntheticData.Rating("u5", 5, 5, 9), SyntheticData.Rating("u5", 5, 5, 10), SyntheticData.Rating("u5", 5, 5, 11),
    ];

    [Fact]
    public void Similarities_are_cosines_of_the_binary_like_columns_most_similar_first()
    {
        var similarities = ItemSimilarities.Build(SyntheticData.RandomCatalog(Items, 4, seed: 1), History());

        AssertNeighbours(similarities, 0, [(1, 1f), (2, 0.5f)]);
        AssertNeighbours(similarities, 2, [(0, 0.5f), (1, 0.5f), (3, 0.5f)]);
        AssertNeighbours(similarities, 3, [(2, 0.5f)]);
        AssertNeighbours(similarities, 4, []); // only a 2-star rating: not a like
        AssertNeighbours(similarities, 5, []); // liked by one user, alone
        Assert.Equal(8, similarities.PairCount);
    }

    [Fact]
    public void A_neighbourhood_is_a_prefix_of_each_items_neighbours()
    {
        var similarities = ItemSimilarities.Build(SyntheticData.RandomCatalog(Items, 4, seed: 1), History(), maxNeighbours: 1);

        AssertNeighbours(similarities, 0, [(1, 1f)]);
        AssertNeighbours(similarities, 2, [(0, 0.5f)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemKnnRecommender(similarities, SyntheticData.RandomCatalog(Items, 4, 1), Popularity(), neighbourhoodSize: 2));
    }

    [Fact]
    public void A_users_scores_sum_the_similarities_of_the_items_liked_so_far()
    {
        var catalog = SyntheticData.RandomCatalog(Items, 4, seed: 1);
        var model = new ItemKnnRecommender(ItemSimilarities.Build(catalog, History()), catalog, Popularity(), neighbourhoodSize: null);
        var seen = new RowBitSet(Items);

        // Liking 3 gives 2 a score of 0.5; the rest score 0 and follow popularity (5 first: 3 likes of history).
        model.Observe(SyntheticData.Rating("new", 3, 5, 20));
        seen.Add(3);
        Assert.Equal([2, 5, 0, 1, 4], model.Recommend("new", 10, seen));

        // Then liking 0: 1 gets 1, 2 gets 0.5 + 0.5 = 1; equal scores follow popularity (2 has 2 likes, 1 has 2: row 1 first).
        model.Observe(SyntheticData.Rating("new", 0, 4, 21));
        seen.Add(0);
        Assert.Equal([1, 2, 5, 4], model.Recommend("new", 10, seen));

        // A dislike changes nothing; ranks agree with the list.
        model.Observe(SyntheticData.Rating("new", 5, 1, 22));
        Assert.Equal([1, 2, 5, 4], model.Recommend("new", 10, seen));
        Assert.Equal(1, model.RankOf("new", 1, seen));
        Assert.Equal(2, model.RankOf("new", 2, seen));
        Assert.Equal(4, model.RankOf("new", 4, seen));
    }

    [Fact]
    public void A_user_without_a_like_gets_the_popularity_list()
    {
        var catalog = SyntheticData.RandomCatalog(Items, 4, seed: 1);
        var model = new ItemKnnRecommender(ItemSimilarities.Build(catalog, History()), catalog, Popularity(), neighbourhoodSize: 10);
        model.Observe(SyntheticData.Rating("cold", 1, 2, 20));

        Assert.Equal(Popularity().Recommend(3, new RowBitSet(Items)), model.Recommend("cold", 3, new RowBitSet(Items)));
        Assert.Equal(Popularity().RankOf(4, new RowBitSet(Items)), model.RankOf("cold", 4, new RowBitSet(Items)));
    }

    /// <summary>
    /// Four users like {0, 1}, four {3, 4}, three {0, 2} and three {3, 2}: item 0's neighbours are 1 (4/√28 = 0.756)
    /// then 2 (3/√42 = 0.463), item 3's are 4 then 2 alike. The validation user likes 0, then 3, then 2. With one
    /// neighbour per item, 2 never scores after 0 and 3 (1 and 4 lead with 0.756); with two it scores 0.926 and leads.
    /// So at K = 1: 0 is a hit for every size (cold: most popular), 3 a miss for every size, 2 a hit only from two on,
    /// and the smallest of the best sizes (2, tied with "all") wins.
    /// </summary>
    [Fact]
    public void The_neighbourhood_size_is_chosen_on_the_validation_slice()
    {
        var catalog = SyntheticData.RandomCatalog(Items, 4, seed: 1);
        var events = new List<InteractionEvent>();
        void Likes(string user, int first, int second)
        {
            events.Add(SyntheticData.Rating(user, first, 5, events.Count));
            events.Add(SyntheticData.Rating(user, second, 5, events.Count));
        }

        for (var user = 0; user < 4; user++)
        {
            Likes($"a{user}", 0, 1);
            Likes($"d{user}", 3, 4);
        }

        for (var user = 0; user < 3; user++)
        {
            Likes($"b{user}", 0, 2);
            Likes($"e{user}", 3, 2);
        }

        // 28 training events, then 5 validation events: floor(0.9 · 32) = 28 is the first of them.
        events.Add(SyntheticData.Rating("v", 0, 5, 100));
        events.Add(SyntheticData.Rating("v", 3, 5, 101));
        events.Add(SyntheticData.Rating("v", 2, 5, 102));
        events.Add(SyntheticData.Rating("w", 1, 2, 103));
        events.Add(SyntheticData.Rating("w", 4, 2, 104));

        var (size, scores) = NeighbourhoodSelection.Select(events, catalog, k: 1, candidates: [1, 2, null]);

        Assert.Equal(2, size);
        Assert.Equal(1.0 / 3, scores.Single(s => s.Size == 1).Ndcg, 12);
        Assert.Equal(2.0 / 3, scores.Single(s => s.Size == 2).Ndcg, 12);
        Assert.Equal(2.0 / 3, scores.Single(s => s.Size is null).Ndcg, 12);
    }

    private static PopularityRanking Popularity() => new(SyntheticData.RandomCatalog(Items, 4, seed: 1), History());

    private static void AssertNeighbours(ItemSimilarities similarities, int item, (int Row, float Similarity)[] expected)
    {
        var (neighbours, values) = similarities.Neighbours(item);
        Assert.Equal(expected.Select(e => e.Row), neighbours.ToArray());
        Assert.Equal(expected.Select(e => e.Similarity), values.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
    }
}
