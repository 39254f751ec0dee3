using Microsoft.Extensions.Logging;
using Npgsql;

namespace Seed.Persistence.Postgres;

/// <summary>
/// Applies the project's SQL scripts (deploy/postgres, copied beside the binaries as <c>postgres/*.sql</c>) in
/// name order. Every script is idempotent, so this runs on every deployment; an advisory lock keeps silos that
/// start together with <c>--migrate</c> from applying them concurrently.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Arbitrary but fixed: the advisory lock id for Seed migrations.</summary>
    private const long MigrationLockId = 0x5EED_0001;

    public static string DefaultScriptDirectory => Path.Combine(AppContext.BaseDirectory, "postgres");

    public static async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, string? scriptDirectory = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var directory = scriptDirectory ?? DefaultScriptDirectory;
        var scripts = Directory.GetFiles(directory, "*.sql").Order(StringComparer.Ordinal).ToList();
        if (scripts.Count == 0)
        {
            throw new FileNotFoundException($"No *.sql scripts in {directory}.");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockId})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            foreach (var script in scripts)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(await File.ReadAllTextAsync(script, cancellationToken), connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger?.LogInformation("Applied {Script}", Path.GetFileName(script));
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockId})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return scripts.Select(Path.GetFileName).ToList()!;
    }
}
