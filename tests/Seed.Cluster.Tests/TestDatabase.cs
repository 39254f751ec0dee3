using Npgsql;
using Seed.Persistence.Postgres;

namespace Seed.Cluster.Tests;

/// <summary>A uniquely named database with the deploy/postgres scripts applied, dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The test's own queries do not pool: a pooled connection would be dead after a server restart.</summary>
    private string QueryConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(string serverConnectionString)
    {
        var name = "seed_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        // Short connect/command timeouts: an outage must surface as an error quickly, never as a hang.
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString)
        {
            Database = name,
            Timeout = 5,
            CommandTimeout = 15,
            MaxPoolSize = 20,
        }.ConnectionString;
        await PostgresSchema.ApplyAsync(connectionString, ClusterTestEnvironment.ScriptDirectory);
        return new TestDatabase(serverConnectionString, name, connectionString);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(QueryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(QueryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A throwaway server may already be gone; nothing to clean up then.
        }
    }
}
