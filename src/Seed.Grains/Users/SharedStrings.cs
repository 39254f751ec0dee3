using System.Collections.Concurrent;

namespace Seed.Grains.Users;

/// <summary>
/// One instance per distinct item id and category name across a silo's user grains. Every user that touched an
/// item otherwise keeps its own copy of the id (each request and each storage read makes new strings) and of each
/// lower-cased category, which at a million users is tens of megabytes of identical strings. The strings come from
/// the catalog (events on unknown items are refused), so the pool is bounded by the catalog; past
/// <see cref="Capacity"/> strings it stops adding and hands back the caller's own string.
/// </summary>
public sealed class SharedStrings
{
    /// <summary>Enough for a catalog of a million items with their categories.</summary>
    public const int DefaultCapacity = 1 << 21;

    /// <summary>Longest string <see cref="ShareLowerInvariant"/> lower-cases on the stack (longer ones are rare and lower-cased on the heap).</summary>
    private const int MaxStackChars = 256;

    private readonly ConcurrentDictionary<string, string> _pool;

    /// <summary>The pool looked up by characters, so a lower-cased span finds its pooled string without becoming a string first.</summary>
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _poolByChars;

    private int _count;

    public SharedStrings()
        : this(DefaultCapacity)
    {
    }

    public SharedStrings(int capacity)
    {
        Capacity = capacity;
        _pool = new(StringComparer.Ordinal);
        _poolByChars = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

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

    /// <summary>
    /// The pooled instance of <paramref name="value"/>.<see cref="string.ToLowerInvariant()"/>. Category names are
    /// lower-cased for every event that touches them; a name the pool holds in lower case is found from the
    /// lower-cased characters on the stack, so only a new name allocates its lower-case string.
    /// </summary>
    public string ShareLowerInvariant(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxStackChars)
        {
            Span<char> lower = stackalloc char[value.Length];
            value.AsSpan().ToLowerInvariant(lower);
            if (_poolByChars.TryGetValue(lower, out var shared))
            {
                return shared;
            }
        }

        return Share(value.ToLowerInvariant());
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
