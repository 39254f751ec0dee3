using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// Catalog rows ordered by interaction count (any kind) in the events it was built from, ties by lower row: the
/// popularity baseline and every model's cold-start answer. Immutable, so all models share one instance.
/// </summary>
public sealed class PopularityRanking
{
    private readonly int[] _rowsByPopularity;
    private readonly int[] _positionOfRow;

    /// <summary>Counts <paramref name="history"/> (events outside the catalog are ignored).</summary>
    public PopularityRanking(ItemCatalogIndex catalog, IEnumerable<InteractionEvent> history)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(history);
        var counts = new int[catalog.Count];
        foreach (var interaction in history)
        {
            if (catalog.TryGetRow(interaction.ItemId, out var row))
            {
                counts[row]++;
            }
        }

        _rowsByPopularity = [.. Enumerable.Range(0, catalog.Count).OrderByDescending(row => counts[row]).ThenBy(row => row)];
        _positionOfRow = new int[catalog.Count];
        for (var position = 0; position < _rowsByPopularity.Length; position++)
        {
            _positionOfRow[_rowsByPopularity[position]] = position;
        }
    }

    /// <summary>0-based position of <paramref name="row"/> in the popularity order (0 = most popular).</summary>
    public int PositionOf(int row) => _positionOfRow[row];

    /// <summary>The <paramref name="k"/> most popular rows not in <paramref name="exclude"/>.</summary>
    public IReadOnlyList<int> Recommend(int k, RowBitSet exclude)
    {
        var result = new List<int>(k);
        foreach (var row in _rowsByPopularity)
        {
            if (result.Count == k)
            {
                break;
            }

            if (!exclude.Contains(row))
            {
                result.Add(row);
            }
        }

        return result;
    }

    /// <summary>1-based rank of <paramref name="row"/> among the rows not in <paramref name="exclude"/>.</summary>
    public int RankOf(int row, RowBitSet exclude)
    {
        var rank = 1;
        var position = _positionOfRow[row];
        for (var before = 0; before < position; before++)
        {
            if (!exclude.Contains(_rowsByPopularity[before]))
            {
                rank++;
            }
        }

        return rank;
    }
}
