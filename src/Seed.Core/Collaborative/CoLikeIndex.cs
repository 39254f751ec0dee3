using System.Runtime.InteropServices;
using Seed.Abstractions.Catalog;
using Seed.Core.Ranking;

namespace Seed.Core.Collaborative;

/// <summary>
/// Co-like counts c(row, other) for the rows one owner holds (a catalog shard; the whole catalog offline), against
/// items anywhere in the catalog, stored inverted (other item → its rows and counts) because a ranking asks "which of
/// my rows were liked with these few items". Sparse: memory grows with the distinct pairs seen, bounded per like by
/// the user's window. Counts changed since <see cref="MarkSaved"/> are tracked for the owner's storage.
/// Not thread-safe: one owner updates it.
/// </summary>
public sealed class CoLikeIndex
{
    private readonly Dictionary<string, Dictionary<int, CoLikeCount>> _rowsByOther = new(StringComparer.Ordinal);

    /// <summary>
    /// Each pair changed since <see cref="MarkSaved"/>, once: the pair's own <see cref="CoLikeCount.Unsaved"/> flag says
    /// whether it is listed. A set of (row, id) tuples did the same with a second hash of the id per increment; in a
    /// profile of single events the counting was a tenth of the silo's CPU, and its dictionary lookups half of that.
    /// </summary>
    private readonly List<(int Row, string Other)> _unsaved = [];

    /// <summary>Number of distinct (row, other) pairs held.</summary>
    public int PairCount { get; private set; }

    /// <summary>Counts one more co-like of <paramref name="row"/> with <paramref name="otherItemId"/>.</summary>
    public void Increment(int row, string otherItemId)
    {
        // One lookup per increment: the count is updated through a reference into the dictionary's entry.
        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(RowsOf(otherItemId), row, out var existed);
        PairCount += existed ? 0 : 1;
        pair.Count++;
        if (!pair.Unsaved)
        {
            pair.Unsaved = true;
            _unsaved.Add((row, otherItemId));
        }
    }

    /// <summary>Sets a count read from storage (not marked unsaved).</summary>
    public void Set(int row, string otherItemId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(RowsOf(otherItemId), row, out var existed);
        PairCount += existed ? 0 : 1;
        pair.Count = count;
    }

    /// <summary>c(row, other); 0 when the two were never liked together.</summary>
    public int CountOf(int row, string otherItemId) =>
        _rowsByOther.TryGetValue(otherItemId, out var rows) && rows.TryGetValue(row, out var pair) ? pair.Count : 0;

    /// <summary>
    /// accumulator[row] += weight · c(row, item) for each query weight, in the weights' order: the one summation both
    /// the shards and the offline replay run, so their floats agree exactly.
    /// </summary>
    public void Accumulate(IReadOnlyList<CoLikeWeight> weights, Span<float> accumulator) => Accumulate(weights, accumulator, null);

    /// <summary>
    /// As <see cref="Accumulate(IReadOnlyList{CoLikeWeight}, Span{float})"/>, also marking in <paramref name="touchedRows"/>
    /// each row it adds to, so a caller can visit only those rows, and in row order (<see cref="RowBitSet.AppendRowsInOrder"/>):
    /// the rows come here in no order, and a caller's passes over its per-row arrays in that order were random reads
    /// across megabytes, two to three times the cost of the same passes in row order on a million-item catalog.
    /// </summary>
    public void Accumulate(IReadOnlyList<CoLikeWeight> weights, Span<float> accumulator, RowBitSet? touchedRows)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var weight in weights)
        {
            if (weight.Weight == 0f || !_rowsByOther.TryGetValue(weight.ItemId, out var rows))
            {
                continue;
            }

            foreach (var (row, (count, _)) in rows)
            {
                touchedRows?.Add(row);
                accumulator[row] += weight.Weight * count;
            }
        }
    }

    /// <summary>The counts changed since the last <see cref="MarkSaved"/>, with their current values.</summary>
    public IReadOnlyList<(int Row, string OtherItemId, int Count)> Unsaved() =>
        [.. _unsaved.Select(pair => (pair.Row, pair.Other, CountOf(pair.Row, pair.Other)))];

    public void MarkSaved()
    {
        foreach (var (row, other) in _unsaved)
        {
            CollectionsMarshal.GetValueRefOrNullRef(_rowsByOther[other], row).Unsaved = false;
        }

        _unsaved.Clear();
    }

    private Dictionary<int, CoLikeCount> RowsOf(string otherItemId)
    {
        ArgumentNullException.ThrowIfNull(otherItemId);
        if (!_rowsByOther.TryGetValue(otherItemId, out var rows))
        {
            rows = [];
            _rowsByOther[otherItemId] = rows;
        }

        return rows;
    }

    /// <summary>c(row, other) and whether it changed since the last save.</summary>
    private record struct CoLikeCount(int Count, bool Unsaved);
}
