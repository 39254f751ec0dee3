using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Seed.Core.Collaborative;

/// <summary>
/// One item's co-like counts with the rows of one owner (row → count, and whether it changed since it was last taken
/// for storage): the inner map of <see cref="CoLikeIndex"/>. Rows live in 64-byte buckets of seven 8-byte slots, each
/// bucket filled from its start; a row goes to the first bucket with room from its hash's, and the table doubles once
/// three slots in four are used. Rows are never removed (an owner's rows only grow).
/// </summary>
/// <remarks>
/// Written here rather than using <see cref="Dictionary{TKey,TValue}"/>: a live like counts 19 pairs each way, each in
/// another item's map, so a count costs what its cache misses cost. A dictionary reaches an entry through its bucket
/// array and then its entry array (20-byte entries, a 4-byte bucket each, an object per item); here a row is found
/// within one 64-byte bucket, and a pair takes 8 bytes at three slots in four. In a sampled profile of the single-event
/// benchmark's silo the shards' counting fell from 16–19% of the samples to 12–14%. On its own
/// (<c>CoLikeIndexBenchmarks</c>, against the dictionaries) a count costs about the same, most of it the lookup of the
/// other item's map by id; the gain is in the cache the counts leave to everything else. Filling buckets from their
/// start keeps the query's pass over a map (<see cref="CoLikeIndex.Accumulate"/>) on used slots only.
/// </remarks>
internal sealed class CoLikeRowCounts
{
    /// <summary>Slots per bucket: with the fill count, one bucket is 64 bytes.</summary>
    internal const int SlotsPerBucket = 7;

    /// <summary>Fibonacci hashing's multiplier (2^32 / φ): spreads consecutive rows over the buckets.</summary>
    private const uint HashMultiplier = 0x9E3779B9u;

    /// <summary>Bytes of one bucket.</summary>
    internal const int BucketBytes = 64;

    /// <summary>
    /// Bytes of a map before its buckets, by the footprint's convention (an object: 16-byte header and its fields; an
    /// array: 24-byte header): the map object and its bucket array's header.
    /// </summary>
    internal const int MapOverheadBytes = 16 + 16 + 24;

    private Bucket[] _buckets = new Bucket[1];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Buckets allocated (a map's bytes are <see cref="MapOverheadBytes"/> plus <see cref="BucketBytes"/> each).</summary>
    public int BucketCount => _buckets.Length;

    /// <summary>The slot of <paramref name="row"/>, added with a count of 0 when absent.</summary>
    public ref Slot GetOrAdd(int row, out bool existed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ref var found = ref Find(row);
        if (!Unsafe.IsNullRef(ref found))
        {
            existed = true;
            return ref found;
        }

        if (Count >= Limit(_buckets.Length))
        {
            Grow();
        }

        existed = false;
        Count++;
        return ref Place(_buckets, new Slot(row));
    }

    /// <summary>The slot of <paramref name="row"/>, or a null reference when this item was never liked with it.</summary>
    public ref Slot Find(int row)
    {
        var buckets = _buckets;
        var at = Home(row, buckets.Length);
        // Every bucket is looked at once at most: a single full bucket has no other to go on to.
        for (var visited = 0; visited < buckets.Length; visited++)
        {
            ref var bucket = ref buckets[at];
            for (var i = 0; i < bucket.Fill; i++)
            {
                if (bucket.Slots[i].Row == row)
                {
                    return ref bucket.Slots[i];
                }
            }

            if (bucket.Fill < SlotsPerBucket)
            {
                // A row goes to the first bucket with room from its home, so it is not beyond one with room.
                return ref Unsafe.NullRef<Slot>();
            }

            at = at + 1 == buckets.Length ? 0 : at + 1;
        }

        return ref Unsafe.NullRef<Slot>();
    }

    /// <summary>The buckets: each holds its rows in its first <see cref="Bucket.Fill"/> slots, in no particular row order.</summary>
    public ReadOnlySpan<Bucket> Buckets => _buckets;

    /// <summary>Rows a table of <paramref name="buckets"/> buckets takes before it doubles: all seven of a lone bucket, else three slots in four.</summary>
    private static int Limit(int buckets) => buckets == 1 ? SlotsPerBucket : buckets * SlotsPerBucket * 3 / 4;

    /// <summary>The row's home bucket: the top bits of its Fibonacci hash, scaled to the bucket count (any count, 1 included).</summary>
    private static int Home(int row, int buckets) => (int)(((ulong)((uint)row * HashMultiplier) * (ulong)buckets) >> 32);

    /// <summary>Puts a slot whose row the table does not hold in the first bucket with room from its home.</summary>
    private static ref Slot Place(Bucket[] buckets, Slot slot)
    {
        var at = Home(slot.Row, buckets.Length);
        while (buckets[at].Fill == SlotsPerBucket)
        {
            at = at + 1 == buckets.Length ? 0 : at + 1;
        }

        ref var bucket = ref buckets[at];
        ref var placed = ref bucket.Slots[bucket.Fill++];
        placed = slot;
        return ref placed;
    }

    private void Grow()
    {
        var old = _buckets;
        var grown = new Bucket[old.Length * 2];
        foreach (ref readonly var bucket in old.AsSpan())
        {
            for (var i = 0; i < bucket.Fill; i++)
            {
                Place(grown, bucket.Slots[i]);
            }
        }

        _buckets = grown;
    }

    /// <summary>One row's count.</summary>
    internal struct Slot(int row)
    {
        private const uint UnsavedBit = 1u << 31;

        /// <summary>The count in the low 31 bits, the unsaved flag in the top bit.</summary>
        private uint _countAndFlag;

        public readonly int Row { get; } = row;

        public int Count
        {
            readonly get => (int)(_countAndFlag & ~UnsavedBit);
            set => _countAndFlag = (uint)value | (_countAndFlag & UnsavedBit);
        }

        /// <summary>Whether the count changed since it was last taken for storage.</summary>
        public bool Unsaved
        {
            readonly get => (_countAndFlag & UnsavedBit) != 0;
            set => _countAndFlag = value ? _countAndFlag | UnsavedBit : _countAndFlag & ~UnsavedBit;
        }
    }

    /// <summary>Seven slots and how many of them, from the first, are used: 60 bytes, laid out as 64.</summary>
    [StructLayout(LayoutKind.Sequential, Size = BucketBytes)]
    internal struct Bucket
    {
        public int Fill;

        public SlotArray Slots;
    }

    [InlineArray(SlotsPerBucket)]
    internal struct SlotArray
    {
        private Slot _first;
    }
}
