using System.Runtime.InteropServices;
using Seed.Abstractions.Catalog;

namespace Seed.Core.Collaborative;

/// <summary>
/// Each row's ranking bias under a query with the user's weighted likes: the popularity bias, plus
/// <see cref="CoLikeSettings.RowBias"/> on the rows liked with those items. One instance per owner (a catalog shard,
/// an offline replay) reuses its buffers and visits only the touched rows: a dense pass per query over a large shard
/// cost more than the compact scan it feeds (ShardRankingBenchmarks). The shards and the offline replay both compute
/// through here, so their floats agree. Not thread-safe; the returned span is valid until the next call.
/// </summary>
public sealed class CoLikeBias
{
    private readonly List<int> _touchedRows = [];
    private float[] _bias = [];
    private float[] _accumulated = [];

    /// <summary>The rows the last <see cref="Compute"/> gave a co-like term: the only rows whose bias it changed.</summary>
    public ReadOnlySpan<int> LastTouchedRows => CollectionsMarshal.AsSpan(_touchedRows);

    /// <summary>Bytes of the reused per-row buffers (0 until a query carried likes).</summary>
    public long AllocatedBytes => ((long)_bias.Length + _accumulated.Length) * sizeof(float);

    /// <param name="settings">The model's co-like settings.</param>
    /// <param name="counts">The owner's co-like counts.</param>
    /// <param name="weights">The user's likes with their query weights (<see cref="CoLikeSettings.QueryWeights"/>).</param>
    /// <param name="popularityBias">Per-row popularity bias; empty when the model has no prior.</param>
    /// <param name="rowCount">Rows the owner holds.</param>
    /// <param name="likeCount">A row's live like count (n_row).</param>
    public ReadOnlySpan<float> Compute(
        CoLikeSettings settings,
        CoLikeIndex counts,
        IReadOnlyList<CoLikeWeight> weights,
        ReadOnlySpan<float> popularityBias,
        int rowCount,
        Func<int, double> likeCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(likeCount);
        if (_bias.Length < rowCount)
        {
            // Doubled, not sized to the count: during a bulk import every chunk adds rows, and two shard-sized
            // arrays allocated per query after each chunk were garbage proportional to the catalog.
            var capacity = Math.Max(rowCount, _bias.Length * 2);
            _bias = new float[capacity];
            _accumulated = new float[capacity];
        }

        var bias = _bias.AsSpan(0, rowCount);
        if (popularityBias.IsEmpty)
        {
            bias.Clear();
        }
        else
        {
            popularityBias.CopyTo(bias);
        }

        _touchedRows.Clear();
        counts.Accumulate(weights, _accumulated, _touchedRows);
        foreach (var row in _touchedRows)
        {
            bias[row] = settings.RowBias(popularityBias.IsEmpty ? 0f : popularityBias[row], _accumulated[row], likeCount(row));
            _accumulated[row] = 0f;
        }

        return bias;
    }
}
