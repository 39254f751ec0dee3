namespace Seed.Abstractions.Catalog;

/// <summary>Running sum of ranking vectors of all items that carry one category or tag, from one shard.</summary>
[GenerateSerializer, Immutable, Alias("Seed.LabelVectorSum")]
public sealed record LabelVectorSum
{
    [Id(0)] public required string Label { get; init; }

    [Id(1)] public required LabelKind Kind { get; init; }

    [Id(2)] public required float[] Sum { get; init; }

    [Id(3)] public int ItemCount { get; init; }
}
