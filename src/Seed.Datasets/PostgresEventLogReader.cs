using System.Data;
using System.Text.Json;
using Npgsql;
using Seed.Abstractions;
using Seed.Abstractions.Catalog;

namespace Seed.Datasets;

/// <summary>
/// Reads the cluster's own traffic for training: the durable event log (<c>seed_event_log</c>) and the item table
/// (<c>seed_items</c>) of deploy/postgres/010-seed-tables.sql, into the <see cref="InteractionDataset"/> the folder
/// readers produce, so the trainer and the evaluator treat the cluster's history like any public data set.
/// <para>Items keep their table order (<c>ord</c>, first upsert first) and the fields the catalog embedded, so
/// <see cref="DatasetItem.EmbeddingText"/> is the text the cluster encoded. Events keep the log's values (the kind,
/// the rating, the text) and are put in replay order (<see cref="DatasetLoader.InReplayOrder"/>); rows that tie on
/// time, user and item keep their log order (<c>seq</c>).</para>
/// </summary>
public static class PostgresEventLogReader
{
    // The same serializer settings as the item store that wrote the rows (Seed.Persistence.Postgres.PostgresShardStore).
    private static readonly JsonSerializerOptions ItemJson = new(JsonSerializerDefaults.Web);

    /// <summary>Reads both tables in one repeatable-read snapshot, so every logged event sees the items of the same moment.</summary>
    /// <exception cref="InvalidDataException">The tables are missing, hold a row that cannot be read, or give nothing to train on.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses the connection.</exception>
    public static PostgresEventLogSnapshot Read(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var source = SourceName(connectionString);
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            var items = ReadItems(connection, transaction, source);
            var known = items.Select(item => item.Id).ToHashSet(StringComparer.Ordinal);
            var snapshot = ReadEvents(connection, transaction, source, known);
            if (items.Count == 0 || snapshot.Events.Count == 0)
            {
                throw new InvalidDataException(
                    $"{source}: nothing to train on ({items.Count:N0} items; {snapshot.Events.Count:N0} of {snapshot.Logged:N0} logged events are about a known item).");
            }

            var dataset = new InteractionDataset(source, items, DatasetLoader.InReplayOrder(snapshot.Events));
            return new PostgresEventLogSnapshot(dataset, snapshot.Logged, snapshot.WithoutItem, snapshot.UnknownItem);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidDataException($"{source}: {ex.MessageText}; create the tables with deploy/postgres/*.sql (a silo with Postgres storage applies them).", ex);
        }
    }

    /// <summary>A short name for the data set: database at host, without credentials.</summary>
    public static string SourceName(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres {builder.Database ?? builder.Username}@{builder.Host}";
    }

    /// <summary>The data set item for a catalog item as the item table stores it.</summary>
    public static DatasetItem ToDatasetItem(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new DatasetItem(item.Id, item.Title, item.Categories, item.Tags) { Text = item.Text };
    }

    private static List<DatasetItem> ReadItems(NpgsqlConnection connection, NpgsqlTransaction transaction, string source)
    {
        using var command = new NpgsqlCommand("SELECT item_id, item FROM seed_items ORDER BY ord", connection, transaction);
        using var reader = command.ExecuteReader();
        var items = new List<DatasetItem>();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            CatalogItem? item;
            try
            {
                item = JsonSerializer.Deserialize<CatalogItem>(reader.GetString(1), ItemJson);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{source}: seed_items row '{id}' is not a catalog item: {ex.Message}", ex);
            }

            // The key column is the item's identity; the JSON copy of the id is never read apart from it.
            items.Add(ToDatasetItem(item ?? throw new InvalidDataException($"{source}: seed_items row '{id}' has a null item.")) with { Id = id });
        }

        return items;
    }

    private static (List<InteractionEvent> Events, int Logged, int WithoutItem, int UnknownItem) ReadEvents(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string source, HashSet<string> knownItems)
    {
        using var command = new NpgsqlCommand(
            "SELECT seq, user_id, event_type, item_id, event_text, event_time, rating FROM seed_event_log ORDER BY seq", connection, transaction);
        using var reader = command.ExecuteReader();
        var events = new List<InteractionEvent>();
        var (logged, withoutItem, unknownItem) = (0, 0, 0);
        while (reader.Read())
        {
            logged++;
            var kind = (EventType)reader.GetInt16(2);
            if (!Enum.IsDefined(kind))
            {
                // A kind this build does not know has no slot in the model's event features.
                throw new InvalidDataException($"{source}: seed_event_log row {reader.GetInt64(0)} has event type {(int)kind}, unknown to this trainer.");
            }

            if (reader.IsDBNull(3))
            {
                withoutItem++;
                continue;
            }

            var itemId = reader.GetString(3);
            if (!knownItems.Contains(itemId))
            {
                unknownItem++;
                continue;
            }

            events.Add(new InteractionEvent(
                reader.GetString(1),
                itemId,
                reader.GetFieldValue<DateTimeOffset>(5),
                kind,
                reader.IsDBNull(6) ? null : reader.GetFloat(6),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return (events, logged, withoutItem, unknownItem);
    }
}
