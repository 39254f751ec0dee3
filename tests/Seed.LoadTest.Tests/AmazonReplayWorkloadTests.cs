using System.Collections.Concurrent;
using Seed.Core;
using Seed.Datasets;
using Seed.Encoders;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;
using Seed.Testing;

namespace Seed.LoadTest.Tests;

/// <summary>Replay of the real Amazon reviews: review events with their text, and item texts refreshed as reviews arrive.</summary>
public sealed class AmazonReplayWorkloadTests
{
    private static readonly Lazy<InteractionDataset> Dataset = new(() => new DatasetLoaderReader().Read(Folder));

    private static string Folder => SharedFolder.PathOf(SharedFolder.AmazonReviews);

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Every_review_is_sent_as_a_review_event_with_its_stars_and_text()
    {
        var replay = new ReplayWorkload(Dataset.Value, batchSize: 100, speedup: null, userPrefix: "rp-");
        var events = new List<LoadEvent>();
        while (replay.TryNext(new Random(1), out var batch, out _))
        {
            events.AddRange(batch);
        }

        Assert.Equal(0, replay.Skipped);
        Assert.Equal(10_261, events.Count);
        Assert.All(events, e => Assert.Equal("review", e.Type));
        Assert.All(events, e => Assert.InRange(e.Text!.Length, 1, ReplayWorkload.MaxTextLength));
        Assert.Equal(9_022, events.Count(e => e.Rating >= 4));
        Assert.Equal(42, events.Count(e => e.Text!.Length == ReplayWorkload.MaxTextLength));
        Assert.Equal(900, replay.Items.Count);
        Assert.All(replay.Items, item => Assert.Null(item.Text));
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Item_updates_follow_the_review_days_with_the_evaluations_item_text()
    {
        var dataset = Dataset.Value;
        var replay = new ReplayWorkload(dataset, batchSize: 1, speedup: null, userPrefix: "rp-");
        var cursor = ItemTextTimeline.For(dataset)!.Start();

        Assert.Equal(dataset.Events.Select(e => (e.ItemId, e.Timestamp)).Distinct().Count(), replay.ItemUpdates.Sum(update => update.Items.Count));
        for (var i = 0; i < replay.ItemUpdates.Count; i++)
        {
            var update = replay.ItemUpdates[i];
            Assert.True(i == 0 || update.After > replay.ItemUpdates[i - 1].After);
            // The texts the evaluation's replay would have just after that review day.
            var expected = cursor.AdvanceTo(update.After.AddTicks(1));
            Assert.Equal(expected.Select(change => (change.ItemId, change.Text)), update.Items.Select(item => (item.Id, item.Text!)));
        }
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public void Cutting_review_text_at_the_api_limit_leaves_the_encoders_tokens_unchanged()
    {
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = RepositoryPaths.Resolve(ShippedPaths.Encoder) });
        var longTexts = Dataset.Value.Events.Select(e => e.Text!).Where(text => text.Length > ReplayWorkload.MaxTextLength).ToList();

        Assert.Equal(42, longTexts.Count);
        Assert.All(longTexts, text =>
        {
            var full = encoder.Tokenize(text);
            Assert.True(full.Truncated);
            Assert.Equal(full.InputIds, encoder.Tokenize(text[..ReplayWorkload.MaxTextLength]).InputIds);
        });
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public async Task Requests_wait_for_the_item_updates_due_before_their_first_event_which_arrive_in_order()
    {
        var day = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new ConcurrentQueue<string>();
        var inner = new OrderLoggingTarget(log);
        ItemUpdate Update(int days, string item) => new(day.AddDays(days), [new LoadItem(item, item, [], [], 0, $"text {days}")]);
        await using var target = new ItemTextRefreshingTarget(inner, [Update(0, "a"), Update(1, "b"), Update(1, "c"), Update(3, "a")]);
        LoadEvent At(int days, string id) => new(id, "u", "review", "a", "t", day.AddDays(days), 5f);

        await target.SendEventsAsync([At(0, "e0")], CancellationToken.None);
        await target.SendEventsAsync([At(2, "e2"), At(5, "e5")], CancellationToken.None);
        await target.SendEventsAsync([At(1, "late")], CancellationToken.None);
        await target.SendEventsAsync([At(4, "e4")], CancellationToken.None);

        Assert.Equal(["send e0", "upsert a:text 0 b:text 1 c:text 1", "send e2 e5", "send late", "upsert a:text 3", "send e4"], log);
        Assert.Equal(2, target.UpsertCalls);
        Assert.Equal(4, target.ItemsUpserted);
    }

    [SharedDataFact(SharedFolder.AmazonReviews)]
    public async Task Updates_coalesced_over_several_days_send_each_item_once_with_its_latest_text()
    {
        var day = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new ConcurrentQueue<string>();
        ItemUpdate Update(int days, string item) => new(day.AddDays(days), [new LoadItem(item, item, [], [], 0, $"text {days}")]);
        await using var target = new ItemTextRefreshingTarget(new OrderLoggingTarget(log), [Update(0, "a"), Update(1, "b"), Update(2, "a")]);

        await target.SendEventsAsync([new LoadEvent("e", "u", "review", "a", "t", day.AddDays(9), 5f)], CancellationToken.None);

        Assert.Equal(["upsert a:text 2 b:text 1", "send e"], log);
    }

    /// <summary>Logs upserts and sends in the order they reach the cluster; upserts complete late to expose any missing wait.</summary>
    private sealed class OrderLoggingTarget(ConcurrentQueue<string> log) : ILoadTarget
    {
        public string Name => "log";

        public Task<IReadOnlyList<string>> FindMissingItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        public async Task UpsertItemsAsync(IReadOnlyList<LoadItem> items, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken);
            log.Enqueue("upsert " + string.Join(' ', items.Select(item => $"{item.Id}:{item.Text}")));
        }

        public Task SendEventsAsync(IReadOnlyList<LoadEvent> events, CancellationToken cancellationToken)
        {
            log.Enqueue("send " + string.Join(' ', events.Select(e => e.EventId)));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<string>> RecommendAsync(string userId, int k, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

        public Task GetUserSummaryAsync(string userId, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
