namespace Seed.Abstractions.Catalog;

/// <summary>
/// The co-like pairs one like makes that share an item: a user liked <see cref="ItemId"/> while their recent likes
/// held <see cref="OtherItemIds"/>. A run counts (<see cref="ItemId"/>, other) for each other, at the shard that owns
/// <see cref="ItemId"/>; with <see cref="OthersFirst"/> it counts (other, <see cref="ItemId"/>) instead, at the shard
/// that owns those others. A like is one run per shard rather than one object per pair (38 with a window of 20), which
/// was the largest allocation of the single-event path.
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.CoLikeRun")]
public sealed record CoLikeRun(string ItemId, IReadOnlyList<string> OtherItemIds, bool OthersFirst = false)
{
    [Id(0)] public string ItemId { get; init; } = ItemId;

    [Id(1)] public IReadOnlyList<string> OtherItemIds { get; init; } = OtherItemIds;

    /// <summary>Whether the pairs are (other, <see cref="ItemId"/>): the run goes to the shard owning the others.</summary>
    [Id(2)] public bool OthersFirst { get; init; } = OthersFirst;
}
