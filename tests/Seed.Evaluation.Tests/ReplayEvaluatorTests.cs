using Seed.Core.Interest;
using Seed.Core.Ranking;
using Seed.Datasets;
using Seed.Evaluation.ItemKnn;

namespace Seed.Evaluation.Tests;

public sealed class ReplayEvaluatorTests
{
    private const int Items = 60;
    private static readonly ItemCatalogIndex Catalog = SyntheticData.RandomCatalog(Items, dimension: 16, seed: 7);

    public static TheoryData<string> ModelNames => ["popularity", "mean-profile", "ema-profile", "item-knn", "fallback"];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void A_seen_item_is_never_recommended_and_no_test_event_reaches_the_model_early(string name)
    {
        var events = SyntheticData.RandomEvents(400, users: 6, items: Items, seed: 11);
        var split = ChronologicalSplit.AtQuantile(events, 0.8);
        var model = new RecordingRecommender(Create(name, new PopularityRanking(Catalog, split.History)));

        var result = ReplayEvaluator.Evaluate(model, split.History, split.Test, Catalog, k: 10);

        // Everything is observed exactly once, in time order: history first, then each test event after its prediction.
        Assert.Equal(split.History.Concat(split.Test), model.Observed);
        var observeCalls = model.Calls.Where(call => call.StartsWith("observe", StringComparison.Ordinal)).ToList();
        var testPositives = split.Test.Count(PositiveInteraction.IsPositive);
        Assert.Equal(testPositives, result.Events);
        Assert.Equal(testPositives, model.Calls.Count(call => call.StartsWith("recommend", StringComparison.Ordinal)));
        for (var i = 0; i < model.Calls.Count; i++)
        {
            if (model.Calls[i].StartsWith("recommend", StringComparison.Ordinal))
            {
                // The very next call applies the predicted event itself: the model was asked before it saw it.
                Assert.StartsWith("observe " + model.Calls[i]["recommend ".Length..] + " ", model.Calls[i + 1], StringComparison.Ordinal);
            }
        }

        Assert.Equal(split.History.Count + split.Test.Count, observeCalls.Count);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Full_rank_agrees_with_the_recommended_order(string name)
    {
        var events = SyntheticData.RandomEvents(200, users: 3, items: Items, seed: 5);
        var model = Create(name, new PopularityRanking(Catalog, events));
        foreach (var interaction in events)
        {
            model.Observe(interaction);
        }

        var exclude = new RowBitSet(Items);
        exclude.Add(3);
        exclude.Add(17);
        var all = model.Recommend("u1", Items, exclude);
        Assert.Equal(Items - 2, all.Count);
        for (var position = 0; position < all.Count; position++)
        {
            Assert.Equal(position + 1, model.RankOf("u1", all[position], exclude));
        }
    }

    [Fact]
    public void A_target_already_seen_counts_as_a_miss()
    {
        var history = new[] { SyntheticData.Rating("u", 1, 2, 0) };
        var test = new[] { SyntheticData.Rating("u", 1, 5, 1), SyntheticData.Rating("u", 2, 5, 2) };
        var model = new PopularityRecommender(new PopularityRanking(Catalog, history));

        var result = ReplayEvaluator.Evaluate(model, history, test, Catalog, k: 10);

        Assert.Equal(2, result.Events);
        Assert.Equal(1, result.ExcludedTargets);
    }

    private static IRecommenderUnderTest Create(string name, PopularityRanking popularity) => name switch
    {
        "popularity" => new PopularityRecommender(popularity),
        "mean-profile" => new MeanProfileRecommender(Catalog, popularity),
        "ema-profile" => new EmaProfileRecommender(Catalog, popularity, 0.3f),
        "item-knn" => new ItemKnnRecommender(ItemSimilarities.Build(Catalog, SyntheticData.RandomEvents(400, users: 6, items: Items, seed: 3)), Catalog, popularity, 20),
        "fallback" => new InterestTrackerRecommender("fallback", new InterestTracker(new InterestOptions(), null, Catalog.Dimension), Catalog, popularity),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
