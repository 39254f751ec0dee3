namespace Seed.Grains.Catalog;

/// <summary>
/// A shard's live popularity and co-like counts, persisted apart from its items (when no item store is configured): the periodic
/// flush then writes one number per counted item instead of every item with its embedding, and the shard, which is
/// not reentrant, is not blocked for the seconds a whole-catalog write takes.
/// </summary>
[GenerateSerializer, Alias("Seed.CatalogInteractionState")]
public sealed class CatalogInteractionState
{
    /// <summary>Positive interactions per item id (only items that have any).</summary>
    [Id(0)] public Dictionary<string, double> Counts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Co-like counts: item id → the items liked with it → how many times.</summary>
    [Id(1)] public Dictionary<string, Dictionary<string, int>> CoLikes { get; set; } = new(StringComparer.Ordinal);
}
