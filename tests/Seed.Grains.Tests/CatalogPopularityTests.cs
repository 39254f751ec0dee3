using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;

namespace Seed.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CatalogPopularityTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Live_popularity_counts_survive_a_shard_deactivation()
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var grains = fixture.Grains;
        await grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var leastPopular = TestCatalog.Id(prefix, "space", 0); // catalog popularity 5; the most popular has 27
        var fan = grains.GetGrain<IUserGrain>(prefix + "-fan");
        await fan.ApplyEventsAsync([.. Enumerable.Range(0, 30).Select(i => new UserEvent
        {
            EventId = $"{prefix}-e{i}",
            Type = EventType.Purchase,
            ItemId = leastPopular,
            Timestamp = Start.AddMinutes(i),
        })]);
        var request = new RecommendationRequest { K = 3, IncludeCategories = [prefix] };

        // The reports are one-way: wait until the shard has counted them (5 + 30 = 35 puts the item first).
        for (var attempt = 0; attempt < 100 && (await ColdTop(grains, prefix, request)) != leastPopular; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(leastPopular, await ColdTop(grains, prefix, request));
        var shards = Enumerable.Range(0, 3).Select(shard => grains.GetGrain<ICatalogShardGrain>(shard)).ToList();
        foreach (var shard in shards)
        {
            await fixture.Cluster.DeactivateAsync(shard);
        }

        Assert.Equal(leastPopular, await ColdTop(grains, prefix, request));
    }

    [Fact]
    public async Task A_cold_users_list_is_by_popularity_then_id_and_stays_so_as_items_and_interactions_arrive()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var grains = fixture.Grains;
        var catalog = grains.GetGrain<ICatalogGrain>(0);
        CatalogItem Item(string suffix, double popularity) =>
            new() { Id = $"{prefix}-{suffix}", Title = suffix, Categories = [prefix], Popularity = popularity };
        // Many ties, spread over the shards: the order among equal counts is the item id's (ordinal).
        var items = new List<CatalogItem> { Item("m", 3), Item("c", 3), Item("x", 1), Item("a", 3), Item("q", 7), Item("k", 1), Item("d", 3) };
        await catalog.UpsertItemsAsync(items);
        await AssertColdOrder(grains, prefix, items, k: 20);
        await AssertColdOrder(grains, prefix, items, k: 3);

        // New rows change every shard's id order (ranks are rebuilt) and a re-upserted item its count.
        var added = new List<CatalogItem> { Item("b", 3), Item("z", 7), Item("0", 1), Item("c", 8) };
        await catalog.UpsertItemsAsync(added);
        items = [.. items.Where(item => item.Id != $"{prefix}-c").Concat(added)];
        await AssertColdOrder(grains, prefix, items, k: 20);
        await AssertColdOrder(grains, prefix, items, k: 4);

        // A live interaction on "x" (1 -> 2) makes it outrank "k" and "0" (1) and nothing else.
        await grains.GetGrain<IUserGrain>($"{prefix}-buyer").ApplyEventsAsync([new UserEvent
        {
            EventId = $"{prefix}-buy",
            Type = EventType.Purchase,
            ItemId = $"{prefix}-x",
            Timestamp = Start,
        }]);
        items = [.. items.Select(item => item.Id == $"{prefix}-x" ? item with { Popularity = 2 } : item)];
        var expected = ExpectedColdOrder(items);
        for (var attempt = 0; attempt < 100 && !expected.SequenceEqual(await ColdList(grains, prefix, 20)); attempt++)
        {
            await Task.Delay(50); // the report is one-way
        }

        await AssertColdOrder(grains, prefix, items, k: 20);
    }

    private static List<string> ExpectedColdOrder(IEnumerable<CatalogItem> items) => items
        .OrderByDescending(item => item.Popularity)
        .ThenBy(item => item.Id, StringComparer.Ordinal)
        .Select(item => item.Id)
        .ToList();

    private static async Task AssertColdOrder(IGrainFactory grains, string prefix, IEnumerable<CatalogItem> items, int k) =>
        Assert.Equal(ExpectedColdOrder(items).Take(k), await ColdList(grains, prefix, k));

    private static async Task<List<string>> ColdList(IGrainFactory grains, string prefix, int k)
    {
        var result = await grains.GetGrain<IUserGrain>($"{prefix}-cold-{Guid.NewGuid():N}")
            .RecommendAsync(new RecommendationRequest { K = k, IncludeCategories = [prefix] });
        Assert.Equal(RecommendationStrategy.Popularity, result.Strategy);
        return [.. result.Items.Select(item => item.ItemId)];
    }

    private static async Task<string> ColdTop(IGrainFactory grains, string prefix, RecommendationRequest request)
    {
        var result = await grains.GetGrain<IUserGrain>($"{prefix}-cold-{Guid.NewGuid():N}").RecommendAsync(request);
        Assert.Equal(RecommendationStrategy.Popularity, result.Strategy);
        return result.Items[0].ItemId;
    }
}
