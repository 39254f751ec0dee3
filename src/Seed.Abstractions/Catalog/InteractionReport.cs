namespace Seed.Abstractions.Catalog;

/// <summary>What one user's event batch tells a catalog shard about its items: positive interactions and co-like pairs.</summary>
[GenerateSerializer, Immutable, Alias("Seed.InteractionReport")]
public sealed record InteractionReport
{
    /// <summary>One entry per positive interaction (an item liked twice appears twice).</summary>
    [Id(0)] public IReadOnlyList<string> LikedItemIds { get; init; } = [];

    /// <summary>Pairs whose first item this shard owns.</summary>
    [Id(1)] public IReadOnlyList<CoLikePair> CoLikes { get; init; } = [];
}
