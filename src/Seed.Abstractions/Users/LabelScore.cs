using Seed.Abstractions.Catalog;

namespace Seed.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("Seed.LabelScore")]
public sealed record LabelScore
{
    [Id(0)] public required string Label { get; init; }

    [Id(1)] public LabelKind Kind { get; init; }

    [Id(2)] public float Score { get; init; }
}
