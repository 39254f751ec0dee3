using System.Numerics.Tensors;
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
        var span = rows.AsSpan();
        var hasBias = !rowBias.IsEmpty;
        var target = TensorPrimitives.Dot(span.Slice(row * dimension, dimension), query);
        if (hasBias)
        {
            target += rowBias[row];
        }

        var rowCount = rows.Length / dimension;
        var rank = 1;
        for (var other = 0; other < rowCount; other++)
        {
            if (other == row || exclude.Contains(other))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(span.Slice(other * dimension, dimension), query);
            if (hasBias)
            {
                score += rowBias[other];
            }

            if (score > target || (score == target && other < row))
            {
                rank++;
            }
        }

        return rank;
    }
}
