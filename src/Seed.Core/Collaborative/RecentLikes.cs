using Seed.Abstractions.Catalog;

namespace Seed.Core.Collaborative;

/// <summary>
/// A user's last N distinct liked items, most recent first: the "R" of <see cref="CoLikeSettings"/>. A like of an item
/// already held moves it to the front. Wraps the caller's list (the user grain's persisted state) without copying.
/// Not thread-safe: one owner updates it.
/// </summary>
public sealed class RecentLikes
{
    private readonly List<string> _items;
    private readonly int _window;

    public RecentLikes(List<string> items, int window)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _items = items;
        _window = window;
        if (_items.Count > window)
        {
            _items.RemoveRange(window, _items.Count - window);
        }
    }

    /// <summary>The liked item ids, most recent first.</summary>
    public IReadOnlyList<string> Items => _items;

    /// <summary>
    /// Records a like of <paramref name="itemId"/> and adds to <paramref name="pairs"/> the co-like pairs it makes:
    /// (itemId, j) and (j, itemId) for every other item j held before this like. Each pair is counted by the shard
    /// that owns its first item.
    /// </summary>
    public void Add(string itemId, ICollection<CoLikePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var other in _items)
        {
            if (!string.Equals(other, itemId, StringComparison.Ordinal))
            {
                pairs.Add(new CoLikePair(itemId, other));
                pairs.Add(new CoLikePair(other, itemId));
            }
        }

        _items.Remove(itemId);
        _items.Insert(0, itemId);
        if (_items.Count > _window)
        {
            _items.RemoveAt(_items.Count - 1);
        }
    }
}
