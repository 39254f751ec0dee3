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
    }

    /// <summary>
    /// A row was appended or replaced, or its interaction count changed: its entry is set in place (the array grows by
    /// doubling). Rebuilding the array after every chunk of a bulk import read every item record of the shard per chunk.
    /// </summary>
    public void RowChanged(int row) => _popularity?.Set(row, PopularityCount(row));

    /// <summary>Bytes of the popularity arrays and the co-like scratch buffers.</summary>
    public long AllocatedBytes => (_popularity?.AllocatedBytes ?? 0) + _coLikeBias.AllocatedBytes;

    /// <summary>
    /// The bias for a personalised query: the popularity prior (empty when the model has none), plus, when the model
    /// has a co-like weight and the query carries the user's likes, γ · Σ_p w_p · c(row, R_p) / sqrt(n_row).
    /// </summary>
    public ReadOnlySpan<float> For(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var popularity = _tracker.PopularityWeight > 0f ? Popularity().Bias : [];
        var coLike = _tracker.CoLike;
        if (!coLike.IsEnabled || query.CoLikeWeights.Count == 0)
        {
            return popularity;
        }

        return _coLikeBias.Compute(coLike, CoLikes, query.CoLikeWeights, popularity, items.Count, row => items[row].Interactions);
    }
}
