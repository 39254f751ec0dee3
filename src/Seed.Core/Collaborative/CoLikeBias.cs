using System.Runtime.InteropServices;
using Seed.Abstractions.Catalog;
using Seed.Core.Ranking;

namespace Seed.Core.Collaborative;

/// <summary>
/// Each row's ranking bias under a query with the user's weighted likes: the popularity bias, plus
/// <see cref="CoLikeSettings.RowBias"/> on the rows liked with those items. One instance per owner (a catalog shard,
/// an offline replay) reuses its buffers and visits only the touched rows: a dense pass per query over a large shard
/// cost more than the compact scan it feeds (ShardRankingBenchmarks). The shards and the offline replay both compute
/// through here, so their floats agree. Not thread-safe; a returned span is valid until the next call.
/// </summary>
public sealed class CoLikeBias
{
    /// <summary>The rows the last call touched, in row order (<see cref="_touchedSet"/> sorts them).</summary>
    private readonly List<int> _touchedRows = [];

    /// <summary>The rows the last call touched as a set: marked as the accumulation meets them, then listed in order.</summary>
    private readonly RowBitSet _touchedSet = new(0);

    /// <summary>
    /// True when <see cref="_touchedRows"/> lists every row of <see cref="_touchedSet"/>, so the next call empties the set
    /// row by row; false from the start of an accumulation until its rows are listed (one that threw leaves rows
    /// unlisted, and the next call clears the whole set).
    /// </summary>
    private bool _touchedSetListed;
    private readonly List<float> _touchedBias = [];
    private readonly List<float> _touchedTerms = [];

    /// <summary>
    /// One float per row: the co-like sums while a call accumulates them, then, after <see cref="ComputeTerms"/>, each
    /// touched row's term (0 for every other row) until the next call clears those rows.
    /// </summary>
    private float[] _perRow = [];

    /// <summary>True while <see cref="_perRow"/> holds the last <see cref="ComputeTerms"/>'s terms.</summary>
    private bool _holdsTerms;

    /// <summary>
    /// Stands in for a missing prior (weight 0, so every bias is 0), so that a query replaces its rows in the same way
    /// with or without one; it costs 16 bytes a row where a zero array alone would cost 4, in models without a prior.
    /// </summary>
    private PopularityPrior? _zeroPrior;

    /// <summary>The rows the last call gave a co-like term: the only rows whose bias it changed.</summary>
    public ReadOnlySpan<int> LastTouchedRows => CollectionsMarshal.AsSpan(_touchedRows);

    /// <summary><see cref="LastTouchedRows"/> as a set, valid until the next call (not to be changed).</summary>
    public RowBitSet LastTouchedRowSet => _touchedSet;

    /// <summary>
    /// After <see cref="ComputeTerms"/>, each of <see cref="LastTouchedRows"/>' terms, in the same order: a caller
    /// choosing among those rows by term reads them in sequence instead of at random from the per-row span.
    /// </summary>
    public ReadOnlySpan<float> LastTouchedTerms => CollectionsMarshal.AsSpan(_touchedTerms);

    /// <summary>Bytes of the reused per-row buffers (0 until a query carried likes).</summary>
    public long AllocatedBytes => ((long)_perRow.Length * sizeof(float)) + _touchedSet.AllocatedBytes + (_zeroPrior?.AllocatedBytes ?? 0);

    /// <param name="settings">The model's co-like settings.</param>
    /// <param name="counts">The owner's co-like counts.</param>
    /// <param name="weights">The user's likes with their query weights (<see cref="CoLikeSettings.QueryWeights"/>).</param>
    /// <param name="popularity">The popularity prior; null when the model has none.</param>
    /// <param name="rowCount">Rows the owner holds.</param>
    /// <param name="likeCountRoots">Each row's <see cref="CoLikeSettings.LikeCountRoot"/> of its live like count (n_row).</param>
    public ReadOnlySpan<float> Compute(
        CoLikeSettings settings,
        CoLikeIndex counts,
        IReadOnlyList<CoLikeWeight> weights,
        PopularityPrior? popularity,
        int rowCount,
        ReadOnlySpan<float> likeCountRoots)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireOnePerRow(likeCountRoots, rowCount);
        var prior = popularity ?? (_zeroPrior ??= new PopularityPrior(0f));
        prior.EnsureRows(rowCount);
        AccumulateTouchedRows(counts, weights, rowCount, minContribution: 0f);
        _touchedBias.Clear();
        foreach (var row in _touchedRows)
        {
            _touchedBias.Add(settings.RowBiasOfRoot(prior.Bias[row], _perRow[row], likeCountRoots[row]));
            _perRow[row] = 0f;
        }

        return prior.WithRowsReplaced(CollectionsMarshal.AsSpan(_touchedRows), CollectionsMarshal.AsSpan(_touchedBias))[..rowCount];
    }

    /// <summary>
    /// The co-like term alone (<see cref="CoLikeSettings.RowTerm"/>), one float per row: 0 except on
    /// <see cref="LastTouchedRows"/> (and listed in <see cref="LastTouchedTerms"/>). Each row's bias is its popularity
    /// bias plus this, the float <see cref="Compute"/> gives. A caller that keeps the prior elsewhere (the inverted-file
    /// index stores it beside each row's codes) needs only these: per touched row it reads the sum and the like count's root, where
    /// <see cref="Compute"/> also reads the prior and writes and later restores a copy of it, four more cache misses
    /// a row for the thousands of rows a popular like touches.
    /// </summary>
    /// <param name="settings">The model's co-like settings.</param>
    /// <param name="counts">The owner's co-like counts.</param>
    /// <param name="weights">The user's likes with their query weights (<see cref="CoLikeSettings.QueryWeights"/>).</param>
    /// <param name="rowCount">Rows the owner holds.</param>
    /// <param name="likeCountRoots">Each row's <see cref="CoLikeSettings.LikeCountRoot"/> of its live like count (n_row).</param>
    /// <param name="minContribution">
    /// Pairs whose weighted count is below this add nothing (<see cref="CoLikeIndex.Accumulate"/>); 0 for the exact term.
    /// </param>
    public ReadOnlySpan<float> ComputeTerms(
        CoLikeSettings settings,
        CoLikeIndex counts,
        IReadOnlyList<CoLikeWeight> weights,
        int rowCount,
        ReadOnlySpan<float> likeCountRoots,
        float minContribution = 0f)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireOnePerRow(likeCountRoots, rowCount);
        AccumulateTouchedRows(counts, weights, rowCount, minContribution);
        foreach (var row in _touchedRows)
        {
            var term = settings.RowTermOfRoot(_perRow[row], likeCountRoots[row]);
            _perRow[row] = term;
            _touchedTerms.Add(term);
        }

        _holdsTerms = true;
        return _perRow.AsSpan(0, rowCount);
    }

    private static void RequireOnePerRow(ReadOnlySpan<float> likeCountRoots, int rowCount)
    {
        if (likeCountRoots.Length < rowCount)
        {
            throw new ArgumentException($"Like count roots has length {likeCountRoots.Length}, expected at least {rowCount} (one per row).", nameof(likeCountRoots));
        }
    }

    /// <summary>Clears the terms a previous call left, then sums the weighted co-like counts into <see cref="_perRow"/>.</summary>
    private void AccumulateTouchedRows(CoLikeIndex counts, IReadOnlyList<CoLikeWeight> weights, int rowCount, float minContribution)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (_holdsTerms)
        {
            foreach (var row in _touchedRows)
            {
                _perRow[row] = 0f;
            }

            _holdsTerms = false;
        }

        if (_perRow.Length < rowCount)
        {
            // Doubled, not sized to the count: during a bulk import every chunk adds rows, and a shard-sized array
            // allocated per query after each chunk was garbage proportional to the catalog.
            _perRow = new float[Math.Max(rowCount, _perRow.Length * 2)];
        }

        if (_touchedSetListed)
        {
            _touchedSet.Remove(CollectionsMarshal.AsSpan(_touchedRows));
        }
        else
        {
            _touchedSet.Clear();
        }

        _touchedRows.Clear();
        _touchedTerms.Clear();
        _touchedSet.EnsureLength(rowCount);
        _touchedSetListed = false;
        counts.Accumulate(weights, _perRow, _touchedSet, minContribution);
        _touchedSet.AppendRowsInOrder(_touchedRows);
        _touchedSetListed = true;
    }
}
