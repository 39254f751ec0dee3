using Seed.Storage;

namespace Seed.Grains.Tests;

public sealed class EventIdWindowTests
{
    private const string FingerprintOfEventOne = "3369e103ae93ca2f5afc9dc412071362";

    [Fact]
    public void A_repeated_id_is_refused_and_changes_nothing()
    {
        var window = new EventIdWindow(3);

        Assert.True(window.Add("a"));
        Assert.True(window.Add("b"));
        Assert.False(window.Add("a"));

        Assert.Equal(2, window.Count);
        Assert.True(window.Contains("a"));
        Assert.True(window.Contains("b"));
    }

    [Fact]
    public void Its_bytes_rebuild_the_window_with_the_ids_oldest_first_after_the_ring_wraps()
    {
        var ids = Enumerable.Range(0, 50).Select(i => "event-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var window = WindowWith(20, ids);

        var (ring, oldest) = window.ToRing();
        var rebuilt = new EventIdWindow(20);
        rebuilt.AddFrom(ring, oldest);

        Assert.Equal(20 * EventIdWindow.FingerprintSize, ring.Length);
        Assert.Equal(10, oldest); // 50 ids through 20 slots: the oldest kept, the 31st, went into slot 30 % 20
        Assert.Equal(OldestFirst(window), OldestFirst(rebuilt));
        Assert.All(ids[30..], id => Assert.True(rebuilt.Contains(id)));
        Assert.False(rebuilt.Contains(ids[29]));
        // The order came along: the next arrival evicts the oldest id, event-30.
        rebuilt.Add("event-50");
        Assert.False(rebuilt.Contains(ids[30]));
        Assert.True(rebuilt.Contains(ids[31]));
        Assert.Empty(new EventIdWindow(5).ToRing().Fingerprints);
    }

    [Fact]
    public void A_smaller_window_rebuilt_from_bytes_keeps_the_newest_ids()
    {
        var window = WindowWith(10, ["e1", "e2", "e3", "e4"]);

        var smaller = new EventIdWindow(2);
        var (ring, oldest) = window.ToRing();
        smaller.AddFrom(ring, oldest);

        Assert.Equal(2, smaller.Count);
        Assert.False(smaller.Contains("e2"));
        Assert.True(smaller.Contains("e3"));
        Assert.True(smaller.Contains("e4"));
    }

    [Fact]
    public void Bytes_that_are_not_whole_fingerprints_are_refused_and_change_nothing()
    {
        var window = new EventIdWindow(4);
        window.Add("a");

        var error = Assert.Throws<FormatException>(() => window.AddFrom(new byte[EventIdWindow.FingerprintSize + 3], 0));
        var outside = Assert.Throws<FormatException>(() => window.AddFrom(new byte[2 * EventIdWindow.FingerprintSize], 2));

        Assert.Contains("19 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("slot 2", outside.Message, StringComparison.Ordinal);
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void A_fingerprint_is_the_same_in_every_process_and_tells_ids_apart()
    {
        // Snapshots keep fingerprints: a new build or another silo must compute the same ones, or a retried event
        // whose id a snapshot remembers would be applied twice. Pinned: XxHash128, seed 0, UTF-16LE code units.
        Assert.Equal(
            UInt128.Parse(FingerprintOfEventOne, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture),
            EventIdWindow.Fingerprint("event-1"));
        Assert.NotEqual(EventIdWindow.Fingerprint("event-1"), EventIdWindow.Fingerprint("event-2"));
        Assert.NotEqual(EventIdWindow.Fingerprint("Event-1"), EventIdWindow.Fingerprint("event-1"));
        Assert.NotEqual(EventIdWindow.Fingerprint(""), EventIdWindow.Fingerprint("\0"));
    }

    [Fact]
    public void Beyond_capacity_the_oldest_id_is_evicted_first()
    {
        var window = WindowWith(3, ["e1", "e2", "e3", "e4", "e5"]);

        Assert.Equal(3, window.Count);
        Assert.False(window.Contains("e1"));
        Assert.False(window.Contains("e2"));
        Assert.True(window.Contains("e3"));
        Assert.True(window.Contains("e5"));
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
        Assert.True(window.Contains("new"));
        Assert.True(window.Contains("newest"));
    }

    [Fact]
    public void An_evicted_id_is_accepted_again_as_new()
    {
        var window = new EventIdWindow(1);
        window.Add("a");
        window.Add("b");

        Assert.True(window.Add("a"));
        Assert.Equal(1, window.Count);
        Assert.False(window.Contains("b"));
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
        Assert.Equal(OldestFirst(WindowWith(capacity, expected)), OldestFirst(window));
        Assert.Equal(kept, window.Count);
        Assert.All(expected, id => Assert.True(window.Contains(id)));
        Assert.Equal(added > capacity, !window.Contains("e" + (added - kept - 1)) && added > kept);
    }

    [Fact]
    public void A_window_holds_at_least_one_id()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventIdWindow(0));
    }

    [Fact]
    public void A_window_not_yet_full_gives_a_copy_oldest_first_and_a_full_one_its_own_ring()
    {
        var window = new EventIdWindow(3);
        window.Add("a");
        window.Add("b");

        var (partial, partialOldest) = window.ToRing();
        window.Add("c");
        var (full, _) = window.ToRing();
        window.Add("d");

        Assert.Equal(0, partialOldest);
        Assert.Equal(2 * EventIdWindow.FingerprintSize, partial.Length);
        Assert.Equal(OldestFirst(full, 1), OldestFirst(window)); // the ring went on changing: "d" took "a"'s slot
        Assert.Same(full, window.ToRing().Fingerprints);
    }

    /// <summary>A window of <paramref name="capacity"/> that took <paramref name="ids"/> in this order.</summary>
    internal static EventIdWindow WindowWith(int capacity, IEnumerable<string> ids)
    {
        var window = new EventIdWindow(capacity);
        foreach (var id in ids)
        {
            window.Add(id);
        }

        return window;
    }

    /// <summary>The fingerprints of a window, oldest first.</summary>
    private static byte[] OldestFirst(EventIdWindow window)
    {
        var (ring, oldest) = window.ToRing();
        return OldestFirst(ring, oldest);
    }

    /// <summary>The fingerprints of a ring (as a window or a snapshot holds them), oldest first.</summary>
    internal static byte[] OldestFirst(byte[] ring, int oldest)
    {
        var start = oldest * EventIdWindow.FingerprintSize;
        return [.. ring.AsSpan(start), .. ring.AsSpan(0, start)];
    }
}
