using Npgsql;
using Seed.Storage;

namespace Seed.Persistence.Postgres;

/// <summary>
/// The catalog of record in table <c>seed_items</c>: one row per item with its shard, its description as JSON and
/// its raw embedding as <c>real[]</c>. Shards load their rows on activation, so a shard moved to another silo (or
/// restarted) comes back with every item without any grain state.
/// </summary>
public sealed class PostgresItemStore(NpgsqlDataSource dataSource) : ICatalogItemStore
{
    public ICatalogShardStore Open(IGrainContext shardActivation)
    {
        ArgumentNullException.ThrowIfNull(shardActivation);
        return new PostgresShardStore(dataSource, (int)shardActivation.GrainId.GetIntegerKey());
    }
}
