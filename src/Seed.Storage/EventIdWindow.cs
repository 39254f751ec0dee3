namespace Seed.Storage;

/// <summary>
/// The last <see cref="Capacity"/> distinct event ids, oldest evicted first: a user's idempotency window. A set for
/// the lookups and a queue for the eviction order, so remembering an id costs O(1) however large the window.
/// </summary>
public sealed class EventIdWindow
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public EventIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _ids.Count;

    public bool Contains(string eventId) => _ids.Contains(eventId);

    /// <summary>Remembers <paramref name="eventId"/>; false (and nothing changes) when the window already holds it.</summary>
    public bool Add(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        if (!_ids.Add(eventId))
        {
            return false;
        }

        _order.Enqueue(eventId);
        while (_order.Count > Capacity)
        {
            _ids.Remove(_order.Dequeue());
        }

        return true;
    }

    /// <summary>The ids held, oldest first (what a snapshot stores to rebuild the window).</summary>
    public IReadOnlyCollection<string> InArrivalOrder() => _order;
}
