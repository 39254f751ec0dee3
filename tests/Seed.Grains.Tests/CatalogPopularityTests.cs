using Seed.Abstractions;
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

    private static async Task<string> ColdTop(IGrainFactory grains, string prefix, RecommendationRequest request)
    {
        var result = await grains.GetGrain<IUserGrain>($"{prefix}-cold-{Guid.NewGuid():N}").RecommendAsync(request);
        Assert.Equal("popularity", result.Strategy);
        return result.Items[0].ItemId;
    }
}
