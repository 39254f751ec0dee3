using Seed.Core.Datasets;
using Seed.Core.Interest;
using Seed.Core.Ranking;

namespace Seed.Evaluation;

/// <summary>
/// The product's own interest code (<see cref="InterestTracker"/>) replayed offline: "lstm" with a learned
/// <see cref="InterestModel"/>, "fallback" without one (signed event weights, 30-day long-term decay, long-term-only
/// query). Every interaction is applied, negative ratings and tags included, exactly as the user grain would.
/// Item rows go through the tracker's item tower, as the catalog tier's ranking vectors do.
/// </summary>
public sealed class InterestTrackerRecommender : IRecommenderUnderTest
{
    private readonly InterestTracker _tracker;
    private readonly ItemCatalogIndex _catalog;
    private readonly PopularityRanking _coldStart;
    private readonly float[] _rankingRows;
    private readonly Dictionary<string, UserInterestState> _states = new(StringComparer.Ordinal);

    public InterestTrackerRecommender(string name, InterestTracker tracker, ItemCatalogIndex catalog, PopularityRanking coldStart)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(catalog);
        Name = name;
        _tracker = tracker;
        _catalog = catalog;
        _coldStart = coldStart;
        _rankingRows = new float[catalog.Count * tracker.EmbeddingDim];
        for (var row = 0; row < catalog.Count; row++)
        {
            tracker.ItemTower.Project(catalog.Row(row), _rankingRows.AsSpan(row * tracker.EmbeddingDim, tracker.EmbeddingDim));
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

        _tracker.Apply(state, _catalog.EventEmbedding(row, interaction.Text), interaction.Kind, interaction.Rating, interaction.Timestamp);
    }

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude)
    {
        var query = QueryFor(userId);
        return query is null ? _coldStart.Recommend(k, exclude) : VectorRanking.Recommend(_rankingRows, _tracker.EmbeddingDim, query, k, exclude);
    }

    public int RankOf(string userId, int row, RowBitSet exclude)
    {
        var query = QueryFor(userId);
        return query is null ? _coldStart.RankOf(row, exclude) : VectorRanking.RankOf(_rankingRows, _tracker.EmbeddingDim, query, row, exclude);
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
