using System.Numerics.Tensors;
using Seed.Core.Numerics;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// "ema-profile": exponential moving average of liked items, x ← (1 − λ)·x + λ·a per positive interaction, so recent
/// likes weigh more (λ near 1 = only the last like matters). Event order, not wall-clock time, drives the decay.
/// </summary>
public sealed class EmaProfileRecommender : UserProfileRecommender
{
    private readonly float _lambda;

    public EmaProfileRecommender(ItemCatalogIndex catalog, PopularityRanking coldStart, float lambda)
        : base(catalog, coldStart)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lambda, 1f);
        _lambda = lambda;
    }

    public override string Name => "ema-profile";

    protected override void Accumulate(float[] profile, ReadOnlySpan<float> itemEmbedding)
    {
        TensorPrimitives.Multiply(profile, 1f - _lambda, profile);
        VectorOps.ScaleAndAdd(profile, itemEmbedding, _lambda);
    }
}
