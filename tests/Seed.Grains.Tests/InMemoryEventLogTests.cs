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
        var log = new InMemoryEventLog();

        var first = await log.AppendAsync("u", [Event("a"), Event("b")]);
        var second = await log.AppendAsync("u", [Event("c")]);

        Assert.Equal(["a", "b", "c"], first.Concat(second).Select(entry => entry.Event.EventId));
        var positions = first.Concat(second).Select(entry => entry.Position).ToList();
        Assert.True(positions.Zip(positions.Skip(1)).All(pair => pair.Second > pair.First), string.Join(",", positions));
        Assert.False(log.IsDurable);
    }

    [Fact]
    public async Task Ids_are_not_checked_the_user_grains_window_is_the_dedup_of_record()
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("u", [Event("a")]);

        var appended = await log.AppendAsync("u", [Event("a"), Event("b")]);

        Assert.Equal(["a", "b"], appended.Select(entry => entry.Event.EventId));
        Assert.Equal(["a", "a", "b"], (await log.ReadAfterAsync("u", 0)).Select(entry => entry.Event.EventId));
    }

    [Fact]
    public async Task ReadAfter_returns_only_later_positions_in_log_order()
    {
        var log = new InMemoryEventLog();
        var appended = await log.AppendAsync("u", [Event("a"), Event("b"), Event("c")]);

        var after = await log.ReadAfterAsync("u", appended[0].Position);

        Assert.Equal(["b", "c"], after.Select(entry => entry.Event.EventId));
        Assert.Empty(await log.ReadAfterAsync("u", appended[^1].Position));
        Assert.Empty(await log.ReadAfterAsync("nobody", 0));
    }

    [Fact]
    public async Task Compact_drops_what_a_snapshot_holds()
    {
        var log = new InMemoryEventLog();
        var appended = await log.AppendAsync("u", [Event("a"), Event("b"), Event("c")]);

        log.Compact("u", appended[1].Position);

        Assert.Equal(["c"], (await log.ReadAfterAsync("u", 0)).Select(entry => entry.Event.EventId));
        log.Compact("nobody", long.MaxValue); // an unknown user is no error
    }

    [Fact]
    public async Task A_user_whose_events_were_all_compacted_costs_nothing_and_appends_again()
    {
        var log = new InMemoryEventLog();
        var appended = await log.AppendAsync("u", [Event("a")]);
        await log.AppendAsync("other", [Event("x")]);

        log.Compact("u", appended[0].Position);

        Assert.Equal(1, log.UsersWithEvents);
        Assert.Empty(await log.ReadAfterAsync("u", 0));
        var next = await log.AppendAsync("u", [Event("b")]);
        Assert.True(next[0].Position > appended[0].Position);
        Assert.Equal(["b"], (await log.ReadAfterAsync("u", 0)).Select(entry => entry.Event.EventId));
        Assert.Equal(2, log.UsersWithEvents);
    }

    [Fact]
    public async Task An_empty_append_keeps_nothing()
    {
        var log = new InMemoryEventLog();

        Assert.Empty(await log.AppendAsync("u", []));

        Assert.Equal(0, log.UsersWithEvents);
    }

    [Fact]
    public async Task Erase_forgets_the_users_events_only()
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("u", [Event("a")]);
        await log.AppendAsync("other", [Event("a")]);

        await log.EraseAsync("u");

        Assert.Empty(await log.ReadAfterAsync("u", 0));
        Assert.Single(await log.ReadAfterAsync("other", 0));
        Assert.Single(await log.AppendAsync("u", [Event("a")]));
        Assert.Single(await log.ReadAfterAsync("u", 0));
    }

    private static UserEvent Event(string id) => new()
    {
        EventId = id,
        Type = EventType.Click,
        ItemId = "item-" + id,
        Timestamp = Start,
    };
}
