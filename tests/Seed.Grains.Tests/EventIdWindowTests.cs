using Seed.Storage;

namespace Seed.Grains.Tests;

public sealed class EventIdWindowTests
{
    [Fact]
    public void A_repeated_id_is_refused_and_changes_nothing()
    {
        var window = new EventIdWindow(3);

        Assert.True(window.Add("a"));
        Assert.True(window.Add("b"));
        Assert.False(window.Add("a"));

        Assert.Equal(2, window.Count);
        Assert.Equal(["a", "b"], window.InArrivalOrder());
    }

    [Fact]
    public void Packed_it_holds_its_ids_oldest_first_after_the_ring_wraps()
    {
        var window = new EventIdWindow(20);
        var ids = Enumerable.Range(0, 50).Select(i => "event-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            window.Add(id);
        }

        var packed = window.Pack();

        Assert.Equal(ids[30..], PackedIds.Unpack(packed));
        Assert.Equal(PackedIds.Pack(window.InArrivalOrder()), packed);
        Assert.Equal("", new EventIdWindow(5).Pack());
    }

    [Fact]
    public void Beyond_capacity_the_oldest_id_is_evicted_first()
    {
        var window = new EventIdWindow(3);
        foreach (var id in new[] { "e1", "e2", "e3", "e4", "e5" })
        {
            window.Add(id);
        }

        Assert.Equal(3, window.Count);
        Assert.Equal(["e3", "e4", "e5"], window.InArrivalOrder());
        Assert.False(window.Contains("e1"));
        Assert.False(window.Contains("e2"));
        Assert.True(window.Contains("e3"));
    }

    [Fact]
    public void A_repeat_does_not_refresh_an_ids_place_in_the_eviction_order()
    {
        var window = new EventIdWindow(2);
        window.Add("old");
        window.Add("new");

        Assert.False(window.Add("old"));
        window.Add("newest");

        // "old" arrived first and its repeat was not an arrival: it is the one evicted.
        Assert.False(window.Contains("old"));
        Assert.Equal(["new", "newest"], window.InArrivalOrder());
    }

    [Fact]
    public void An_evicted_id_is_accepted_again_as_new()
    {
        var window = new EventIdWindow(1);
        window.Add("a");
        window.Add("b");

        Assert.True(window.Add("a"));
        Assert.Equal(["a"], window.InArrivalOrder());
    }

    [Fact]
    public void Ids_are_compared_ordinally()
    {
        var window = new EventIdWindow(4);
        window.Add("Event");

        Assert.True(window.Add("event"));
        Assert.Equal(2, window.Count);
    }

    [Theory]
    [InlineData(10, 7)]
    [InlineData(10, 35)]
    [InlineData(4096, 5000)]
    public void Growing_past_the_small_form_keeps_the_last_ids_in_order(int capacity, int added)
    {
        var window = new EventIdWindow(capacity);
        for (var i = 0; i < added; i++)
        {
            Assert.True(window.Add("e" + i));
            Assert.False(window.Add("e" + i));
        }

        var kept = Math.Min(capacity, added);
        var expected = Enumerable.Range(added - kept, kept).Select(i => "e" + i).ToList();
        Assert.Equal(expected, window.InArrivalOrder());
        Assert.Equal(kept, window.Count);
        Assert.All(expected, id => Assert.True(window.Contains(id)));
        Assert.Equal(added > capacity, !window.Contains("e" + (added - kept - 1)) && added > kept);
    }

    [Fact]
    public void A_window_holds_at_least_one_id()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventIdWindow(0));
    }
}
