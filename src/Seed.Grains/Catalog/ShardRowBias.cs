using System.Runtime.InteropServices;
using Seed.Abstractions.Catalog;
using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Core.Ranking;
using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// What a shard adds to every personalised score, row by row: the learned model's popularity prior and the user's live
/// co-like term (<see cref="CoLikeSettings"/>). Holds the shard's popularity counts, built lazily from its items and then
/// kept in step row by row, and its co-like counts. The offline replay computes the same bias with the same <see cref="CoLikeSettings"/> expressions.
/// Not thread-safe (the grain is not reentrant).
/// </summary>
internal sealed class ShardRowBias(InterestTracker tracker, List<StoredItem> items)
{
    /// <summary>The model whose popularity and co-like weights apply; replaced on a model swap.</summary>
    private InterestTracker _tracker = tracker;

    /// <summary>
    /// Each row's popularity count (and the prior's bias from it) in one array, for the cold-start list and the
    /// personalised scan alike. Built lazily, then kept current by every recorded interaction and upserted row.
    /// </summary>
    private PopularityPrior? _popularity;

    private readonly CoLikeBias _coLikeBias = new();

    /// <summary>
    /// Each row's live like count's root (<see cref="CoLikeSettings.LikeCountRoot"/> of n_row), built on the first query
    /// with likes and then kept in step row by row: reading the count through each touched row's item record cost a
    /// cache miss per row, a tenth of a millisecond for the few thousand rows a user's likes touch in a 250,000-row shard.
    /// </summary>
    private float[]? _likeCountRoots;

    /// <summary>Whether the last <see cref="For"/> or <see cref="CoLikeTerms"/> added a co-like term (so its touched rows are this query's).</summary>
    private bool _lastQueryHadCoLikes;

    /// <summary>
    /// The rows with the highest popularity bias (<see cref="MostPopularRows"/>), in <see cref="_mostPopularSet"/> as
    /// well; null when a row's change may have altered which rows they are.
    /// </summary>
    private int[]? _mostPopular;
    private readonly RowBitSet _mostPopularSet = new(0);
    private float _mostPopularFloor;

    private readonly List<int> _boostedRows = [];

    /// <summary>The index whose stored bias (<see cref="InvertedFileIndex.SetBias"/>) this keeps equal to the prior's; null for none yet.</summary>
    private InvertedFileIndex? _storedBiasIndex;

    /// <summary>Rows whose prior changed since <see cref="_storedBiasIndex"/> was last brought up to date (may repeat).</summary>
    private readonly List<int> _storedBiasChanges = [];

    /// <summary>True when every row's stored bias must be written again (another model's weight, or too many changes).</summary>
    private bool _storedBiasStale = true;

    /// <summary>Co-like counts of this shard's rows with any catalog item.</summary>
    public CoLikeIndex CoLikes { get; } = new();

    /// <summary>
    /// One notion of popularity for cold-start lists and the learned prior: the catalog's prior count plus the
    /// positive interactions reported since.
    /// </summary>
    public double PopularityCount(int row) => items[row].Item.Popularity + items[row].Interactions;

    /// <summary>The per-row counts, with the model's weight (0 without a learned model: the counts still order cold lists).</summary>
    public PopularityPrior Popularity()
    {
        if (_popularity is null)
        {
            _popularity = new PopularityPrior(Math.Max(0f, _tracker.PopularityWeight), items.Count);
            _storedBiasStale = true;
            for (var row = 0; row < items.Count; row++)
            {
                _popularity.Set(row, PopularityCount(row));
            }
        }

        return _popularity;
    }

    /// <summary>The prior personalised scores add: the popularity counts' bias when the model weights it, else none.</summary>
    private PopularityPrior? Prior() => _tracker.PopularityWeight > 0f ? Popularity() : null;

    /// <summary>The prior's bias, one value per row; empty when the model has no prior.</summary>
    public ReadOnlySpan<float> PriorBias() => Prior() is { } prior ? prior.Bias : [];

    /// <summary>The live like counts' roots, one per row (the array may be longer).</summary>
    private float[] LikeCountRoots()
    {
        if (_likeCountRoots is null || _likeCountRoots.Length < items.Count)
        {
            _likeCountRoots = new float[Math.Max(items.Count, 16)];
            for (var row = 0; row < items.Count; row++)
            {
                _likeCountRoots[row] = CoLikeSettings.LikeCountRoot(items[row].Interactions);
            }
        }

        return _likeCountRoots;
    }

    /// <summary>Another model is served: its weights apply from the next query; the counts are the shard's and stay.</summary>
    public void UseTracker(InterestTracker next)
    {
        _tracker = next;
        _popularity = null;
        _mostPopular = null;
        _storedBiasStale = true;
    }

    /// <summary>
    /// The rows whose bias under the last <see cref="For"/> or <see cref="CoLikeTerms"/> query differs from the prior
    /// alone (and so from the stored bias <see cref="SyncStoredBias"/> keeps): the co-liked rows, or none.
    /// </summary>
    public ReadOnlySpan<int> RowsOffPrior => _lastQueryHadCoLikes ? _coLikeBias.LastTouchedRows : [];

    /// <summary><see cref="RowsOffPrior"/> as a set; null when there are none.</summary>
    public RowBitSet? RowsOffPriorSet => _lastQueryHadCoLikes ? _coLikeBias.LastTouchedRowSet : null;

    /// <summary>
    /// Brings <paramref name="index"/>'s stored bias up to the prior (0 for every row when the model has none): every
    /// row when the index is new to this, the model changed or many rows did, else only the rows changed since.
    /// </summary>
    public void SyncStoredBias(InvertedFileIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var prior = Prior();
        if (!ReferenceEquals(index, _storedBiasIndex) || _storedBiasStale)
        {
            for (var row = 0; row < index.RowCount; row++)
            {
                index.SetBias(row, prior is null ? 0f : prior.Bias[row]);
            }

            _storedBiasIndex = index;
            _storedBiasStale = false;
        }
        else if (prior is not null)
        {
            foreach (var row in _storedBiasChanges)
            {
                if (row < index.RowCount)
                {
                    index.SetBias(row, prior.Bias[row]);
                }
            }
        }

        _storedBiasChanges.Clear();
    }

    /// <summary>Records a changed prior row for the next <see cref="SyncStoredBias"/>; past a quarter of the rows, all are written again.</summary>
    private void NoteStoredBiasChange(int row)
    {
        if (_storedBiasIndex is null || _storedBiasStale)
        {
            return;
        }

        if (_storedBiasChanges.Count >= Math.Max(1024, items.Count / 4))
        {
            _storedBiasStale = true;
            _storedBiasChanges.Clear();
            return;
        }

        _storedBiasChanges.Add(row);
    }

    /// <summary>
    /// A row was appended or replaced, or its interaction count changed: its entry is set in place (the array grows by
    /// doubling). Rebuilding the array after every chunk of a bulk import read every item record of the shard per chunk.
    /// </summary>
    public void RowChanged(int row)
    {
        if (_likeCountRoots is not null)
        {
            if (row >= _likeCountRoots.Length)
            {
                Array.Resize(ref _likeCountRoots, Math.Max(row + 1, _likeCountRoots.Length * 2));
            }

            _likeCountRoots[row] = CoLikeSettings.LikeCountRoot(items[row].Interactions);
        }

        if (_popularity is null)
        {
            return;
        }

        _popularity.Set(row, PopularityCount(row));
        NoteStoredBiasChange(row);
        if (_mostPopular is not null)
        {
            // Still the most popular rows unless a member fell below the weakest of them or another rose above it.
            var bias = _popularity.Bias[row];
            var member = _mostPopularSet.Contains(row);
            if ((member && bias < _mostPopularFloor) || (!member && bias > _mostPopularFloor))
            {
                _mostPopular = null;
            }
        }
    }

    /// <summary>
    /// The rows whose bias under the last <see cref="CoLikeTerms"/> query may lift them past rows nearer the query,
    /// for a search that looks only near the query (the approximate scan) to score as well: the <paramref name="count"/>
    /// rows given the largest co-like term, and the <paramref name="count"/> rows
    /// with the highest popularity prior when the model has one. Capped, because a user whose likes include a popular
    /// item touches thousands of co-liked rows, each scored in float from wherever it lies. Valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> BoostedRows(int count)
    {
        _boostedRows.Clear();
        if (_lastQueryHadCoLikes)
        {
            var touched = _coLikeBias.LastTouchedRows;
            if (touched.Length <= count)
            {
                _boostedRows.AddRange(touched);
            }
            else
            {
                _boostedRows.AddRange(TopKSelector.HighestOfRows(touched, _coLikeBias.LastTouchedTerms, count));
            }
        }

        if (_tracker.PopularityWeight > 0f)
        {
            _boostedRows.AddRange(MostPopularRows(count));
        }

        return CollectionsMarshal.AsSpan(_boostedRows);
    }

    /// <summary>
    /// Cached between queries: popular rows get most of the likes, but a like only moves them further up, so the set
    /// is recomputed (one pass over the prior) only when a row enters or leaves it.
    /// </summary>
    private int[] MostPopularRows(int count)
    {
        var popularity = Popularity();
        if (_mostPopular is null || _mostPopular.Length != Math.Min(count, popularity.RowCount))
        {
            _mostPopular = popularity.HighestRows(count);
            _mostPopularSet.Clear();
            foreach (var row in _mostPopular)
            {
                _mostPopularSet.Add(row);
            }

            _mostPopularFloor = _mostPopular.Length == 0 ? float.NegativeInfinity : popularity.Bias[_mostPopular[^1]];
        }

        return _mostPopular;
    }

    /// <summary>Bytes of the popularity arrays, the co-like scratch buffers and the most popular rows' set.</summary>
    public long AllocatedBytes =>
        (_popularity?.AllocatedBytes ?? 0) + _coLikeBias.AllocatedBytes + _mostPopularSet.AllocatedBytes + ((long)(_likeCountRoots?.Length ?? 0) * sizeof(float));

    /// <summary>
    /// The bias for a personalised query: the popularity prior (empty when the model has none), plus, when the model
    /// has a co-like weight and the query carries the user's likes, γ · Σ_p w_p · c(row, R_p) / sqrt(n_row).
    /// </summary>
    public ReadOnlySpan<float> For(CatalogQuery query)
    {
        var popularity = Prior();
        if (!BeginQuery(query))
        {
            return popularity is null ? [] : popularity.Bias;
        }

        return _coLikeBias.Compute(_tracker.CoLike, CoLikes, query.CoLikeWeights, popularity, items.Count, LikeCountRoots());
    }

    /// <summary>
    /// The co-like term of a personalised query alone, one value per row, 0 outside <see cref="RowsOffPrior"/> (empty
    /// when the query adds none): <see cref="For"/>'s bias is <see cref="PriorBias"/> plus this, for a search that
    /// keeps the prior beside its rows (<see cref="InvertedFileIndex.SetBias"/>) and so only needs the terms. Pairs
    /// weighing less than <paramref name="minContribution"/> are left out (<see cref="CoLikeBias.ComputeTerms"/>).
    /// </summary>
    public ReadOnlySpan<float> CoLikeTerms(CatalogQuery query, float minContribution)
    {
        if (!BeginQuery(query))
        {
            return [];
        }

        return _coLikeBias.ComputeTerms(_tracker.CoLike, CoLikes, query.CoLikeWeights, items.Count, LikeCountRoots(), minContribution);
    }

    /// <summary>Whether the served model adds a co-like term to <paramref name="query"/>, remembered for <see cref="RowsOffPrior"/>.</summary>
    private bool BeginQuery(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _lastQueryHadCoLikes = _tracker.CoLike.IsEnabled && query.CoLikeWeights.Count > 0;
        return _lastQueryHadCoLikes;
    }
}
