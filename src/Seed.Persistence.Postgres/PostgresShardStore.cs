using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Seed.Abstractions.Catalog;
using Seed.Storage;

namespace Seed.Persistence.Postgres;

/// <summary>One shard's rows of <c>seed_items</c>; see <see cref="PostgresItemStore"/>.</summary>
internal sealed class PostgresShardStore(NpgsqlDataSource dataSource, int shard) : ICatalogShardStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<IReadOnlyList<StoredItem>> LoadAsync(CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("item load", async () =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT item, embedding, interactions FROM seed_items WHERE shard = @s ORDER BY ord");
            command.Parameters.AddWithValue("s", shard);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var items = new List<StoredItem>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new StoredItem
                {
                    Item = JsonSerializer.Deserialize<CatalogItem>(reader.GetString(0), Json)
                        ?? throw new InvalidDataException("seed_items.item is null"),
                    Embedding = reader.GetFieldValue<float[]>(1),
                    Interactions = reader.GetDouble(2),
                });
            }

            return (IReadOnlyList<StoredItem>)items;
        });

    public Task UpsertAsync(ShardUpsert upsert, CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("item upsert", async () =>
        {
            ArgumentNullException.ThrowIfNull(upsert);
            // One batch, one round trip, one transaction: the upsert is all-or-nothing like the grain call.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var stored in upsert.Written)
            {
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO seed_items (item_id, shard, item, embedding, interactions)
                    VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (item_id) DO UPDATE
                       SET shard = EXCLUDED.shard, item = EXCLUDED.item, embedding = EXCLUDED.embedding, updated_at = now()
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = stored.Item.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = shard });
                command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(stored.Item, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
                command.Parameters.Add(new NpgsqlParameter { Value = stored.Embedding, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real });
                command.Parameters.Add(new NpgsqlParameter { Value = stored.Interactions });
                batch.BatchCommands.Add(command);
            }

            return await batch.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task SaveInteractionsAsync(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("item interactions", async () =>
        {
            await using var command = dataSource.CreateCommand("""
                UPDATE seed_items AS s SET interactions = v.n
                  FROM unnest(@ids, @counts) AS v(id, n)
                 WHERE s.item_id = v.id
                """);
            command.Parameters.AddWithValue("ids", items.Select(stored => stored.Item.Id).ToArray());
            command.Parameters.AddWithValue("counts", items.Select(stored => stored.Interactions).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task<IReadOnlyList<StoredCoLike>> LoadCoLikesAsync(CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("co-like load", async () =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT c.item_id, c.other_id, c.count
                  FROM seed_item_co_likes AS c JOIN seed_items AS s ON s.item_id = c.item_id
                 WHERE s.shard = @s
                """);
            command.Parameters.AddWithValue("s", shard);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var counts = new List<StoredCoLike>();
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(new StoredCoLike(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }

            return (IReadOnlyList<StoredCoLike>)counts;
        });

    public Task SaveCoLikesAsync(IReadOnlyList<StoredCoLike> counts, CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("co-like counts", async () =>
        {
            ArgumentNullException.ThrowIfNull(counts);
            // Current values, not increments: a retried flush writes the same numbers again.
            await using var command = dataSource.CreateCommand("""
                INSERT INTO seed_item_co_likes (item_id, other_id, count)
                SELECT * FROM unnest(@items, @others, @counts)
                ON CONFLICT (item_id, other_id) DO UPDATE SET count = EXCLUDED.count
                """);
            command.Parameters.AddWithValue("items", counts.Select(count => count.ItemId).ToArray());
            command.Parameters.AddWithValue("others", counts.Select(count => count.OtherItemId).ToArray());
            command.Parameters.AddWithValue("counts", counts.Select(count => count.Count).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
}
