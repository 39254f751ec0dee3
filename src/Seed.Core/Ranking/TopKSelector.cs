using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Seed.Core.Ranking;

/// <summary>
/// Exact top-K by dot product over a row-major matrix (rows and query are unit vectors, so the score is cosine).
/// One pass with a bounded min-heap: O(n·d + n·log k) time, O(k) memory, no per-row allocation and no full sort.
/// Ranking order: higher score first, equal scores by lower row index, so results are deterministic.
/// </summary>
public static class TopKSelector
{
    /// <summary>Returns up to <paramref name="k"/> best rows, best first, skipping rows in <paramref name="excluded"/>.</summary>
    public static ScoredIndex[] Select(ReadOnlySpan<float> rows, int dimension, ReadOnlySpan<float> query, int k, RowBitSet? excluded = null) =>
        Select(rows, dimension, query, k, excluded, ReadOnlySpan<float>.Empty);

    /// <summary>
    /// Same, with a per-row additive prior: score(row) = rows[row] · query + <paramref name="rowBias"/>[row]
    /// (empty <paramref name="rowBias"/> means none). The learned interest model ranks by cosine plus a popularity
    /// prior (<see cref="PopularityPrior"/>), and scoring both in the one pass keeps the scan at memory speed.
    /// </summary>
    public static ScoredIndex[] Select(ReadOnlySpan<float> rows, int dimension, ReadOnlySpan<float> query, int k, RowBitSet? excluded, ReadOnlySpan<float> rowBias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (query.Length != dimension)
        {
            throw new ArgumentException($"Query has length {query.Length}, expected {dimension}.", nameof(query));
        }

        if (rows.Length % dimension != 0)
        {
            throw new ArgumentException($"Row buffer length {rows.Length} is not a multiple of the dimension {dimension}.", nameof(rows));
        }

        int rowCount = rows.Length / dimension;
        if (!rowBias.IsEmpty && rowBias.Length < rowCount)
        {
            throw new ArgumentException($"Row bias has length {rowBias.Length}, expected at least {rowCount} (one per row).", nameof(rowBias));
        }

        if (k <= 0 || rowCount == 0)
        {
            return [];
        }

        var heap = new ScoredIndex[Math.Min(k, rowCount)];
        int heapCount = 0;
        // One fused pass (score a row, then at once test it against the weakest kept score) rather than scoring a
        // block of 256 rows into a buffer and then running the heap over it: measured on 1M x 128 rows (see
        // docs/PERFORMANCE.md) the two-pass version reached 54% of the streaming-read floor and the fused pass 98%,
        // and at 10k rows it is 2.3x faster: the separate heap pass stalled the stream of row loads between blocks.
        for (int row = 0; row < rowCount; row++)
        {
            // Excluded rows are not even scored (often most of a user's history sits in the head of the catalogue).
            if (excluded is not null && excluded.Contains(row))
            {
                continue;
            }

            Offer(heap, ref heapCount, new ScoredIndex(row, Score(rows, dimension, query, row, rowBias)));
        }

        return SortBestFirst(heap, heapCount);
    }

    /// <summary>
    /// The <paramref name="count"/> rows with the highest <paramref name="values"/>[row], highest first (equal values
    /// by lower row), among <paramref name="rows"/> (empty: every row of <paramref name="values"/>).
    /// </summary>
    public static int[] HighestValues(ReadOnlySpan<float> values, ReadOnlySpan<int> rows, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var heap = new ScoredIndex[Math.Min(count, rows.IsEmpty ? values.Length : rows.Length)];
        if (heap.Length == 0)
        {
            return [];
        }

        var kept = 0;
        if (rows.IsEmpty)
        {
            for (var row = 0; row < values.Length; row++)
            {
                Offer(heap, ref kept, new ScoredIndex(row, values[row]));
            }
        }
        else
        {
            foreach (var row in rows)
            {
                Offer(heap, ref kept, new ScoredIndex(row, values[row]));
            }
        }

        return [.. SortBestFirst(heap, kept).Select(scored => scored.Index)];
    }

    /// <summary>
    /// As <see cref="HighestValues"/> over <paramref name="rows"/> with the values listed beside them
    /// (<paramref name="values"/>[i] is row <paramref name="rows"/>[i]'s): the same rows in the same order, reading the
    /// values in sequence rather than one row-indexed read each, at random, for thousands of rows. When the rows far
    /// outnumber <paramref name="count"/>, only the values at or above a floor read off a sample are offered to the
    /// heap (<see cref="SampledFloor"/>); that is exact whenever at least <paramref name="count"/> values reach the
    /// floor, and otherwise every value is offered again.
    /// </summary>
    public static int[] HighestOfRows(ReadOnlySpan<int> rows, ReadOnlySpan<float> values, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (values.Length != rows.Length)
        {
            throw new ArgumentException($"Values has length {values.Length}, expected one per row ({rows.Length}).", nameof(values));
        }

        var heap = new ScoredIndex[Math.Min(count, rows.Length)];
        if (heap.Length == 0)
        {
            return [];
        }

        var kept = 0;
        var floor = SampledFloor(values, heap.Length);
        if (floor > float.NegativeInfinity)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                if (values[i] >= floor)
                {
                    Offer(heap, ref kept, new ScoredIndex(rows[i], values[i]));
                }
            }
        }

        if (kept < heap.Length)
        {
            // No floor, or fewer than count values reached it (so it was above the count-th value): offer every value.
            kept = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                Offer(heap, ref kept, new ScoredIndex(rows[i], values[i]));
            }
        }

        return [.. SortBestFirst(heap, kept).Select(scored => scored.Index)];
    }

    /// <summary>
    /// A value that about 1.5 × <paramref name="count"/> of <paramref name="values"/> reach, estimated from every
    /// stride-th value, or negative infinity when the values are too few for a sample to pay. If at least count values
    /// reach it, the count-th highest value is at or above it, so every value of the top count does too. Offering only
    /// those turned the boosted-row choice of a million-item shard (256 of ~15,000 co-liked rows) from a heap
    /// comparison per row into a float comparison per row.
    /// </summary>
    private static float SampledFloor(ReadOnlySpan<float> values, int count)
    {
        const int SampleSize = 2048;
        if (values.Length < 16 * count || values.Length < 2 * SampleSize)
        {
            return float.NegativeInfinity;
        }

        var stride = values.Length / SampleSize;
        var rank = (int)Math.Min(SampleSize, ((3L * count) + (2L * stride) - 1) / (2L * stride));
        Span<ScoredIndex> highest = rank <= 1024 ? stackalloc ScoredIndex[rank] : new ScoredIndex[rank];
        var kept = 0;
        for (var i = 0; i < values.Length; i += stride)
        {
            if (!float.IsNaN(values[i]))
            {
                Offer(highest, ref kept, new ScoredIndex(i, values[i]));
            }
        }

        return kept < highest.Length ? float.NegativeInfinity : highest[0].Score;
    }

    /// <summary>
    /// Keeps <paramref name="candidate"/> if the bounded heap has room or it beats the weakest kept one. NaN (a
    /// corrupt row) sinks to the bottom so the heap order stays a total order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Offer(Span<ScoredIndex> heap, ref int heapCount, ScoredIndex candidate)
    {
        if (float.IsNaN(candidate.Score))
        {
            candidate = candidate with { Score = float.NegativeInfinity };
        }

        if (heapCount < heap.Length)
        {
            heap[heapCount] = candidate;
            SiftUp(heap, heapCount);
            heapCount++;
        }
        else if (IsBetter(candidate, heap[0]))
        {
            heap[0] = candidate;
            SiftDown(heap, 0, heapCount);
        }
    }

    /// <summary>Heap-sorts the kept candidates in place: repeatedly moves the worst to the end, leaving them best first.</summary>
    internal static ScoredIndex[] SortBestFirst(ScoredIndex[] heap, int heapCount)
    {
        if (heapCount < heap.Length)
        {
            Array.Resize(ref heap, heapCount);
        }

        for (int end = heapCount - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap, 0, end);
        }

        return heap;
    }

    /// <summary>
    /// The score <see cref="Select(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, RowBitSet?, ReadOnlySpan{float})"/>
    /// ranks <paramref name="row"/> by: dot product plus the row's bias, NaN (a corrupt row) as negative infinity so the
    /// order stays total. Rank queries must use this same arithmetic, or a row could rank differently than it lists.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ReadOnlySpan<float> rows, int dimension, ReadOnlySpan<float> query, int row, ReadOnlySpan<float> rowBias)
    {
        float score = TensorPrimitives.Dot(rows.Slice(row * dimension, dimension), query);
        if (!rowBias.IsEmpty)
        {
            score += rowBias[row];
        }

        return float.IsNaN(score) ? float.NegativeInfinity : score;
    }

    /// <summary>
    /// How many rows outside <paramref name="excluded"/> (and other than <paramref name="targetRow"/>) rank ahead of a
    /// row scoring <paramref name="targetScore"/>: a higher score, or an equal one that <paramref name="winsTie"/>
    /// puts first. One pass without a heap: the 1-based rank of the target is this count plus one.
    /// </summary>
    public static int CountRankedAhead(
        ReadOnlySpan<float> rows,
        int dimension,
        ReadOnlySpan<float> query,
        RowBitSet? excluded,
        ReadOnlySpan<float> rowBias,
        float targetScore,
        int targetRow,
        Func<int, bool> winsTie)
    {
        ArgumentNullException.ThrowIfNull(winsTie);
        int rowCount = rows.Length / dimension;
        int ahead = 0;
        for (int row = 0; row < rowCount; row++)
        {
            if (row == targetRow || (excluded is not null && excluded.Contains(row)))
            {
                continue;
            }

            float score = Score(rows, dimension, query, row, rowBias);
            if (score > targetScore || (score == targetScore && winsTie(row)))
            {
                ahead++;
            }
        }

        return ahead;
    }

    /// <summary>The ranking order: higher score first, equal scores by lower row index.</summary>
    internal static bool IsBetter(ScoredIndex left, ScoredIndex right) =>
        left.Score > right.Score || (left.Score == right.Score && left.Index < right.Index);

    // Min-heap on "worse first": the root is the weakest kept candidate, the one to evict.
    private static void SiftUp(Span<ScoredIndex> heap, int index)
    {
        ScoredIndex item = heap[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (!IsBetter(heap[parent], item))
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = item;
    }

    private static void SiftDown(Span<ScoredIndex> heap, int index, int count)
    {
        ScoredIndex item = heap[index];
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && IsBetter(heap[child], heap[child + 1]))
            {
                child++;
            }

            if (!IsBetter(item, heap[child]))
            {
                break;
            }

            heap[index] = heap[child];
            index = child;
        }

        heap[index] = item;
    }
}
