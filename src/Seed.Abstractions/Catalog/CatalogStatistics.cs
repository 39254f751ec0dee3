namespace Seed.Abstractions.Catalog;

[GenerateSerializer, Immutable, Alias("Seed.CatalogStatistics")]
public sealed record CatalogStatistics
{
    [Id(0)] public int ShardCount { get; init; }

    [Id(1)] public int ItemCount { get; init; }

    [Id(2)] public int Dimension { get; init; }

    /// <summary>What the shards hold in memory for the items, by structure.</summary>
    [Id(3)] public CatalogFootprint Footprint { get; init; } = CatalogFootprint.Empty;
}
