using System.Collections.Concurrent;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Running;

/// <summary>
/// The "event -> visible" check of an --event-then-recommend run. Recommendations leave out the items a user has seen
/// (the default), so an event on an item that was in the user's last list must take that item out of the next list:
/// the event names the top item of the list this user was last given, and the list read right after it shows whether
/// the event had taken effect. A user's first operation has no list to pick from yet; its event is posted as drawn and
/// left unchecked. Thread-safe across users; the runner keeps one user's operations in order, so a user's list is
/// never read and replaced at the same time.
/// </summary>
public sealed class VisibilityTracker
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _lastListByUser = new(StringComparer.Ordinal);
    private long _visible;
    private long _notVisible;
    private long _unchecked;

    /// <summary>Measured round trips whose event's item had left the list read right after it.</summary>
    public long Visible => Interlocked.Read(ref _visible);

    /// <summary>Measured round trips whose event's item was still in the list read right after it: the event was not visible.</summary>
    public long NotVisible => Interlocked.Read(ref _notVisible);

    /// <summary>Measured round trips with nothing to check: the user's first, or the first after an empty list or a failed round trip.</summary>
    public long Unchecked => Interlocked.Read(ref _unchecked);

    /// <summary>
    /// The event to post for <paramref name="drawn"/>'s user, and the item the next list must no longer hold (null when
    /// there is nothing to check). The drawn event keeps its id, user, time and type; a drawn search becomes a view.
    /// </summary>
    public (LoadEvent Event, string? MustDisappear) EventFor(LoadEvent drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        if (!_lastListByUser.TryGetValue(drawn.UserId, out var list) || list.Count == 0)
        {
            return (drawn, null);
        }

        var top = list[0];
        return (drawn with { ItemId = top, Text = null, Type = drawn.ItemId is null ? "view" : drawn.Type }, top);
    }

    /// <summary>
    /// Keeps <paramref name="list"/> as the user's last one and says whether <paramref name="mustDisappear"/> left it
    /// (null: nothing was checked). Counted only when <paramref name="measured"/>.
    /// </summary>
    public bool? Observe(string userId, string? mustDisappear, IReadOnlyList<string> list, bool measured)
    {
        ArgumentNullException.ThrowIfNull(list);
        _lastListByUser[userId] = list;
        bool? visible = mustDisappear is null ? null : !list.Contains(mustDisappear, StringComparer.Ordinal);
        if (measured)
        {
            Interlocked.Increment(ref visible is null ? ref _unchecked : ref visible.Value ? ref _visible : ref _notVisible);
        }

        return visible;
    }

    /// <summary>
    /// A leg failed: the user's kept list may no longer match their state (the event may have been applied without a
    /// list to show it), so their next round trip is left unchecked rather than checked against a stale list.
    /// </summary>
    public void Forget(string userId) => _lastListByUser.TryRemove(userId, out _);
}
