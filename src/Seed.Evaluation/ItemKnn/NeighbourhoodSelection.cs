using Seed.Datasets;

namespace Seed.Evaluation.ItemKnn;

/// <summary>
/// Chooses item-knn's neighbourhood size on the validation slice, as <see cref="EmaLambdaSelection"/> chooses λ: the
/// last <see cref="EmaLambdaSelection.ValidationShare"/> of the history (by time) is replayed against similarities
/// built from the rest, and the size with the best NDCG@K wins (ties: the smaller one). Test events are never read.
/// </summary>
public static class NeighbourhoodSelection
{
    /// <summary>The sizes tried; null is "all neighbours".</summary>
    public static readonly IReadOnlyList<int?> Candidates = [10, 20, 50, 100, 200, 400, null];

    public static (int? Size, IReadOnlyList<(int? Size, double Ndcg)> Scores) Select(
        IReadOnlyList<InteractionEvent> history, ItemCatalogIndex catalog, int k, IReadOnlyList<int?>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        candidates ??= Candidates;
        var validationSplit = ChronologicalSplit.AtQuantile(history, 1 - EmaLambdaSelection.ValidationShare);
        var popularity = new PopularityRanking(catalog, validationSplit.History);
        var largest = candidates.Contains(null) ? null : candidates.Max();
        var similarities = ItemSimilarities.Build(catalog, validationSplit.History, largest);
        var scores = new double[candidates.Count];
        Parallel.For(0, candidates.Count, index =>
        {
            var model = new ItemKnnRecommender(similarities, catalog, popularity, candidates[index]);
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

        return (candidates[best], [.. candidates.Select((size, index) => (size, scores[index]))]);
    }
}
