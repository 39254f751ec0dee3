namespace Seed.Abstractions.Catalog;

[GenerateSerializer, Immutable, Alias("Seed.CatalogStatistics")]
public sealed record CatalogStatistics
{
    [Id(0)] public int ShardCount { get; init; }

    [Id(1)] public int ItemCount { get; init; }

    [Id(2)] public int Dimension { get; init; }
}
