using Seed.Abstractions.Catalog;
using Seed.Grains.Catalog;

namespace Seed.Grains.Tests;

/// <summary>The per-silo coalescing of live interaction reports, with a recording sender instead of shard grains.</summary>
public sealed class InteractionReportCoalescerTests
{
    private const int Shards = 3;

    [Fact]
    public void Reports_waiting_together_go_as_one_message_per_shard_each_item_to_its_owner()
    {
        var sent = new List<(int Shard, InteractionReport Report)>();
        var coalescer = new InteractionReportCoalescer(Shards, (shard, report) => { lock (sent) { sent.Add((shard, report)); } });
        string[] items = ["a", "b", "c", "d", "e", "f", "g"];

        long last = 0;
        lock (sent)
        {
            // Held: the queued flush cannot send while the batches arrive, so all of them wait together.
            foreach (var item in items)
            {
                last = coalescer.Add([item, item], [new CoLikeRun(item, ["z"])]);
            }

            coalescer.EnsureSent(last);
        }

        Assert.Equal(items.Append("z").Select(item => CatalogSharding.ShardOf(item, Shards)).Distinct().Count(), sent.Count);
        Assert.All(sent, message => Assert.All(message.Report.LikedItemIds, id => Assert.Equal(message.Shard, CatalogSharding.ShardOf(id, Shards))));
        Assert.All(sent, message => Assert.All(message.Report.CoLikes, run => Assert.Equal(message.Shard, CatalogSharding.ShardOf(run.OthersFirst ? "z" : run.ItemId, Shards))));
        Assert.Equal(items.SelectMany(item => new[] { item, item }).Order(), sent.SelectMany(message => message.Report.LikedItemIds).Order());
        Assert.Equal(items.Length, sent.Sum(message => message.Report.CoLikes.Count(run => !run.OthersFirst)));
        Assert.Equal(items.Length, sent.Sum(message => message.Report.CoLikes.Count(run => run.OthersFirst)));
        Assert.Equal(items.Length, coalescer.Batches);
    }

    [Fact]
    public void A_sent_ticket_sends_nothing_more_and_an_empty_batch_gets_no_ticket()
    {
        var sent = 0;
        var coalescer = new InteractionReportCoalescer(Shards, (_, _) => Interlocked.Increment(ref sent));

        var ticket = coalescer.Add(["a"], []);
        coalescer.EnsureSent(ticket);
        var afterFirst = Volatile.Read(ref sent);
        coalescer.EnsureSent(ticket);

        Assert.Equal(0, coalescer.Add([], []));
        Assert.Equal(1, afterFirst);
        Assert.Equal(1, Volatile.Read(ref sent));
    }

    [Fact]
    public async Task A_batch_added_while_a_flush_is_sending_does_not_wait_for_it_and_goes_in_the_next_message()
    {
        using var sending = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var sent = new List<InteractionReport>();
        var coalescer = new InteractionReportCoalescer(1, (_, report) =>
        {
            lock (sent)
            {
                sent.Add(report);
            }

            sending.Set();
            release.Wait();
        });
        var first = coalescer.Add(["a"], []);
        var flushing = Task.Run(() => coalescer.EnsureSent(first));
        Assert.True(sending.Wait(TimeSpan.FromSeconds(30)));

        var second = await Task.Run(() => coalescer.Add(["b"], [])).WaitAsync(TimeSpan.FromSeconds(30));
        release.Set();
        await flushing.WaitAsync(TimeSpan.FromSeconds(30));
        coalescer.EnsureSent(second);

        lock (sent)
        {
            Assert.Equal([["a"], ["b"]], sent.Select(report => report.LikedItemIds));
        }
    }

    [Fact]
    public async Task Nobody_waiting_still_gets_the_reports_sent_by_the_queued_flush()
    {
        var sent = new TaskCompletionSource<InteractionReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var coalescer = new InteractionReportCoalescer(1, (_, report) => sent.TrySetResult(report));

        coalescer.Add(["a"], [new CoLikeRun("a", ["b"])]);
        var report = await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a"], report.LikedItemIds);
        Assert.Equal([("a", "b", false), ("a", "b", true)], report.CoLikes.Select(run => (run.ItemId, string.Join(",", run.OtherItemIds), run.OthersFirst)));
    }

    [Fact]
    public void A_like_goes_whole_to_its_items_shard_and_each_shard_of_its_others_gets_those_others_the_other_way_round()
    {
        var sent = new List<(int Shard, InteractionReport Report)>();
        var coalescer = new InteractionReportCoalescer(Shards, (shard, report) => { lock (sent) { sent.Add((shard, report)); } });
        string[] others = [.. Enumerable.Range(0, 19).Select(i => "o" + i)];

        coalescer.EnsureSent(coalescer.Add(["x"], [new CoLikeRun("x", others)]));

        lock (sent)
        {
            var runs = sent.SelectMany(message => message.Report.CoLikes.Select(run => (message.Shard, Run: run))).ToList();
            var whole = Assert.Single(runs, routed => !routed.Run.OthersFirst);
            Assert.Equal(CatalogSharding.ShardOf("x", Shards), whole.Shard);
            Assert.Equal(others, whole.Run.OtherItemIds);
            var reversed = runs.Where(routed => routed.Run.OthersFirst).ToList();
            Assert.All(reversed, routed => Assert.Equal("x", routed.Run.ItemId));
            Assert.Equal(reversed.Count, reversed.Select(routed => routed.Shard).Distinct().Count());
            foreach (var (shard, run) in reversed)
            {
                Assert.Equal(others.Where(other => CatalogSharding.ShardOf(other, Shards) == shard), run.OtherItemIds);
            }

            Assert.Equal(others.Order(), reversed.SelectMany(routed => routed.Run.OtherItemIds).Order());
        }
    }

    [Fact]
    public void A_run_already_turned_round_is_refused()
    {
        var coalescer = new InteractionReportCoalescer(Shards, (_, _) => { });

        var error = Assert.Throws<ArgumentException>(() => coalescer.Add([], [new CoLikeRun("x", ["y"], OthersFirst: true)]));

        Assert.Contains("item first", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, coalescer.Batches);
    }
}
