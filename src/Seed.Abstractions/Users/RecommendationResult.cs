using Seed.Abstractions.Catalog;

namespace Seed.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("Seed.RecommendationResult")]
public sealed record RecommendationResult
{
    [Id(0)] public required string UserId { get; init; }

    [Id(1)] public required RecommendationStrategy Strategy { get; init; }

    [Id(2)] public required IReadOnlyList<ScoredItem> Items { get; init; }

    [Id(3)] public long EventCount { get; init; }
}
