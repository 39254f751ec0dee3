using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// Chronological replay. The model first observes the whole history. Then test events are replayed in global time
/// order; before each positive one (<see cref="PositiveInteraction"/>) the model ranks the WHOLE catalog for that
/// user minus the items the user already interacted with (history and earlier test events, any kind), with no
/// sampled negatives, and the true item's rank is recorded; then the event is applied. Cold users get the model's
/// cold-start answer. Events whose item is not in the catalog are skipped entirely (no embedding, nothing to rank).
/// Where item texts come from earlier reviews (<see cref="ItemCatalogIndex.ItemTexts"/>), every item whose text changed
/// is announced (<see cref="IRecommenderUnderTest.ItemTextChanged"/>) before the first event, history or test, whose
/// timestamp is later than the reviews behind the change: a prediction at t sees reviews strictly before t only.
/// </summary>
public static class ReplayEvaluator
{
    // How often progress is reported, in test events.
    private const int ProgressInterval = 500;

    /// <summary>
    /// Replays and scores one model; <paramref name="progress"/> receives counts of processed test events and
    /// <paramref name="targetRanks"/>, when given, every evaluated event's target rank in replay order (0 = already seen),
    /// so two runs of the same model can be compared event by event.
    /// </summary>
    public static ModelMetrics Evaluate(
        IRecommenderUnderTest model,
        IReadOnlyList<InteractionEvent> history,
        IReadOnlyList<InteractionEvent> test,
        ItemCatalogIndex catalog,
        int k,
        Action<int>? progress = null,
        ICollection<int>? targetRanks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(catalog);
        var seenByUser = new Dictionary<string, RowBitSet>(StringComparer.Ordinal);
        var itemTexts = catalog.ItemTexts?.Start();
        foreach (var interaction in history)
        {
            AnnounceItemTexts(model, itemTexts, interaction.Timestamp);
            Apply(model, interaction, catalog, seenByUser);
        }

        var metrics = new MetricAccumulator(k, catalog.Count);
        var listLength = Math.Max(k, MetricAccumulator.RecallCutoff);
        var sinceProgress = 0;
        foreach (var interaction in test)
        {
            AnnounceItemTexts(model, itemTexts, interaction.Timestamp);
            if (PositiveInteraction.IsPositive(interaction) && catalog.TryGetRow(interaction.ItemId, out var target))
            {
                var seen = SeenBy(interaction.UserId, seenByUser, catalog.Count);
                var recommended = model.Recommend(interaction.UserId, listLength, seen);
                metrics.AddRecommendations(recommended.Take(k));
                var rank = seen.Contains(target) ? 0 : RankWithin(recommended, target) ?? model.RankOf(interaction.UserId, target, seen);
                metrics.AddRank(rank);
                targetRanks?.Add(rank);
            }

            Apply(model, interaction, catalog, seenByUser);
            if (++sinceProgress == ProgressInterval)
            {
                progress?.Invoke(sinceProgress);
                sinceProgress = 0;
            }
        }

        progress?.Invoke(sinceProgress);
        return metrics.Result(model.Name);
    }

    private static int? RankWithin(IReadOnlyList<int> recommended, int target)
    {
        for (var position = 0; position < recommended.Count; position++)
        {
            if (recommended[position] == target)
            {
                return position + 1;
            }
        }

        return null;
    }

    private static void AnnounceItemTexts(IRecommenderUnderTest model, ItemTextReplay? itemTexts, DateTimeOffset moment)
    {
        foreach (var change in itemTexts?.AdvanceTo(moment) ?? [])
        {
            model.ItemTextChanged(change.ItemId, change.Text);
        }
    }

    private static void Apply(IRecommenderUnderTest model, InteractionEvent interaction, ItemCatalogIndex catalog, Dictionary<string, RowBitSet> seenByUser)
    {
        if (!catalog.TryGetRow(interaction.ItemId, out var row))
        {
            return;
        }

        model.Observe(interaction);
        SeenBy(interaction.UserId, seenByUser, catalog.Count).Add(row);
    }

    private static RowBitSet SeenBy(string userId, Dictionary<string, RowBitSet> seenByUser, int catalogSize)
    {
        if (!seenByUser.TryGetValue(userId, out var seen))
        {
            seen = new RowBitSet(catalogSize);
            seenByUser[userId] = seen;
        }

        return seen;
    }
}
