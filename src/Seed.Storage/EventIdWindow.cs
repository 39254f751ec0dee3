namespace Seed.Storage;

/// <summary>
/// The last <see cref="Capacity"/> distinct event ids, oldest evicted first: a user's idempotency window. A ring of
/// ids for the eviction order and, past a handful of ids, a set for the lookups, so remembering an id costs O(1)
/// however large the window.
/// </summary>
/// <remarks>
/// Sized by what it holds, not by <see cref="Capacity"/>: the ring grows by doubling and the set exists only past
/// <see cref="LinearScanLimit"/> ids. Most users send few events, and a million of them each preallocating a
/// 4,096-id window (or even an empty set and queue) would be most of a user activation's memory.
/// </remarks>
public sealed class EventIdWindow
{
    /// <summary>Up to this many ids a scan of the ring is as quick as hashing, and needs no set.</summary>
    private const int LinearScanLimit = 8;

    private string[] _ring = [];
    private int _oldest;
    private HashSet<string>? _ids;

    public EventIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    public bool Contains(string eventId)
    {
        if (_ids is not null)
        {
            return _ids.Contains(eventId);
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_ring[(_oldest + i) % _ring.Length], eventId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers <paramref name="eventId"/>; false (and nothing changes) when the window already holds it.</summary>
    public bool Add(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        if (Contains(eventId))
        {
            return false;
        }

        if (Count == Capacity)
        {
            // Full: the newest id takes the oldest one's slot.
            _ids?.Remove(_ring[_oldest]);
            _ring[_oldest] = eventId;
            _oldest = (_oldest + 1) % _ring.Length;
            _ids?.Add(eventId);
            return true;
        }

        if (Count == _ring.Length)
        {
            Grow();
        }

        _ring[(_oldest + Count) % _ring.Length] = eventId;
        Count++;
        if (_ids is not null)
        {
            _ids.Add(eventId);
        }
        else if (Count > LinearScanLimit)
        {
            _ids = new HashSet<string>(new ArrivalOrder(this), StringComparer.Ordinal);
        }

        return true;
    }

    /// <summary>The ids held, oldest first (what a snapshot stores to rebuild the window).</summary>
    public IReadOnlyCollection<string> InArrivalOrder() => [.. new ArrivalOrder(this)];

    /// <summary>
    /// The ids held, oldest first, packed into one string (<see cref="PackedIds"/>) straight from the ring: a full
    /// window's copy into an array first was 32 KB more per snapshot.
    /// </summary>
    public string Pack() => PackedIds.Pack(new ArrivalOrder(this));

    private void Grow()
    {
        var larger = new string[Math.Min(Capacity, Math.Max(1, _ring.Length * 2))];
        for (var i = 0; i < Count; i++)
        {
            larger[i] = _ring[(_oldest + i) % _ring.Length];
        }

        _ring = larger;
        _oldest = 0;
    }

    /// <summary>The window's ids in arrival order, read from the ring while nothing changes it (no copy).</summary>
    private sealed class ArrivalOrder(EventIdWindow window) : IReadOnlyCollection<string>
    {
        public int Count => window.Count;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < window.Count; i++)
            {
                yield return window._ring[(window._oldest + i) % window._ring.Length];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
