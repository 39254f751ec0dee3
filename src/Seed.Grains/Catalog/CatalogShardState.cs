using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>Persisted state of one catalog shard.</summary>
[GenerateSerializer, Alias("Seed.CatalogShardState")]
public sealed class CatalogShardState
{
    [Id(0)] public List<StoredItem> Items { get; set; } = [];
}
