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

    /// <summary>Whether the last <see cref="For"/> added a co-like term (so its touched rows are this query's).</summary>
    private bool _lastQueryHadCoLikes;

    /// <summary>
    /// The rows with the highest popularity bias (<see cref="MostPopularRows"/>), in <see cref="_mostPopularSet"/> as
    /// well; null when a row's change may have altered which rows they are.
    /// </summary>
    private int[]? _mostPopular;
    private readonly RowBitSet _mostPopularSet = new(0);
    private float _mostPopularFloor;

    private readonly List<int> _boostedRows = [];

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
            for (var row = 0; row < items.Count; row++)
            {
                _popularity.Set(row, PopularityCount(row));
            }
        }

        return _popularity;
    }

    /// <summary>Another model is served: its weights apply from the next query; the counts are the shard's and stay.</summary>
    public void UseTracker(InterestTracker next)
    {
        _tracker = next;
        _popularity = null;
        _mostPopular = null;
    }

    /// <summary>
    /// A row was appended or replaced, or its interaction count changed: its entry is set in place (the array grows by
    /// doubling). Rebuilding the array after every chunk of a bulk import read every item record of the shard per chunk.
    /// </summary>
    public void RowChanged(int row)
    {
        if (_popularity is null)
        {
            return;
        }

        _popularity.Set(row, PopularityCount(row));
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
    /// The rows whose bias under the last <see cref="For"/> query may lift them past rows nearer the query, for a
    /// search that looks only near the query (the approximate scan) to score as well: the <paramref name="count"/>
    /// rows given the largest bias by the co-like term, and the <paramref name="count"/> rows with the highest
    /// popularity prior when the model has one. Capped, because a user whose likes include a popular item touches
    /// thousands of co-liked rows, each scored in float from wherever it lies. Valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> BoostedRows(int count, ReadOnlySpan<float> bias)
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
                _boostedRows.AddRange(TopKSelector.HighestValues(bias, touched, count));
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
    public long AllocatedBytes => (_popularity?.AllocatedBytes ?? 0) + _coLikeBias.AllocatedBytes + _mostPopularSet.AllocatedBytes;

    /// <summary>
    /// The bias for a personalised query: the popularity prior (empty when the model has none), plus, when the model
    /// has a co-like weight and the query carries the user's likes, γ · Σ_p w_p · c(row, R_p) / sqrt(n_row).
    /// </summary>
    public ReadOnlySpan<float> For(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var popularity = _tracker.PopularityWeight > 0f ? Popularity().Bias : [];
        var coLike = _tracker.CoLike;
        _lastQueryHadCoLikes = coLike.IsEnabled && query.CoLikeWeights.Count > 0;
        if (!_lastQueryHadCoLikes)
        {
            return popularity;
        }

        return _coLikeBias.Compute(coLike, CoLikes, query.CoLikeWeights, popularity, items.Count, row => items[row].Interactions);
    }
}
