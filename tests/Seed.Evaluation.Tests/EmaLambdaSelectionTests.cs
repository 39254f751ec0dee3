using Seed.Datasets;

namespace Seed.Evaluation.Tests;

public sealed class EmaLambdaSelectionTests
{
    private const int ClusterSize = 20;
    private const int Dimension = 2 + (2 * ClusterSize);

    /// <summary>
    /// Items of cluster A point along axis 0, cluster B along axis 1, each with its own small orthogonal component.
    /// Every user likes 9 A items, then 1 B item; the validation slice holds B likes only. After the B like, B
    /// outweighs A exactly when λ &gt; (1 − λ)(1 − (1 − λ)^9), i.e. for λ &gt;= 0.5 among the candidates; those all reach
    /// NDCG 1 (remaining B items tie and the lowest row, the target, comes first), so the earliest of them, 0.5, wins.
    /// </summary>
    [Fact]
    public void Picks_the_smallest_lambda_with_the_best_validation_ndcg()
    {
        var catalog = ClusteredCatalog();
        var events = new List<InteractionEvent>();
        const int Users = 10;
        for (var step = 0; step < 9; step++)
        {
            for (var user = 0; user < Users; user++)
            {
                events.Add(SyntheticData.Rating($"u{user}", ARow(1 + ((user + step) % (ClusterSize - 1))), 5, events.Count));
            }
        }

        for (var user = 0; user < Users; user++)
        {
            events.Add(SyntheticData.Rating($"u{user}", BRow(5 + user), 5, events.Count));
        }

        // 100 training events, then 13 validation events (quantile index floor(0.9 · 112) = 100 is the first of them).
        for (var user = 0; user < Users; user++)
        {
            events.Add(SyntheticData.Rating($"u{user}", BRow(0), 5, 1000 + user));
        }

        for (var user = 0; user < 3; user++)
        {
            events.Add(SyntheticData.Rating($"u{user}", BRow(1), 5, 2000 + user));
        }

        var (lambda, scores) = EmaLambdaSelection.Select(events, catalog, k: 10);

        Assert.Equal(0.5f, lambda);
        Assert.Equal(0.0, scores.Single(s => s.Lambda == 0.05f).Ndcg, 12);
        Assert.Equal(1.0, scores.Single(s => s.Lambda == 0.5f).Ndcg, 12);
        Assert.Equal(1.0, scores.Single(s => s.Lambda == 0.7f).Ndcg, 12);
    }

    private static int ARow(int index) => index;

    private static int BRow(int index) => ClusterSize + index;

    private static ItemCatalogIndex ClusteredCatalog()
    {
        var vectors = new List<float[]>();
        for (var cluster = 0; cluster < 2; cluster++)
        {
            for (var index = 0; index < ClusterSize; index++)
            {
                var vector = new float[Dimension];
                vector[cluster] = 1f;
                vector[2 + (cluster * ClusterSize) + index] = 0.2f;
                vectors.Add(SyntheticData.Unit(vector));
            }
        }

        return new ItemCatalogIndex([.. Enumerable.Range(0, vectors.Count).Select(SyntheticData.ItemId)], vectors);
    }
}
