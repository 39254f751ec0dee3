using Seed.Core.Ranking;

namespace Seed.Evaluation;

/// <summary>
/// Ranking of catalog rows by dot product with a unit query plus an optional per-row bias (the learned model's
/// popularity prior and co-like term): score descending, equal scores by a tie order (catalog row by default; the
/// learned model passes each row's ordinal item-id position, the order the cluster's shards and merge use).
/// </summary>
public static class VectorRanking
{
    /// <summary>
    /// The best <paramref name="k"/> rows not in <paramref name="exclude"/>. <see cref="TopKSelector"/> breaks ties by
    /// row, so it is asked for one row more than K: unless that row ties the K-th, no tie straddles the cut; when one
    /// does, every row with the cut's score is gathered, and the kept rows are ordered by score, then tie order.
    /// </summary>
    public static IReadOnlyList<int> Recommend(
        float[] rows, int dimension, ReadOnlySpan<float> query, int k, RowBitSet exclude, ReadOnlySpan<float> rowBias = default, IReadOnlyList<int>? tieOrder = null)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        if (k <= 0)
        {
            return [];
        }

        var found = TopKSelector.Select(rows, dimension, query, k + 1, exclude, rowBias);
        if (tieOrder is null)
        {
            return [.. found.Take(k).Select(scored => scored.Index)];
        }

        var candidates = found.ToList();
        if (found.Length > k && found[k].Score == found[k - 1].Score)
        {
            var cut = found[k - 1].Score;
            candidates = [.. found.Where(scored => scored.Score > cut)];
            for (var row = 0; row < rows.Length / dimension; row++)
            {
                if (!exclude.Contains(row) && TopKSelector.Score(rows, dimension, query, row, rowBias) == cut)
                {
                    candidates.Add(new ScoredIndex(row, cut));
                }
            }
        }

        return [.. candidates
            .OrderByDescending(scored => scored.Score)
            .ThenBy(scored => tieOrder[scored.Index])
            .Take(k)
            .Select(scored => scored.Index)];
    }

    /// <summary>1-based full rank of <paramref name="row"/>: one more than the non-excluded rows ranked before it (higher score, or an equal score and an earlier tie order).</summary>
    public static int RankOf(
        float[] rows, int dimension, ReadOnlySpan<float> query, int row, RowBitSet exclude, ReadOnlySpan<float> rowBias = default, IReadOnlyList<int>? tieOrder = null)
    {
        var target = TopKSelector.Score(rows, dimension, query, row, rowBias);
        Func<int, bool> winsTie = tieOrder is null ? other => other < row : other => tieOrder[other] < tieOrder[row];
        return 1 + TopKSelector.CountRankedAhead(rows, dimension, query, exclude, rowBias, target, row, winsTie);
    }
}
