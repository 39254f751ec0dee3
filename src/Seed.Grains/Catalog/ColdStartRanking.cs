using Seed.Core.Ranking;

namespace Seed.Grains.Catalog;

/// <summary>
/// A shard's list for a user with no signal yet: most popular first, equal counts by item id (ordinal), the order
/// <see cref="CatalogSharding.TopKInShardsAsync"/> merges shards in, so a shard never keeps a tie the merge would drop.
/// </summary>
internal static class ColdStartRanking
{
    /// <summary>Less popular first, then the higher id first (an id rank is the id's position in ordinal order).</summary>
    private static readonly Comparer<(double Popularity, int IdRank)> WeakerFirst = Comparer<(double Popularity, int IdRank)>.Create(
        (left, right) => left.Popularity != right.Popularity
            ? left.Popularity.CompareTo(right.Popularity)
            : right.IdRank.CompareTo(left.IdRank));

    /// <summary>
    /// The <paramref name="k"/> best rows by count. Counts come from one array and ties compare int id ranks: reading
    /// counts through the item records (two object hops per row) and comparing id strings on the many ties made a
    /// cold user's list cost about nine personalised ones.
    /// </summary>
    public static ScoredIndex[] Select(ReadOnlySpan<double> counts, int[] idRanks, int k, RowBitSet? excluded)
    {
        if (k <= 0)
        {
            return [];
        }

        // Bounded min-heap, weakest at the root. Once it is full, a row less popular than its weakest is rejected on
        // one comparison.
        var heap = new PriorityQueue<int, (double Popularity, int IdRank)>(k + 1, WeakerFirst);
        var weakestCount = double.NegativeInfinity;
        for (var row = 0; row < counts.Length; row++)
        {
            if (counts[row] < weakestCount || (excluded is not null && excluded.Contains(row)))
            {
                continue;
            }

            var priority = (counts[row], idRanks[row]);
            if (heap.Count < k)
            {
                heap.Enqueue(row, priority);
            }
            else if (heap.TryPeek(out _, out var weakest) && WeakerFirst.Compare(priority, weakest) > 0)
            {
                heap.EnqueueDequeue(row, priority);
            }

            if (heap.Count == k && heap.TryPeek(out _, out var weakestKept))
            {
                weakestCount = weakestKept.Popularity;
            }
        }

        var result = new ScoredIndex[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var row, out var priority);
            result[i] = new ScoredIndex(row, (float)priority.Popularity);
        }

        return result;
    }
}
