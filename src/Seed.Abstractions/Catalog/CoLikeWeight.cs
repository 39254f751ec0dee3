namespace Seed.Abstractions.Catalog;

/// <summary>
/// One of the user's recent likes in a ranking query: every catalog row gains <see cref="Weight"/> times its co-like
/// count with <see cref="ItemId"/> (before the shard's own normalisation and the model's co-like weight).
/// </summary>
[GenerateSerializer, Immutable, Alias("Seed.CoLikeWeight")]
public sealed record CoLikeWeight(string ItemId, float Weight)
{
    [Id(0)] public string ItemId { get; init; } = ItemId;

    [Id(1)] public float Weight { get; init; } = Weight;
}
