using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// Chooses a learned model's live co-like settings (<see cref="CoLikeSettings"/>) on a validation slice carved from the
/// history only, as <see cref="EmaLambdaSelection"/> chooses EMA's λ: the last share of the history (by time) is
/// replayed as a test against the rest, with the product's own <see cref="InterestTrackerRecommender"/>, once per
/// candidate; the best NDCG@K wins (ties: the earlier candidate, and "off" comes first, so the signal is only switched
/// on when it helps). Seed.Training runs it after training and writes the winner into the model's config.json; the
/// test period is never looked at.
/// </summary>
public static class CoLikeSelection
{
    /// <summary>Values of γ tried (with every decay).</summary>
    public static readonly IReadOnlyList<float> Weights = [0.1f, 0.3f, 1f, 3f];

    /// <summary>Values of δ tried (with every weight).</summary>
    public static readonly IReadOnlyList<float> Decays = [0.5f, 0.7f, 0.9f];

    /// <summary>"Off" first, then every weight × decay with the default window.</summary>
    public static IReadOnlyList<CoLikeSettings> Candidates { get; } =
        [CoLikeSettings.Disabled, .. Weights.SelectMany(weight => Decays.Select(decay => new CoLikeSettings(weight, decay, CoLikeSettings.DefaultWindow)))];

    /// <summary>
    /// Replays the validation slice of <paramref name="history"/> for each candidate (in parallel) and returns the best
    /// and every candidate's metrics, in candidate order.
    /// </summary>
    public static (CoLikeSettings Best, IReadOnlyList<(CoLikeSettings Settings, ModelMetrics Metrics)> Scores) Select(
        IReadOnlyList<InteractionEvent> history,
        ItemCatalogIndex catalog,
        InterestModel model,
        InterestOptions options,
        int k,
        double validationShare,
        IReadOnlyList<CoLikeSettings>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validationShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(validationShare, 1.0);
        candidates ??= Candidates;
        var validationSplit = ChronologicalSplit.AtQuantile(history, 1 - validationShare);
        var coldStart = new PopularityRanking(catalog, validationSplit.History);
        var metrics = new ModelMetrics[candidates.Count];
        Parallel.For(0, candidates.Count, index =>
        {
            var recommender = new InterestTrackerRecommender(
                "lstm", new InterestTracker(options, model, catalog.Dimension), catalog, coldStart, candidates[index]);
            metrics[index] = ReplayEvaluator.Evaluate(recommender, validationSplit.History, validationSplit.Test, catalog, k);
        });

        var best = 0;
        for (var index = 1; index < metrics.Length; index++)
        {
            if (metrics[index].Ndcg > metrics[best].Ndcg)
            {
                best = index;
            }
        }

        return (candidates[best], [.. candidates.Select((settings, index) => (settings, metrics[index]))]);
    }
}
