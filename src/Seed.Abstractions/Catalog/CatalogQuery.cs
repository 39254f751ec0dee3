namespace Seed.Abstractions.Catalog;

/// <summary>A ranking request against the catalog tier.</summary>
[GenerateSerializer, Immutable, Alias("Seed.CatalogQuery")]
public sealed record CatalogQuery
{
    /// <summary>Unit-length interest vector in the ranking space; empty asks for popularity order.</summary>
    [Id(0)] public float[] Vector { get; init; } = [];

    [Id(1)] public required int K { get; init; }

    [Id(2)] public IReadOnlyList<string> ExcludeItemIds { get; init; } = [];

    /// <summary>When non-empty, only items in at least one of these categories qualify.</summary>
    [Id(3)] public IReadOnlyList<string> IncludeCategories { get; init; } = [];

    [Id(4)] public IReadOnlyList<string> ExcludeCategories { get; init; } = [];

    /// <summary>MMR trade-off in [0, 1]: 1 is pure relevance; null disables diversification.</summary>
    [Id(5)] public float? DiversityLambda { get; init; }

    /// <summary>
    /// The user's recent likes with their query weights, for the model's live co-like term (empty when the model has
    /// none or the user has no likes). Sent to every shard, which adds each row's weighted co-like counts to its score.
    /// </summary>
    [Id(6)] public IReadOnlyList<CoLikeWeight> CoLikeWeights { get; init; } = [];

    /// <summary>
    /// The interest model version that made <see cref="Vector"/> (empty when unknown). A shard whose silo has not
    /// loaded that version yet syncs with the model registry before it scores, so the query and its rows match.
    /// </summary>
    [Id(7)] public string ModelVersion { get; init; } = "";
}
