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
                last = coalescer.Add([item, item], [new CoLikePair(item, "z")]);
            }

            coalescer.EnsureSent(last);
        }

        Assert.Equal(items.Select(item => CatalogSharding.ShardOf(item, Shards)).Distinct().Count(), sent.Count);
        Assert.All(sent, message => Assert.All(message.Report.LikedItemIds, id => Assert.Equal(message.Shard, CatalogSharding.ShardOf(id, Shards))));
        Assert.All(sent, message => Assert.All(message.Report.CoLikes, pair => Assert.Equal(message.Shard, CatalogSharding.ShardOf(pair.ItemId, Shards))));
        Assert.Equal(items.SelectMany(item => new[] { item, item }).Order(), sent.SelectMany(message => message.Report.LikedItemIds).Order());
        Assert.Equal(items.Length, sent.Sum(message => message.Report.CoLikes.Count));
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

        coalescer.Add(["a"], [new CoLikePair("a", "b")]);
        var report = await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a"], report.LikedItemIds);
        Assert.Equal([new CoLikePair("a", "b")], report.CoLikes);
    }
}
