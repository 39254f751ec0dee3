using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Datasets;
using Seed.Persistence.Postgres;
using Seed.Storage;

namespace Seed.Cluster.Tests;

/// <summary>
/// Training from the cluster's own traffic: events written by the durable event log and items written by the shard
/// store are read back by <see cref="PostgresEventLogReader"/> as the data set the trainer and the evaluator use.
/// </summary>
public sealed class PostgresEventLogReaderTests
{
    private const int Users = 6;
    private const int EventsPerUser = 60;
    private const int ItemCount = 24;
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task The_log_and_the_item_table_read_back_as_the_data_set_in_replay_order()
    {
        await using var database = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        var items = CatalogItems();
        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
        {
            // Two shards, written in two upserts each: table order (ord) is the upsert order across shards.
            foreach (var chunk in items.Chunk(ItemCount / 4))
            {
                var shard = Array.IndexOf(items, chunk[0]) / (ItemCount / 4) % 2;
                var stored = chunk.Select(item => new StoredItem { Item = item, Embedding = [1f, 0f] }).ToList();
                await new PostgresShardStore(dataSource, shard).UpsertAsync(new ShardUpsert(stored, () => stored));
            }

            await using var log = new PostgresEventLog(dataSource, Options.Create(new SeedStorageOptions()), NullLogger<PostgresEventLog>.Instance);
            foreach (var (user, events) in LoggedEvents())
            {
                // Appended one batch per user in turn, so log order (seq) is this order.
                Assert.Equal(events.Count, (await log.AppendAsync(user, events)).Count);
            }
        }

        var snapshot = PostgresEventLogReader.Read(database.ConnectionString);

        var logged = LoggedEvents().SelectMany(batch => batch.Events.Select(e => (User: batch.User, Event: e))).ToList();
        Assert.Equal(Users * EventsPerUser, snapshot.LoggedEvents);
        Assert.Equal(logged.Count(row => row.Event.ItemId is null), snapshot.EventsWithoutItem);
        Assert.Equal(logged.Count(row => row.Event.ItemId == GhostItem), snapshot.EventsWithUnknownItem);
        Assert.True(snapshot.EventsWithoutItem > 0 && snapshot.EventsWithUnknownItem > 0);

        var dataset = snapshot.Dataset;
        Assert.Equal($"postgres {database.Name}@127.0.0.1", dataset.Name, ignoreCase: true);
        Assert.False(dataset.ItemTextFromEarlierReviews);
        Assert.Equal(items.Select(item => item.Id), dataset.Items.Select(item => item.Id));
        Assert.Equal(items.Select(item => item.EmbeddingText()), dataset.Items.Select(item => item.EmbeddingText()));
        Assert.Equal(items.Select(item => item.Categories), dataset.Items.Select(item => item.Categories));

        // Replay order: time, then user, then item (ordinal), then log order; the kept events carry the logged values.
        var expected = logged
            .Where(row => row.Event.ItemId is { } id && id != GhostItem)
            .OrderBy(row => row.Event.Timestamp).ThenBy(row => row.User, StringComparer.Ordinal).ThenBy(row => row.Event.ItemId, StringComparer.Ordinal)
            .Select(row => new InteractionEvent(row.User, row.Event.ItemId!, row.Event.Timestamp, row.Event.Type, row.Event.Rating, row.Event.Text))
            .ToList();
        Assert.Equal(expected, dataset.Events);
        Assert.Contains(dataset.Events, e => e is { Kind: EventType.Rating, Rating: 4.5f });
        Assert.Contains(dataset.Events, e => e is { Kind: EventType.Tag, Text: "slow burn" });
    }

    [PostgresFact]
    public async Task A_database_without_the_event_log_is_reported_as_a_missing_table()
    {
        await using var database = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        await database.ScalarAsync<object?>("DROP TABLE seed_event_log");

        var error = Assert.Throws<InvalidDataException>(() => PostgresEventLogReader.Read(database.ConnectionString));

        Assert.Contains("seed_event_log", error.Message, StringComparison.Ordinal);
        Assert.Contains("deploy/postgres", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task An_empty_log_is_nothing_to_train_on()
    {
        await using var database = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);

        var error = Assert.Throws<InvalidDataException>(() => PostgresEventLogReader.Read(database.ConnectionString));

        Assert.Contains("nothing to train on", error.Message, StringComparison.Ordinal);
    }

    private const string GhostItem = "never-upserted";

    private static CatalogItem[] CatalogItems() =>
    [
        .. Enumerable.Range(0, ItemCount).Select(i => new CatalogItem
        {
            Id = $"item-{(ItemCount - i).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}", // ids against upsert order
            Title = $"Film {i}",
            Text = i % 3 == 0 ? $"A written description of film {i}." : null,
            Categories = i % 2 == 0 ? ["Drama", "Crime"] : [],
            Tags = i % 4 == 1 ? ["heist"] : [],
            Popularity = i,
        }),
    ];

    /// <summary>
    /// Each user's events: every kind the log takes, ratings with halves, tags with text, searches without an item, an
    /// item the catalog never had, timestamps out of log order, and moments shared by several users and by two events
    /// of one user, so every tie-break of the replay order is exercised.
    /// </summary>
    private static IEnumerable<(string User, List<UserEvent> Events)> LoggedEvents()
    {
        // Users appended in reverse ordinal order, so log order and replay order disagree on ties between users.
        for (var u = Users - 1; u >= 0; u--)
        {
            var user = $"user-{u}";
            var events = new List<UserEvent>(EventsPerUser);
            for (var i = 0; i < EventsPerUser; i++)
            {
                // Minutes run backwards in pairs: shared across users, repeated within a user, never in log order.
                var time = Start.AddMinutes((EventsPerUser - i) / 2 * 7);
                var item = $"item-{((i * 5 + u) % ItemCount + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}";
                events.Add((i % 10) switch
                {
                    0 => Event(i, EventType.Search, null, time, null, "heist films"),
                    1 => Event(i, EventType.Tag, item, time, null, "slow burn"),
                    2 => Event(i, EventType.Click, GhostItem, time, null, null),
                    3 => Event(i, EventType.Review, item, time, 2.5f, "Too long."),
                    4 or 5 => Event(i, EventType.View, item, time, null, null),
                    _ => Event(i, EventType.Rating, item, time, 0.5f + (i + u) % 10 * 0.5f, null),
                });
            }

            yield return (user, events);
        }
    }

    private static UserEvent Event(int index, EventType kind, string? item, DateTimeOffset time, float? rating, string? text) => new()
    {
        EventId = $"e{index}",
        Type = kind,
        ItemId = item,
        Timestamp = time,
        Rating = rating,
        Text = text,
    };
}
