using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// The embedded default: each shard keeps its items in its own grain state (storage <c>catalog</c>), and its live
/// interaction counts in a second, small state, so the periodic count flush does not rewrite every item.
/// </summary>
public sealed class GrainStateItemStore(IPersistentStateFactory states) : ICatalogItemStore
{
    public ICatalogShardStore Open(IGrainContext shardActivation) => new GrainStateShardStore(
        states.Create<CatalogShardState>(shardActivation, new PersistentStateAttribute("catalog", "catalog")),
        states.Create<CatalogInteractionState>(shardActivation, new PersistentStateAttribute("interactions", "catalog")));
}
