using System.Collections.Concurrent;

namespace Seed.Grains.Users;

/// <summary>
/// One instance per distinct item id and category name across a silo's user grains. Every user that touched an
/// item otherwise keeps its own copy of the id (each request and each storage read makes new strings) and of each
/// lower-cased category, which at a million users is tens of megabytes of identical strings. The strings come from
/// the catalog (events on unknown items are refused), so the pool is bounded by the catalog; past
/// <see cref="Capacity"/> strings it stops adding and hands back the caller's own string.
/// </summary>
public sealed class SharedStrings(int capacity)
{
    /// <summary>Enough for a catalog of a million items with their categories.</summary>
    public const int DefaultCapacity = 1 << 21;

    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);
    private int _count;

    public SharedStrings()
        : this(DefaultCapacity)
    {
    }

    public int Capacity { get; } = capacity;

    /// <summary>The pooled instance equal to <paramref name="value"/> (pooling it when there is room).</summary>
    public string Share(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        // Counted separately: ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        shared = _pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }

    /// <summary>Replaces each string of <paramref name="values"/> by its pooled instance, in place.</summary>
    public void ShareAll(List<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
        {
            values[i] = Share(values[i]);
        }
    }
}
