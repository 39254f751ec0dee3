namespace Seed.Evaluation;

/// <summary>The outcome of one evaluation run.</summary>
/// <param name="Dataset">Data set folder name.</param>
/// <param name="K">Cutoff used for HR, NDCG and coverage.</param>
/// <param name="Events">Number of evaluated test events (the same for every model).</param>
/// <param name="Models">Per-model metrics, in evaluation order.</param>
public sealed record EvaluationReport(string Dataset, int K, int Events, IReadOnlyList<ModelMetrics> Models);
