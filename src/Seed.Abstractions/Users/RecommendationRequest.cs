namespace Seed.Abstractions.Users;

/// <summary>What a client asks a user grain for.</summary>
[GenerateSerializer, Immutable, Alias("Seed.RecommendationRequest")]
public sealed record RecommendationRequest
{
    [Id(0)] public int K { get; init; } = 20;

    [Id(1)] public IReadOnlyList<string> IncludeCategories { get; init; } = [];

    [Id(2)] public IReadOnlyList<string> ExcludeCategories { get; init; } = [];

    /// <summary>Leave out the items the user recently interacted with.</summary>
    [Id(3)] public bool ExcludeSeen { get; init; } = true;

    [Id(4)] public float? DiversityLambda { get; init; }
}
