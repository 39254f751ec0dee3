using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// The product's own interest code (<see cref="InterestTracker"/>) replayed offline: "lstm" with a learned
/// <see cref="InterestModel"/>, "fallback" without one (signed event weights, 30-day long-term decay, long-term-only
/// query). Every interaction is applied, negative ratings and tags included, exactly as the user grain would.
/// Item rows go through the tracker's item tower, as the catalog tier's ranking vectors do. A model with a popularity
/// prior ranks by q · v + weight · ln(1 + count), counting the positive interactions observed so far (history and
/// replayed test events) exactly as the catalog shards count them; its cold users are ranked by those counts alone,
/// as the cluster ranks them. Equal scores are ordered by item id in ordinal order (the order the cluster's shards and
/// merge use), personalised and cold alike, so that the online replay through a cluster can reproduce every rank. Item texts that change during the replay (Amazon
/// reviews) update the model's own <see cref="LiveCatalogRows"/> and re-project that item's ranking row, as a catalog
/// upsert does in the cluster. With the model's co-like signal on, each user's recent likes and the catalog-wide
/// co-like counts are kept as the user grains and catalog shards keep them (<see cref="RecentLikes"/>,
/// <see cref="CoLikeIndex"/>), and the ranking bias is computed by the same <see cref="CoLikeSettings"/> expressions.
/// </summary>
public sealed class InterestTrackerRecommender : IRecommenderUnderTest
{
    private readonly InterestTracker _tracker;
    private readonly ItemCatalogIndex _catalog;
    private readonly LiveCatalogRows _rows;
    private readonly PopularityRanking _coldStart;
    private readonly float[] _rankingRows;
    private readonly PopularityPrior? _popularity;
    private readonly Dictionary<string, UserInterestState> _states = new(StringComparer.Ordinal);
    private readonly CoLikeSettings _coLike;
    private readonly CoLikeIndex _coLikes = new();
    private readonly CoLikeBias _coLikeBias = new();
    private readonly Dictionary<string, RecentLikes> _recentLikes = new(StringComparer.Ordinal);

    /// <summary>Positive interactions per row so far: the n of the co-like normalisation (a shard's live interaction count).</summary>
    private readonly double[] _likeCounts;

    /// <summary>Each row's <see cref="CoLikeSettings.LikeCountRoot"/>, kept beside the counts as a shard keeps it.</summary>
    private readonly float[] _likeCountRoots;

    /// <summary>Each row's position in ordinal item-id order: the tie-break of every ranking this model makes.</summary>
    private readonly int[] _idOrder;

    /// <param name="coLike">The co-like settings to rank with; null takes the model's (validation tries others).</param>
    public InterestTrackerRecommender(string name, InterestTracker tracker, ItemCatalogIndex catalog, PopularityRanking coldStart, CoLikeSettings? coLike = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(catalog);
        Name = name;
        _tracker = tracker;
        _catalog = catalog;
        _coldStart = coldStart;
        _rows = new LiveCatalogRows(catalog);
        _rankingRows = new float[catalog.Count * tracker.EmbeddingDim];
        for (var row = 0; row < catalog.Count; row++)
        {
            ProjectRow(row);
        }

        _coLike = (coLike ?? tracker.CoLike).Validated();
        _likeCounts = new double[catalog.Count];
        _likeCountRoots = new float[catalog.Count];
        _popularity = tracker.PopularityWeight > 0 ? new PopularityPrior(tracker.PopularityWeight, catalog.Count) : null;
        _idOrder = new int[catalog.Count];
        var position = 0;
        foreach (var row in Enumerable.Range(0, catalog.Count).OrderBy(row => catalog.ItemIds[row], StringComparer.Ordinal))
        {
            _idOrder[row] = position++;
        }
    }

    public string Name { get; }

    public void Observe(InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!_catalog.TryGetRow(interaction.ItemId, out var row))
        {
            return;
        }

        if (!_states.TryGetValue(interaction.UserId, out var state))
        {
            state = _tracker.CreateState();
            _states[interaction.UserId] = state;
        }

        var applied = _tracker.Apply(state, _rows.EventEmbedding(row, interaction.Text), interaction.Kind, interaction.Rating, interaction.Timestamp);
        if (applied.Weight > 0)
        {
            _popularity?.Increment(row);
            _likeCounts[row] += 1;
            _likeCountRoots[row] = CoLikeSettings.LikeCountRoot(_likeCounts[row]);
            if (_coLike.IsEnabled)
            {
                CountCoLikes(interaction.UserId, interaction.ItemId);
            }
        }
    }

    private void CountCoLikes(string userId, string itemId)
    {
        if (!_recentLikes.TryGetValue(userId, out var likes))
        {
            likes = new RecentLikes([], _coLike.Window);
            _recentLikes[userId] = likes;
        }

        // The pairs a shard counts from the grain's runs: (item, other) and (other, item) for each other.
        var row = _catalog.TryGetRow(itemId, out var itemRow) ? itemRow : -1;
        foreach (var other in likes.Add(itemId))
        {
            if (row >= 0)
            {
                _coLikes.Increment(row, other);
            }

            if (_catalog.TryGetRow(other, out var otherRow))
            {
                _coLikes.Increment(otherRow, itemId);
            }
        }
    }

    public void ItemTextChanged(string itemId, string text)
    {
        var row = _rows.Replace(itemId, text);
        if (row >= 0)
        {
            ProjectRow(row);
        }
    }

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude)
    {
        if (QueryFor(userId) is { } query)
        {
            return VectorRanking.Recommend(_rankingRows, _tracker.EmbeddingDim, query, k, exclude, RowBias(userId), _idOrder);
        }

        return _popularity is null ? _coldStart.Recommend(k, exclude) : [.. LivePopularityOrder().Where(row => !exclude.Contains(row)).Take(k)];
    }

    public int RankOf(string userId, int row, RowBitSet exclude)
    {
        if (QueryFor(userId) is { } query)
        {
            return VectorRanking.RankOf(_rankingRows, _tracker.EmbeddingDim, query, row, exclude, RowBias(userId), _idOrder);
        }

        if (_popularity is null)
        {
            return _coldStart.RankOf(row, exclude);
        }

        var rank = 1;
        for (var other = 0; other < _catalog.Count; other++)
        {
            rank += other != row && !exclude.Contains(other) && RanksBefore(other, row) ? 1 : 0;
        }

        return rank;
    }

    private void ProjectRow(int row) => _tracker.ItemTower.Project(_rows.Row(row), _rankingRows.AsSpan(row * _tracker.EmbeddingDim, _tracker.EmbeddingDim));

    private ReadOnlySpan<float> PopularityBias => _popularity is null ? [] : _popularity.Bias;

    /// <summary>The popularity bias plus the user's co-like term, row by row, as a catalog shard computes it.</summary>
    private ReadOnlySpan<float> RowBias(string userId)
    {
        if (!_coLike.IsEnabled || !_recentLikes.TryGetValue(userId, out var likes) || likes.Items.Count == 0)
        {
            return PopularityBias;
        }

        var likeCounts = likes.Items.Select(likedId => _catalog.TryGetRow(likedId, out var likedRow) ? _likeCounts[likedRow] : 0).ToList();
        return _coLikeBias.Compute(_coLike, _coLikes, _coLike.QueryWeights(likes.Items, likeCounts), _popularity, _catalog.Count, _likeCountRoots);
    }

    /// <summary>Every row by live count, most first, equal counts by item id (ordinal).</summary>
    private IEnumerable<int> LivePopularityOrder() =>
        Enumerable.Range(0, _catalog.Count).OrderByDescending(row => _popularity!.CountOf(row)).ThenBy(row => _idOrder[row]);

    private bool RanksBefore(int row, int other)
    {
        var (count, otherCount) = (_popularity!.CountOf(row), _popularity.CountOf(other));
        return count > otherCount || (count == otherCount && _idOrder[row] < _idOrder[other]);
    }

    private float[]? QueryFor(string userId)
    {
        if (!_states.TryGetValue(userId, out var state))
        {
            return null;
        }

        var query = new float[_tracker.EmbeddingDim];
        return _tracker.ComputeQuery(state, query) ? query : null;
    }
}
