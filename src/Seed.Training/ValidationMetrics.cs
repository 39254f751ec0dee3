namespace Seed.Training;

/// <summary>Full-catalog ranking quality on the validation slice, measured as the evaluation does (seen items excluded).</summary>
internal sealed record ValidationMetrics(int Targets, double HitRate10, double Ndcg10, double Mrr);
