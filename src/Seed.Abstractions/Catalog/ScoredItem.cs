namespace Seed.Abstractions.Catalog;

/// <summary>One ranked candidate.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ScoredItem")]
public sealed record ScoredItem
{
    [Id(0)] public required string ItemId { get; init; }

    [Id(1)] public required string Title { get; init; }

    /// <summary>Cosine similarity to the query, or the popularity for popularity-ordered lists.</summary>
    [Id(2)] public float Score { get; init; }

    [Id(3)] public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The ranking vector, filled only when the caller needs it for diversification.</summary>
    [Id(4)] public float[]? Vector { get; init; }
}
