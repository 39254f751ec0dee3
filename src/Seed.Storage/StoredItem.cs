using Seed.Abstractions.Catalog;

namespace Seed.Storage;

/// <summary>An item as a shard persists it: the description, its raw text embedding and its live interaction count.</summary>
[GenerateSerializer, Alias("Seed.StoredItem")]
public sealed class StoredItem
{
    [Id(0)] public required CatalogItem Item { get; set; }

    /// <summary>Raw text embedding; the ranking vector is derived from it by the item tower on activation.</summary>
    [Id(1)] public required float[] Embedding { get; set; }

    [Id(2)] public double Interactions { get; set; }
}
