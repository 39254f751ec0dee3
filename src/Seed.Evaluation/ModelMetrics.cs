namespace Seed.Evaluation;

/// <summary>One model's results over the evaluated test events.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Events">Number of evaluated (positive, in-catalog) test events.</param>
/// <param name="HitRate">HR@K: share of events whose item was in the top K.</param>
/// <param name="Ndcg">NDCG@K with one relevant item: 1 / log2(rank + 1) when rank &lt;= K, else 0.</param>
/// <param name="Mrr">Mean of 1 / full rank (0 when the item was excluded as already seen).</param>
/// <param name="Recall20">Recall@20, which equals HR@20 with one target per event.</param>
/// <param name="Coverage">Distinct items in any top-K list / catalog size.</param>
/// <param name="ExcludedTargets">Events whose item the user had already interacted with, counted as misses.</param>
public sealed record ModelMetrics(string Name, int Events, double HitRate, double Ndcg, double Mrr, double Recall20, double Coverage, int ExcludedTargets);
