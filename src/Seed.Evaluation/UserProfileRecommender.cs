using Seed.Core.Numerics;
using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// Base of the content baselines: one vector per user built from the embeddings of the items the user liked
/// (<see cref="PositiveInteraction"/>); the ranking query is that vector normalised. Users without a positive
/// interaction yet get the shared popularity ranking. Item vectors are the model's own <see cref="LiveCatalogRows"/>:
/// a like is folded in with the item's text as of that moment, and rankings use the current texts.
/// </summary>
public abstract class UserProfileRecommender(ItemCatalogIndex catalog, PopularityRanking coldStart) : IRecommenderUnderTest
{
    private readonly Dictionary<string, float[]> _profiles = new(StringComparer.Ordinal);
    private readonly LiveCatalogRows _rows = new(catalog);

    public abstract string Name { get; }

    public void Observe(InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!PositiveInteraction.IsPositive(interaction) || !catalog.TryGetRow(interaction.ItemId, out var row))
        {
            return;
        }

        if (!_profiles.TryGetValue(interaction.UserId, out var profile))
        {
            profile = new float[catalog.Dimension];
            _profiles[interaction.UserId] = profile;
        }

        Accumulate(profile, _rows.Row(row));
    }

    public void ItemTextChanged(string itemId, string text) => _rows.Replace(itemId, text);

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude)
    {
        var query = QueryFor(userId);
        return query is null ? coldStart.Recommend(k, exclude) : VectorRanking.Recommend(_rows.Rows, catalog.Dimension, query, k, exclude);
    }

    public int RankOf(string userId, int row, RowBitSet exclude)
    {
        var query = QueryFor(userId);
        return query is null ? coldStart.RankOf(row, exclude) : VectorRanking.RankOf(_rows.Rows, catalog.Dimension, query, row, exclude);
    }

    /// <summary>Folds one liked item's unit embedding into the user's profile.</summary>
    protected abstract void Accumulate(float[] profile, ReadOnlySpan<float> itemEmbedding);

    private float[]? QueryFor(string userId)
    {
        if (!_profiles.TryGetValue(userId, out var profile))
        {
            return null;
        }

        var query = (float[])profile.Clone();
        var norm = VectorOps.NormalizeInPlace(query);
        return norm > 0f && float.IsFinite(norm) ? query : null;
    }
}
