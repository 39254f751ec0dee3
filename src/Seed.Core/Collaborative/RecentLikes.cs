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
    /// Records a like of <paramref name="itemId"/> and returns the items it pairs with: every other item held before
    /// this like, most recent first (empty when there is none). The pairs are (itemId, j) and (j, itemId) for each
    /// such j; each is counted by the shard that owns its first item.
    /// </summary>
    public string[] Add(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        var held = _items.IndexOf(itemId);
        var otherCount = _items.Count - (held >= 0 ? 1 : 0);
        string[] others = otherCount == 0 ? [] : new string[otherCount];
        for (int i = 0, at = 0; i < _items.Count; i++)
        {
            if (i != held)
            {
                others[at++] = _items[i];
            }
        }

        if (held >= 0)
        {
            _items.RemoveAt(held);
        }

        _items.Insert(0, itemId);
        if (_items.Count > _window)
        {
            _items.RemoveAt(_items.Count - 1);
        }

        return others;
    }
}
