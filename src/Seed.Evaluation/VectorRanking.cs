using Seed.Core.Ranking;

namespace Seed.Evaluation;

/// <summary>
/// Ranking of catalog rows by dot product with a unit query plus an optional per-row bias (the learned model's
/// popularity prior), in <see cref="TopKSelector"/>'s order (score descending, then lower row).
/// </summary>
public static class VectorRanking
{
    /// <summary>The best <paramref name="k"/> rows not in <paramref name="exclude"/>, through <see cref="TopKSelector"/>.</summary>
    public static IReadOnlyList<int> Recommend(float[] rows, int dimension, ReadOnlySpan<float> query, int k, RowBitSet exclude, ReadOnlySpan<float> rowBias = default) =>
        [.. TopKSelector.Select(rows, dimension, query, k, exclude, rowBias).Select(scored => scored.Index)];

    /// <summary>1-based full rank of <paramref name="row"/>: one more than the non-excluded rows that TopKSelector would put before it.</summary>
    public static int RankOf(float[] rows, int dimension, ReadOnlySpan<float> query, int row, RowBitSet exclude, ReadOnlySpan<float> rowBias = default)
    {
        var target = TopKSelector.Score(rows, dimension, query, row, rowBias);
        return 1 + TopKSelector.CountRankedAhead(rows, dimension, query, exclude, rowBias, target, row, other => other < row);
    }
}
