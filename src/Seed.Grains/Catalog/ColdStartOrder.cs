using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// Each row's position in ordinal item-id order (how <see cref="ColdStartRanking"/> breaks ties), kept up to date
/// incrementally. Rows are only ever appended and keep their ids, so rows added since the last query are sorted
/// among themselves and merged into the order: a binary search per added row plus one integer pass over the shard,
/// instead of sorting every id again (an O(n log n) string sort per chunk of a bulk import once a cold user asked).
/// Not thread-safe (the shard grain is not reentrant).
/// </summary>
internal sealed class ColdStartOrder
{
    private int[] _rowsInIdOrder = [];
    private int[] _ranks = [];

    /// <summary>The merged order is written here and then swapped in, so a merge allocates only when the shard outgrows both.</summary>
    private int[] _spare = [];

    /// <summary>Rows (from 0) the order covers.</summary>
    private int _covered;

    /// <summary>Each row's id rank, for rows 0 to <paramref name="items"/>.Count − 1 (the array may be longer).</summary>
    public int[] Ranks(IReadOnlyList<StoredItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (_covered == items.Count)
        {
            return _ranks;
        }

        var added = new int[items.Count - _covered];
        var addedIds = new string[added.Length];
        for (var i = 0; i < added.Length; i++)
        {
            added[i] = _covered + i;
            addedIds[i] = items[_covered + i].Item.Id;
        }

        Array.Sort(addedIds, added, StringComparer.Ordinal);
        var merged = Capacity(ref _spare, items.Count);
        var kept = 0;
        var written = 0;
        for (var i = 0; i < added.Length; i++)
        {
            // Ids are unique, so an added id never equals a kept one: the search always ends between two kept rows.
            var insertAt = BinarySearch(items, kept, addedIds[i]);
            Array.Copy(_rowsInIdOrder, kept, merged, written, insertAt - kept);
            written += insertAt - kept;
            kept = insertAt;
            merged[written++] = added[i];
        }

        Array.Copy(_rowsInIdOrder, kept, merged, written, _covered - kept);
        (_rowsInIdOrder, _spare) = (merged, _rowsInIdOrder);
        var ranks = Capacity(ref _ranks, items.Count);
        for (var position = 0; position < items.Count; position++)
        {
            ranks[_rowsInIdOrder[position]] = position;
        }

        _covered = items.Count;
        return ranks;
    }

    /// <summary>Bytes of the order's arrays (spare capacity included).</summary>
    public long AllocatedBytes => ((long)_rowsInIdOrder.Length + _ranks.Length + _spare.Length) * sizeof(int);

    /// <summary>The first position at or after <paramref name="from"/> among the covered rows whose id orders after <paramref name="id"/>.</summary>
    private int BinarySearch(IReadOnlyList<StoredItem> items, int from, string id)
    {
        int low = from, high = _covered;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(items[_rowsInIdOrder[middle]].Item.Id, id) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary><paramref name="array"/>, replaced by one twice as large (or <paramref name="length"/>) when it is too short.</summary>
    private static int[] Capacity(ref int[] array, int length)
    {
        if (array.Length < length)
        {
            array = new int[Math.Max(length, array.Length * 2)];
        }

        return array;
    }
}
