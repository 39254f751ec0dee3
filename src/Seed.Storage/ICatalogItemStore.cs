namespace Seed.Storage;

/// <summary>
/// Where catalog shards keep their items: in each shard's own grain state (the embedded default, in Seed.Grains) or
/// in the PostgreSQL table <c>seed_items</c> (Seed.Persistence.Postgres). The shard grain only sees the
/// <see cref="ICatalogShardStore"/> it opens here.
/// </summary>
public interface ICatalogItemStore
{
    /// <summary>
    /// The store of one shard activation. Called from the shard grain's constructor: a store backed by grain state
    /// attaches that state to the activation's lifecycle there, exactly as a <c>[PersistentState]</c> parameter would.
    /// </summary>
    ICatalogShardStore Open(IGrainContext shardActivation);
}
