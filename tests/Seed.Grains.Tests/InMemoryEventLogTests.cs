using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Storage;

namespace Seed.Grains.Tests;

public sealed class InMemoryEventLogTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Append_returns_the_new_events_in_order_with_increasing_positions()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);

        var first = await log.AppendAsync("u", [Event("a"), Event("b")]);
        var second = await log.AppendAsync("u", [Event("c")]);

        Assert.Equal(["a", "b", "c"], first.Concat(second).Select(entry => entry.Event.EventId));
        var positions = first.Concat(second).Select(entry => entry.Position).ToList();
        Assert.True(positions.Zip(positions.Skip(1)).All(pair => pair.Second > pair.First), string.Join(",", positions));
        Assert.False(log.IsDurable);
    }

    [Fact]
    public async Task Ids_already_logged_are_not_appended_again_within_a_batch_or_across_batches()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);
        await log.AppendAsync("u", [Event("a")]);

        var appended = await log.AppendAsync("u", [Event("a"), Event("b"), Event("b"), Event("c")]);

        Assert.Equal(["b", "c"], appended.Select(entry => entry.Event.EventId));
        Assert.Equal(["a", "b", "c"], (await log.ReadAfterAsync("u", 0)).Select(entry => entry.Event.EventId));
    }

    [Fact]
    public async Task Event_ids_are_deduplicated_per_user()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);
        await log.AppendAsync("u1", [Event("same")]);

        var other = await log.AppendAsync("u2", [Event("same")]);

        Assert.Single(other);
    }

    [Fact]
    public async Task Dedup_reaches_back_only_as_far_as_the_window()
    {
        var log = new InMemoryEventLog(eventIdWindow: 2);
        await log.AppendAsync("u", [Event("a"), Event("b")]);
        Assert.Empty(await log.AppendAsync("u", [Event("a")]));

        await log.AppendAsync("u", [Event("c")]);

        // "a" left the two-id window when "c" arrived: a retry that old counts as new.
        Assert.Single(await log.AppendAsync("u", [Event("a")]));
    }

    [Fact]
    public async Task ReadAfter_returns_only_later_positions_in_log_order()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);
        var appended = await log.AppendAsync("u", [Event("a"), Event("b"), Event("c")]);

        var after = await log.ReadAfterAsync("u", appended[0].Position);

        Assert.Equal(["b", "c"], after.Select(entry => entry.Event.EventId));
        Assert.Empty(await log.ReadAfterAsync("u", appended[^1].Position));
        Assert.Empty(await log.ReadAfterAsync("nobody", 0));
    }

    [Fact]
    public async Task Compact_drops_what_a_snapshot_holds_but_keeps_the_ids_for_dedup()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);
        var appended = await log.AppendAsync("u", [Event("a"), Event("b"), Event("c")]);

        log.Compact("u", appended[1].Position);

        Assert.Equal(["c"], (await log.ReadAfterAsync("u", 0)).Select(entry => entry.Event.EventId));
        Assert.Empty(await log.AppendAsync("u", [Event("a")]));
        log.Compact("nobody", long.MaxValue); // an unknown user is no error
    }

    [Fact]
    public async Task A_user_whose_events_were_all_compacted_reads_nothing_and_appends_again()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);
        var appended = await log.AppendAsync("u", [Event("a")]);
        log.Compact("u", appended[0].Position);

        Assert.Empty(await log.ReadAfterAsync("u", 0));
        Assert.Equal(["b"], (await log.AppendAsync("u", [Event("a"), Event("b")])).Select(entry => entry.Event.EventId));
        Assert.Equal(["b"], (await log.ReadAfterAsync("u", 0)).Select(entry => entry.Event.EventId));
    }

    [Fact]
    public async Task Erase_forgets_the_users_events_and_ids_only()
    {
        var log = new InMemoryEventLog(eventIdWindow: 16);
        await log.AppendAsync("u", [Event("a")]);
        await log.AppendAsync("other", [Event("a")]);

        await log.EraseAsync("u");

        Assert.Empty(await log.ReadAfterAsync("u", 0));
        Assert.Single(await log.AppendAsync("u", [Event("a")]));
        Assert.Single(await log.ReadAfterAsync("other", 0));
    }

    private static UserEvent Event(string id) => new()
    {
        EventId = id,
        Type = EventType.Click,
        ItemId = "item-" + id,
        Timestamp = Start,
    };
}
