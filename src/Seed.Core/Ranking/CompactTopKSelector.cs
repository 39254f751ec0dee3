using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Seed.Core.Ranking;

/// <summary>
/// The same ranking as <see cref="TopKSelector"/> (same rows, scores and order, bit for bit) from a scan of a compact
/// copy of the rows (<see cref="CompactRowMatrix"/>: int8 <see cref="QuantizedRowMatrix"/>, a quarter of the bytes, or
/// 4-bit <see cref="FourBitRowMatrix"/>, an eighth) instead of the float rows:
/// <list type="number">
/// <item>bound every row's score from above: the compact dot product + its proven error bound + bias;</item>
/// <item>keep the K × candidateFactor rows with the highest bounds and score them exactly in float;</item>
/// <item>let T be the K-th best exact score. A row left out has a bound of at most U (the weakest kept one), so
/// its exact score is at most U. If U &lt; T, no row left out can enter the top K: done (the usual case). Otherwise
/// every row left out whose bound reaches T is scored exactly as well.</item>
/// </list>
/// Exactness does not depend on the candidate factor; it only decides how often step 3 has to look further.
/// </summary>
public static class CompactTopKSelector
{
    /// <summary>
    /// Relative margin for float rounding on top of the real-arithmetic bound: a float dot product of 128 terms is
    /// off by about 1e-6 at most for unit vectors, so this is generous and costs nothing against bounds of ~1e-2.
    /// </summary>
    private const float RoundingSlack = 1e-4f;

    /// <summary>
    /// Top <paramref name="k"/> rows by rows[row] · query + rowBias[row], best first, skipping
    /// <paramref name="excluded"/>: exactly what <see cref="TopKSelector.Select(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, RowBitSet?, ReadOnlySpan{float})"/>
    /// returns for the same arguments. <paramref name="compact"/> must hold the compact copy of every row of <paramref name="rows"/>.
    /// </summary>
    public static ScoredIndex[] Select(
        ReadOnlySpan<float> rows,
        CompactRowMatrix compact,
        ReadOnlySpan<float> query,
        int k,
        RowBitSet? excluded,
        ReadOnlySpan<float> rowBias,
        int candidateFactor)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidateFactor);
        var dimension = compact.Dimension;
        if (rows.Length != compact.Count * dimension)
        {
            throw new ArgumentException($"The compact copy has {compact.Count} rows of {dimension}; the float rows hold {rows.Length} values.", nameof(compact));
        }

        var rowCount = compact.Count;
        if (k <= 0 || rowCount == 0 || compact.NonFiniteRows > 0 || !float.IsFinite(TensorPrimitives.Sum(query)))
        {
            // Nothing to rank, or values no error bound covers (NaN, infinity): the float scan handles those.
            return TopKSelector.Select(rows, dimension, query, k, excluded, rowBias);
        }

        if (!rowBias.IsEmpty && rowBias.Length < rowCount)
        {
            throw new ArgumentException($"Row bias has length {rowBias.Length}, expected at least {rowCount} (one per row).", nameof(rowBias));
        }

        var upperBounds = ArrayPool<float>.Shared.Rent(rowCount);
        try
        {
            var scores = upperBounds.AsSpan(0, rowCount);
            compact.ScoreUpperBounds(query, rowBias, scores);
            if (!rowBias.IsEmpty && !float.IsFinite(TensorPrimitives.Sum(scores)))
            {
                // A NaN or infinite bias: no bound holds for that row either.
                return TopKSelector.Select(rows, dimension, query, k, excluded, rowBias);
            }

            return RankBoundedRows(rows, dimension, query, k, excluded, new SplitRowBias(rowBias, [], []), scores, new BoundsInRowOrder(), [], candidateFactor);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(upperBounds);
        }
    }

    /// <summary>
    /// Steps 2 and 3 over bounds of any rows: bound i belongs to row <paramref name="boundRows"/>.RowAt(i), a NaN
    /// bound to no row (never picked). <paramref name="alsoScored"/> rows (none of them bounded, none
    /// twice) are scored exactly as well. The result is the exact top K of the bounded rows and those, whatever the
    /// candidate factor: <see cref="InvertedFileIndex"/> ranks the rows of the lists it probes this way. Exact scores
    /// add <paramref name="rowBias"/>'s two parts.
    /// </summary>
    internal static ScoredIndex[] RankBoundedRows<TRowMap>(
        ReadOnlySpan<float> rows,
        int dimension,
        ReadOnlySpan<float> query,
        int k,
        RowBitSet? excluded,
        SplitRowBias rowBias,
        Span<float> bounds,
        TRowMap boundRows,
        ReadOnlySpan<int> alsoScored,
        int candidateFactor)
        where TRowMap : IBoundRowMap, allows ref struct
    {
        // Pooled, like the bounds: a shard ranks hundreds of times a second and these would be garbage at once.
        var candidateCapacity = (int)Math.Min((long)k * candidateFactor, bounds.Length);
        var pooled = ArrayPool<ScoredIndex>.Shared.Rent(candidateCapacity);
        try
        {
            var candidates = pooled.AsSpan(0, candidateCapacity);
            var candidateCount = KeepHighestBounds(bounds, boundRows, excluded, candidates);
            var best = new ScoredIndex[Math.Min(k, candidateCount + alsoScored.Length)];
            var bestCount = 0;
            foreach (var row in alsoScored)
            {
                if (excluded?.Contains(row) != true)
                {
                    TopKSelector.Offer(best, ref bestCount, ExactScore(rows, dimension, query, rowBias, row));
                }
            }

            foreach (var candidate in candidates[..candidateCount])
            {
                TopKSelector.Offer(best, ref bestCount, ExactScore(rows, dimension, query, rowBias, boundRows.RowAt(candidate.Index)));
                // Scored exactly now: step 3 below must not pick it up again.
                bounds[candidate.Index] = float.NegativeInfinity;
            }

            if (candidateCount == candidates.Length && bestCount > 0)
            {
                // The candidate heap was full, so rows were left out: make sure none of them belongs in the top K.
                var weakestKept = MinimumScore(candidates);
                var kthExact = MinimumScore(best.AsSpan(0, bestCount));
                var slack = RoundingSlack * (1f + Math.Abs(kthExact) + Math.Abs(weakestKept));
                if (bestCount < k || weakestKept + slack >= kthExact)
                {
                    var floor = bestCount < k ? float.NegativeInfinity : kthExact - slack;
                    for (var at = NextAtOrAbove(bounds, 0, floor); at < bounds.Length; at = NextAtOrAbove(bounds, at + 1, floor))
                    {
                        var row = boundRows.RowAt(at);
                        if (bounds[at] > float.NegativeInfinity && excluded?.Contains(row) != true)
                        {
                            TopKSelector.Offer(best, ref bestCount, ExactScore(rows, dimension, query, rowBias, row));
                        }
                    }
                }
            }

            return TopKSelector.SortBestFirst(best, bestCount);
        }
        finally
        {
            ArrayPool<ScoredIndex>.Shared.Return(pooled);
        }
    }

    /// <summary>
    /// The same score <see cref="TopKSelector"/> computes for a row with the bias Stored[row] + Added[row] (same call,
    /// same order of additions).
    /// </summary>
    private static ScoredIndex ExactScore(ReadOnlySpan<float> rows, int dimension, ReadOnlySpan<float> query, SplitRowBias rowBias, int row)
    {
        var score = TensorPrimitives.Dot(rows.Slice(row * dimension, dimension), query);
        if (!rowBias.IsEmpty)
        {
            score += rowBias.At(row);
        }

        return new ScoredIndex(row, score);
    }

    /// <summary>
    /// The rows with the highest bounds into the bounded heap <paramref name="heap"/>; returns how many were kept.
    /// Only the few rows that reach the weakest kept bound cost a branch, an exclusion lookup and a heap operation
    /// (<see cref="NextAtOrAbove"/>). A row skipped because the threshold rose is one the heap would refuse: it is
    /// below the weakest kept bound, or equal to it with a higher row index.
    /// </summary>
    private static int KeepHighestBounds<TRowMap>(Span<float> scores, TRowMap mapping, RowBitSet? excluded, Span<ScoredIndex> heap)
        where TRowMap : IBoundRowMap, allows ref struct
    {
        var count = 0;
        var threshold = float.NegativeInfinity;
        for (var at = NextAtOrAbove(scores, 0, threshold); at < scores.Length; at = NextAtOrAbove(scores, at + 1, threshold))
        {
            Consider(at, mapping.RowAt(at), scores, excluded, heap, ref count, ref threshold);
        }

        return count;
    }

    /// <summary>
    /// The first row at or after <paramref name="from"/> whose score is at least <paramref name="threshold"/> (never a
    /// NaN one), or the length when there is none: eight scores compared per vector step, so passing over the rows
    /// that cannot matter costs no branch each.
    /// </summary>
    private static int NextAtOrAbove(ReadOnlySpan<float> scores, int from, float threshold)
    {
        ref var start = ref MemoryMarshal.GetReference(scores);
        var limit = Vector256.Create(threshold);
        var row = from;
        for (; row + Vector256<float>.Count <= scores.Length; row += Vector256<float>.Count)
        {
            var passing = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)row), limit).ExtractMostSignificantBits();
            if (passing != 0)
            {
                return row + BitOperations.TrailingZeroCount(passing);
            }
        }

        for (; row < scores.Length; row++)
        {
            if (scores[row] >= threshold)
            {
                return row;
            }
        }

        return scores.Length;
    }

    /// <summary>Offers bound <paramref name="at"/> (of row <paramref name="row"/>) to the candidate heap, which holds bound positions.</summary>
    private static void Consider(int at, int row, Span<float> scores, RowBitSet? excluded, Span<ScoredIndex> heap, ref int count, ref float threshold)
    {
        if (excluded?.Contains(row) == true)
        {
            return;
        }

        TopKSelector.Offer(heap, ref count, new ScoredIndex(at, scores[at]));
        if (count == heap.Length)
        {
            threshold = heap[0].Score;
        }
    }

    private static float MinimumScore(ReadOnlySpan<ScoredIndex> items)
    {
        var minimum = float.PositiveInfinity;
        foreach (var item in items)
        {
            minimum = Math.Min(minimum, item.Score);
        }

        return minimum;
    }

    /// <summary>Bounds that cover every row in order: each belongs to the row at its own position.</summary>
    private readonly struct BoundsInRowOrder : IBoundRowMap
    {
        public int RowAt(int at) => at;
    }
}
