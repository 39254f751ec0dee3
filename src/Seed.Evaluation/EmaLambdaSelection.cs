using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// Chooses the EMA rate λ on a validation slice carved from the history only: the last
/// <see cref="ValidationShare"/> of the history (by time) is replayed as a test against the rest, and the λ with the
/// best NDCG@K wins (ties: the earlier candidate). The test events are never looked at.
/// </summary>
public static class EmaLambdaSelection
{
    /// <summary>The λ values tried.</summary>
    public static readonly IReadOnlyList<float> Candidates = [0.05f, 0.1f, 0.2f, 0.3f, 0.5f, 0.7f];

    /// <summary>Share of the history (by time) used as validation.</summary>
    public const double ValidationShare = 0.1;

    /// <summary>Runs the validation replay for each candidate (in parallel) and returns the best λ and every candidate's NDCG@K.</summary>
    public static (float Lambda, IReadOnlyList<(float Lambda, double Ndcg)> Scores) Select(
        IReadOnlyList<InteractionEvent> history, ItemCatalogIndex catalog, int k, IReadOnlyList<float>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        candidates ??= Candidates;
        var validationSplit = ChronologicalSplit.AtQuantile(history, 1 - ValidationShare);
        var coldStart = new PopularityRanking(catalog, validationSplit.History);
        var scores = new double[candidates.Count];
        Parallel.For(0, candidates.Count, index =>
        {
            var model = new EmaProfileRecommender(catalog, coldStart, candidates[index]);
            scores[index] = ReplayEvaluator.Evaluate(model, validationSplit.History, validationSplit.Test, catalog, k).Ndcg;
        });

        var best = 0;
        for (var index = 1; index < scores.Length; index++)
        {
            if (scores[index] > scores[best])
            {
                best = index;
            }
        }

        return (candidates[best], [.. candidates.Select((lambda, index) => (lambda, scores[index]))]);
    }
}
