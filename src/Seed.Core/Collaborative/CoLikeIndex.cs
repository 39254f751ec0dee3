using System.Runtime.CompilerServices;
using Seed.Abstractions.Catalog;
using Seed.Core.Ranking;

namespace Seed.Core.Collaborative;

/// <summary>
/// Co-like counts c(row, other) for the rows one owner holds (a catalog shard; the whole catalog offline), against
/// items anywhere in the catalog, stored inverted (other item → its rows and counts) because a ranking asks "which of
/// my rows were liked with these few items". Sparse: memory grows with the distinct pairs seen, bounded per like by
/// the user's window. Counts changed since they were last taken for storage are tracked (<see cref="TakeUnsaved"/>).
/// Not thread-safe: one owner updates it.
/// </summary>
public sealed class CoLikeIndex
{
    /// <summary>The largest count a pair holds: a count that reaches it stays there rather than wrapping round.</summary>
    public const int MaxCount = int.MaxValue;

    private readonly Dictionary<string, CoLikeRowCounts> _rowsByOther = new(StringComparer.Ordinal);

    /// <summary>
    /// Each pair changed since it was last taken, once: the pair's own <see cref="CoLikeRowCounts.Slot.Unsaved"/> flag says
    /// whether it is listed. A set of (row, id) tuples did the same with a second hash of the id per increment; in a
    /// profile of single events the counting was a tenth of the silo's CPU, and its dictionary lookups half of that.
    /// Each entry keeps its item's row map, so taking it is one lookup by row, not a second hash of the id: a shard
    /// flushing 500,000 changed pairs spent most of a half-second turn finding them again by id.
    /// </summary>
    private readonly List<UnsavedPair> _unsaved = [];

    /// <summary>
    /// Entries before this in <see cref="_unsaved"/> are taken (oldest first, so a caller that takes only as many as
    /// were pending when it began takes exactly those); the list drops them once they are half of it.
    /// </summary>
    private int _unsavedStart;

    /// <summary>Bytes of one entry of <see cref="_rowsByOther"/>: hash code, next index, key and value references, and its int bucket.</summary>
    private const int OtherItemEntryBytes = 4 + 4 + 8 + 8 + 4;

    /// <summary>Bytes of one <see cref="UnsavedPair"/> in the unsaved list (row, two references, padded).</summary>
    private const int UnsavedEntryBytes = 24;

    /// <summary>The row maps' bytes, kept as a running total (a map's bytes change only when it is made or grows).</summary>
    private long _mapBytes;

    /// <summary>Number of distinct (row, other) pairs held.</summary>
    public int PairCount { get; private set; }

    /// <summary>Number of pairs changed since they were last taken (<see cref="TakeUnsaved"/>).</summary>
    public int UnsavedCount => _unsaved.Count - _unsavedStart;

    /// <summary>
    /// Memory the counts hold, estimated from the structures' sizes as <c>CatalogFootprint</c> counts them: the row
    /// maps, the item → map entries (sized to the count) and the unsaved list's capacity. O(1): a running total.
    /// </summary>
    public long AllocatedBytes => _mapBytes + ((long)_rowsByOther.Count * OtherItemEntryBytes) + ((long)_unsaved.Capacity * UnsavedEntryBytes);

    /// <summary>Counts one more co-like of <paramref name="row"/> with <paramref name="otherItemId"/>.</summary>
    public void Increment(int row, string otherItemId) => Increment(new ReadOnlySpan<int>(in row), otherItemId);

    /// <summary>
    /// Counts one more co-like of each of <paramref name="rows"/> with <paramref name="otherItemId"/>: a like's pairs
    /// turned round (its others here, the liked item elsewhere) find the item's row map once, not once per row.
    /// </summary>
    public void Increment(ReadOnlySpan<int> rows, string otherItemId)
    {
        var counts = RowsOf(otherItemId);
        foreach (var row in rows)
        {
            // The count is updated through a reference into the map's slot: one lookup per row.
            ref var pair = ref PairIn(counts, row);
            pair.Count += pair.Count < MaxCount ? 1 : 0;
            if (!pair.Unsaved)
            {
                pair.Unsaved = true;
                _unsaved.Add(new UnsavedPair(row, otherItemId, counts));
            }
        }
    }

    /// <summary>Sets a count read from storage (not marked unsaved).</summary>
    public void Set(int row, string otherItemId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        PairIn(RowsOf(otherItemId), row).Count = count;
    }

    /// <summary>c(row, other); 0 when the two were never liked together.</summary>
    public int CountOf(int row, string otherItemId)
    {
        if (!_rowsByOther.TryGetValue(otherItemId, out var rows))
        {
            return 0;
        }

        ref var pair = ref rows.Find(row);
        return Unsafe.IsNullRef(ref pair) ? 0 : pair.Count;
    }

    /// <summary>
    /// accumulator[row] += weight · c(row, item) for each query weight, in the weights' order: the one summation both
    /// the shards and the offline replay run, so their floats agree exactly.
    /// </summary>
    /// <param name="weights">The user's likes with their query weights.</param>
    /// <param name="accumulator">One float per row, added to.</param>
    /// <param name="touchedRows">
    /// When given, each row added to is marked here, so a caller can visit only those rows, and in row order
    /// (<see cref="RowBitSet.AppendRowsInOrder"/>): the rows come here in no order, and a caller's passes over its per-row
    /// arrays in that order were random reads across megabytes, two to three times the cost of the same passes in row
    /// order on a million-item catalog.
    /// </param>
    /// <param name="minContribution">
    /// Each pair whose contribution, weight · c(row, item), is below this is skipped: it neither adds to its row nor
    /// marks it. A liked item with many likes has a small weight (δ^p / sqrt(n)), and on a large catalog most of its
    /// pairs were seen once, so a floor drops most of the rows it touches, each by less than the floor (a row's term
    /// divides by sqrt(n_row) ≥ 1 as well). 0 keeps every pair: the exact sum.
    /// </param>
    public void Accumulate(IReadOnlyList<CoLikeWeight> weights, Span<float> accumulator, RowBitSet? touchedRows = null, float minContribution = 0f)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!(minContribution >= 0f) || float.IsPositiveInfinity(minContribution))
        {
            throw new ArgumentOutOfRangeException(nameof(minContribution), minContribution, "The least contribution must be a finite number >= 0.");
        }

        foreach (var weight in weights)
        {
            if (weight.Weight == 0f || !_rowsByOther.TryGetValue(weight.ItemId, out var rows))
            {
                continue;
            }

            var weightOfItem = weight.Weight;
            foreach (ref readonly var bucket in rows.Buckets)
            {
                for (var i = 0; i < bucket.Fill; i++)
                {
                    // The product the sum adds anyway, so a floor of 0 leaves the floats exactly as without one.
                    ref readonly var pair = ref bucket.Slots[i];
                    var contribution = weightOfItem * pair.Count;
                    if (contribution < minContribution)
                    {
                        continue;
                    }

                    touchedRows?.Add(pair.Row);
                    accumulator[pair.Row] += contribution;
                }
            }
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> of the pairs changed since they were last taken, oldest change first, each
    /// once, with its current count, and counts them as saved: a pair that changes again is listed again, after those
    /// already listed. An owner that fails to store a taken batch gives it back with <see cref="MarkUnsaved"/>. Taking
    /// in batches keeps each step short, so an owner that answers other calls between the steps is never held up by
    /// the whole backlog.
    /// </summary>
    public IReadOnlyList<(int Row, string OtherItemId, int Count)> TakeUnsaved(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var taken = new (int Row, string OtherItemId, int Count)[Math.Min(max, UnsavedCount)];
        for (var at = 0; at < taken.Length; at++)
        {
            var entry = _unsaved[_unsavedStart + at];
            ref var pair = ref entry.Rows.Find(entry.Row);
            pair.Unsaved = false;
            taken[at] = (entry.Row, entry.Other, pair.Count);
        }

        _unsavedStart += taken.Length;
        if (_unsavedStart >= _unsaved.Count / 2)
        {
            // Moves what is left to the front once the taken entries are half the list: each entry moves at most once
            // on average, where removing each batch from the front would move the whole backlog per batch.
            _unsaved.RemoveRange(0, _unsavedStart);
            _unsavedStart = 0;
        }

        return taken;
    }

    /// <summary>
    /// Lists a pair as changed again (its store write failed), so the next <see cref="TakeUnsaved"/> takes it with its
    /// count then. A pair this index does not hold, or that is listed already, is left as it is.
    /// </summary>
    public void MarkUnsaved(int row, string otherItemId)
    {
        ArgumentNullException.ThrowIfNull(otherItemId);
        if (!_rowsByOther.TryGetValue(otherItemId, out var rows))
        {
            return;
        }

        ref var pair = ref rows.Find(row);
        if (Unsafe.IsNullRef(ref pair) || pair.Unsaved)
        {
            return;
        }

        pair.Unsaved = true;
        _unsaved.Add(new UnsavedPair(row, otherItemId, rows));
    }

    private CoLikeRowCounts RowsOf(string otherItemId)
    {
        ArgumentNullException.ThrowIfNull(otherItemId);
        if (!_rowsByOther.TryGetValue(otherItemId, out var rows))
        {
            rows = new CoLikeRowCounts();
            _rowsByOther[otherItemId] = rows;
            _mapBytes += CoLikeRowCounts.MapOverheadBytes + ((long)rows.BucketCount * CoLikeRowCounts.BucketBytes);
        }

        return rows;
    }

    /// <summary>The slot of (<paramref name="row"/>, the map's item), added when new: counted, with the buckets its map grew by.</summary>
    private ref CoLikeRowCounts.Slot PairIn(CoLikeRowCounts counts, int row)
    {
        var bucketsBefore = counts.BucketCount;
        ref var pair = ref counts.GetOrAdd(row, out var existed);
        if (!existed)
        {
            PairCount++;
            _mapBytes += (long)(counts.BucketCount - bucketsBefore) * CoLikeRowCounts.BucketBytes;
        }

        return ref pair;
    }

    /// <summary>A changed pair, with the row map of its other item (never replaced once made) to find it in.</summary>
    private readonly record struct UnsavedPair(int Row, string Other, CoLikeRowCounts Rows);
}
