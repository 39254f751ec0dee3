using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Storage;

namespace Seed.Persistence.Postgres;

/// <summary>
/// The durable event log with group commit: every user grain on the silo enqueues its append, and one writer loop
/// sends everything queued so far as a single statement (one round trip, one WAL flush). While a write is in
/// flight new appends queue up and form the next group, so throughput grows with concurrency instead of collapsing
/// to one round trip per event. Each caller's task completes only after the commit that holds its rows.
/// </summary>
public sealed class PostgresEventLog : IEventLog, IAsyncDisposable
{
    private const string InsertColumns = "user_id, event_id, event_type, item_id, event_text, event_time, rating, context";

    private const string UnnestInsert = $"""
        INSERT INTO seed_event_log ({InsertColumns})
        SELECT u, e, t, i, x, ts, r, c
          FROM unnest(@u, @e, @t, @i, @x, @ts, @r, @c) WITH ORDINALITY AS v(u, e, t, i, x, ts, r, c, ord)
         ORDER BY ord
        ON CONFLICT (user_id, event_id) DO NOTHING
        RETURNING seq, user_id, event_id
        """;

    private const string StageTable = $"""
        CREATE TEMP TABLE IF NOT EXISTS seed_event_stage
        (ord integer, user_id text, event_id text, event_type smallint, item_id text, event_text text,
         event_time timestamptz, rating real, context jsonb) ON COMMIT DELETE ROWS
        """;

    private const string StageInsert = $"""
        INSERT INTO seed_event_log ({InsertColumns})
        SELECT {InsertColumns} FROM seed_event_stage ORDER BY ord
        ON CONFLICT (user_id, event_id) DO NOTHING
        RETURNING seq, user_id, event_id
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SeedStorageOptions _options;
    private readonly ILogger<PostgresEventLog> _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresEventLog(NpgsqlDataSource dataSource, IOptions<SeedStorageOptions> options, ILogger<PostgresEventLog> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public bool IsDurable => true;

    public ValueTask<IReadOnlyList<LoggedEvent>> AppendAsync(string userId, IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<LoggedEvent>>([]);
        }

        var pending = new PendingAppend(userId, events);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StorageUnavailableException("The event log is shutting down.");
        }

        return new ValueTask<IReadOnlyList<LoggedEvent>>(pending.Completion.Task);
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string userId, long position, CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("event log read", async () =>
        {
            await using var command = _dataSource.CreateCommand("""
                SELECT seq, event_id, event_type, item_id, event_text, event_time, rating, context
                  FROM seed_event_log WHERE user_id = @u AND seq > @p ORDER BY seq
                """);
            command.Parameters.AddWithValue("u", userId);
            command.Parameters.AddWithValue("p", position);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var result = new List<LoggedEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new LoggedEvent(reader.GetInt64(0), new UserEvent
                {
                    EventId = reader.GetString(1),
                    Type = (EventType)reader.GetInt16(2),
                    ItemId = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Text = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Timestamp = new DateTimeOffset(reader.GetFieldValue<DateTime>(5), TimeSpan.Zero),
                    Rating = reader.IsDBNull(6) ? null : reader.GetFloat(6),
                    Context = reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)),
                }));
            }

            return (IReadOnlyList<LoggedEvent>)result;
        });

    /// <summary>The durable log keeps every row: it is the audit trail and the dedup key.</summary>
    public void Compact(string userId, long position)
    {
    }

    public Task EraseAsync(string userId, CancellationToken cancellationToken = default) =>
        PostgresFailures.GuardAsync("event log erase", async () =>
        {
            await using var command = _dataSource.CreateCommand("DELETE FROM seed_event_log WHERE user_id = @u");
            command.Parameters.AddWithValue("u", userId);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var rows = 0;
            while (rows < _options.MaxAppendBatchEvents && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                rows += pending.Events.Count;
            }

            await WriteGroupAsync(group, rows);
        }
    }

    private async Task WriteGroupAsync(List<PendingAppend> group, int rowCount)
    {
        var started = Stopwatch.GetTimestamp();
        Dictionary<(string, string), long> positions;
        try
        {
            positions = _options.AppendMode == EventAppendMode.Copy
                ? await InsertViaCopyAsync(group)
                : await InsertViaUnnestAsync(group, rowCount);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Event log append of {Rows} events failed: {Message}", rowCount, ex.Message);
            var failure = PostgresFailures.IsUnavailable(ex) ? PostgresFailures.Unavailable("event log append", ex) : ex;
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(failure);
            }

            return;
        }

        foreach (var pending in group)
        {
            var appended = new List<LoggedEvent>(pending.Events.Count);
            foreach (var userEvent in pending.Events)
            {
                if (positions.TryGetValue((pending.UserId, userEvent.EventId), out var position))
                {
                    appended.Add(new LoggedEvent(position, userEvent));
                }
            }

            pending.Completion.TrySetResult(appended);
        }

        _logger.LogDebug("Group commit: {Rows} events from {Appends} appends in {Elapsed:F1} ms",
            rowCount, group.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<Dictionary<(string, string), long>> InsertViaUnnestAsync(List<PendingAppend> group, int rowCount)
    {
        var users = new string[rowCount];
        var ids = new string[rowCount];
        var types = new short[rowCount];
        var items = new string?[rowCount];
        var texts = new string?[rowCount];
        var times = new DateTime[rowCount];
        var ratings = new float?[rowCount];
        var contexts = new string?[rowCount];
        var row = 0;
        foreach (var pending in group)
        {
            foreach (var userEvent in pending.Events)
            {
                users[row] = pending.UserId;
                ids[row] = userEvent.EventId;
                types[row] = (short)userEvent.Type;
                items[row] = userEvent.ItemId;
                texts[row] = userEvent.Text;
                times[row] = userEvent.Timestamp.UtcDateTime;
                ratings[row] = userEvent.Rating;
                contexts[row] = ContextJson(userEvent);
                row++;
            }
        }

        await using var command = _dataSource.CreateCommand(UnnestInsert);
        command.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = users });
        command.Parameters.Add(new NpgsqlParameter("e", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = types });
        command.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = items });
        command.Parameters.Add(new NpgsqlParameter("x", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts });
        command.Parameters.Add(new NpgsqlParameter("ts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = ratings });
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = contexts });
        await using var reader = await command.ExecuteReaderAsync();
        return await ReadPositionsAsync(reader);
    }

    private async Task<Dictionary<(string, string), long>> InsertViaCopyAsync(List<PendingAppend> group)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand(StageTable, connection, transaction))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var import = await connection.BeginBinaryImportAsync(
            $"COPY seed_event_stage (ord, {InsertColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            var ord = 0;
            foreach (var pending in group)
            {
                foreach (var userEvent in pending.Events)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(ord++, NpgsqlDbType.Integer);
                    await import.WriteAsync(pending.UserId, NpgsqlDbType.Text);
                    await import.WriteAsync(userEvent.EventId, NpgsqlDbType.Text);
                    await import.WriteAsync((short)userEvent.Type, NpgsqlDbType.Smallint);
                    await import.WriteAsync(userEvent.ItemId, NpgsqlDbType.Text);
                    await import.WriteAsync(userEvent.Text, NpgsqlDbType.Text);
                    await import.WriteAsync(userEvent.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await import.WriteAsync(userEvent.Rating, NpgsqlDbType.Real);
                    await import.WriteAsync(ContextJson(userEvent), NpgsqlDbType.Jsonb);
                }
            }

            await import.CompleteAsync();
        }

        Dictionary<(string, string), long> positions;
        await using (var insert = new NpgsqlCommand(StageInsert, connection, transaction))
        await using (var reader = await insert.ExecuteReaderAsync())
        {
            positions = await ReadPositionsAsync(reader);
        }

        await transaction.CommitAsync();
        return positions;
    }

    private static async Task<Dictionary<(string, string), long>> ReadPositionsAsync(NpgsqlDataReader reader)
    {
        var positions = new Dictionary<(string, string), long>();
        while (await reader.ReadAsync())
        {
            positions[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
        }

        return positions;
    }

    private static string? ContextJson(UserEvent userEvent) =>
        userEvent.Context is { Count: > 0 } context ? JsonSerializer.Serialize(context) : null;

    private sealed class PendingAppend(string userId, IReadOnlyList<UserEvent> events)
    {
        public string UserId { get; } = userId;

        public IReadOnlyList<UserEvent> Events { get; } = events;

        public TaskCompletionSource<IReadOnlyList<LoggedEvent>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
