namespace Seed.Evaluation.Tests;

public sealed class MetricAccumulatorTests
{
    [Fact]
    public void Hand_made_ranks_give_the_textbook_metrics()
    {
        var metrics = new MetricAccumulator(k: 10, catalogSize: 100);
        foreach (var rank in new[] { 1, 3, 0, 25, 11 })
        {
            metrics.AddRank(rank);
        }

        var result = metrics.Result("m");

        Assert.Equal(5, result.Events);
        Assert.Equal(1, result.ExcludedTargets);
        Assert.Equal(2.0 / 5, result.HitRate, 12);
        Assert.Equal((1.0 + (1.0 / Math.Log2(4))) / 5, result.Ndcg, 12);
        Assert.Equal((1.0 + (1.0 / 3) + (1.0 / 25) + (1.0 / 11)) / 5, result.Mrr, 12);
        Assert.Equal(3.0 / 5, result.Recall20, 12);
    }

    [Fact]
    public void Ndcg_discounts_by_log2_of_rank_plus_one_and_stops_at_k()
    {
        foreach (var (rank, expected) in new[] { (1, 1.0), (2, 1 / Math.Log2(3)), (7, 1 / 3.0), (5, 0.0) })
        {
            var metrics = new MetricAccumulator(k: 4, catalogSize: 10);
            metrics.AddRank(rank);
            Assert.Equal(rank == 7 ? 0.0 : expected, metrics.Result("m").Ndcg, 12);
        }
    }

    [Fact]
    public void Coverage_counts_distinct_recommended_items_over_the_catalog()
    {
        var metrics = new MetricAccumulator(k: 2, catalogSize: 10);
        metrics.AddRecommendations([1, 2]);
        metrics.AddRecommendations([2, 3]);
        metrics.AddRank(1);

        Assert.Equal(0.3, metrics.Result("m").Coverage, 12);
    }
}
