using Seed.Abstractions.Catalog;

namespace Seed.Abstractions.Users;

/// <summary>Where one item stands in a user's recommendations, ranked exactly as <see cref="RecommendationResult"/> lists them.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ItemRankResult")]
public sealed record ItemRankResult
{
    [Id(0)] public required string UserId { get; init; }

    /// <summary>As in <see cref="RecommendationResult.Strategy"/>.</summary>
    [Id(1)] public required RecommendationStrategy Strategy { get; init; }

    [Id(2)] public required ItemRank Item { get; init; }

    [Id(3)] public long EventCount { get; init; }
}
