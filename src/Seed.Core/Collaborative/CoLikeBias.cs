using System.Runtime.InteropServices;
using Seed.Abstractions.Catalog;
using Seed.Core.Ranking;

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
    private readonly List<float> _touchedBias = [];
    private float[] _accumulated = [];

    /// <summary>
    /// Stands in for a missing prior (weight 0, so every bias is 0), so that a query replaces its rows in the same way
    /// with or without one; it costs 16 bytes a row where a zero array alone would cost 4, in models without a prior.
    /// </summary>
    private PopularityPrior? _zeroPrior;

    /// <summary>The rows the last <see cref="Compute"/> gave a co-like term: the only rows whose bias it changed.</summary>
    public ReadOnlySpan<int> LastTouchedRows => CollectionsMarshal.AsSpan(_touchedRows);

    /// <summary>Bytes of the reused per-row buffers (0 until a query carried likes).</summary>
    public long AllocatedBytes => ((long)_accumulated.Length * sizeof(float)) + (_zeroPrior?.AllocatedBytes ?? 0);

    /// <param name="settings">The model's co-like settings.</param>
    /// <param name="counts">The owner's co-like counts.</param>
    /// <param name="weights">The user's likes with their query weights (<see cref="CoLikeSettings.QueryWeights"/>).</param>
    /// <param name="popularity">The popularity prior; null when the model has none.</param>
    /// <param name="rowCount">Rows the owner holds.</param>
    /// <param name="likeCount">A row's live like count (n_row).</param>
    public ReadOnlySpan<float> Compute(
        CoLikeSettings settings,
        CoLikeIndex counts,
        IReadOnlyList<CoLikeWeight> weights,
        PopularityPrior? popularity,
        int rowCount,
        Func<int, double> likeCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(likeCount);
        if (_accumulated.Length < rowCount)
        {
            // Doubled, not sized to the count: during a bulk import every chunk adds rows, and a shard-sized array
            // allocated per query after each chunk was garbage proportional to the catalog.
            _accumulated = new float[Math.Max(rowCount, _accumulated.Length * 2)];
        }

        var prior = popularity ?? (_zeroPrior ??= new PopularityPrior(0f));
        prior.EnsureRows(rowCount);
        _touchedRows.Clear();
        counts.Accumulate(weights, _accumulated, _touchedRows);
        _touchedBias.Clear();
        foreach (var row in _touchedRows)
        {
            _touchedBias.Add(settings.RowBias(prior.Bias[row], _accumulated[row], likeCount(row)));
            _accumulated[row] = 0f;
        }

        return prior.WithRowsReplaced(CollectionsMarshal.AsSpan(_touchedRows), CollectionsMarshal.AsSpan(_touchedBias))[..rowCount];
    }
}
