using Seed.Abstractions;
using Seed.Datasets;
using Seed.LoadTest.Running;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

public sealed class ReplayTests
{
    private static readonly DateTimeOffset T0 = new(2001, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static LoadEvent At(int seconds, string user = "u", string id = "") =>
        new(id.Length > 0 ? id : $"e{seconds}-{user}", user, "rating", "1", null, T0.AddSeconds(seconds), 4f);

    [Fact]
    public void A_speedup_divides_data_set_time_into_wall_clock_time()
    {
        var schedule = new ReplaySchedule([At(0), At(100), At(1000), At(1000), At(50_000)], batchSize: 1, speedup: 100);

        Assert.Equal(TimeSpan.Zero, schedule.DueAt(0));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.DueAt(1));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.DueAt(2));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.DueAt(3));
        Assert.Equal(TimeSpan.FromSeconds(500), schedule.DueAt(4));
        Assert.Equal(TimeSpan.FromSeconds(500), schedule.Length);
    }

    [Fact]
    public void A_request_is_due_when_its_first_event_happened()
    {
        var schedule = new ReplaySchedule([At(0), At(10), At(20), At(30), At(40)], batchSize: 2, speedup: 10);

        Assert.Equal(3, schedule.BatchCount);
        Assert.Equal(["e0-u", "e10-u"], schedule.Batch(0).Select(e => e.EventId));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.DueAt(1));
        Assert.Equal(["e40-u"], schedule.Batch(2).Select(e => e.EventId));
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.DueAt(2));
    }

    [Fact]
    public void Without_a_speedup_requests_have_no_due_time_of_their_own()
    {
        var schedule = new ReplaySchedule([At(0), At(3600)], batchSize: 1, speedup: null);

        Assert.Null(schedule.DueAt(1));
        Assert.Null(schedule.Length);
    }

    [Fact]
    public void Events_out_of_time_order_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReplaySchedule([At(10), At(5)], 1, null));
        Assert.Contains("time order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_next_request_waits_for_the_previous_one_while_other_users_go_ahead()
    {
        var sequencer = new PerUserSequencer();
        var first = new TaskCompletionSource();
        var started = new List<string>();

        var a1 = sequencer.Enqueue(["a"], () => { started.Add("a1"); return first.Task; });
        var a2 = sequencer.Enqueue(["a", "b"], () => { started.Add("a2"); return Task.CompletedTask; });
        var c1 = sequencer.Enqueue(["c"], () => { started.Add("c1"); return Task.CompletedTask; });

        Assert.Equal(["a1", "c1"], started);
        Assert.False(a2.IsCompleted);
        first.SetResult();
        await a2.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a1", "c1", "a2"], started);
        Assert.True(a1.IsCompletedSuccessfully && c1.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failed_request_does_not_block_the_users_later_requests()
    {
        var sequencer = new PerUserSequencer();
        var failing = new TaskCompletionSource();
        var failed = sequencer.Enqueue(["a"], () => failing.Task);
        var next = sequencer.Enqueue(["a"], () => Task.CompletedTask);

        failing.SetException(new InvalidOperationException("boom"));

        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(next.IsCompletedSuccessfully && failed.IsFaulted);
    }

    [Fact]
    public void Replay_converts_data_set_events_for_the_api_and_skips_blank_tags()
    {
        var dataset = new InteractionDataset(
            "tiny",
            [new DatasetItem("1", "Toy Story (1995)", ["Animation"], []), new DatasetItem("2", "Heat (1995)", ["Crime"], [])],
            [
                new InteractionEvent("7", "1", T0, EventType.Rating, 4.5f, null),
                new InteractionEvent("7", "1", T0.AddSeconds(1), EventType.Tag, null, "pixar"),
                new InteractionEvent("8", "2", T0.AddSeconds(2), EventType.Tag, null, "  "),
                new InteractionEvent("8", "1", T0.AddSeconds(3), EventType.Rating, 2f, null),
            ]);

        var replay = new ReplayWorkload(dataset, batchSize: 10, speedup: null, userPrefix: "rp-");
        Assert.True(replay.TryNext(new Random(1), out var batch, out var due));

        Assert.Null(due);
        Assert.Equal(1, replay.Skipped);
        Assert.Equal(3, replay.EventCount);
        Assert.Equal(["rating", "tag", "rating"], batch.Select(e => e.Type));
        Assert.Equal(["rp-7", "rp-7", "rp-8"], batch.Select(e => e.UserId));
        Assert.Equal(3, batch.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(4.5f, batch[0].Rating);
        Assert.Equal(2, replay.Items.Single(item => item.Id == "1").Popularity);
        Assert.False(replay.TryNext(new Random(1), out _, out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_replay_sends_every_event_once_and_each_users_requests_in_data_set_order(bool closedLoop)
    {
        // 12 users with interleaved events; requests of 3 events mix users, and the target completes them out of order.
        var events = Enumerable.Range(0, 600).Select(i => At(i, "u" + (i * 7 % 12), "e" + i)).ToList();
        var dataset = new InteractionDataset("interleaved", [], events.Select(e => new InteractionEvent(e.UserId, "1", e.Timestamp, EventType.Rating, 4f, null)).ToList());
        var replay = new ReplayWorkload(dataset, batchSize: 3, speedup: closedLoop ? null : 1_000, userPrefix: "");
        string[] pacing = closedLoop ? ["--max"] : ["--speedup", "1000"];
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--mode", "replay", "--data", "x", "--concurrency", "8", "--warmup", "0s", "--duration", "60s", "--recommend-per-event", "0", .. pacing]);
        var target = new RecordingTarget(seed: 3);

        await new LoadRunner(options, target, replay).RunAsync((_, _, _) => { }, CancellationToken.None);

        var sent = target.Sent.ToList();
        Assert.Equal(600, sent.Count);
        Assert.Equal(600, sent.Select(s => s.EventId).Distinct().Count());
        foreach (var user in sent.GroupBy(s => s.UserId))
        {
            // In data set order, each request of the user starts after the previous one finished.
            var ordered = user.OrderBy(s => int.Parse(s.EventId[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].Started == ordered[i - 1].Started || ordered[i].Started > ordered[i - 1].Finished, $"{user.Key}: {ordered[i].EventId} started before {ordered[i - 1].EventId} finished");
            }
        }
    }

    [Fact]
    public void Replay_options_default_to_the_shipped_data_set_and_speedup_needs_replay()
    {
        var replay = LoadTestCommand.Parse(["--cluster", "orleans:127.0.0.1:30000", "--mode", "replay", "--data", "../shared/data/ml-latest-small", "--speedup", "1e6"]);

        Assert.Equal(WorkloadMode.Replay, replay.Mode);
        Assert.Equal(1e6, replay.Speedup);
        Assert.Equal("../shared/data/ml-latest-small", replay.DataPath);
        Assert.Equal(Seed.Core.ShippedPaths.MovieLens, LoadTestCommand.Parse(["--http", "http://h:1", "--mode", "replay", "--max"]).DataPath);
        Assert.Contains("--speedup", Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse(["--http", "http://h:1", "--speedup", "10"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse(["--http", "http://h:1", "--mode", "replay", "--data", "x", "--speedup", "10", "--max"]));
    }

    [Fact]
    public void A_realistic_catalog_is_deterministic_and_built_from_the_source_words()
    {
        IReadOnlyList<LoadItem> source =
        [
            new("1", "Toy Story (1995)", ["Animation", "Children"], ["pixar"]),
            new("2", "Heat (1995)", ["Crime"], []),
            new("3", "The Lord of the Rings (2001)", ["Fantasy"], ["epic"]),
        ];

        var first = RealisticCatalog.Build(source, 500, seed: 9);
        var again = RealisticCatalog.Build(source, 500, seed: 9);

        Assert.Equal(first, again, (x, y) => x.Id == y.Id && x.Title == y.Title && x.Categories.SequenceEqual(y.Categories));
        Assert.Equal(500, first.Select(item => item.Id).Distinct().Count());
        var vocabulary = new HashSet<string>(["Toy", "Story", "Heat", "The", "Lord", "of", "the", "Rings"], StringComparer.Ordinal);
        Assert.All(first, item => Assert.All(item.Title[..item.Title.LastIndexOf(' ')].Split(' '), word => Assert.Contains(word, vocabulary)));
        Assert.All(first, item => Assert.NotEmpty(item.Categories));
    }
}
