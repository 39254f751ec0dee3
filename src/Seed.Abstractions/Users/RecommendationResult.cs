using Seed.Abstractions.Catalog;

namespace Seed.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("Seed.RecommendationResult")]
public sealed record RecommendationResult
{
    [Id(0)] public required string UserId { get; init; }

    /// <summary>"personalized" when ranked by the interest vector, "popularity" for users with no signal yet.</summary>
    [Id(1)] public required string Strategy { get; init; }

    [Id(2)] public required IReadOnlyList<ScoredItem> Items { get; init; }

    [Id(3)] public long EventCount { get; init; }
}
