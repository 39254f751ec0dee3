using Seed.Core.Numerics;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// "mean-profile": the mean of the embeddings of every item the user liked. The profile keeps the sum, which has the
/// same direction as the mean, and the query is normalised, so the count is never needed.
/// </summary>
public sealed class MeanProfileRecommender(ItemCatalogIndex catalog, PopularityRanking coldStart) : UserProfileRecommender(catalog, coldStart)
{
    public override string Name => "mean-profile";

    protected override void Accumulate(float[] profile, ReadOnlySpan<float> itemEmbedding) => VectorOps.ScaleAndAdd(profile, itemEmbedding, 1f);
}
