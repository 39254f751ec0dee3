using Npgsql;
using Seed.Abstractions.Events;

namespace Seed.Persistence.Postgres;

/// <summary>Tells "the database cannot be reached right now" (retryable, 503) apart from bugs (500).</summary>
public static class PostgresFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // Server-side errors: connection exceptions (08), insufficient resources (53), operator intervention (57:
        // shutdown, "the database system is starting up"). Anything else (a constraint, a syntax error) is a bug.
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    /// <summary>Runs <paramref name="operation"/>, turning an outage into <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(string what, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(what, ex);
        }
    }

    public static StorageUnavailableException Unavailable(string what, Exception cause) =>
        new($"PostgreSQL unavailable ({what}): {cause.Message}", cause);
}
