using System.Diagnostics.CodeAnalysis;

namespace Seed.Encoders;

/// <summary>
/// Thread-safe, bounded, exact least-recently-used cache.
/// </summary>
/// <remarks>
/// Hand-written rather than MemoryCache: MemoryCache compacts by priority and a percentage in the background, so it
/// does not evict exactly the least recently used entry and can overshoot its bound; each entry also carries an
/// ICacheEntry with expiration bookkeeping, which costs more than the 512-byte vectors cached here.
/// A dictionary plus an intrusive linked list under one lock gives O(1) get/set with exact LRU order; the critical
/// sections are a few pointer moves, so contention stays low next to the inference they save.
/// </remarks>
public sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    // Front = most recently used, back = next to evict.
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = new();
    private readonly Lock _gate = new();

    /// <summary>Creates an empty cache holding at most <paramref name="capacity"/> entries.</summary>
    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    /// <summary>Most entries kept.</summary>
    public int Capacity { get; }

    /// <summary>Entries currently held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Looks <paramref name="key"/> up and, on a hit, marks it most recently used.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<KeyValuePair<TKey, TValue>>? node))
            {
                MoveToFront(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Adds or replaces <paramref name="key"/> as most recently used, evicting the least recently used entry when full.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<KeyValuePair<TKey, TValue>>? existing))
            {
                existing.Value = new KeyValuePair<TKey, TValue>(key, value);
                MoveToFront(existing);
                return;
            }

            LinkedListNode<KeyValuePair<TKey, TValue>> node;
            if (_entries.Count >= Capacity)
            {
                // Recycle the evicted node so a full cache adds entries without allocating list nodes.
                node = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(node.Value.Key);
                node.Value = new KeyValuePair<TKey, TValue>(key, value);
            }
            else
            {
                node = new LinkedListNode<KeyValuePair<TKey, TValue>>(new KeyValuePair<TKey, TValue>(key, value));
            }

            _recency.AddFirst(node);
            _entries.Add(key, node);
        }
    }

    /// <summary>Removes <paramref name="key"/>; returns whether it was present.</summary>
    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            if (!_entries.Remove(key, out LinkedListNode<KeyValuePair<TKey, TValue>>? node))
            {
                return false;
            }

            _recency.Remove(node);
            return true;
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }

    private void MoveToFront(LinkedListNode<KeyValuePair<TKey, TValue>> node)
    {
        if (node != _recency.First)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }
    }
}
