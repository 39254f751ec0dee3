using Microsoft.Extensions.DependencyInjection;
using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Grains.Catalog;
using Seed.Storage;

namespace Seed.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Recommendations_follow_the_users_new_interest()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-user");

        // First the user cooks...
        var kitchenEvents = Enumerable.Range(0, 4).Select(i => Event(prefix, EventType.Purchase, TestCatalog.Id(prefix, "kitchen", i), Start.AddHours(i)));
        await user.ApplyEventsAsync([.. kitchenEvents]);
        var before = await user.RecommendAsync(Request(prefix, 6));
        Assert.Equal(RecommendationStrategy.Personalized, before.Strategy);
        Assert.True(Count(before, "kitchen") >= 3, Describe(before));

        // ...then, two months later, turns to guitars.
        var guitarEvents = Enumerable.Range(0, 4).Select(i => Event(prefix, EventType.Purchase, TestCatalog.Id(prefix, "guitar", i), Start.AddDays(60).AddHours(i)));
        await user.ApplyEventsAsync([.. guitarEvents]);
        var after = await user.RecommendAsync(Request(prefix, 6));

        Assert.True(Count(after, "guitar") > Count(before, "guitar"), Describe(after));
        Assert.Equal("guitar", Theme(after.Items[0].ItemId));
        Assert.DoesNotContain(after.Items, item => item.ItemId == TestCatalog.Id(prefix, "guitar", 0)); // seen items are excluded
        // The per-test prefix is a category on every item of this test (for isolation); skip it.
        var interests = await user.GetInterestsAsync(10);
        Assert.Equal("music", interests.LongTermCategories.First(label => label.Label != prefix).Label);
    }

    [Fact]
    public async Task Free_text_search_moves_the_user_towards_the_query()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-searcher");

        await user.ApplyEventsAsync([
            new UserEvent { EventId = prefix + "-s1", Type = EventType.Search, Text = "telescope to look at the stars and planets", Timestamp = Start },
        ]);
        var result = await user.RecommendAsync(Request(prefix, 3));

        Assert.Equal(RecommendationStrategy.Personalized, result.Strategy);
        Assert.All(result.Items, item => Assert.Equal("space", Theme(item.ItemId)));
    }

    [Fact]
    public async Task A_repeated_event_id_is_acknowledged_but_applied_once()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-retry");
        var first = Event(prefix, EventType.Click, TestCatalog.Id(prefix, "space", 0), Start);

        var applied = await user.ApplyEventsAsync([first, first]);
        var retried = await user.ApplyEventsAsync([first]);

        Assert.Equal((1, 1), (applied.Applied, applied.Duplicates));
        Assert.Equal((0, 1), (retried.Applied, retried.Duplicates));
        var summary = await user.GetSummaryAsync();
        Assert.Equal(1, summary.EventCount);
        Assert.Equal(1, summary.Version);
    }

    [Fact]
    public async Task A_late_event_is_applied_without_moving_the_clock_back()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-late");

        await user.ApplyEventsAsync([Event(prefix, EventType.View, TestCatalog.Id(prefix, "space", 1), Start.AddDays(2))]);
        var late = await user.ApplyEventsAsync([Event(prefix, EventType.View, TestCatalog.Id(prefix, "space", 2), Start)]);

        Assert.Equal(1, late.Late);
        var summary = await user.GetSummaryAsync();
        Assert.Equal(Start.AddDays(2), summary.LastEventTime);
        Assert.Equal(2, summary.EventCount);
    }

    [Fact]
    public async Task A_new_user_gets_popular_items_in_popularity_order()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));

        var result = await Grains.GetGrain<IUserGrain>(prefix + "-cold").RecommendAsync(Request(prefix, 3));

        Assert.Equal(RecommendationStrategy.Popularity, result.Strategy);
        Assert.Equal([TestCatalog.Id(prefix, "kitchen", 7), TestCatalog.Id(prefix, "kitchen", 6), TestCatalog.Id(prefix, "kitchen", 5)], result.Items.Select(i => i.ItemId));
    }

    [Fact]
    public async Task Dislikes_push_recommendations_away()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-dislike");
        await user.ApplyEventsAsync([
            Event(prefix, EventType.Purchase, TestCatalog.Id(prefix, "space", 0), Start),
            Event(prefix, EventType.Dislike, TestCatalog.Id(prefix, "kitchen", 0), Start.AddMinutes(1)),
            Event(prefix, EventType.Dislike, TestCatalog.Id(prefix, "kitchen", 4), Start.AddMinutes(2)),
        ]);

        var result = await user.RecommendAsync(Request(prefix, 20));

        var lastKitchen = result.Items.Select((item, rank) => (item, rank)).Where(p => Theme(p.item.ItemId) == "kitchen").Max(p => p.rank);
        var firstSpace = result.Items.Select((item, rank) => (item, rank)).Where(p => Theme(p.item.ItemId) == "space").Min(p => p.rank);
        Assert.True(firstSpace == 0 && lastKitchen == result.Items.Count - 1, Describe(result));
    }

    [Fact]
    public async Task Category_filters_and_diversity_are_honoured()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-filters");
        await user.ApplyEventsAsync([Event(prefix, EventType.Purchase, TestCatalog.Id(prefix, "guitar", 0), Start)]);

        var onlyKitchen = await user.RecommendAsync(Request(prefix, 5) with { IncludeCategories = ["Kitchen"] });
        var noMusic = await user.RecommendAsync(Request(prefix, 5) with { ExcludeCategories = ["music"] });
        var diverse = await user.RecommendAsync(Request(prefix, 5) with { DiversityLambda = 0.3f });
        var plain = await user.RecommendAsync(Request(prefix, 5));

        Assert.All(onlyKitchen.Items, item => Assert.Equal("kitchen", Theme(item.ItemId)));
        Assert.Equal(5, onlyKitchen.Items.Count);
        Assert.DoesNotContain(noMusic.Items, item => Theme(item.ItemId) == "guitar");
        Assert.True(
            diverse.Items.Select(i => Theme(i.ItemId)).Distinct().Count() > plain.Items.Select(i => Theme(i.ItemId)).Distinct().Count(),
            Describe(diverse) + " vs " + Describe(plain));
    }

    [Fact]
    public async Task Erase_forgets_the_user()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-erase");
        await user.ApplyEventsAsync([Event(prefix, EventType.Purchase, TestCatalog.Id(prefix, "guitar", 0), Start)]);

        Assert.True(await user.EraseAsync());
        var summary = await user.GetSummaryAsync();

        Assert.Equal(0, summary.EventCount);
        Assert.Empty(summary.RecentItemIds);
        Assert.Equal(RecommendationStrategy.Popularity, (await user.RecommendAsync(Request(prefix, 3))).Strategy);
    }

    [Fact]
    public async Task Users_are_spread_over_both_silos_and_state_survives_deactivation()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var users = Enumerable.Range(0, 20).Select(i => Grains.GetGrain<IUserGrain>($"{prefix}-many-{i}")).ToList();
        await Task.WhenAll(users.Select((user, i) => user.ApplyEventsAsync([Event(prefix, EventType.Click, TestCatalog.Id(prefix, "space", i % 6), Start)])));

        Assert.Equal(2, fixture.Cluster.GetActiveSilos().Count());
        await fixture.Cluster.DeactivateAsync(users[0]);
        var summary = await users[0].GetSummaryAsync();

        Assert.Equal(1, summary.EventCount);
        Assert.Equal(TestCatalog.Id(prefix, "space", 0), summary.RecentItemIds[0]);
    }

    [Fact]
    public async Task Events_and_their_ids_survive_deactivation_between_snapshots()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var users = Enumerable.Range(0, 4).Select(i => Grains.GetGrain<IUserGrain>($"{prefix}-moved-{i}")).ToList();
        var sent = users.Select(_ => Enumerable.Range(0, 3)
            .Select(j => Event(prefix, EventType.Click, TestCatalog.Id(prefix, "space", j), Start.AddMinutes(j)))
            .ToList()).ToList();
        for (var j = 0; j < 3; j++)
        {
            // One event per batch: fewer than SnapshotEveryEvents, so no snapshot is written while they arrive.
            await Task.WhenAll(users.Select((user, i) => user.ApplyEventsAsync([sent[i][j]])));
        }

        foreach (var user in users)
        {
            await fixture.Cluster.DeactivateAsync(user);
        }

        // As if each user came back on a silo whose in-memory log never saw its events (a fresh or another silo):
        // then only the snapshot written on deactivation can answer, for the state and for the idempotency window.
        foreach (var log in fixture.Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<IEventLog>()))
        {
            await Task.WhenAll(users.Select(user => log.EraseAsync(user.GetPrimaryKeyString())));
        }

        var retried = await Task.WhenAll(users.Select((user, i) => user.ApplyEventsAsync(sent[i])));
        var summaries = await Task.WhenAll(users.Select(user => user.GetSummaryAsync()));

        Assert.All(retried, result => Assert.Equal((0, 3), (result.Applied, result.Duplicates)));
        Assert.All(summaries, summary => Assert.Equal((3L, 3L), (summary.EventCount, summary.Version)));
        Assert.All(summaries, summary => Assert.Equal(TestCatalog.Id(prefix, "space", 2), summary.RecentItemIds[0]));
    }

    [Fact]
    public async Task Unknown_items_refuse_the_whole_batch_naming_each_and_change_nothing()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var user = Grains.GetGrain<IUserGrain>(prefix + "-typo");
        UserEvent[] batch =
        [
            Event(prefix, EventType.Click, TestCatalog.Id(prefix, "space", 0), Start),
            Event(prefix, EventType.Click, prefix + "-no-such-item", Start.AddMinutes(1)),
            Event(prefix, EventType.Click, prefix + "-nor-this", Start.AddMinutes(2)),
        ];

        var refused = await Assert.ThrowsAsync<UnknownItemsException>(() => user.ApplyEventsAsync(batch));
        var summary = await user.GetSummaryAsync();
        var known = await user.ApplyEventsAsync([batch[0]]);

        Assert.Equal([prefix + "-no-such-item", prefix + "-nor-this"], refused.ItemIds.Order(StringComparer.Ordinal));
        Assert.Contains(batch[1].EventId, refused.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), (summary.EventCount, summary.Version));
        Assert.Equal((1, 0), (known.Applied, known.Duplicates)); // the refused batch's known event was not remembered either
    }

    [Fact]
    public async Task A_users_like_counts_in_the_list_it_asks_for_right_after_the_event()
    {
        var prefix = NewPrefix();
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var leastPopular = TestCatalog.Id(prefix, "space", 0); // catalog popularity 5; the most popular has 27
        var fans = Enumerable.Range(0, 40).Select(i => Grains.GetGrain<IUserGrain>($"{prefix}-fan-{i}")).ToList();

        // Forty users' likes at once: each silo coalesces their one-way reports into a few messages per shard...
        await Task.WhenAll(fans.Select((fan, i) => fan.ApplyEventsAsync([Event(prefix, EventType.Purchase, leastPopular, Start.AddMinutes(i))])));
        var shard = Grains.GetGrain<ICatalogShardGrain>(CatalogSharding.ShardOf(leastPopular, TestSettings.ShardCount));
        var counted = 0.0;
        for (var attempt = 0; attempt < 100 && (counted = (await shard.GetLikeCountsAsync([leastPopular]))[0]) < fans.Count; attempt++)
        {
            await Task.Delay(50);
        }

        // ...and every like is counted exactly once.
        Assert.Equal(fans.Count, counted);
        var coalescers = fixture.Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<InteractionReportCoalescer>()).ToList();
        Assert.InRange(coalescers.Sum(c => c.MessagesSent), 1, coalescers.Sum(c => c.Batches));
    }

    [Fact]
    public async Task Item_lookups_read_shards_active_on_the_callers_silo_in_place_and_see_the_latest_upsert()
    {
        var prefix = NewPrefix();
        var itemId = TestCatalog.Id(prefix, "kitchen", 0);
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync(TestCatalog.Build(prefix));
        var shard = CatalogSharding.ShardOf(itemId, TestSettings.ShardCount);
        var viaMessage = Assert.Single(await Grains.GetGrain<ICatalogShardGrain>(shard).LookupAsync([itemId]));

        // Exactly one silo holds the shard's activation and reads it in place; its answer is the shard's own.
        var locals = fixture.Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<LocalCatalogShards>()).ToList();
        var inPlace = Assert.Single(locals, local => local.TryLookup(shard, [itemId]) is not null).TryLookup(shard, [itemId])!;
        Assert.Equal(viaMessage.Embedding, Assert.Single(inPlace).Embedding);

        // A re-upsert with another text: a lookup after its acknowledgement reads the new embedding, in place or not.
        var renamed = TestCatalog.Build(prefix).Single(item => item.Id == itemId) with { Title = "cast iron wok for a stir fry " + prefix };
        await Grains.GetGrain<ICatalogGrain>(0).UpsertItemsAsync([renamed]);
        var after = Assert.Single(await Grains.GetGrain<ICatalogShardGrain>(shard).LookupAsync([itemId]));
        Assert.NotEqual(viaMessage.Embedding, after.Embedding);
        Assert.All(locals.Select(local => local.TryLookup(shard, [itemId])).OfType<IReadOnlyList<ItemLookup>>(),
            local => Assert.Equal(after.Embedding, Assert.Single(local).Embedding));
    }

    private static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static UserEvent Event(string prefix, EventType type, string itemId, DateTimeOffset at) => new()
    {
        EventId = $"{prefix}-{Guid.NewGuid():N}",
        Type = type,
        ItemId = itemId,
        Timestamp = at,
    };

    private static RecommendationRequest Request(string prefix, int k) => new() { K = k, IncludeCategories = [prefix] };

    private static string Theme(string itemId) => itemId.Split('-')[1];

    private static int Count(RecommendationResult result, string theme) => result.Items.Count(item => Theme(item.ItemId) == theme);

    private static string Describe(RecommendationResult result) =>
        string.Join(", ", result.Items.Select(item => $"{item.ItemId}:{item.Score:F3}"));
}
