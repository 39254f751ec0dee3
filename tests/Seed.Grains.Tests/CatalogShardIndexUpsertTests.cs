using Seed.Abstractions.Catalog;
using Seed.Storage;
using static Seed.Grains.Tests.ShardItems;

namespace Seed.Grains.Tests;

/// <summary><see cref="Catalog.CatalogShardIndex"/> without a grain: loading, planning and applying upserts, live counts.</summary>
public sealed class CatalogShardIndexUpsertTests
{
    [Fact]
    public void Load_keeps_row_order_and_the_stored_interaction_counts()
    {
        var index = NewIndex();

        index.Load([Stored("a", popularity: 1, interactions: 5), Stored("b", popularity: 4, interactions: 0)]);

        Assert.Equal(2, index.Count);
        var cold = index.TopK(Cold(), includeVectors: false);
        Assert.Equal(["a", "b"], cold.Ids());
        Assert.Equal([6f, 4f], cold.Select(item => item.Score));
    }

    [Fact]
    public void An_upsert_that_is_planned_but_not_applied_changes_nothing()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), popularity: 3, categories: ["Books"], title: "old"));

        var plan = index.PlanUpsert([Item("a", Toward(0.1), popularity: 7, categories: ["Music"], title: "new"), Item("b", Toward(0.5))]);

        Assert.Equal(["a", "b"], plan.Written.Select(stored => stored.Item.Id));
        Assert.Equal(["a", "b"], plan.ShardItems.Select(stored => stored.Item.Id));
        Assert.Equal(1, index.Count);
        Assert.Equal(["b"], index.FindMissing(["a", "b"]));
        Assert.Equal(Toward(0.9), index.Lookup(["a"])[0].Embedding);
        var listed = Assert.Single(index.TopK(Cold(), includeVectors: false));
        Assert.Equal(("old", 3f), (listed.Title, listed.Score));
        Assert.Single(index.TopK(Cold() with { IncludeCategories = ["Books"] }, includeVectors: false));
    }

    [Fact]
    public void Applying_a_plan_stores_new_rows_after_the_existing_ones()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9)));

        var plan = index.PlanUpsert([Item("c", Toward(0.5)), Item("b", Toward(0.1))]);
        index.Apply(plan);

        Assert.Equal(["a", "c", "b"], plan.ShardItems.Select(stored => stored.Item.Id));
        Assert.Equal(3, index.Count);
        Assert.Empty(index.FindMissing(["a", "b", "c"]));
        Assert.Equal(["a", "c", "b"], index.TopK(Personal(AxisX), includeVectors: false).Ids());
    }

    [Fact]
    public void Replacing_an_item_keeps_its_live_interaction_count()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), popularity: 10), Item("b", Toward(0.5), popularity: 11));
        index.RecordInteractions(["a", "a", "a"]);

        var plan = index.PlanUpsert([Item("a", Toward(0.2), popularity: 10, title: "renamed")]);
        index.Apply(plan);

        Assert.Equal(3, Assert.Single(plan.Written).Interactions);
        Assert.Equal(3, plan.ShardItems.Single(stored => stored.Item.Id == "a").Interactions);
        var cold = index.TopK(Cold(), includeVectors: false);
        Assert.Equal(["a", "b"], cold.Ids());
        Assert.Equal(13f, cold[0].Score);
        Assert.Equal("renamed", cold[0].Title);
        Assert.Equal(Toward(0.2), index.Lookup(["a"])[0].Embedding);
    }

    [Fact]
    public void A_replaced_item_ranks_by_its_new_embedding()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9)), Item("b", Toward(0.5)));

        index.Upsert(Item("a", Toward(0.1)));

        Assert.Equal(["b", "a"], index.TopK(Personal(AxisX), includeVectors: false).Ids());
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_duplicate_id_within_one_batch_ends_as_one_row_holding_the_last_version()
    {
        var index = NewIndex();

        var plan = index.PlanUpsert([Item("a", Toward(0.9), title: "first"), Item("a", Toward(0.3), popularity: 2, title: "last")]);
        index.Apply(plan);

        Assert.Equal("last", Assert.Single(plan.ShardItems).Item.Title);
        Assert.Equal(1, index.Count);
        var listed = Assert.Single(index.TopK(Personal(AxisX), includeVectors: false));
        Assert.Equal("last", listed.Title);
        Assert.Equal(0.3f, listed.Score, 1e-5f);
        Assert.Equal(Toward(0.3), index.Lookup(["a"])[0].Embedding);
    }

    [Fact]
    public void A_duplicate_of_a_stored_id_within_one_batch_keeps_the_count_and_the_last_version()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), popularity: 1));
        index.RecordInteractions(["a", "a"]);

        var plan = index.PlanUpsert([Item("a", Toward(0.5), popularity: 1, title: "first"), Item("a", Toward(0.3), popularity: 1, title: "last")]);
        index.Apply(plan);

        Assert.All(plan.Written, stored => Assert.Equal(2, stored.Interactions));
        var listed = Assert.Single(index.TopK(Cold(), includeVectors: false));
        Assert.Equal(("last", 3f), (listed.Title, listed.Score));
    }

    [Fact]
    public void An_embedding_of_the_wrong_size_is_refused_naming_the_item()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9)));

        var error = Assert.Throws<ArgumentException>(() => index.PlanUpsert([Item("fine", Toward(0.5)), Item("short-one", [1f, 0f])]));

        Assert.Contains("'short-one'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2-d", error.Message, StringComparison.Ordinal);
        Assert.Equal(["fine", "short-one"], index.FindMissing(["fine", "short-one"]));
    }

    public static TheoryData<string, CatalogItem?, string> InvalidItems => new()
    {
        { "null item", null, "Item 1 is null" },
        { "empty id", new CatalogItem { Id = " ", Title = "t" }, "Item 1: Id" },
        { "negative popularity", new CatalogItem { Id = "minus", Title = "t", Popularity = -1 }, "'minus': Popularity" },
        { "NaN popularity", new CatalogItem { Id = "nan", Title = "t", Popularity = double.NaN }, "'nan': Popularity" },
        { "infinite popularity", new CatalogItem { Id = "inf", Title = "t", Popularity = double.PositiveInfinity }, "'inf': Popularity" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public void An_invalid_item_is_refused_naming_it_and_nothing_is_planned(string because, CatalogItem? invalid, string named)
    {
        var index = NewIndex();
        var batch = new[] { Item("ok", Toward(0.5)), new EmbeddedItem { Item = invalid!, Embedding = Toward(0.1) } };

        var error = Assert.Throws<ArgumentException>(() => index.PlanUpsert(batch));

        Assert.True(error.Message.Contains(named, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Interactions_count_known_ids_only_and_stay_unsaved_until_taken()
    {
        var index = NewIndex();
        index.Upsert(Item("a", Toward(0.9), popularity: 1), Item("b", Toward(0.5), popularity: 2), Item("c", Toward(0.1), popularity: 3));

        index.RecordInteractions(["a", "a", "a", "unknown", "b"]);

        var unsaved = index.TakeItemsWithUnsavedCounts(10).ToDictionary(stored => stored.Item.Id, stored => stored.Interactions);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 3, ["b"] = 1 }, unsaved);
        var cold = index.TopK(Cold(), includeVectors: false);
        Assert.Equal(["a", "b", "c"], cold.Ids());
        Assert.Equal([4f, 3f, 3f], cold.Select(item => item.Score));

        Assert.Equal(0, index.UnsavedCountItems);
        Assert.Empty(index.TakeItemsWithUnsavedCounts(10));

        index.RecordInteractions(["c"]);
        var again = Assert.Single(index.TakeItemsWithUnsavedCounts(10));
        Assert.Equal(("c", 1d), (again.Item.Id, again.Interactions));
    }

    private static StoredItem Stored(string id, double popularity, double interactions) => new()
    {
        Item = new CatalogItem { Id = id, Title = id, Popularity = popularity },
        Embedding = Toward(0.5),
        Interactions = interactions,
    };
}
