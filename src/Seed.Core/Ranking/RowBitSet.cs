using System.Numerics;

namespace Seed.Core.Ranking;

/// <summary>
/// Compact set of row indices (one bit per row), used for "already seen" exclusions and filters during top-K.
/// Rows at or beyond <see cref="Length"/> are simply not contained; adding one grows the set.
/// Not thread-safe.
/// </summary>
public sealed class RowBitSet
{
    private const int BitsPerWord = 64;
    private ulong[] _words;

    /// <summary>Creates an empty set covering rows [0, <paramref name="length"/>).</summary>
    public RowBitSet(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _words = new ulong[WordsFor(length)];
        Length = length;
    }

    /// <summary>Bytes the set's words hold, spare capacity included.</summary>
    public long AllocatedBytes => (long)_words.Length * sizeof(ulong);

    /// <summary>Number of rows the set currently covers.</summary>
    public int Length { get; private set; }

    /// <summary>Number of rows in the set.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (ulong word in _words)
            {
                count += BitOperations.PopCount(word);
            }

            return count;
        }
    }

    /// <summary>Grows the covered range to at least <paramref name="length"/> rows (never shrinks).</summary>
    public void EnsureLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= Length)
        {
            return;
        }

        int words = WordsFor(length);
        if (words > _words.Length)
        {
            Array.Resize(ref _words, Math.Max(words, Math.Min(_words.Length * 2, WordsFor(int.MaxValue))));
        }

        Length = length;
    }

    /// <summary>Adds a row, growing the set when the row is beyond <see cref="Length"/>.</summary>
    public void Add(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        EnsureLength(row + 1);
        _words[row / BitsPerWord] |= 1UL << (row % BitsPerWord);
    }

    /// <summary>True when the row is in the set (false for negative or out-of-range rows).</summary>
    public bool Contains(int row) =>
        (uint)row < (uint)Length && (_words[row / BitsPerWord] & (1UL << (row % BitsPerWord))) != 0;

    /// <summary>Adds every row of <paramref name="other"/>.</summary>
    public void UnionWith(RowBitSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        EnsureLength(other.Length);
        int words = WordsFor(other.Length);
        for (int i = 0; i < words; i++)
        {
            _words[i] |= other._words[i];
        }
    }

    /// <summary>Adds every row below <paramref name="length"/> that is NOT in <paramref name="other"/> (turns an allow-list into exclusions).</summary>
    public void UnionWithComplementOf(RowBitSet other, int length)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        EnsureLength(length);
        int fullWords = length / BitsPerWord;
        for (int i = 0; i < fullWords; i++)
        {
            _words[i] |= ~other.WordAt(i);
        }

        int remainingBits = length % BitsPerWord;
        if (remainingBits != 0)
        {
            ulong lowBits = (1UL << remainingBits) - 1;
            _words[fullWords] |= ~other.WordAt(fullWords) & lowBits;
        }
    }

    /// <summary>
    /// Appends every row in the set to <paramref name="rows"/> in increasing order: a sort of a sparse set of rows for
    /// the price of one pass over its words.
    /// </summary>
    public void AppendRowsInOrder(List<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var words = _words.AsSpan(0, WordsFor(Length));
        for (var index = 0; index < words.Length; index++)
        {
            var word = words[index];
            if (word == 0)
            {
                continue;
            }

            var first = index * BitsPerWord;
            while (word != 0)
            {
                rows.Add(first + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }

    /// <summary>Removes every row; <see cref="Length"/> is kept.</summary>
    public void Clear() => Array.Clear(_words);

    /// <summary>
    /// Removes <paramref name="rows"/> (those outside <see cref="Length"/> are ignored). A caller that keeps the rows it
    /// added in a list empties a sparse set this way at one word per row: a query's reused sets over a 250,000-row
    /// shard hold a few hundred to a few thousand rows, and <see cref="Clear"/> writes all 31 KB of each, cache line by
    /// cache line, per query.
    /// </summary>
    public void Remove(ReadOnlySpan<int> rows)
    {
        foreach (var row in rows)
        {
            if ((uint)row < (uint)Length)
            {
                _words[row / BitsPerWord] &= ~(1UL << (row % BitsPerWord));
            }
        }
    }

    /// <summary>An independent copy.</summary>
    public RowBitSet Clone()
    {
        var clone = new RowBitSet(0) { _words = (ulong[])_words.Clone(), Length = Length };
        return clone;
    }

    // Bits beyond other's Length are always zero (Add grows Length first, Clear zeroes everything), so a missing word reads as empty.
    private ulong WordAt(int index) => index < _words.Length ? _words[index] : 0UL;

    private static int WordsFor(int length) => (int)(((long)length + BitsPerWord - 1) / BitsPerWord);
}
