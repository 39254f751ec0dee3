namespace Seed.Abstractions.Catalog;

/// <summary>
/// One user liked <see cref="ItemId"/> and <see cref="OtherItemId"/> close together: the shard that owns
/// <see cref="ItemId"/> counts it one more time. Each like sends both directions, so each shard counts its own items' pairs.
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.CoLikePair")]
public sealed record CoLikePair(string ItemId, string OtherItemId)
{
    [Id(0)] public string ItemId { get; init; } = ItemId;

    [Id(1)] public string OtherItemId { get; init; } = OtherItemId;
}
